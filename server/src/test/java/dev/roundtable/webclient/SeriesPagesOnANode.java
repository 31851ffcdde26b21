package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import dev.roundtable.support.Untranslated;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node (the job queue polling every second, a clock the test moves), headless Chromium, and the calls the
 * series pages' browser tests prepare their data with: an HTTP call with a link, and a series page's address.
 */
@ExtendWith(VertxExtension.class)
abstract class SeriesPagesOnANode {
  protected final MutableClock clock = new MutableClock();
  protected TestServer server;
  protected Browser browser;
  protected WebClient http;
  protected long clientSeq;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    browser = Browser.launch();
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject().put("jobPollSeconds", 1)),
        clock));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    http.close();
    if (server != null) {
      result(server.stop());
    }
  }

  protected JsonObject call(HttpMethod method, String path, String token, JsonObject body, int status) {
    HttpRequest<Buffer> request = http.request(method, server.port(), "127.0.0.1", path).timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> r = result(body == null ? request.send() : request.sendJsonObject(body));
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  protected String page(String token) {
    return "http://127.0.0.1:" + server.port() + "/series#" + token;
  }
}
