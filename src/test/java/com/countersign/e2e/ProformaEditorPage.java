package com.countersign.e2e;

import org.openqa.selenium.Keys;
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

    /** Types into Notes and, with the cursor still in the field, presses Ctrl+S: no Tab, no click. */
    ProformaEditorPage typeNotesAndPressCtrlS(String notes) {
        WebElement input = browser.input("vaadin-text-area", "Notes");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(notes);
        input.sendKeys(Keys.chord(Keys.CONTROL, "s"));
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

    /** The heading: the proforma's number, or "Paper form PF-…" while a paper form is typed in. */
    String title() {
        return browser.shown("//h2").getText();
    }

    /** Fills the header of a new (or paper) proforma; dates and currency keep their defaults. */
    ProformaEditorPage typeHeader(String customer, String address, String status) {
        typeCustomer(customer);
        browser.type("vaadin-text-area", "Address", address);
        browser.choose("Status", status);
        return this;
    }

    /**
     * Types line {@code number} (1-based); a line beyond the last is added first with "Add line".
     * The line fields carry aria labels ("Line 2 unit price"), not visible labels.
     */
    ProformaEditorPage typeLine(int number, String description, String quantity, String unitPrice, String taxRate) {
        if (browser.all(lineInput(number, "description")).isEmpty()) {
            browser.click("Add line");
        }
        browser.type(browser.shown(lineInput(number, "description")), description);
        browser.type(browser.shown(lineInput(number, "quantity")), quantity);
        browser.type(browser.shown(lineInput(number, "unit price")), unitPrice);
        browser.type(browser.shown(lineInput(number, "tax rate")), taxRate);
        return this;
    }

    private static String lineInput(int number, String part) {
        return "//input[@aria-label=" + Browser.literal("Line " + number + " " + part) + "]";
    }

    /** The live totals line under the lines, e.g. "Net 1,700.00 EUR · Tax … · Gross …". */
    String totals() {
        return browser.shown("//span[contains(@class, 'cs-totals')]").getText();
    }

    /** Opens one of the editor's tabs (Details, History, Print). */
    ProformaEditorPage tab(String label) {
        browser.press(browser.shown("//vaadin-tab[normalize-space()=" + Browser.literal(label) + "]"));
        return this;
    }

    boolean saveEnabled() {
        return browser.button("Save").getAttribute("disabled") == null;
    }

    /** The lock banner above every view while editing is locked. */
    WebElement lockBanner() {
        return browser.shown("//div[contains(@class, 'cs-lock-banner')]");
    }
}
