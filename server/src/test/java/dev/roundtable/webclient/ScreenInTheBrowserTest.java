package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.attributeWait;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import dev.roundtable.support.Accessibility;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The shared screen on a TV, in real headless Chromium: one meeting driven through the server's API (the
 * facilitator's and participants' commands over the event bus) into every state the screen knows, and in each
 * state, at 1920×1080 and at 1280×720, the page is measured: nothing leaves the viewport, the QR code is whole,
 * no text is under 28 px at 1080p, the countdowns are at least 15 % of the height, no serious axe-core
 * violation. One screen page per language; the viewport is resized in place, so the class stays quick.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The shared screen on a TV")
class ScreenInTheBrowserTest {
  private static final List<int[]> SIZES = List.of(new int[] {1920, 1080}, new int[] {1280, 720});
  private static final String[] LANES_5W1H = {"what", "who", "when", "where", "why", "how"};
  private static final String[] LANES_PCSR = {"problem", "cause", "solution", "risk"};

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private static Browser browser;
  private final MutableClock clock = new MutableClock();
  private final List<BusClient> buses = new ArrayList<>();
  private TestServer server;
  private BusClient bus;
  private String locale;
  private String roomId;
  private String facilitatorToken;
  private final List<String> people = new ArrayList<>();
  private final Map<String, Long> seqs = new java.util.HashMap<>();
  private RoomPage screen;
  private BrowserContext context;

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
    server = result(TestServer.start(vertx, TestServer.config(dataDir), clock));
    bus = connect();
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    buses.forEach(b -> result(b.close()));
    if (server != null) {
      result(server.stop());
    }
  }

  private BusClient connect() {
    BusClient client = result(server.connect());
    buses.add(client);
    return client;
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("fits 1920×1080 and 1280×720 in every state, readable, with the join code always whole")
  void fitsInEveryState(String locale) {
    this.locale = locale;
    boolean zh = locale.startsWith("zh");
    String[] names = zh ? new String[] {"王芳", "李娜", "张伟", "刘洋"} : new String[] {"Ben", "Cleo", "Dana", "Eli"};
    openRoom(names);
    String inform = addItem(zh ? "季度回顾" : "Quarter in review", names[0], "inform", zh ? "共同的数据" : "Shared numbers");
    String discuss = addItem(zh ? "发布风险" : "Launch risks", names[1], "discuss", zh ? "风险清单" : "A list of risks");
    String decide = addItem(zh ? "确定发布日期" : "Pick the launch date", names[2], "decide", zh ? "一个日期" : "A date");
    String open = addItem(zh ? "发布创意" : "Ideas for the launch", names[3], "open_discussion", "");

    screen = RoomPage.open(context, "screen-" + locale, server.port(), roomId, "screen", screenToken);
    evidence.track(screen);
    screen.waitOpen();
    expect(screen.byTestId("join-code")).not().hasText("······");
    check("before-start");

    facilitator("StartItem", new JsonObject().put("itemId", inform));
    expect(screen.page.locator(".screen-item[data-item-id='" + inform + "']")).hasCount(1);
    check("inform");

    facilitator("CompleteItem", new JsonObject());
    facilitator("StartItem", new JsonObject().put("itemId", discuss));
    facilitator("SetSpeakerLimit", new JsonObject().put("seconds", 10));
    for (int i = 0; i < 3; i++) {
      participant(i, "RaiseHand", new JsonObject());
    }
    facilitator("GiveFloor", new JsonObject());
    expect(screen.byTestId("speaker-countdown")).hasAttribute("data-state", "running", attributeWait());
    expect(screen.byTestId("queue-entry")).hasCount(2);
    check("discuss-speaker");

    facilitator("CompleteItem", new JsonObject());
    facilitator("StartItem", new JsonObject().put("itemId", decide));
    String shown = facilitator("OpenMotion", new JsonObject().put("text", zh ? "十月十五日发布" : "Launch on 15 October")
        .put("itemId", decide)).getString("motionId");
    participant(0, "CastVote", new JsonObject().put("motionId", shown).put("choice", "agree"));
    participant(1, "CastVote", new JsonObject().put("motionId", shown).put("choice", "oppose"));
    expect(screen.page.locator("[data-testid=vote-result][data-motion-id='" + shown + "']"))
        .hasAttribute("data-voters", "2", attributeWait());
    check("motion-open");

    String hidden = facilitator("OpenMotion", new JsonObject().put("text", zh ? "雇用两名外包人员" : "Hire two contractors")
        .put("itemId", decide).put("hiddenResults", true)).getString("motionId");
    participant(0, "CastVote", new JsonObject().put("motionId", hidden).put("choice", "agree"));
    participant(2, "CastVote", new JsonObject().put("motionId", hidden).put("choice", "neutral"));
    var hiddenResult = screen.page.locator("[data-testid=vote-hidden][data-motion-id='" + hidden + "']");
    expect(hiddenResult).hasAttribute("data-voters", "2", attributeWait());
    // the facilitator and four participants are online: five may vote
    expect(hiddenResult.locator(".motion-hidden")).hasText(zh ? "5 人中已有 2 人投票" : "2 of 5 have voted");
    check("motion-hidden");

    facilitator("CloseMotion", new JsonObject().put("motionId", hidden));
    facilitator("CloseMotion", new JsonObject().put("motionId", shown));
    var closed = screen.page.locator("[data-testid=vote-result][data-motion-id='" + shown + "']");
    expect(closed).hasAttribute("data-outcome", "failed", attributeWait());
    expect(closed.getByTestId("vote-why")).hasText(zh
        ? "已投 2 票，赞成 1 票：简单多数需要 2 票赞成；中立票计入已投票数"
        : "1 agree of 2 votes cast: a simple majority needs 2; neutral votes count as cast");
    check("motion-closed");

    // The ten seconds of the speaker ran out while the motions were put: the speaker overruns.
    expect(screen.byTestId("speaker-countdown")).hasAttribute("data-state", "overrun", attributeWait());
    check("speaker-overrun");

    facilitator("CompleteItem", new JsonObject());
    expect(screen.byTestId("vote-result")).hasCount(0);
    facilitator("SetBoard", new JsonObject().put("template", "five_w_one_h").put("dotLimit", 5));
    facilitator("StartItem", new JsonObject().put("itemId", open));
    List<String> six = addSixNotes(zh);
    expect(screen.byTestId("note")).hasCount(6);
    sameLanesAndOrderAsTheBoard(six);
    check("wall-6-notes", 6);

    List<String> notes = new ArrayList<>(six);
    notes.addAll(addNotes(6, 54, LANES_5W1H, zh));
    facilitator("GroupNotes", new JsonObject().put("noteIds", new JsonArray().add(notes.get(6)).add(notes.get(12))
        .add(notes.get(18))).put("name", zh ? "客户沟通" : "Customers"));
    facilitator("GroupNotes", new JsonObject().put("noteIds", new JsonArray().add(notes.get(9)).add(notes.get(15)))
        .put("name", zh ? "时间安排" : "Schedule"));
    expect(screen.page.locator(".wall-region [data-testid=wall]")).hasAttribute("data-notes", "60", attributeWait());
    check("wall-60-notes", 60);

    facilitator("AddActionItem", new JsonObject().put("task", zh ? "起草发布说明" : "Draft the release notes")
        .put("owner", names[0]).put("deadline", "2026-07-01"));
    facilitator("AddActionItem", new JsonObject().put("task", zh ? "预订发布会场地" : "Book the launch venue")
        .put("owner", names[1]).put("deadline", "2026-07-15").put("standard", "Confirmed in writing"));
    facilitator("RecordDecision", new JsonObject().put("text", zh ? "发布前冻结代码一周" : "Freeze the code a week before"));
    facilitator("EndMeeting", new JsonObject());
    expect(screen.byTestId("meeting-summary")).isVisible();
    expect(screen.byTestId("summary-action")).hasCount(2);
    expect(screen.byTestId("summary-decision")).hasCount(3);
    expect(screen.byTestId("countdown")).isHidden();
    expect(screen.byTestId("vote-result")).hasCount(0);
    check("ended");

    // A second room for the other lane template: notes of one template cannot stay when the template changes.
    openRoom(names);
    String open2 = addItem(zh ? "问题与对策" : "Problems and remedies", names[0], "open_discussion", "");
    facilitator("SetBoard", new JsonObject().put("template", "problem_cause_solution_risk").put("dotLimit", 5));
    facilitator("StartItem", new JsonObject().put("itemId", open2));
    List<String> pcsr = addNotes(0, 60, LANES_PCSR, zh);
    facilitator("GroupNotes", new JsonObject().put("noteIds", new JsonArray().add(pcsr.get(0)).add(pcsr.get(4))
        .add(pcsr.get(8)).add(pcsr.get(12))).put("name", zh ? "测试不足" : "Not enough tests"));
    screen.page.navigate(RoomPage.url(server.port(), roomId, "screen", screenToken));
    screen.waitOpen();
    expect(screen.page.locator(".wall-region [data-testid=wall]")).hasAttribute("data-notes", "60", attributeWait());
    check("wall-60-notes-pcsr", 60);
  }

  private String screenToken;

  /** A new room with the facilitator and four participants online, and a screen token; the page's context once. */
  private void openRoom(String[] names) {
    JsonObject room = result(server.createRoom());
    roomId = room.getString("roomId");
    facilitatorToken = room.getString("token");
    String code = room.getString("joinCode");
    people.clear();
    for (String name : names) {
      String token = result(server.join(code, name, "Sales", "participant")).getString("token");
      people.add(token);
      result(connect().join(roomId, token));
    }
    result(bus.join(roomId, facilitatorToken));
    screenToken = result(server.join(code, "Room TV", "", "screen")).getString("token");
    if (context == null) {
      context = browser.newContext(Browser.desktop(1920, 1080, locale));
    }
  }

  private String addItem(String title, String owner, String kind, String output) {
    return facilitator("AddItem", new JsonObject().put("title", title).put("owner", owner).put("kind", kind)
        .put("timeboxSeconds", 600).put("expectedOutput", output)).getString("itemId");
  }

  private static String[] words(boolean zh) {
    return zh
        ? new String[] {"更早通知客户", "测试覆盖不足", "预算需要复核", "邀请合作伙伴", "文档要翻译", "上线后的支持"}
        : new String[] {"Tell customers sooner", "Tests miss the edge cases", "Review the budget",
            "Invite the partners", "Translate the docs", "Support after the launch"};
  }

  /** Notes number from+1 … from+count, lane by lane, one in seven with a dot; their ids in order. */
  private List<String> addNotes(int from, int count, String[] lanes, boolean zh) {
    String[] words = words(zh);
    List<String> ids = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String lane = lanes[i % lanes.length];
      JsonObject note = participant(i % people.size(), "AddNote", new JsonObject()
          .put("text", words[i % words.length] + " " + (i + 1)).put("lane", lane)
          .put("x", 100 + (i * 37) % 800).put("y", 100 + (i * 53) % 900));
      ids.add(note.getString("noteId"));
      if (i % 7 == 0) {
        participant((i + 1) % people.size(), "AddDot", new JsonObject().put("noteId", note.getString("noteId")));
      }
    }
    return ids;
  }

  /** Six notes spread over four of the six lanes, two lanes with two (one above the other), as a board is laid out. */
  private List<String> addSixNotes(boolean zh) {
    String[] words = words(zh);
    int[][] at = {{800, 1500}, {800, 6500}, {2500, 3000}, {9000, 2000}, {8500, 7000}, {7500, 5000}};
    String[] lanes = {"what", "what", "who", "how", "how", "why"};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < at.length; i++) {
      ids.add(participant(i % people.size(), "AddNote", new JsonObject().put("text", words[i] + " " + (i + 1))
          .put("lane", lanes[i]).put("x", at[i][0]).put("y", at[i][1])).getString("noteId"));
    }
    participant(1, "AddDot", new JsonObject().put("noteId", ids.get(3)));
    return ids;
  }

  /** The screen draws these notes at their board positions: the lane and the top-to-bottom order of the board view. */
  private void sameLanesAndOrderAsTheBoard(List<String> ids) {
    RoomPage board = RoomPage.open(context, "board-" + locale, server.port(), roomId, "board", facilitatorToken);
    evidence.track(board);
    board.waitOpen();
    expect(board.byTestId("note")).hasCount(ids.size());
    Map<String, Map<String, Object>> onBoard = ScreenWall.places(board.page);
    Map<String, Map<String, Object>> onScreen = ScreenWall.places(screen.page);
    board.page.close();
    for (String id : ids) {
      assertThat(onScreen.get(id).get("layout")).as("how the screen places %s", id).isEqualTo("positions");
      assertThat(onScreen.get(id).get("lane")).as("the lane of %s on the screen", id).isEqualTo(onBoard.get(id).get("lane"));
      for (String other : ids) {
        if (!other.equals(id) && onBoard.get(id).get("lane").equals(onBoard.get(other).get("lane"))) {
          double board0 = ((Number) onBoard.get(id).get("top")).doubleValue() - ((Number) onBoard.get(other).get("top")).doubleValue();
          double screen0 = ((Number) onScreen.get(id).get("top")).doubleValue() - ((Number) onScreen.get(other).get("top")).doubleValue();
          assertThat(Math.signum(screen0)).as("%s above or below %s on the screen as on the board", id, other)
              .isEqualTo(Math.signum(board0));
        }
      }
    }
  }

  private JsonObject facilitator(String type, JsonObject fields) {
    return send("facilitator", facilitatorToken, type, fields);
  }

  private JsonObject participant(int index, String type, JsonObject fields) {
    return send("p" + index, people.get(index), type, fields);
  }

  /** Sends a command and returns its result; the test fails on a refusal. */
  private JsonObject send(String who, String token, String type, JsonObject fields) {
    String clientId = who + "-" + roomId;
    long seq = seqs.merge(clientId, 1L, Long::sum);
    JsonObject reply = result(bus.command(roomId, token, clientId, seq, fields.copy().put("type", type)));
    assertThat(reply.getBoolean("ok")).as("%s %s: %s", type, fields, reply).isTrue();
    JsonObject value = reply.getJsonObject("result");
    return value == null ? new JsonObject() : value;
  }

  private void check(String state) {
    check(state, -1);
  }

  /**
   * Measures the page in this state at both sizes and saves a screenshot of each; with a note count, also the wall:
   * nothing cut off, every note of the board accounted for.
   */
  private void check(String state, int notes) {
    for (int[] size : SIZES) {
      int w = size[0];
      int h = size[1];
      screen.page.setViewportSize(w, h);
      screen.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
      String at = state + " at " + w + "x" + h + " in " + locale;
      screen.screenshot("screen-" + state + "-" + w + "x" + h + "-" + locale, false);
      assertThat(Layout.overflowingViewport(screen.page)).as("what leaves the viewport, %s", at).isEmpty();
      assertThat(qrProblems()).as("the QR code, %s", at).isEmpty();
      if (h == 1080) {
        assertThat(Layout.textSmallerThan(screen.page, 28)).as("text under 28 px, %s", at).isEmpty();
      } else {
        assertThat(Layout.textSmallerThan(screen.page, 28.0 * h / 1080 - 0.1)).as("text under 28 px at 1080p, %s", at).isEmpty();
      }
      if (notes >= 0) {
        assertThat(ScreenWall.cutOff(screen.page)).as("cut off on the wall, %s", at).isEmpty();
        assertThat(ScreenWall.accounted(screen.page)).as("notes shown, in clusters and in '+N more', %s", at).isEqualTo(notes);
        System.out.printf("wall %s: %d of %d notes on the board in '+N more'%n", at, ScreenWall.more(screen.page), notes);
      }
      for (String countdown : new String[] {"countdown", "speaker-countdown"}) {
        if (screen.byTestId(countdown).isVisible()) {
          double height = Layout.box(screen.page, "[data-testid=" + countdown + "]").get("height").doubleValue();
          assertThat(height).as("height of the %s digits, %s", countdown, at).isGreaterThanOrEqualTo(0.15 * h);
        }
      }
      if (h == 1080) {
        // axe-core checks what the page says and its contrast, the same at both sizes: once per state keeps the class quick.
        assertThat(Accessibility.seriousViolations(screen.page)).as("axe-core, %s", at).isEmpty();
      }
      assertThat(screen.uncaughtErrors()).as("exceptions, %s", at).isEmpty();
    }
  }

  /** Whatever keeps the QR code from being seen whole: not loaded, outside the viewport, or cut by its card. */
  @SuppressWarnings("unchecked")
  private List<String> qrProblems() {
    return (List<String>) screen.page.evaluate("""
        () => {
          const out = [];
          const qr = document.querySelector('[data-testid=qr-code]');
          if (!qr || qr.closest('[hidden]')) return ['no QR code shown'];
          if (!qr.complete || qr.naturalWidth === 0) out.push('the QR image has not loaded');
          const r = qr.getBoundingClientRect();
          const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
          if (r.width < 60 || r.height < 60) out.push(`the QR code is only ${r.width}x${r.height}`);
          if (r.left < 0 || r.top < 0 || r.right > vw || r.bottom > vh) out.push(`the QR code at ${r.left},${r.top} ${r.width}x${r.height} leaves the ${vw}x${vh} viewport`);
          for (let p = qr.parentElement; p && p !== document.body; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (!/(hidden|auto|scroll|clip)/.test(s.overflowX + s.overflowY)) continue;
            const b = p.getBoundingClientRect();
            if (r.left < b.left - 1 || r.top < b.top - 1 || r.right > b.right + 1 || r.bottom > b.bottom + 1) {
              out.push(`the QR code is cut by ${p.tagName.toLowerCase()}.${p.className}`);
            }
          }
          const code = document.querySelector('[data-testid=join-code]').getBoundingClientRect();
          if (code.left < 0 || code.top < 0 || code.right > vw || code.bottom > vh) out.push('the join code leaves the viewport');
          return out;
        }
        """);
  }
}
