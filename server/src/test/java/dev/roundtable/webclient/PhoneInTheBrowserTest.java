package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.attributeWait;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.support.Accessibility;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The participant view on a 360×800 phone, in English and in Chinese: an app with a tab bar, not a long page.
 * Every tab fits the screen (nothing sideways, the page itself never scrolls, thumb-sized controls, no serious
 * accessibility violation); the app opens on what the meeting does and follows it; the chosen tab and a note typed
 * but not sent survive a reload; a note written offline shows as pending where it will appear, then once.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("On a phone, the participant view")
class PhoneInTheBrowserTest {
  private static final List<String> TABS = List.of("now", "board", "vote", "minutes", "actions");

  private static Browser browser;

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private final MutableClock clock = new MutableClock();
  private Vertx vertx;
  private RoundtableConfig config;
  private TestServer server;
  private BusClient bus;
  private BrowserContext context;
  private long clientSeq;
  private String roomId;
  private String facilitatorToken;
  private JsonObject ben;

  /** What the room is about, in the language of the test. */
  private record Texts(String name, String department, String decideItem, String discussItem, String ownNote,
      String otherNote, String motion, String decision, String task, String owner, String standard, String point,
      String draft, String offlineNote) {
  }

  private static Texts texts(String locale) {
    if (locale.startsWith("zh")) {
      return new Texts("李娜", "市场部", "确定第三季度的发布日期", "发布活动的创意", "先在两个城市发布",
          "问问销售部门的意见", "10月15日发布", "先在两个城市发布，再推广到全国", "预订柏林发布会的场地",
          "王芳（财务部）", "签好的场地合同", "亚洲市场的定价", "还没写完的想法", "断网时写的便签");
    }
    return new Texts("Ben", "Sales", "Launch date", "Ideas for the launch", "Launch in two cities first",
        "Ask the sales team what customers say", "Launch on 15 October",
        "We launch in two cities first, then everywhere", "Book the venue for the launch event in Berlin",
        "Cleo Fernández-Whitaker", "A signed contract for the venue", "Pricing in Asia", "A thought not finished",
        "Written while the server was down");
  }

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
  void start(Vertx vertx, @TempDir Path dataDir) throws IOException {
    this.vertx = vertx;
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    config = TestServer.config(dataDir).with(new JsonObject().put("httpPort", port));
    server = result(TestServer.start(vertx, config, clock));
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    if (bus != null) {
      result(bus.close());
    }
    if (server != null) {
      result(server.stop());
    }
  }

  /** A room with Ben (or 李娜) joined, the facilitator's bus connected. */
  private void room(Texts texts) {
    JsonObject room = result(server.createRoom());
    roomId = room.getString("roomId");
    facilitatorToken = room.getString("token");
    ben = result(server.join(room.getString("joinCode"), texts.name(), texts.department(), "participant"));
    bus = result(server.connect());
  }

  private JsonObject command(String token, JsonObject command) {
    JsonObject reply = result(bus.command(roomId, token, "setup-" + token.hashCode(), ++clientSeq, command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
    return reply;
  }

  private JsonObject facilitator(JsonObject command) {
    return command(facilitatorToken, command);
  }

  private String addItem(String title, String kind) {
    return facilitator(new JsonObject().put("type", "AddItem").put("title", title).put("owner", "Ana")
        .put("timeboxSeconds", 600).put("kind", kind)).getJsonObject("result").getString("itemId");
  }

  private void startItem(String itemId) {
    facilitator(new JsonObject().put("type", "StartItem").put("itemId", itemId));
  }

  private void addNote(String token, String text, String colour, int x) {
    command(token, new JsonObject().put("type", "AddNote").put("text", text).put("colour", colour).put("x", x)
        .put("y", 2000));
  }

  private String openMotion(String text) {
    return facilitator(new JsonObject().put("type", "OpenMotion").put("text", text).put("anonymous", false)
        .put("hiddenResults", false).put("rule", "simple_majority")).getJsonObject("result").getString("motionId");
  }

  private RoomPage phone(String locale) {
    context = browser.newContext(Browser.phone(locale));
    return evidence.track(RoomPage.open(context, "phone", server.port(), roomId, "participant",
        ben.getString("token"))).waitOpen();
  }

  private List<JsonObject> serverNotesWithText(String text) {
    JsonObject reply = result(bus.sync(roomId, facilitatorToken, null));
    return reply.getJsonObject("snapshot").getJsonObject("notes").stream().map(e -> (JsonObject) e.getValue())
        .filter(n -> text.equals(n.getString("text"))).toList();
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("fits every tab on the screen, sideways too, with thumb-sized controls and no serious accessibility violation")
  void everyTabFits(String locale) {
    Texts texts = texts(locale);
    room(texts);
    String benToken = ben.getString("token");
    String decide = addItem(texts.decideItem(), "decide");
    addItem(texts.discussItem(), "open_discussion");
    startItem(decide);
    facilitator(new JsonObject().put("type", "SetBoard").put("template", "free").put("anonymous", false)
        .put("dotLimit", 3));
    addNote(benToken, texts.ownNote(), "yellow", 2000);
    addNote(facilitatorToken, texts.otherNote(), "blue", 6000);
    facilitator(new JsonObject().put("type", "RecordDecision").put("text", texts.decision()).put("itemId", decide));
    command(benToken, new JsonObject().put("type", "AddActionItem").put("task", texts.task())
        .put("owner", texts.owner()).put("deadline", "2030-10-01").put("standard", texts.standard()));
    command(benToken, new JsonObject().put("type", "ParkPoint").put("text", texts.point()));
    openMotion(texts.motion());

    RoomPage phone = phone(locale);
    expect(phone.byTestId("tab-vote")).hasAttribute("aria-selected", "true", attributeWait());
    expect(phone.byTestId("note")).hasCount(2);
    expect(phone.byTestId("action-item")).hasCount(1);
    for (String tab : TABS) {
      phone.showTab(tab);
      assertThat(phone.byTestId("tab-bar").getByRole(AriaRole.TAB).count())
          .isEqualTo(TABS.size());
      assertThat(Layout.horizontalOverflow(phone.page)).as("sideways overflow on the %s tab", tab).isEmpty();
      assertThat(sidewaysScrollers(phone.page)).as("what scrolls sideways on the %s tab", tab).isEmpty();
      assertThat(Layout.overflowingViewport(phone.page)).as("what leaves the screen on the %s tab", tab).isEmpty();
      assertThat(Layout.touchTargetsSmallerThan(phone.page, 44)).as("small controls on the %s tab", tab).isEmpty();
      assertThat(Accessibility.seriousViolations(phone.page)).as("axe-core on the %s tab", tab).isEmpty();
      Map<String, Number> bar = Layout.box(phone.page, "[data-testid=tab-bar]");
      assertThat(bar.get("y").doubleValue() + bar.get("height").doubleValue()).as("the tab bar's bottom edge")
          .isCloseTo(800, offset(1.0));
      phone.screenshot("phone-" + tab + "-360x800-" + locale, false);
    }

    // The tab list works with a keyboard: the selected tab is the one in the Tab order; arrows, Home, End move.
    phone.byTestId("tab-actions").focus();
    phone.page.keyboard().press("ArrowRight");
    expect(phone.byTestId("tab-now")).hasAttribute("aria-selected", "true", attributeWait());
    expect(phone.byTestId("tab-now")).isFocused();
    phone.page.keyboard().press("ArrowRight");
    expect(phone.byTestId("tab-board")).isFocused();
    expect(phone.byTestId("panel-board")).isVisible();
    expect(phone.byTestId("panel-now")).isHidden();
    phone.page.keyboard().press("End");
    expect(phone.byTestId("tab-actions")).hasAttribute("aria-selected", "true", attributeWait());
    phone.page.keyboard().press("Home");
    expect(phone.byTestId("tab-now")).hasAttribute("aria-selected", "true", attributeWait());
    assertThat(phone.page.evaluate("() => [...document.querySelectorAll('[role=tab]')].map(t => t.tabIndex)"))
        .isEqualTo(List.of(0, -1, -1, -1, -1));
    assertThat(phone.uncaughtErrors()).isEmpty();

    // The same view on a laptop: the same tabs, nothing sideways, the page itself still does not scroll.
    try (BrowserContext laptop = browser.newContext(Browser.desktop(1366, 900, locale))) {
      RoomPage wide = evidence.track(RoomPage.open(laptop, "laptop", server.port(), roomId, "participant",
          ben.getString("token"))).waitOpen();
      wide.showTab("board");
      assertThat(Layout.overflowingViewport(wide.page)).as("what leaves a laptop's window").isEmpty();
      wide.screenshot("participant-board-1366x900-" + locale, false);
    }
  }

  /** Elements that scroll sideways inside the page (a panel that does is as bad as a page that does). */
  @SuppressWarnings("unchecked")
  private static List<String> sidewaysScrollers(Page page) {
    return (List<String>) page.evaluate("() => [...document.querySelectorAll('body *')].filter(el => {"
        + " const s = getComputedStyle(el); return el.offsetParent !== null && /(auto|scroll)/.test(s.overflowX)"
        + "   && el.scrollWidth > el.clientWidth + 1; })"
        + ".map(el => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`)");
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("brings the Vote tab forward with a badge for an open motion, and keeps the chosen tab and a draft note across a reload")
  void followsTheMeetingAndKeepsWhatWasTyped(String locale) {
    Texts texts = texts(locale);
    room(texts);
    startItem(addItem(texts.decideItem(), "decide"));
    RoomPage phone = phone(locale);
    expect(phone.byTestId("tab-now")).hasAttribute("aria-selected", "true", attributeWait());
    expect(phone.byTestId("current-item-title")).hasText(texts.decideItem());
    phone.showTab("minutes");

    openMotion(texts.motion());
    Locator voteTab = phone.byTestId("tab-vote");
    expect(voteTab).hasAttribute("aria-selected", "true", attributeWait());
    expect(voteTab.getByTestId("tab-badge")).isVisible();
    expect(phone.byTestId("vote-agree")).isVisible();
    phone.screenshot("phone-vote-opened-360x800-" + locale, false);
    phone.byTestId("vote-agree").tap();
    expect(voteTab.getByTestId("tab-badge")).isHidden();
    expect(voteTab).hasAttribute("aria-selected", "true", attributeWait());

    phone.showTab("board");
    phone.byTestId("note-input").fill(texts.draft());
    phone.page.reload();
    phone.waitOpen();
    expect(phone.byTestId("tab-board")).hasAttribute("aria-selected", "true", attributeWait());
    expect(phone.byTestId("note-input")).hasValue(texts.draft());
    assertThat(serverNotesWithText(texts.draft())).as("a draft is not sent").isEmpty();

    phone.byTestId("note-add").tap();
    expect(phone.byTestId("note", texts.draft())).hasCount(1);
    expect(phone.byTestId("note-input")).hasValue("");
    phone.page.reload();
    phone.waitOpen();
    expect(phone.byTestId("note", texts.draft())).hasCount(1);
    expect(phone.byTestId("note-input")).hasValue("");
    expect(phone.byTestId("tab-board")).hasAttribute("aria-selected", "true", attributeWait());
    assertThat(phone.uncaughtErrors()).isEmpty();
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("shows a note written offline as pending in the board's list, then exactly once when the server is back")
  void offlineNoteIsPendingThenShownOnce(String locale) {
    Texts texts = texts(locale);
    room(texts);
    startItem(addItem(texts.discussItem(), "open_discussion"));
    addNote(facilitatorToken, texts.otherNote(), "blue", 6000);
    RoomPage phone = phone(locale);
    expect(phone.byTestId("tab-board")).hasAttribute("aria-selected", "true", attributeWait());
    expect(phone.byTestId("note")).hasCount(1);
    String note = texts.offlineNote();
    // From now on the page records, on every change of its DOM, how many times the note shows (pending or not).
    phone.page.evaluate("(text) => {"
        + " const count = () => [...document.querySelectorAll('[data-testid=note], [data-testid=note-pending]')]"
        + "   .filter(el => !el.closest('[hidden]') && el.querySelector('.note-text').textContent === text).length;"
        + " window.noteShown = [count()];"
        + " new MutationObserver(() => { const n = count(); if (window.noteShown.at(-1) !== n) window.noteShown.push(n); })"
        + "   .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true}); }", note);

    result(bus.close());
    bus = null;
    result(server.stop());
    server = null;
    phone.waitNotOpen();
    phone.byTestId("note-input").fill(note);
    phone.byTestId("note-add").tap();
    Locator pending = phone.byTestId("note-pending");
    expect(pending).hasCount(1);
    expect(pending).containsText(note);
    expect(pending.getByTestId("pending-mark")).isVisible();
    expect(phone.byTestId("panel-board").getByTestId("note-pending")).isVisible();
    assertThat(phone.page.evaluate("() => { const cards = [...document.querySelectorAll("
        + "'[data-testid=panel-board] [data-testid=note], [data-testid=panel-board] [data-testid=note-pending]')];"
        + " return cards.at(-1).dataset.testid; }")).as("the pending note is where it will appear: last")
        .isEqualTo("note-pending");
    assertThat(phone.pendingCount()).isEqualTo(1);
    phone.screenshot("phone-board-offline-360x800-" + locale, false);
    assertThat(Layout.touchTargetsSmallerThan(phone.page, 44)).isEmpty();
    assertThat(Layout.horizontalOverflow(phone.page)).isEmpty();

    server = result(TestServer.start(vertx, config, clock));
    bus = result(server.connect());
    phone.waitOpen();
    expect(phone.byTestId("note", note)).hasCount(1);
    expect(phone.byTestId("note-pending")).hasCount(0);
    Eventually.until("the page has nothing left to send", Duration.ofSeconds(20), () -> phone.pendingCount() == 0);
    assertThat(serverNotesWithText(note)).as("the note on the server").hasSize(1);
    assertThat(phone.page.evaluate("() => window.noteShown"))
        .as("how many times the note showed, change after change: not at first, then once (pending, then for"
            + " good), never twice and never gone in between").isEqualTo(List.of(0, 1));
    expect(phone.byTestId("note", note)).hasAttribute("data-note-id", serverNotesWithText(note).get(0)
        .getString("id"), attributeWait());
    phone.screenshot("phone-board-back-online-360x800-" + locale, false);
    assertThat(phone.uncaughtErrors()).isEmpty();
  }
}
