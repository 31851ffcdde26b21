package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import dev.roundtable.support.Accessibility;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The facilitator's console and the minutes view on a 1440×900 laptop, in English and in Chinese: what runs a
 * meeting is above the fold, "Next item" switches items in one action, irreversible actions ask first,
 * keyboard shortcuts work (and not while typing), an extension updates "of N minutes", the minutes are
 * edited from the console and rendered as Markdown with the board's record, and two people typing at the
 * same spot keep their runs contiguous. Screenshots: {@code console-<state>-1440x900-<locale>.png},
 * {@code minutes-<state>-1440x900-<locale>.png}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("In a real browser, the facilitator's console")
class ConsoleInTheBrowserTest {
  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private static Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private TestServer server;
  private BusClient bus;
  private String roomId;
  private String token;
  private String benToken;
  private long seq;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), new MutableClock()));
    JsonObject room = result(server.createRoom());
    roomId = room.getString("roomId");
    token = room.getString("token");
    benToken = result(server.join(room.getString("joinCode"), "Ben 李", "Sales", "participant")).getString("token");
    bus = result(server.connect());
  }

  @AfterEach
  void stop() {
    contexts.forEach(BrowserContext::close);
    if (bus != null) {
      result(bus.close());
    }
    if (server != null) {
      result(server.stop());
    }
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("runs a meeting from one place: next item, shortcuts, extensions, confirmations, minutes")
  void runsTheMeeting(String locale) {
    for (String title : List.of("Launch date", "Budget", "Hiring")) {
      send(token, new JsonObject().put("type", "AddItem").put("title", title).put("kind", "discuss")
          .put("timeboxSeconds", 600));
    }
    RoomPage console = open(locale, "facilitator", token);

    for (String testId : List.of("join-code", "qr-code", "meeting-start")) {
      expect(console.byTestId(testId)).isVisible();
      Map<String, Number> box = Layout.box(console.page, "[data-testid=" + testId + "]");
      assertThat(box.get("y").doubleValue() + box.get("height").doubleValue())
          .as("bottom of %s before scrolling, on a 900 px high window", testId).isLessThanOrEqualTo(900);
    }
    expect(console.byTestId("qr-code")).hasJSProperty("complete", true);
    for (String testId : List.of("timer-pause", "timer-extend-1", "timer-extend-5", "timer-reset")) {
      expect(console.byTestId(testId)).isDisabled();
    }
    console.screenshot("console-before-start-1440x900-" + locale, false);
    assertThat(Accessibility.seriousViolations(console.page)).as("axe on the console before the start").isEmpty();

    console.byTestId("meeting-start").click();
    Eventually.until("the meeting runs", Duration.ofSeconds(10),
        () -> "live".equals(snapshot().getJsonObject("meeting").getString("status")));
    console.byTestId("next-item").click();
    waitForStatuses("active", "pending", "pending");
    console.byTestId("next-item").click();
    waitForStatuses("done", "active", "pending");
    Locator hiring = console.byTestId("agenda-item", "Hiring").getByTestId("item-start");
    expect(hiring).isDisabled();
    expect(console.byTestId("start-blocked")).isVisible();
    expect(console.byTestId("start-blocked")).containsText("Budget");

    Locator label = console.page.locator(".timer-card .countdown-label");
    expect(label).containsText("10");
    console.page.locator("body").click(new Locator.ClickOptions().setPosition(1, 1));
    console.page.keyboard().press("+");
    expect(label).containsText("11");
    console.byTestId("timer-extend-5").click();
    expect(label).containsText("16");

    console.page.keyboard().press("p");
    Eventually.until("the shortcut paused the countdown", Duration.ofSeconds(10),
        () -> !snapshot().getJsonObject("countdown").getBoolean("running"));
    console.byTestId("minutes-editor").click();
    console.page.keyboard().type("p");
    Eventually.until("the p typed into the minutes reached the server", Duration.ofSeconds(10),
        () -> "p".equals(snapshot().getJsonObject("minutes").getString("text")));
    assertThat(snapshot().getJsonObject("countdown").getBoolean("running"))
        .as("typing p in the minutes is no shortcut").isFalse();
    console.page.keyboard().press("Backspace");
    console.page.keyboard().type("# Launch\n\n**Agreed**: ship in May.\n\n<script>window.hacked = 1</script>\n");
    console.page.locator("body").click(new Locator.ClickOptions().setPosition(1, 1));
    console.page.keyboard().press("p");
    Eventually.until("the shortcut resumed the countdown", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("countdown").getBoolean("running"));

    send(benToken, new JsonObject().put("type", "RaiseHand"));
    expect(console.byTestId("queue-entry")).hasCount(1);
    console.page.keyboard().press("f");
    Eventually.until("the shortcut gave Ben the floor", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("floor") != null);
    console.page.keyboard().press("n");
    waitForStatuses("done", "done", "active");
    expect(label).containsText("10");
    expect(console.byTestId("shortcuts")).isVisible();
    console.screenshot("console-running-1440x900-" + locale, false);
    assertThat(Accessibility.seriousViolations(console.page)).as("axe on the running console").isEmpty();

    console.byTestId("minutes-finalize").click();
    Locator dialog = console.byTestId("confirm-finalize");
    expect(dialog).isVisible();
    expect(console.page.getByRole(com.microsoft.playwright.options.AriaRole.DIALOG)).hasCount(1);
    console.screenshot("console-confirm-finalize-1440x900-" + locale, false);
    assertThat(Accessibility.seriousViolations(console.page)).as("axe with the dialog open").isEmpty();
    console.byTestId("confirm-finalize-cancel").click();
    expect(dialog).hasCount(0);
    console.byTestId("meeting-end").click();
    expect(console.byTestId("confirm-end")).isVisible();
    console.page.keyboard().press("Escape");
    expect(console.byTestId("confirm-end")).hasCount(0);
    assertThat(snapshot().getJsonObject("minutes").getBoolean("finalized")).isFalse();
    assertThat(snapshot().getJsonObject("meeting").getString("status")).isEqualTo("live");

    addBoard();
    console.byTestId("meeting-end").click();
    console.byTestId("confirm-end-confirm").click();
    Eventually.until("the meeting ended", Duration.ofSeconds(10),
        () -> "ended".equals(snapshot().getJsonObject("meeting").getString("status")));
    console.byTestId("minutes-finalize").click();
    console.byTestId("confirm-finalize-confirm").click();
    Eventually.until("the minutes are final", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("minutes").getBoolean("finalized"));
    console.screenshot("console-ended-1440x900-" + locale, false);

    RoomPage minutes = open(locale, "minutes", token);
    Locator rendered = minutes.byTestId("minutes-rendered");
    expect(rendered).hasAttribute("data-rendered", "markdown", RoomPage.attributeWait());
    expect(rendered.locator("h1")).hasText("Launch");
    expect(rendered.locator("strong")).hasText("Agreed");
    assertThat(rendered.locator("script").count()).as("no script element from the minutes").isZero();
    expect(rendered).containsText("<script>");
    assertThat(minutes.page.evaluate("() => window.hacked === undefined")).isEqualTo(true);
    expect(minutes.byTestId("record-lane")).hasCount(2);
    Locator what = minutes.page.locator("[data-testid=record-lane][data-lane=what]");
    expect(what.getByTestId("record-cluster")).hasCount(2);
    expect(what.getByTestId("record-note").first()).containsText("Ship in May");
    expect(what.getByTestId("record-note").first()).hasAttribute("data-dots", "2");
    minutes.screenshot("minutes-final-1440x900-" + locale, true);
    assertThat(Accessibility.seriousViolations(minutes.page)).as("axe on the minutes view").isEmpty();
    assertThat(console.uncaughtErrors()).isEmpty();
    assertThat(minutes.uncaughtErrors()).isEmpty();
  }

  @Test
  @DisplayName("lets two people typing at the same spot of the minutes keep their runs contiguous")
  void twoTypistsAtOneSpot() {
    RoomPage left = open("en-US", "facilitator", token);
    RoomPage right = open("zh-CN", "facilitator", token);
    Locator leftEditor = left.byTestId("minutes-editor");
    leftEditor.fill("AB");
    Eventually.until("both editors show AB", Duration.ofSeconds(10),
        () -> "AB".equals(right.byTestId("minutes-editor").inputValue()));
    String type = """
        ([run, pause]) => new Promise((resolve) => {
          const ta = document.querySelector('[data-testid=minutes-editor]');
          ta.focus();
          ta.setSelectionRange(1, 1);
          let i = 0;
          const chars = [...run];
          const step = () => {
            if (i >= chars.length) return resolve(ta.value);
            document.execCommand('insertText', false, chars[i++]);
            setTimeout(step, pause);
          };
          step();
        })""";
    left.page.evaluate("() => { window.typing = null; }");
    // Both pages start typing at the same moment; each keeps typing at a person's pace.
    left.page.evaluate("(args) => { window.typing = (" + type + ")(args); }", List.of("Marketing", 90));
    right.page.evaluate("(args) => { window.typing = (" + type + ")(args); }", List.of("技术部芯片", 140));
    left.page.waitForFunction("() => window.typing && document.querySelector('[data-testid=minutes-editor]')"
        + ".value.includes('g')");
    right.page.evaluate("() => window.typing");
    left.page.evaluate("() => window.typing");
    String[] last = new String[3];
    Eventually.until("the two editors and the server agree", Duration.ofSeconds(15), () -> {
      last[0] = leftEditor.inputValue();
      last[1] = right.byTestId("minutes-editor").inputValue();
      last[2] = snapshot().getJsonObject("minutes").getString("text");
      return last[0].equals(last[1]) && last[1].equals(last[2]) && last[2].length() == 2 + 9 + 5;
    });
    assertThat(last[2]).as("each person's run is contiguous").contains("Marketing").contains("技术部芯片")
        .startsWith("A").endsWith("B");
  }

  private void addBoard() {
    send(token, new JsonObject().put("type", "SetBoard").put("template", "five_w_one_h").put("anonymous", false)
        .put("dotLimit", 3));
    String ship = noteId(send(benToken, note("Ship in May", "what")));
    String beta = noteId(send(benToken, note("Beta first", "what")));
    noteId(send(benToken, note("Sales team", "who")));
    String loose = noteId(send(token, note("Press release", "what")));
    send(benToken, new JsonObject().put("type", "AddDot").put("noteId", ship));
    send(token, new JsonObject().put("type", "AddDot").put("noteId", ship));
    send(token, new JsonObject().put("type", "GroupNotes").put("noteIds", new JsonArray().add(ship).add(beta))
        .put("name", "Timing"));
    assertThat(loose).isNotNull();
  }

  private static JsonObject note(String text, String lane) {
    return new JsonObject().put("type", "AddNote").put("text", text).put("colour", "yellow").put("x", 10)
        .put("y", 10).put("lane", lane);
  }

  private static String noteId(JsonObject reply) {
    return reply.getJsonObject("result").getString("noteId");
  }

  private JsonObject send(String as, JsonObject command) {
    JsonObject reply = result(bus.command(roomId, as, "console-test-" + as.hashCode(), ++seq, command));
    assertThat(reply.getBoolean("ok")).as("%s → %s", command, reply).isTrue();
    return reply;
  }

  private JsonObject snapshot() {
    JsonObject reply = result(bus.sync(roomId, token, null));
    assertThat(reply.getBoolean("ok")).as("Sync reply %s", reply).isTrue();
    return reply.getJsonObject("snapshot");
  }

  private void waitForStatuses(String... statuses) {
    Predicate<JsonArray> matches = agenda -> {
      for (int i = 0; i < statuses.length; i++) {
        if (!statuses[i].equals(agenda.getJsonObject(i).getString("status"))) {
          return false;
        }
      }
      return true;
    };
    Eventually.until("the agenda is " + List.of(statuses), Duration.ofSeconds(10),
        () -> matches.test(snapshot().getJsonArray("agenda")));
  }

  private RoomPage open(String locale, String view, String as) {
    BrowserContext context = browser.newContext(Browser.desktop(1440, 900, locale));
    contexts.add(context);
    RoomPage page = evidence.track(RoomPage.open(context, view + "-" + locale, server.port(), roomId, view, as));
    page.waitOpen();
    return page;
  }
}
