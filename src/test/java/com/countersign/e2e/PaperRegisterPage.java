package com.countersign.e2e;

import org.openqa.selenium.WebElement;

/** /paper/register: reserved numbers still on paper; each open number's row has "Enter this form". */
final class PaperRegisterPage {

    private final Browser browser;

    PaperRegisterPage(Browser browser) {
        this.browser = browser;
    }

    PaperRegisterPage open() {
        browser.go("/paper/register");
        return expectOpen();
    }

    PaperRegisterPage expectOpen() {
        browser.shown("//h2[normalize-space()='Paper form register']");
        browser.shown("//vaadin-grid");
        browser.idle();
        return this;
    }

    /** Switches "Show" to the numbers already entered. */
    PaperRegisterPage showEntered() {
        browser.press(browser.shown("//vaadin-radio-button[label[normalize-space()='Entered']]"));
        browser.idle();
        return this;
    }

    /** The "Enter this form" button in the number's row. */
    WebElement enterButton(String number) {
        return browser.inRow("//vaadin-grid", number, "vaadin-button");
    }

    boolean mayEnter(String number) {
        return enterButton(number).getAttribute("disabled") == null;
    }

    /** Opens the editor at /proformas/new?paper=NUMBER from the register. */
    ProformaEditorPage enter(String number) {
        WebElement button = enterButton(number);
        browser.until(d -> button.getAttribute("disabled") == null ? Boolean.TRUE : null);
        browser.press(button);
        browser.until(d -> d.getCurrentUrl().contains("/proformas/new?paper=" + number) ? Boolean.TRUE : null);
        browser.shown("//h2[normalize-space()=" + Browser.literal("Paper form " + number) + "]");
        browser.idle();
        return new ProformaEditorPage(browser);
    }
}
