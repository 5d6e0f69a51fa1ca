package com.countersign.e2e;

import java.util.ArrayList;
import java.util.List;
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

    private final List<Browser> browsers = new ArrayList<>();

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
        return browser;
    }

    /** A fresh browser against another node (another base URL), closed after the test. */
    Browser browserOn(String baseUrl) {
        Browser browser = Browser.open(baseUrl);
        browsers.add(browser);
        return browser;
    }

    /** A fresh browser signed in as the demo user on another node. */
    Browser signedInOn(String baseUrl, String user) {
        Browser browser = browserOn(baseUrl);
        new LoginPage(browser).open().signIn(user, user + "-demo-pass").expectSignedIn(user);
        return browser;
    }

    /** A fresh browser signed in as the demo user. */
    Browser signedIn(String user) {
        return signIn(browser(), user);
    }

    /** A fresh browser of exactly this window size (screenshots for the README), signed in as the demo user. */
    Browser signedIn(String user, int width, int height) {
        Browser browser = Browser.sized("http://localhost:" + port, width, height);
        browsers.add(browser);
        return signIn(browser, user);
    }

    private static Browser signIn(Browser browser, String user) {
        new LoginPage(browser).open().signIn(user, user + "-demo-pass").expectSignedIn(user);
        return browser;
    }

    @AfterEach
    void closeBrowsers() {
        for (Browser browser : browsers) {
            browser.close();
        }
        browsers.clear();
    }
}
