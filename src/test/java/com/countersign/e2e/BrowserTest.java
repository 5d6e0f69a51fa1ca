package com.countersign.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every browser journey: the whole application in a real servlet container on a random
 * port, profiles "test" and "e2e" (its own database directory). Every subclass has exactly these
 * annotations, so all journeys share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "e2e"})
@Tag("e2e")
@ExtendWith(ChromiumCondition.class)
abstract class BrowserTest {

    @LocalServerPort
    int port;

    /**
     * Signed-in browsers kept from one journey to the next, one per person and node: a new
     * Chromium and a sign-in cost seconds each. Every journey navigates with a full page load, so
     * it starts from a fresh Vaadin UI; only the session (the signed-in person) carries over. A
     * journey that fails closes the browsers it used, so a broken one is never handed on.
     */
    private static final Map<String, Browser> SIGNED_IN = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SIGNED_IN.values().forEach(Browser::close)));
    }

    /** Every browser this journey used (for the failure evidence). */
    private final List<Browser> browsers = new ArrayList<>();
    /** Those to close after the journey: its own, and on a failure the borrowed ones too. */
    private final List<Browser> owned = new ArrayList<>();
    private boolean failed;

    /** Before the application starts: on CI a missing browser fails here (locally ChromiumCondition skips). */
    @BeforeAll
    static void chromiumPresent() {
        if (Browser.onCi()) {
            Browser.requireChromium();
        }
    }

    /** On a failure every open browser leaves a screenshot and its DOM under target/e2e/failed-*. */
    @RegisterExtension
    final AfterTestExecutionCallback evidence = context -> {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        failed = true;
        for (int i = 0; i < browsers.size(); i++) {
            String name = "failed-" + context.getRequiredTestMethod().getName() + "-" + i;
            try {
                browsers.get(i).screenshot(name);
                browsers.get(i).saveDom(name);
            } catch (RuntimeException e) {
                // the evidence is a courtesy; the test's own failure is what counts
            }
        }
    };

    /** A fresh browser (its own profile and cookies), closed after the test. */
    Browser browser() {
        Browser browser = Browser.open("http://localhost:" + port);
        browsers.add(browser);
        owned.add(browser);
        return browser;
    }

    /** A fresh browser against another node (another base URL), closed after the test. */
    Browser browserOn(String baseUrl) {
        Browser browser = Browser.open(baseUrl);
        browsers.add(browser);
        owned.add(browser);
        return browser;
    }

    /** A fresh browser signed in as the demo user on another node. */
    Browser signedInOn(String baseUrl, String user) {
        Browser browser = browserOn(baseUrl);
        new LoginPage(browser).open().signIn(user, user + "-demo-pass").expectSignedIn(user);
        return browser;
    }

    /**
     * A browser signed in as the demo user: the one kept from an earlier journey when there is
     * one (and this journey does not use it already), otherwise a new one, kept afterwards.
     */
    Browser signedIn(String user) {
        String key = "http://localhost:" + port + " " + user;
        Browser kept = SIGNED_IN.get(key);
        if (kept != null && !browsers.contains(kept)) {
            browsers.add(kept);
            return kept;
        }
        Browser browser = Browser.open("http://localhost:" + port);
        browsers.add(browser);
        signIn(browser, user);
        if (kept == null) {
            SIGNED_IN.put(key, browser);
        } else {
            owned.add(browser);
        }
        return browser;
    }

    /** A fresh browser of exactly this window size (screenshots for the README), signed in as the demo user. */
    Browser signedIn(String user, int width, int height) {
        Browser browser = Browser.sized("http://localhost:" + port, width, height);
        browsers.add(browser);
        // kept for the journeys after this one when nobody is kept for this person yet
        if (SIGNED_IN.putIfAbsent("http://localhost:" + port + " " + user, browser) != null) {
            owned.add(browser);
        }
        return signIn(browser, user);
    }

    private static Browser signIn(Browser browser, String user) {
        new LoginPage(browser).open().signIn(user, user + "-demo-pass").expectSignedIn(user);
        return browser;
    }

    @AfterEach
    void closeBrowsers() {
        if (failed) {
            SIGNED_IN.values().removeIf(browsers::contains);
            browsers.stream().filter(b -> !owned.contains(b)).forEach(owned::add);
        }
        for (Browser browser : owned) {
            browser.close();
        }
        owned.clear();
        browsers.clear();
        failed = false;
    }
}
