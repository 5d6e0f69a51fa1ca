package com.countersign.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session (one person) against the application under test. Debian's
 * chromium and chromedriver are used by explicit path, so Selenium Manager never looks anything up.
 * Waits are on conditions and on Vaadin having no request in flight, never fixed sleeps.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(setting("COUNTERSIGN_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(setting("COUNTERSIGN_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "e2e");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Every text in the page, shadow roots included (Vaadin components keep their messages there). */
    private static final String DEEP_TEXT = """
            function t(n) { let s = ''; if (n.shadowRoot) s += t(n.shadowRoot);
              for (const c of n.childNodes) { if (c.nodeType === 3) s += c.textContent + ' ';
                else if (c.nodeType === 1 || c.nodeType === 11) s += t(c); } return s; }
            return t(document.documentElement).replace(/\\s+/g, ' ');""";

    /** True once the page is loaded and no Vaadin client has a server round trip in flight. */
    private static final String VAADIN_IDLE = """
            if (document.readyState !== 'complete') return false;
            const flow = window.Vaadin && window.Vaadin.Flow;
            if (!flow || !flow.clients) return true;
            return Object.values(flow.clients).every(c => !c.isActive || !c.isActive());""";

    final String baseUrl;
    final WebDriver driver;
    private final Path profile;

    private Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("countersign-e2e-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-extensions", "--window-size=1400,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(TIMEOUT).scriptTimeout(TIMEOUT);
    }

    /**
     * A new browser, or a skipped test when Chromium or chromedriver is missing here; on CI
     * ({@code CI=true}) a missing browser fails the test instead, so the journeys cannot silently vanish.
     */
    static Browser open(String baseUrl) {
        requireChromium();
        return new Browser(baseUrl);
    }

    static void requireChromium() {
        if (chromiumPresent()) {
            return;
        }
        if (onCi()) {
            fail(missingMessage() + ". CI=true, so they must run.");
        }
        Assumptions.abort("Skipped: " + missingMessage() + ".");
    }

    static boolean chromiumPresent() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static String missingMessage() {
        return "Browser tests need Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver; or set COUNTERSIGN_CHROMIUM and"
                + " COUNTERSIGN_CHROMEDRIVER)";
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }

    void go(String path) {
        driver.get(baseUrl + path);
        idle();
    }

    /** Waits until Vaadin has answered every request the last action started. */
    void idle() {
        until(d -> (Boolean) js(VAADIN_IDLE));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(100)).until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits for a displayed element matching the XPath. */
    WebElement shown(String xpath) {
        return until(d -> d.findElements(By.xpath(xpath)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null));
    }

    List<WebElement> all(String xpath) {
        return driver.findElements(By.xpath(xpath));
    }

    String text() {
        return (String) js(DEEP_TEXT);
    }

    /** Waits until the page (shadow roots included) shows the text. */
    void waitForText(String expected) {
        until(d -> text().contains(expected) ? Boolean.TRUE : null);
    }

    /** A Vaadin field by its visible label; its input (or textarea) sits in the light DOM, slotted. */
    static String field(String component, String label) {
        return "//" + component + "[label[@slot='label' and normalize-space()=" + literal(label) + "]]";
    }

    WebElement input(String component, String label) {
        return shown(field(component, label) + "//*[self::input or self::textarea]");
    }

    /** Replaces a field's text and leaves it, so the server gets one change event. */
    void type(String component, String label, String value) {
        WebElement input = input(component, label);
        press(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
        input.sendKeys(Keys.TAB);
        idle();
    }

    WebElement button(String text) {
        // text() only: a tooltip puts its own text (e.g. "Ctrl+S") inside the button
        return shown("//vaadin-button[normalize-space(text())=" + literal(text) + "]");
    }

    void click(String buttonText) {
        WebElement button = button(buttonText);
        until(d -> button.getAttribute("disabled") == null ? Boolean.TRUE : null);
        press(button);
    }

    /**
     * Clicks an element after scrolling it to the middle of its scroll container (the app layout
     * scrolls inside itself, so Selenium's own scrolling can leave it under the edge); a click
     * another element would catch (an overlay still fading) is tried again until the timeout.
     */
    void press(WebElement element) {
        until(d -> {
            js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
            try {
                element.click();
                return Boolean.TRUE;
            } catch (org.openqa.selenium.ElementClickInterceptedException e) {
                return null;
            }
        });
        idle();
    }

    /** A notification card containing the text (cards live in the overlay container, light DOM). */
    WebElement notification(String contains) {
        return shown("//vaadin-notification-card[contains(normalize-space(.), " + literal(contains) + ")]");
    }

    /** A full-window PNG under target/e2e/. */
    Path screenshot(String name) {
        // overlays (dialogs, notifications) fade in: wait for the animation, or the picture is see-through
        until(d -> d.findElements(By.cssSelector("[opening], [closing]")).isEmpty() ? Boolean.TRUE : null);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's markup (light DOM) beside the screenshot, for a failure's post-mortem. */
    void saveDom(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String sessionCookie() {
        var cookie = driver.manage().getCookieNamed("JSESSIONID");
        return cookie == null ? null : cookie.getValue();
    }

    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
