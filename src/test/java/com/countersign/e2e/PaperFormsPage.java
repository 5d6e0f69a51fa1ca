package com.countersign.e2e;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /paper: the filter, the download links (Vaadin download handlers, saved by Chromium into the
 * browser's own download directory) and blank numbered forms.
 */
final class PaperFormsPage {

    /** Numbers of a reserved batch, from the notification "Reserved PF-… to PF-…. Print them …". */
    record Reserved(String first, String last) {}

    private static final Pattern RESERVED = Pattern.compile("Reserved (PF-\\d{4}-\\d+) to (PF-\\d{4}-\\d+)");

    private final Browser browser;

    PaperFormsPage(Browser browser) {
        this.browser = browser;
    }

    PaperFormsPage open() {
        browser.go("/paper");
        browser.shown("//h2[normalize-space()='Paper forms']");
        return this;
    }

    PaperFormsPage filterByCustomer(String prefix, int expected) {
        browser.type("vaadin-text-field", "Customer starts with", prefix);
        browser.shown("//span[normalize-space()='Prints all " + expected + " proformas matching the filter.']");
        return this;
    }

    /** Clicks "Download PDF forms", waits for the saved file and for the page to report the forms written. */
    PdfFile downloadPdfPack(int expectedForms) {
        Path file = browser.download(browser.shown("//a[normalize-space()='Download PDF forms']"));
        browser.waitForText(expectedForms + " forms written.");
        return PdfFile.read(file);
    }

    /** Types the count, reserves, and returns the numbers the notification names. */
    Reserved reserveBlankForms(int count, String forWhom) {
        browser.type("vaadin-integer-field", "Blank forms", String.valueOf(count));
        if (forWhom != null) {
            browser.type("vaadin-text-field", "For (optional)", forWhom);
        }
        browser.click("Reserve numbers");
        Matcher m = RESERVED.matcher(browser.notification("Reserved ").getText());
        if (!m.find()) {
            throw new AssertionError("no reserved numbers in the notification");
        }
        return new Reserved(m.group(1), m.group(2));
    }

    /** The newest batch is the first row of the batches grid: its "PDF" link, saved by Chromium. */
    PdfFile downloadNewestBlankBatch() {
        Path file = browser.download(browser.shown("//vaadin-grid-cell-content//a[normalize-space()='PDF']"));
        return PdfFile.read(file);
    }

    PaperRegisterPage openRegister() {
        browser.press(browser.shown("//a[normalize-space()='Open the paper form register']"));
        return new PaperRegisterPage(browser).expectOpen();
    }
}
