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
    /** Where this browser saves downloads: its own directory under target/e2e/downloads/. */
    final Path downloads;
    private final Path profile;

    /** One HTTP cache for every browser of this run: each profile is fresh, the application's bundle is fetched once. */
    private static final Path CACHE = SCREENSHOTS.resolve("chromium-cache").toAbsolutePath();

    private Browser(String baseUrl, int width, int height) {
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("countersign-e2e-chromium");
            Files.createDirectories(SCREENSHOTS.resolve("downloads"));
            this.downloads = Files.createTempDirectory(SCREENSHOTS.resolve("downloads"), "browser-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile.toAbsolutePath(),
                "--disk-cache-dir=" + CACHE);
        options.setExperimentalOption("prefs", java.util.Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true));
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
        return new Browser(baseUrl, 1400, 1000);
    }

    /** A browser whose page area (and so every screenshot) is exactly {@code width} x {@code height} pixels. */
    static Browser sized(String baseUrl, int width, int height) {
        requireChromium();
        Browser browser = new Browser(baseUrl, width, height);
        // --window-size is the outer window; make the viewport itself the size asked for
        long innerWidth = (Long) browser.js("return window.innerWidth;");
        long innerHeight = (Long) browser.js("return window.innerHeight;");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(
                (int) (2L * width - innerWidth), (int) (2L * height - innerHeight)));
        return browser;
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
        type(input(component, label), value);
    }

    /** Replaces an input's text and leaves it (Tab), so the server gets one change event. */
    void type(WebElement input, String value) {
        press(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
        input.sendKeys(Keys.TAB);
        idle();
    }

    /** Picks an item in a Vaadin combo box by typing its label and taking the filtered item. */
    void choose(String comboLabel, String item) {
        WebElement input = input("vaadin-combo-box", comboLabel);
        press(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(item);
        press(shown("//vaadin-combo-box-item[normalize-space()=" + literal(item) + "]"));
        until(d -> item.equals(input.getDomProperty("value")) ? Boolean.TRUE : null);
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

    /**
     * In the grid found by the XPath, the first element matching {@code css} inside the cells of
     * the row that has a cell whose text is exactly {@code rowText}. Grid cells are light-DOM
     * vaadin-grid-cell-content elements slotted into the grid's shadow rows, so the row is reached
     * through its slots; waits until the row is rendered.
     */
    WebElement inRow(String gridXpath, String rowText, String css) {
        WebElement grid = shown(gridXpath);
        return until(d -> (WebElement) js("""
                for (const row of arguments[0].shadowRoot.querySelectorAll('tbody tr')) {
                  if (row.hidden) continue;
                  const cells = [...row.querySelectorAll('slot')].map(s => s.assignedElements()[0]).filter(c => c);
                  if (cells.some(c => c.textContent.trim() === arguments[1])) {
                    for (const c of cells) { const hit = c.querySelector(arguments[2]); if (hit) return hit; }
                  }
                }
                return null;""", grid, rowText, css));
    }

    /** Closes every open notification, so a picture shows the view and not the last toast. */
    void dismissNotifications() {
        js("document.querySelectorAll('vaadin-notification').forEach(n => n.opened = false);");
        until(d -> d.findElements(By.tagName("vaadin-notification-card")).isEmpty() ? Boolean.TRUE : null);
    }

    /** Scrolls the view (the app layout scrolls inside itself) so the element is at the top. */
    void scrollToTop(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'start'});", element);
        idle();
    }

    /** Scrolls the view so the element is at the bottom of the window. */
    void scrollToBottom(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'end'});", element);
        idle();
    }

    /** Waits until Vaadin's loading bar (shown for a slow round trip) has gone again. */
    void loadingBarGone() {
        until(d -> (Boolean) js("""
                const bar = document.querySelector('.v-loading-indicator');
                return !bar || getComputedStyle(bar).display === 'none' || getComputedStyle(bar).opacity === '0';"""));
    }

    /** A notification card containing the text (cards live in the overlay container, light DOM). */
    WebElement notification(String contains) {
        return shown("//vaadin-notification-card[contains(normalize-space(.), " + literal(contains) + ")]");
    }

    /**
     * Clicks a download link and waits until Chromium has saved the file in {@link #downloads}
     * (nothing {@linkplain #inProgress in progress} left); returns the saved file.
     */
    Path download(WebElement link) {
        java.util.Set<Path> before = files(downloads);
        press(link);
        return until(d -> {
            java.util.Set<Path> now = files(downloads);
            if (now.stream().anyMatch(Browser::inProgress)) {
                return null;
            }
            return now.stream().filter(p -> !before.contains(p) && Files.isRegularFile(p)).findFirst().orElse(null);
        });
    }

    /**
     * A download not finished yet: Chromium's partial {@code .crdownload}, or the hidden
     * {@code .org.chromium.Chromium.*} file it writes first and then renames away.
     */
    private static boolean inProgress(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".crdownload") || name.startsWith(".");
    }

    private static java.util.Set<Path> files(Path dir) {
        try (var list = Files.list(dir)) {
            return list.collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A full-window PNG under target/e2e/. */
    Path screenshot(String name) {
        // overlays (dialogs, notifications) fade in: wait for the animation, or the picture is see-through
        until(d -> d.findElements(By.cssSelector("[opening], [closing]")).isEmpty() ? Boolean.TRUE : null);
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(file.getParent());
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
