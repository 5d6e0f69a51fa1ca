package com.countersign.e2e;

import org.openqa.selenium.WebElement;

/** /proformas/{id}: the Details tab's fields, Save, the notification and the conflict dialog. */
final class ProformaEditorPage {

    private final Browser browser;

    ProformaEditorPage(Browser browser) {
        this.browser = browser;
    }

    ProformaEditorPage open(long id) {
        browser.go("/proformas/" + id);
        return expectLoaded();
    }

    ProformaEditorPage expectLoaded() {
        browser.until(d -> d.getCurrentUrl().matches(".*/proformas/\\d+$") ? Boolean.TRUE : null);
        browser.button("Save");
        browser.idle();
        return this;
    }

    String value(String component, String label) {
        return browser.input(component, label).getDomProperty("value");
    }

    String customer() {
        return value("vaadin-text-field", "Customer");
    }

    String notes() {
        return value("vaadin-text-area", "Notes");
    }

    ProformaEditorPage typeNotes(String notes) {
        browser.type("vaadin-text-area", "Notes", notes);
        return this;
    }

    ProformaEditorPage typeCustomer(String customer) {
        browser.type("vaadin-text-field", "Customer", customer);
        return this;
    }

    ProformaEditorPage save() {
        browser.click("Save");
        return this;
    }

    /** The success notification names the saved number, e.g. "PF-2026-000012 saved.". */
    WebElement expectSaved() {
        return browser.notification("saved.");
    }

    /** The conflict dialog's overlay, once shown. */
    WebElement expectConflictDialog() {
        return browser.shown("//vaadin-dialog-overlay[contains(normalize-space(.), 'Someone else saved this proforma')]");
    }

    boolean saveEnabled() {
        return browser.button("Save").getAttribute("disabled") == null;
    }

    /** The lock banner above every view while editing is locked. */
    WebElement lockBanner() {
        return browser.shown("//div[contains(@class, 'cs-lock-banner')]");
    }
}
