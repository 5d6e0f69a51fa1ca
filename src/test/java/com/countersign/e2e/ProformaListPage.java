package com.countersign.e2e;

/** /proformas: filters, the lazy grid (cells are light-DOM vaadin-grid-cell-content), bulk edit. */
final class ProformaListPage {

    private final Browser browser;

    ProformaListPage(Browser browser) {
        this.browser = browser;
    }

    ProformaListPage open() {
        browser.go("/proformas");
        browser.shown("//h2[normalize-space()='Proformas']");
        return this;
    }

    /** Types into "Customer starts with" and waits until the count says how many match. */
    ProformaListPage filterByCustomer(String prefix, int expectedMatches) {
        browser.type("vaadin-text-field", "Customer starts with", prefix);
        browser.shown("//span[normalize-space()='" + expectedMatches + " matching']");
        browser.idle();
        return this;
    }

    /** The row's customer cell, once the grid has rendered it. */
    ProformaListPage expectRow(String customer) {
        browser.shown(cell(customer));
        return this;
    }

    ProformaEditorPage openRow(String customer) {
        browser.press(browser.shown(cell(customer)));
        return new ProformaEditorPage(browser).expectLoaded();
    }

    BulkEditDialogPage bulkEdit() {
        browser.click("Bulk edit…");
        return new BulkEditDialogPage(browser).expectOpen();
    }

    private static String cell(String text) {
        return "//vaadin-grid-cell-content[normalize-space()=" + Browser.literal(text) + "]";
    }
}
