package dev.roundtable.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Real headless Chromium for web-client tests: the system's Debian package ({@code /usr/bin/chromium}),
 * driven by Playwright, never a downloaded browser. Without Chromium the tests are skipped on a developer
 * machine and fail in CI, where {@code .ci/run} installs it.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  /** Where browser tests leave screenshots for a person to look at. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  public static Browser launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      String why = "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium)";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    com.microsoft.playwright.Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
    return new Browser(playwright, browser);
  }

  public BrowserContext newContext(NewContextOptions options) {
    return browser.newContext(options);
  }

  public BrowserContext newContext() {
    return browser.newContext(new NewContextOptions().setLocale("en-US"));
  }

  /** A desktop or wall-screen window of this size, in English (the tests read English text). */
  public static NewContextOptions desktop(int width, int height) {
    return desktop(width, height, "en-US");
  }

  /** A desktop or wall-screen window of this size whose browser speaks {@code locale} ("en-US", "zh-CN"). */
  public static NewContextOptions desktop(int width, int height, String locale) {
    return new NewContextOptions().setLocale(locale).setViewportSize(width, height);
  }

  /** A phone held upright: 360×800 CSS pixels at twice the density, touch, mobile viewport rules, in English. */
  public static NewContextOptions phone() {
    return phone("en-US");
  }

  /** The same phone, its browser speaking {@code locale}. */
  public static NewContextOptions phone(String locale) {
    return new NewContextOptions().setLocale(locale).setViewportSize(360, 800).setDeviceScaleFactor(2)
        .setIsMobile(true).setHasTouch(true);
  }

  /**
   * Saves what {@code page} shows as {@code SCREENSHOTS/<name>.png}: the whole page when {@code fullPage}, else
   * the viewport. Returns the file.
   */
  public static Path screenshot(Page page, String name, boolean fullPage) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file = SCREENSHOTS.resolve(name + ".png");
    if (fullPage) {
      // From the top: a sticky header of a page scrolled down would otherwise be drawn in the middle of the shot.
      page.evaluate("() => window.scrollTo(0, 0)");
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage));
    return file;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
