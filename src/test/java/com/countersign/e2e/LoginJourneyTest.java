package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoginJourneyTest extends BrowserTest {

    @Test
    void everyRoleSignsInAndSeesItsMenu() {
        // one browser, signing out between people (a new Chromium per person costs seconds each)
        Browser browser = browser();
        for (String user : List.of("staff", "staff2", "reviewer", "manager", "admin")) {
            LoginPage login = new LoginPage(browser).open();
            login.signIn(user, user + "-demo-pass").expectSignedIn(user);
            browser.screenshot("login-" + user);
            login.signOut();
        }
    }

    @Test
    void aWrongPasswordShowsTheGenericError() {
        Browser browser = browser();
        new LoginPage(browser).open().signIn("staff", "not-the-password").expectGenericError();
        browser.screenshot("login-wrong-password");
        assertThat(browser.driver.getCurrentUrl()).contains("/login");
    }
}
