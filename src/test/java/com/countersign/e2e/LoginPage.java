package com.countersign.e2e;

import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** /login: Vaadin's login form posting to Spring Security. */
final class LoginPage {

    private final Browser browser;

    LoginPage(Browser browser) {
        this.browser = browser;
    }

    LoginPage open() {
        browser.go("/login");
        browser.shown("//vaadin-login-form");
        return this;
    }

    LoginPage signIn(String user, String password) {
        WebElement name = browser.shown("//*[@id='vaadinLoginUsername']//input");
        name.sendKeys(user);
        WebElement secret = browser.shown("//*[@id='vaadinLoginPassword']//input");
        secret.sendKeys(password);
        secret.sendKeys(Keys.ENTER);
        return this;
    }

    /** The shell shows the signed-in user's name next to "Sign out". */
    LoginPage expectSignedIn(String user) {
        browser.until(d -> !d.getCurrentUrl().contains("/login") ? Boolean.TRUE : null);
        browser.idle();
        browser.shown("//vaadin-app-layout//span[normalize-space()=" + Browser.literal(user) + "]");
        browser.button("Sign out");
        return this;
    }

    /** Back on /login?error with the one generic message that does not say which part was wrong. */
    LoginPage expectGenericError() {
        browser.until(d -> d.getCurrentUrl().contains("/login?error") ? Boolean.TRUE : null);
        browser.idle();
        browser.shown("//vaadin-login-form[@error]");
        browser.waitForText("The username or password is not right, or the account is disabled.");
        return this;
    }

    void signOut() {
        browser.click("Sign out");
        browser.until(d -> d.getCurrentUrl().contains("/login") ? Boolean.TRUE : null);
    }
}
