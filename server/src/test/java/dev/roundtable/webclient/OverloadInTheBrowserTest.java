package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import dev.roundtable.store.HoldableRoomStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real pages of a node that refuses commands for overload (PROTOCOL §4.6): the node may hold one client command
 * unanswered, and the store holds a test command's write, so every command of the pages is refused with
 * {@code UNAVAILABLE} and {@code retryAfterMs}. The pages must say the server is busy and when they try again
 * (without covering the controls), not send again before the wait is over, and once the store catches up apply
 * each command exactly once and stop saying so. In English and in Chinese; the assertions read test ids, states and
 * attributes. Screenshots: {@code overload-<view>-<WxH>-<locale>.png}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Pages of a node that refuses commands for overload")
class OverloadInTheBrowserTest {
  private static final long RETRY_AFTER_MS = 1_500;
  /** A command body's pair in a sent frame, whatever the frame's escaping (SockJS wraps the JSON in a string). */
  private static final Pattern CLIENT_PAIR = Pattern.compile(
      "clientId\\\\*\":\\\\*\"([^\"\\\\]+)\\\\*\",\\\\*\"clientSeq\\\\*\":(\\d+)");

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private HoldableRoomStore store;
  private Browser browser;
  private TestServer server;
  private BusClient bus;
  private String roomId;
  private String facilitatorToken;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    browser = Browser.launch();
    server = result(TestServer.startWrappingRooms(vertx, TestServer.config(dataDir).with(new JsonObject()
            .put("maxCommandsInFlight", 1).put("retryAfterMs", RETRY_AFTER_MS).put("maxStoreBacklogMs", 600_000)),
        new MutableClock(), rooms -> store = new HoldableRoomStore(rooms)));
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.releaseAppends();
    }
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

  private JsonObject snapshot() {
    JsonObject reply = result(bus.sync(roomId, facilitatorToken, null));
    assertThat(reply.getBoolean("ok")).as("Sync reply %s", reply).isTrue();
    return reply.getJsonObject("snapshot");
  }

  private List<JsonObject> notesWithText(String text) {
    return snapshot().getJsonObject("notes").stream().map(e -> (JsonObject) e.getValue())
        .filter(n -> text.equals(n.getString("text"))).toList();
  }

  private List<JsonObject> itemsWithTitle(String title) {
    return snapshot().getJsonArray("agenda").stream().map(JsonObject.class::cast)
        .filter(item -> title.equals(item.getString("title"))).toList();
  }

  private static int attribute(Locator locator, String name) {
    String value = locator.getAttribute(name);
    return value == null ? 0 : Integer.parseInt(value);
  }

  /** The (clientId, clientSeq) pairs of the page's sends of commands of this type, in order. */
  private static List<String> pairsSent(RoomPage page, String type) {
    Pattern ofType = Pattern.compile("\"command\\\\*\":\\{\\\\*\"type\\\\*\":\\\\*\"" + type + "\\\\*\"");
    return page.sentFrames().stream().filter(f -> ofType.matcher(f).find()).map(f -> {
      Matcher m = CLIENT_PAIR.matcher(f);
      return m.find() ? m.group(1) + ":" + m.group(2) : "no pair in " + f;
    }).toList();
  }

  private static boolean overlaps(BoundingBox a, BoundingBox b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("say the server is busy and when they retry, wait that long, then apply each command once")
  void backOffAndShowIt(String locale) {
    boolean zh = locale.equals("zh-CN");
    String noteText = zh ? "服务器繁忙时写的便签" : "Written while the server was busy";
    String itemTitle = zh ? "繁忙时加的议题" : "Added while the server was busy";
    JsonObject room = result(server.createRoom());
    roomId = room.getString("roomId");
    facilitatorToken = room.getString("token");
    JsonObject ben = result(server.join(room.getString("joinCode"), "Ben", "Sales", "participant"));
    bus = result(server.connect());

    RoomPage phone = evidence.track(RoomPage.open(browser.newContext(Browser.phone(locale)), "ben-phone",
        server.port(), roomId, "participant", ben.getString("token")));
    RoomPage console = evidence.track(RoomPage.open(browser.newContext(Browser.desktop(1920, 1080, locale)),
        "console", server.port(), roomId, "facilitator", facilitatorToken));
    phone.waitOpen();
    console.waitOpen();
    phone.showTab("board");
    expect(phone.byTestId("server-busy")).isHidden();

    // The store falls behind with one command of the test's: the node's budget (1) is taken.
    store.holdAppends();
    Future<JsonObject> held = bus.command(roomId, facilitatorToken, "test", 1,
        new JsonObject().put("type", "AddItem").put("title", "Held by the store"));
    Eventually.until("the store holds the test's write", Duration.ofSeconds(10), () -> store.heldAppends() > 0);

    phone.byTestId("note-input").fill(noteText);
    phone.byTestId("note-add").tap();
    console.byTestId("agenda-add-title").fill(itemTitle);
    console.byTestId("agenda-add-submit").click();

    for (RoomPage page : List.of(phone, console)) {
      Locator busy = page.byTestId("server-busy");
      expect(busy).isVisible();
      expect(busy).hasAttribute("data-state", "waiting", RoomPage.attributeWait());
      assertThat(attribute(busy, "data-retry-in")).as("seconds until %s retries", page.name).isBetween(1, 2);
      assertThat(page.pendingCount()).as("commands waiting on %s", page.name).isEqualTo(1);
      expect(page.byTestId("connection-state")).hasAttribute("data-state", "open");
    }
    BoundingBox strip = phone.byTestId("server-busy").boundingBox();
    for (String control : List.of("note-add", "note-input", "tab-board", "tab-now", "locale-switch")) {
      assertThat(overlaps(strip, phone.byTestId(control).first().boundingBox()))
          .as("the busy strip covers %s on the phone", control).isFalse();
    }
    assertThat(strip.y + strip.height).as("the strip is inside the phone's screen").isLessThanOrEqualTo(800);
    phone.screenshot("overload-participant-phone-360x800-" + locale, false);
    console.screenshot("overload-facilitator-1920x1080-" + locale, false);

    // Still refused on the first resend: the wait grows (twice the hint at least).
    Eventually.until("the phone was refused twice", Duration.ofSeconds(20),
        () -> attribute(phone.byTestId("server-busy"), "data-refusals") >= 2);
    assertThat(pairsSent(phone, "AddNote")).as("the note's sends so far").hasSize(2);
    assertThat(notesWithText(noteText)).as("nothing refused was applied").isEmpty();

    store.releaseAppends();
    assertThat(result(held).getBoolean("ok")).isTrue();

    for (RoomPage page : List.of(phone, console)) {
      expect(page.byTestId("server-busy")).isHidden();
      expect(page.byTestId("server-busy")).hasAttribute("data-state", "idle", RoomPage.attributeWait());
      Eventually.until("no command waits on " + page.name, Duration.ofSeconds(20), () -> page.pendingCount() == 0);
    }
    expect(phone.byTestId("note", noteText)).hasCount(1);
    expect(console.byTestId("agenda-item", itemTitle)).hasCount(1);
    assertThat(notesWithText(noteText)).as("the note, once").hasSize(1);
    assertThat(itemsWithTitle(itemTitle)).as("the item, once").hasSize(1);
    List<String> notePairs = pairsSent(phone, "AddNote");
    assertThat(notePairs).as("the note was sent again after each wait").hasSizeGreaterThanOrEqualTo(3);
    assertThat(notePairs.stream().distinct()).as("always under its own pair").hasSize(1);
    assertThat(pairsSent(console, "AddItem").stream().distinct()).hasSize(1);
    expect(phone.byTestId("error")).hasText("");
    assertThat(phone.uncaughtErrors()).isEmpty();
    assertThat(console.uncaughtErrors()).isEmpty();
  }
}
