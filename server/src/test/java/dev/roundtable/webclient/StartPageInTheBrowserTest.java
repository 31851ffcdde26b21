package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import dev.roundtable.support.Accessibility;
import dev.roundtable.support.Browser;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("In a real browser, the start page")
class StartPageInTheBrowserTest {
  private TestServer server;
  private Browser browser;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    browser = Browser.launch();
    server = result(TestServer.start(vertx, TestServer.config(dataDir), new MutableClock()));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      result(server.stop());
    }
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("has no serious accessibility violation and never scrolls sideways on a phone")
  void isAccessibleAndFitsAPhone(String locale) {
    try (BrowserContext context = browser.newContext(Browser.phone(locale))) {
      Page page = context.newPage();
      page.navigate("http://127.0.0.1:" + server.port() + "/",
          new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      Browser.screenshot(page, "start-phone-360x800-" + locale, true);
      assertThat(page.evaluate("() => document.documentElement.lang")).isEqualTo(
          locale.startsWith("zh") ? "zh-CN" : "en");
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
      assertThat(Layout.horizontalOverflow(page)).isEmpty();
    }
  }
}
