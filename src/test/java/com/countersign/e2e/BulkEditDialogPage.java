package com.countersign.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The bulk edit dialog opened from the list: operation, value, preview, reason, submit. */
final class BulkEditDialogPage {

    private static final Pattern SUBMITTED = Pattern.compile("Change set (\\d+) submitted for approval");

    private final Browser browser;

    BulkEditDialogPage(Browser browser) {
        this.browser = browser;
    }

    BulkEditDialogPage expectOpen() {
        browser.shown("//vaadin-dialog-overlay[contains(normalize-space(.), 'Bulk edit of')]");
        return this;
    }

    /** Picks an operation in the combo box by typing its label and taking the filtered item. */
    BulkEditDialogPage operation(String label) {
        WebElement input = browser.input("vaadin-combo-box", "Operation");
        browser.press(input);
        input.sendKeys(label);
        browser.press(browser.shown("//vaadin-combo-box-item[normalize-space()=" + Browser.literal(label) + "]"));
        browser.until(d -> label.equals(input.getDomProperty("value")) ? Boolean.TRUE : null);
        return this;
    }

    BulkEditDialogPage value(String valueLabel, String value) {
        browser.type("vaadin-text-field", valueLabel, value);
        return this;
    }

    /** Preview, then waits for the exact counts line. */
    BulkEditDialogPage preview(String expectedCounts) {
        browser.click("Preview");
        browser.shown("//span[contains(normalize-space(.), " + Browser.literal(expectedCounts) + ")]");
        return this;
    }

    /** Submits with a reason; returns the change set id from the notification. */
    long submit(String reason) {
        WebElement area = browser.input("vaadin-text-area", "Why is this change needed?");
        browser.press(area);
        area.sendKeys(reason, Keys.TAB);
        browser.idle();
        browser.click("Submit for approval");
        Matcher m = SUBMITTED.matcher(browser.notification("submitted for approval").getText());
        if (!m.find()) {
            throw new AssertionError("no change set id in the notification");
        }
        return Long.parseLong(m.group(1));
    }
}
