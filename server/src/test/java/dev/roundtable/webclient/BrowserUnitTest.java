package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.roundtable.support.Browser;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The web client's own unit tests, run in real headless Chromium,")
class BrowserUnitTest {
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

  @Test
  @DisplayName("all pass: event-bus client, store, room client, OT and i18n")
  void allPass() {
    BrowserContext context = ClientSources.serveClientTests(browser.newContext());
    Page page = context.newPage();
    page.navigate("http://127.0.0.1:" + server.port() + "/tests/unit.html");
    page.waitForFunction("() => window.__testResults !== undefined", null,
        new Page.WaitForFunctionOptions().setTimeout(60_000));
    @SuppressWarnings("unchecked")
    Map<String, Object> results = (Map<String, Object>) page.evaluate("() => window.__testResults");
    assertThat(results.get("failures")).as("failures reported by the page").asList().isEmpty();
    assertThat(((Number) results.get("failed")).intValue()).isZero();
    assertThat(((Number) results.get("passed")).intValue()).isPositive();
  }
}
