package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.Cookie;
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
    void theSignInPageCarriesItsTokenPolicyAndCookieFlags() {
        Browser browser = browser();
        new LoginPage(browser).open();

        // the login form sends this token along; without it a sign-in is refused
        assertThat(browser.js("return document.querySelector('meta[name=_csrf]')?.content")).isNotNull();
        Object policy = browser.js("""
                const request = new XMLHttpRequest();
                request.open('GET', '/login', false);
                request.send();
                return request.getResponseHeader('Content-Security-Policy');""");
        assertThat(String.valueOf(policy)).contains("script-src 'self' 'unsafe-inline' 'unsafe-eval'")
                .contains("frame-ancestors 'none'");
        Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        LoginPage login = new LoginPage(browser).signIn("staff", "staff-demo-pass").expectSignedIn("staff");
        login.signOut();
    }

    @Test
    void aWrongPasswordShowsTheGenericError() {
        Browser browser = browser();
        new LoginPage(browser).open().signIn("staff", "not-the-password").expectGenericError();
        browser.screenshot("login-wrong-password");
        assertThat(browser.driver.getCurrentUrl()).contains("/login");
    }
}
