package com.countersign.e2e;

/** /approvals/mine: my change sets; selecting one shows "Change set N is STATUS. Reason: …" and its timeline. */
final class MyRequestsPage {

    private final Browser browser;

    MyRequestsPage(Browser browser) {
        this.browser = browser;
    }

    MyRequestsPage open() {
        browser.go("/approvals/mine");
        browser.shown("//h2[normalize-space()='My requests']");
        browser.idle();
        return this;
    }

    /** Selects the request by its id cell (the first column) and returns the detail line. */
    String select(long changeSetId) {
        String detail = "Change set " + changeSetId + " is ";
        for (var cell : browser.all("//vaadin-grid-cell-content[normalize-space()='" + changeSetId + "']")) {
            if (!cell.isDisplayed()) {
                continue;
            }
            browser.press(cell);
            var shown = browser.all("//p[starts-with(normalize-space(.), " + Browser.literal(detail) + ")]").stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed).findFirst();
            if (shown.isPresent()) {
                return shown.get().getText();
            }
        }
        throw new AssertionError("change set " + changeSetId + " is not among my requests");
    }
}
