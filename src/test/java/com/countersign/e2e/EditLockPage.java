package com.countersign.e2e;

/** /lock: a manager locks editing with a reason and unlocks it. */
final class EditLockPage {

    private final Browser browser;

    EditLockPage(Browser browser) {
        this.browser = browser;
    }

    EditLockPage open() {
        browser.go("/lock");
        browser.shown("//h2[normalize-space()='Editing lock']");
        return this;
    }

    EditLockPage lock(String reason) {
        browser.type("vaadin-text-area", "Why is editing locked?", reason);
        browser.click("Lock editing");
        browser.notification("Editing is locked.");
        return this;
    }

    EditLockPage unlock(String note) {
        browser.type("vaadin-text-field", "Note on unlocking (optional)", note);
        browser.click("Unlock editing");
        browser.notification("Editing is open again.");
        return this;
    }
}
