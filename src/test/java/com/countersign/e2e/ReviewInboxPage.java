package com.countersign.e2e;

import org.openqa.selenium.WebElement;

/** /approvals/inbox: the tasks grid; selecting a row shows "Change set N by …" and the decision buttons. */
final class ReviewInboxPage {

    private final Browser browser;

    ReviewInboxPage(Browser browser) {
        this.browser = browser;
    }

    ReviewInboxPage open() {
        browser.go("/approvals/inbox");
        browser.shown("//h2[normalize-space()='Review inbox']");
        browser.shown("//vaadin-grid");
        browser.idle();
        return this;
    }

    /**
     * Selects the change set's row. Its id is the first column, but another column (a count) can
     * hold the same digits, so each candidate cell is tried until the detail names the change set.
     */
    boolean select(long changeSetId) {
        String detail = "Change set " + changeSetId + " by ";
        for (WebElement cell : browser.all("//vaadin-grid-cell-content[normalize-space()='" + changeSetId + "']")) {
            if (!cell.isDisplayed()) {
                continue;
            }
            browser.press(cell);
            boolean shown = browser.all("//p[starts-with(normalize-space(.), " + Browser.literal(detail) + ")]")
                    .stream().anyMatch(WebElement::isDisplayed);
            if (shown) {
                return true;
            }
        }
        return false;
    }

    void approve(String comment) {
        browser.type("vaadin-text-area", "Comment (required to reject)", comment);
        browser.click("Approve");
        browser.notification("Approved.");
    }
}
