package com.countersign.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * /paper: the filter, the download links (Vaadin download handlers) and blank numbered forms. A
 * download is fetched from the link's URL with the browser's session cookie: headless Chromium
 * would save it somewhere unseen, and what matters is what the handler answers.
 */
final class PaperFormsPage {

    record Download(int status, String contentType, byte[] body) {}

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

    Download downloadPdfPack() {
        return fetch(browser.shown("//a[normalize-space()='Download PDF forms']").getDomProperty("href"));
    }

    /** Reserves blank forms and returns the PDF of the newest batch (first row of the batches grid). */
    Download reserveAndPrintBlankForms(int count) {
        browser.type("vaadin-integer-field", "Blank forms", String.valueOf(count));
        browser.click("Reserve numbers");
        browser.notification("Reserved ");
        return fetch(browser.shown("//vaadin-grid-cell-content//a[normalize-space()='PDF']").getDomProperty("href"));
    }

    Download fetch(String href) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(href)).timeout(Duration.ofSeconds(60))
                .header("Cookie", "JSESSIONID=" + browser.sessionCookie()).GET().build();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
