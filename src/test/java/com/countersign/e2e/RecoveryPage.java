package com.countersign.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * /recovery: the recent change sets grid (under the heading "Recent change sets"), "Undo selected
 * change set", the restore preview and its submit. Found by headings, labels and button texts.
 */
final class RecoveryPage {

    private static final Pattern PREVIEWED = Pattern.compile("Change set (\\d+) restores (\\d+) proforma");
    private static final Pattern SUBMITTED = Pattern.compile("Change set (\\d+) is waiting for review");

    /** What the restore preview's summary line says. */
    record Preview(long changeSetId, int proformas, String summary) {}

    private final Browser browser;

    RecoveryPage(Browser browser) {
        this.browser = browser;
    }

    RecoveryPage open() {
        browser.go("/recovery");
        browser.shown("//h2[normalize-space()='Recovery']");
        browser.shown(changeSetsGrid());
        browser.idle();
        return this;
    }

    private static String changeSetsGrid() {
        return "//h3[normalize-space()='Recent change sets']/following-sibling::vaadin-grid[1]";
    }

    /** Selects the change set whose row shows the reason (a cell of the recent change sets grid). */
    RecoveryPage selectChangeSet(String reason) {
        browser.press(browser.shown(changeSetsGrid() + "/vaadin-grid-cell-content[normalize-space()="
                + Browser.literal(reason) + "]"));
        browser.until(d -> browser.button("Undo selected change set").getAttribute("disabled") == null
                ? Boolean.TRUE : null);
        return this;
    }

    /** "Undo selected change set", then waits for the preview's summary line. */
    Preview previewUndo() {
        browser.click("Undo selected change set");
        WebElement summary = browser.shown("//p[starts-with(normalize-space(.), 'Change set ') "
                + "and contains(., ' restores ')]");
        Matcher m = PREVIEWED.matcher(summary.getText());
        if (!m.find()) {
            throw new AssertionError("no restore summary: " + summary.getText());
        }
        return new Preview(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), summary.getText());
    }

    /** The restore preview grid's cell holding the text, once rendered. */
    WebElement previewCell(String text) {
        return browser.shown("//h3[normalize-space()='Restore preview']/following-sibling::vaadin-grid[1]"
                + "/vaadin-grid-cell-content[normalize-space()=" + Browser.literal(text) + "]");
    }

    /** Types the reason and submits; returns the id the notification names. */
    long submit(String reason) {
        WebElement area = browser.input("vaadin-text-area", "Why is this restore needed?");
        browser.press(area);
        area.sendKeys(reason, Keys.TAB);
        browser.idle();
        browser.click("Submit for approval");
        Matcher m = SUBMITTED.matcher(browser.notification("is waiting for review").getText());
        if (!m.find()) {
            throw new AssertionError("no change set id in the notification");
        }
        return Long.parseLong(m.group(1));
    }
}
