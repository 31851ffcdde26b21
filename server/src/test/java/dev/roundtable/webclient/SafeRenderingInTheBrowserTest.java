package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Markup typed by participants, shown on a phone in English and in Chinese (the browser speaks the locale),
 * and again after switching to the other language: it is shown as text and none of it runs. The assertions
 * read test ids and attributes, never the UI's words.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("In a real browser, the participant view")
class SafeRenderingInTheBrowserTest {
  private static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";

  private TestServer server;
  private Browser browser;
  private BusClient bus;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    browser = Browser.launch();
    server = result(TestServer.start(vertx, TestServer.config(dataDir), new MutableClock()));
    bus = result(server.connect());
  }

  @AfterEach
  void stop() {
    if (bus != null) {
      result(bus.close());
    }
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      result(server.stop());
    }
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("shows markup typed by someone else as text, runs none of it, and switches to the other language")
  void rendersUserTextSafely(String locale) {
    String language = locale.equals("zh-CN") ? "zh-CN" : "en";
    String other = language.equals("en") ? "zh-CN" : "en";
    JsonObject room = result(server.createRoom());
    String roomId = room.getString("roomId");
    JsonObject ben = result(server.join(room.getString("joinCode"), "Ben", "Sales", "participant"));
    JsonObject cleo = result(server.join(room.getString("joinCode"), "Cleo", "Finance", "participant"));
    JsonObject note = result(bus.command(roomId, cleo.getString("token"), "cleo", 1,
        new JsonObject().put("type", "AddNote").put("text", HOSTILE)));
    assertThat(note.getBoolean("ok")).isTrue();
    result(bus.command(roomId, room.getString("token"), "ana", 1,
        new JsonObject().put("type", "AddItem").put("title", HOSTILE).put("owner", "<b>Ana</b>")));

    BrowserContext context = browser.newContext(Browser.phone(locale));
    RoomPage page = RoomPage.open(context, "ben", server.port(), roomId, "participant", ben.getString("token"));
    page.waitOpen();
    PlaywrightAssertions.assertThat(page.page.locator("html")).hasAttribute("lang", language);

    PlaywrightAssertions.assertThat(page.byTestId("note-text").first()).hasText(HOSTILE);
    PlaywrightAssertions.assertThat(page.byTestId("agenda-item").first()).containsText(HOSTILE);
    assertThat(page.page.evaluate("() => window.__pwned")).isNull();
    assertThat(page.page.locator("[data-testid=note] img, [data-testid=agenda-item] img").count()).isZero();

    page.byTestId("locale-switch").click();
    PlaywrightAssertions.assertThat(page.page.locator("html")).hasAttribute("lang", other);
    PlaywrightAssertions.assertThat(page.byTestId("note-text").first()).hasText(HOSTILE);
    PlaywrightAssertions.assertThat(page.byTestId("agenda-item").first()).containsText(HOSTILE);
    assertThat(page.page.evaluate("() => window.__pwned")).isNull();
    context.close();
  }
}
