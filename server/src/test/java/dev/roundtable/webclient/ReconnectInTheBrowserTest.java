package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import dev.roundtable.webclient.RoomPage.Countdown;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connection of real browser pages cut and restored: the server stops and a new one starts on the same store
 * and the same port, as after a crash or a deployment. The pages must say they are offline, keep what the user
 * does meanwhile, reconnect on their own and come back to exactly the room they showed. In English and in Chinese
 * (the browsers speak the locale); the assertions read test ids, states and data attributes, never the UI's
 * words. Screenshots: {@code reconnect-<view>-<state>-<WxH>-<locale>.png}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Pages whose server restarts")
class ReconnectInTheBrowserTest {
  /** The note Ben writes while the server is down, in the language his phone speaks. */
  private static String offlineNote(String locale) {
    return locale.equals("zh-CN") ? "服务器停机时写的便签" : "Written while the server was down";
  }
  /** The server's clock runs ahead of the browsers': the pages must count on the server's time. */
  private static final long SERVER_AHEAD_MS = 23_000;

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private final MutableClock clock = new MutableClock();
  private Vertx vertx;
  private RoundtableConfig config;
  private Browser browser;
  private TestServer server;
  private BusClient bus;
  private long clientSeq;
  private String roomId;
  private String facilitatorToken;
  private JsonObject ben;
  private RoomPage screen;
  private RoomPage benPhone;
  private RoomPage cleoPhone;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) throws IOException {
    this.vertx = vertx;
    clock.advance(SERVER_AHEAD_MS);
    browser = Browser.launch();
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    config = TestServer.config(dataDir).with(new JsonObject().put("httpPort", port));
    server = result(TestServer.start(vertx, config, clock));
    assertThat(server.port()).isEqualTo(port);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (bus != null) {
      result(bus.close());
    }
    if (server != null) {
      result(server.stop());
    }
  }

  private JsonObject command(JsonObject command) {
    JsonObject reply = result(bus.command(roomId, facilitatorToken, "setup", ++clientSeq, command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
    return reply;
  }

  private JsonObject snapshot() {
    JsonObject reply = result(bus.sync(roomId, facilitatorToken, null));
    assertThat(reply.getBoolean("ok")).as("Sync reply %s", reply).isTrue();
    return reply.getJsonObject("snapshot");
  }

  private List<JsonObject> notesWithText(String text) {
    return snapshot().getJsonObject("notes").stream().map(e -> (JsonObject) e.getValue())
        .filter(n -> text.equals(n.getString("text"))).toList();
  }

  private List<String> serverAgenda() {
    return snapshot().getJsonArray("agenda").stream().map(JsonObject.class::cast)
        .map(item -> item.getString("id") + ":" + item.getString("status")).toList();
  }

  private RoomPage open(com.microsoft.playwright.BrowserContext context, String name, String view, String token) {
    return evidence.track(RoomPage.open(context, name, server.port(), roomId, view, token));
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("show that they are offline, then come back to the same room, and deliver a note written offline")
  void reconnectAfterRestart(String locale) {
    String offlineNote = offlineNote(locale);
    JsonObject room = result(server.createRoom());
    roomId = room.getString("roomId");
    facilitatorToken = room.getString("token");
    String code = room.getString("joinCode");
    ben = result(server.join(code, "Ben", "Sales", "participant"));
    JsonObject cleo = result(server.join(code, "Cleo", "Finance", "participant"));
    JsonObject tv = result(server.join(code, "Room TV", "", "screen"));
    bus = result(server.connect());
    command(new JsonObject().put("type", "AddItem").put("title", "Budget").put("owner", "Cleo")
        .put("timeboxSeconds", 600).put("kind", "decide"));
    String ideas = command(new JsonObject().put("type", "AddItem").put("title", "Ideas for the launch")
        .put("owner", "Ana").put("timeboxSeconds", 300).put("kind", "open_discussion"))
        .getJsonObject("result").getString("itemId");
    command(new JsonObject().put("type", "StartItem").put("itemId", ideas));
    command(new JsonObject().put("type", "PauseTimer"));
    long pausedMs = snapshot().getJsonObject("countdown").getLong("remainingMs");
    List<String> agenda = serverAgenda();

    screen = open(browser.newContext(Browser.desktop(1920, 1080, locale)), "screen", "screen", tv.getString("token"));
    benPhone = open(browser.newContext(Browser.phone(locale)), "ben-phone", "participant", ben.getString("token"));
    cleoPhone = open(browser.newContext(Browser.phone(locale)), "cleo-phone", "participant",
        cleo.getString("token"));
    List<RoomPage> pages = List.of(screen, benPhone, cleoPhone);
    for (RoomPage page : pages) {
      page.waitOpen();
      expect(page.page.locator("html")).hasAttribute("lang", locale.equals("zh-CN") ? "zh-CN" : "en");
    }
    expect(screen.byTestId("countdown")).hasAttribute("data-state", "paused", RoomPage.attributeWait());
    Countdown before = screen.countdown();
    assertThat(Math.abs(before.remainingMs() - pausedMs)).as("screen %s vs server %s ms", before, pausedMs)
        .isLessThanOrEqualTo(1000);
    for (RoomPage phone : List.of(benPhone, cleoPhone)) {
      expect(phone.byTestId("agenda-item")).hasCount(2);
      assertThat(phone.agenda()).as("the agenda on %s", phone.name).isEqualTo(agenda);
    }

    result(bus.close());
    bus = null;
    result(server.stop());
    server = null;

    for (RoomPage page : pages) {
      page.waitNotOpen();
    }
    benPhone.byTestId("note-input").fill(offlineNote);
    benPhone.byTestId("note-add").tap();
    Eventually.until("Ben's page counts the note as waiting to be sent", Duration.ofSeconds(10),
        () -> benPhone.pendingCount() > 0);
    expect(benPhone.byTestId("note-input")).hasValue("");
    benPhone.byTestId("note-add").tap();
    assertThat(benPhone.pendingCount()).as("a second tap on an empty field queues nothing").isEqualTo(1);
    benPhone.screenshot("reconnect-participant-phone-offline-360x800-" + locale, true);
    screen.screenshot("reconnect-screen-offline-1920x1080-" + locale, false);
    for (RoomPage page : pages) {
      assertThat(page.connectionState()).as("connection state on %s while the server is down", page.name)
          .isIn("closed", "connecting");
    }

    server = result(TestServer.start(vertx, config, clock));
    bus = result(server.connect());
    for (RoomPage page : pages) {
      page.waitOpen();
    }

    Eventually.until("the note written offline reached the server", Duration.ofSeconds(20),
        () -> !notesWithText(offlineNote).isEmpty());
    List<JsonObject> notes = notesWithText(offlineNote);
    assertThat(notes).as("the note written offline, once").hasSize(1);
    assertThat(notes.get(0).getString("authorId")).isEqualTo(ben.getString("participantId"));
    String noteId = notes.get(0).getString("id");

    Locator onCleosPhone = cleoPhone.page.locator("[data-testid=note][data-note-id='" + noteId + "']");
    expect(onCleosPhone).containsText(offlineNote);
    expect(cleoPhone.byTestId("note", offlineNote)).hasCount(1);
    Locator onScreen = screen.page.locator("[data-testid=note][data-note-id='" + noteId + "']");
    expect(onScreen.getByTestId("note-text")).hasText(offlineNote);
    expect(benPhone.byTestId("note", offlineNote)).hasCount(1);
    Eventually.until("Ben's page has nothing left to send", Duration.ofSeconds(20),
        () -> benPhone.pendingCount() == 0);
    assertThat(notesWithText(offlineNote)).as("the note written offline, once, after everything was sent")
        .hasSize(1);

    assertThat(serverAgenda()).isEqualTo(agenda);
    for (RoomPage phone : List.of(benPhone, cleoPhone)) {
      assertThat(phone.agenda()).as("the agenda on %s after the restart", phone.name).isEqualTo(agenda);
    }
    expect(screen.byTestId("countdown")).hasAttribute("data-state", "paused", RoomPage.attributeWait());
    Countdown after = screen.countdown();
    assertThat(after.remainingMs()).as("the paused countdown after the restart").isEqualTo(before.remainingMs());
    assertThat(after.text()).isEqualTo(before.text());
    assertThat(snapshot().getJsonObject("countdown").getLong("remainingMs")).isEqualTo(pausedMs);

    // Live events flow again, not only the replay: the countdown resumed now runs on the screen, in step with the
    // server's deadline.
    command(new JsonObject().put("type", "ResumeTimer"));
    long deadline = snapshot().getJsonObject("countdown").getLong("deadline");
    screen.page.waitForFunction("([deadline, ahead]) => {"
        + " const el = document.querySelector('[data-testid=countdown]');"
        + " return el !== null && el.dataset.state === 'running'"
        + "   && Math.abs(Number(el.dataset.remainingMs) - (deadline - (Date.now() + ahead))) <= 1000; }",
        List.of((double) deadline, (double) SERVER_AHEAD_MS),
        new Page.WaitForFunctionOptions().setTimeout(RoomPage.WAIT_MS));

    screen.screenshot("reconnect-screen-restored-1920x1080-" + locale, false);
    cleoPhone.screenshot("reconnect-participant-phone-restored-360x800-" + locale, true);
    for (RoomPage page : pages) {
      assertThat(page.uncaughtErrors()).as("exceptions thrown in the %s page", page.name).isEmpty();
    }
  }
}
