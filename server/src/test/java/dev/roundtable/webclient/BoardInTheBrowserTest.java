package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.KeyboardModifier;
import dev.roundtable.support.Accessibility;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The board as a canvas in real Chromium: cards dragged with a mouse and with a finger land in the lane they are
 * dropped in, on the board that moved them, on a second board and on the shared screen; a cluster moves as one; the
 * note menu recolours, edits, dot-votes and deletes; 300 cards render and a drag among them sends at most about ten
 * moves a second per card, the last one winning; the shared screen's wall holds 60 (and 300) notes inside its box.
 * The room is set up over the event bus; everything on the board is done with the pointer and the keyboard.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("In a real browser, the board")
class BoardInTheBrowserTest {
  private static final Pattern MOVE = Pattern.compile(
      "\"type\":\"MoveNote\",\"noteId\":\"(\\w+)\",\"x\":(\\d+),\"y\":(\\d+)");
  /** Moves per card per second a drag may send: ten, and one for the drop that may follow a sent move. */
  private static final int MOVES_PER_SECOND = 11;

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private static Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<RoomPage> pages = new ArrayList<>();
  private TestServer server;
  private BusClient bus;
  private String roomId;
  private String facilitatorToken;
  private String anaToken;
  private String screenToken;
  private long seq;

  /** A MoveNote the page sent, and when (ms since the test started). */
  private record Move(long atMs, String noteId, int x, int y) {
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
  void start(Vertx vertx, @TempDir Path dataDir) {
    // The set-up adds hundreds of notes over one socket: lift the per-socket command rate for it.
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject()
        .put("commandsPerSecond", 5000).put("commandBurst", 2000)), new MutableClock()));
    JsonObject room = result(server.createRoom());
    roomId = room.getString("roomId");
    facilitatorToken = room.getString("token");
    anaToken = result(server.join(room.getString("joinCode"), "Ana", "Design", "participant")).getString("token");
    screenToken = result(server.join(room.getString("joinCode"), "Room TV", "", "screen")).getString("token");
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

  @ParameterizedTest(name = "in {0} at {1}×{2}")
  @CsvSource({"en-US,1920,1080", "zh-CN,1920,1080", "en-US,1440,900", "zh-CN,1440,900"})
  @DisplayName("moves a card into another lane with the mouse, shown in that lane on every open page; moves a cluster as"
      + " one; offers colour, text, dots and delete in the card's menu")
  void mouse(String locale, int width, int height) {
    openDiscussion("problem_cause_solution_risk");
    String deploys = addNote("Deploys take 40 minutes", "problem", 1200, 1500);
    String flaky = addNote("Flaky integration tests", "problem", 1200, 4500);
    String owner = addNote("Nobody owns the pipeline", "cause", 3700, 1500);
    String size = width + "x" + height;
    List<Move> moves = new CopyOnWriteArrayList<>();
    RoomPage board = open(Browser.desktop(width, height, locale), "board", "board", facilitatorToken, moves);
    RoomPage other = open(Browser.desktop(1440, 900, locale), "ana-board", "board", anaToken, null);
    RoomPage screen = open(Browser.desktop(1920, 1080, locale), "screen", "screen", screenToken, null);
    for (RoomPage page : List.of(board, other, screen)) {
      expect(page.byTestId("note")).hasCount(3);
    }

    // A card dragged into the solution lane belongs to it, on the server and on every page.
    long started = System.currentTimeMillis();
    mouseDrag(board.page, card(board, deploys), laneTarget(board, "solution", 0.3), 40, 25);
    Eventually.until("the server has the card in the solution lane", Duration.ofSeconds(10),
        () -> "solution".equals(note(deploys).getString("lane")));
    for (RoomPage page : List.of(board, other, screen)) {
      showsInLane(page, deploys, "solution");
    }
    finalMoveWins(moves, deploys, started);
    board.screenshot("board-dragged-" + size + "-" + locale, false);

    // Two cards selected with shift-clicks become a cluster, drawn as a frame around both.
    card(board, flaky).click(new Locator.ClickOptions().setModifiers(List.of(KeyboardModifier.SHIFT)));
    card(board, owner).click(new Locator.ClickOptions().setModifiers(List.of(KeyboardModifier.SHIFT)));
    expect(board.byTestId("selected-count")).containsText("2");
    board.byTestId("cluster-name").fill("CI");
    board.byTestId("cluster-create").click();
    Eventually.until("the server has both cards in one cluster", Duration.ofSeconds(10), () -> {
      String cluster = note(flaky).getString("clusterId");
      return cluster != null && cluster.equals(note(owner).getString("clusterId"))
          && note(flaky).getInteger("x").equals(note(owner).getInteger("x"));
    });
    String clusterId = note(flaky).getString("clusterId");
    for (RoomPage page : List.of(board, other, screen)) {
      frameHolds(page, clusterId, flaky, owner);
    }

    // Dragging one card of the cluster moves the cluster: both land in the risk lane, the same distance apart.
    int dy = note(owner).getInteger("y") - note(flaky).getInteger("y");
    mouseDrag(board.page, card(board, flaky), laneTarget(board, "risk", 0.25), 20, 20);
    // Each card's moves are throttled separately, so the last one of the second card may land a moment later.
    Eventually.until("the server has the cluster in the risk lane, its cards the same distance apart",
        Duration.ofSeconds(10), () -> "risk".equals(note(flaky).getString("lane"))
            && "risk".equals(note(owner).getString("lane"))
            && Math.abs(note(owner).getInteger("y") - note(flaky).getInteger("y") - dy) <= 2
            && note(owner).getInteger("x").equals(note(flaky).getInteger("x")));
    assertThat(note(owner).getInteger("y") - note(flaky).getInteger("y")).isCloseTo(dy,
        org.assertj.core.data.Offset.offset(2));
    assertThat(note(owner).getInteger("x")).isEqualTo(note(flaky).getInteger("x"));
    for (RoomPage page : List.of(board, other, screen)) {
      showsInLane(page, owner, "risk");
      frameHolds(page, clusterId, flaky, owner);
    }
    board.screenshot("board-cluster-" + size + "-" + locale, false);

    // The card's menu: colour, text, a dot vote; Escape closes it and gives the focus back to the card.
    card(board, deploys).click(new Locator.ClickOptions().setButton(com.microsoft.playwright.options.MouseButton.RIGHT));
    Locator menu = board.byTestId("note-menu");
    expect(menu).isVisible();
    menu.locator("[data-testid=menu-colour][data-colour=blue]").click();
    Eventually.until("the card is blue", Duration.ofSeconds(10), () -> "blue".equals(note(deploys).getString("colour")));
    expect(other.page.locator("[data-testid=note][data-note-id=" + deploys + "]")).hasAttribute("data-colour", "blue");
    board.byTestId("menu-dot-add").click();
    Eventually.until("the card has a dot", Duration.ofSeconds(10), () -> note(deploys).getInteger("totalDots") == 1);
    expect(screen.page.locator("[data-testid=note][data-note-id=" + deploys + "] [data-testid=note-dots]"))
        .hasText("● 1");
    board.screenshot("board-menu-" + size + "-" + locale, false);
    assertThat(Accessibility.seriousViolations(board.page)).as("the board with its menu open").isEmpty();
    board.byTestId("menu-edit").click();
    board.byTestId("menu-edit-text").fill("Deploys take 40 min");
    board.byTestId("menu-edit-save").click();
    Eventually.until("the text is edited", Duration.ofSeconds(10),
        () -> "Deploys take 40 min".equals(note(deploys).getString("text")));
    expect(menu).isHidden();
    expect(other.page.locator("[data-testid=note][data-note-id=" + deploys + "]")).containsText("Deploys take 40 min");

    // The keyboard still moves a focused card (sent once it comes to rest).
    int y = note(deploys).getInteger("y");
    card(board, deploys).focus();
    board.page.keyboard().press("ArrowDown");
    board.page.keyboard().press("ArrowDown");
    Eventually.until("the card moved down by two steps", Duration.ofSeconds(10),
        () -> note(deploys).getInteger("y") == Math.min(10_000, y + 500));
    board.page.keyboard().press("Enter");
    expect(menu).isVisible();
    board.page.keyboard().press("Escape");
    expect(menu).isHidden();
    assertThat(board.page.evaluate("() => document.activeElement.dataset.noteId")).isEqualTo(deploys);

    card(board, deploys).click(new Locator.ClickOptions().setButton(com.microsoft.playwright.options.MouseButton.RIGHT));
    board.byTestId("menu-delete").click();
    for (RoomPage page : List.of(board, other, screen)) {
      expect(page.byTestId("note")).hasCount(2);
    }
    assertThat(Accessibility.seriousViolations(other.page)).as("the second board").isEmpty();
    assertThat(Accessibility.seriousViolations(screen.page)).as("the shared screen").isEmpty();
    noUncaughtErrors();
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("moves a card into another lane with a finger on a phone, shown in that lane on every open page; a long"
      + " press selects a card")
  void touch(String locale) {
    openDiscussion("five_w_one_h");
    String plan = addNote("Pilot in two cities", "what", 800, 1500);
    String team = addNote("Sales and design", "what", 800, 5000);
    RoomPage phone = open(Browser.phone(locale), "ana-phone-board", "board", anaToken, null);
    RoomPage board = open(Browser.desktop(1440, 900, locale), "board", "board", facilitatorToken, null);
    RoomPage screen = open(Browser.desktop(1920, 1080, locale), "screen", "screen", screenToken, null);
    for (RoomPage page : List.of(phone, board, screen)) {
      expect(page.byTestId("note")).hasCount(2);
    }
    card(phone, plan).scrollIntoViewIfNeeded();
    BoundingBox from = card(phone, plan).boundingBox();
    double[] to = laneTarget(phone, "who", 0.2);
    CDPSession cdp = phone.page.context().newCDPSession(phone.page);
    touch(cdp, "touchStart", from.x + from.width / 2, from.y + from.height / 2);
    for (int i = 1; i <= 15; i++) {
      double f = i / 15.0;
      touch(cdp, "touchMove", from.x + from.width / 2 + (to[0] - from.x - from.width / 2) * f,
          from.y + from.height / 2 + (to[1] - from.y - from.height / 2) * f);
      phone.page.waitForTimeout(20);
    }
    touch(cdp, "touchEnd", 0, 0);
    Eventually.until("the server has the card in the who lane", Duration.ofSeconds(10),
        () -> "who".equals(note(plan).getString("lane")));
    for (RoomPage page : List.of(phone, board, screen)) {
      showsInLane(page, plan, "who");
    }

    // Held still for a while, a finger selects the card instead of opening its menu.
    card(phone, team).scrollIntoViewIfNeeded();
    BoundingBox held = card(phone, team).boundingBox();
    touch(cdp, "touchStart", held.x + held.width / 2, held.y + held.height / 2);
    phone.page.waitForTimeout(800);
    touch(cdp, "touchEnd", 0, 0);
    expect(card(phone, team)).hasClass(Pattern.compile("\\bis-selected\\b"));
    expect(phone.byTestId("note-menu")).isHidden();
    phone.screenshot("board-touch-360x800-" + locale, false);
    assertThat(Layout.horizontalOverflow(phone.page)).as("the phone page scrolls sideways").isEmpty();
    assertThat(Accessibility.seriousViolations(phone.page)).isEmpty();
    noUncaughtErrors();
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("renders 300 cards, and a drag among them sends at most about ten moves a second, the last one winning")
  void threeHundred(String locale) {
    openDiscussion("problem_cause_solution_risk");
    List<String> ids = addNotes(300, 0);
    List<Move> moves = new CopyOnWriteArrayList<>();
    RoomPage board = open(Browser.desktop(1440, 900, locale), "board", "board", facilitatorToken, moves);
    expect(board.byTestId("note")).hasCount(300);
    String dragged = ids.get(299);
    // Watch the frames while dragging: an animation frame that takes long would be jank.
    board.page.evaluate("() => { window.__frames = []; let last = performance.now();"
        + " const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 2000)"
        + " requestAnimationFrame(tick); }; requestAnimationFrame(tick); }");
    long started = System.currentTimeMillis();
    mouseDrag(board.page, card(board, dragged), laneTarget(board, "cause", 0.5), 80, 25);
    Eventually.until("the server has the dragged card in the cause lane", Duration.ofSeconds(10),
        () -> "cause".equals(note(dragged).getString("lane")));
    finalMoveWins(moves, dragged, started);
    showsInLane(board, dragged, "cause");
    @SuppressWarnings("unchecked")
    List<Number> frames = (List<Number>) board.page.evaluate("() => window.__frames.slice(1)");
    List<Double> sorted = frames.stream().map(Number::doubleValue).sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    System.out.printf("300 cards, %s: %d animation frames during the drag, median %.1f ms, slowest %.1f ms%n",
        locale, sorted.size(), median, sorted.get(sorted.size() - 1));
    assertThat(median).as("median time between animation frames while dragging among 300 cards, ms").isLessThan(50);
    board.screenshot("board-300-notes-1440x900-" + locale, false);
    noUncaughtErrors();
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("shows the wall on the shared screen as on the board: lanes, clusters, dot counts, readable text when few"
      + " notes, and with 60 or 300 notes clusters as cards, the most dotted notes and '+N more', all inside the wall")
  void screen(String locale) {
    openDiscussion("problem_cause_solution_risk");
    List<String> first = addNotes(6, 0);
    RoomPage screen = open(Browser.desktop(1920, 1080, locale), "screen", "screen", screenToken, null);
    expect(screen.byTestId("note")).hasCount(6);
    @SuppressWarnings("unchecked")
    List<Number> sizes = (List<Number>) screen.page.evaluate("() => [...document.querySelectorAll("
        + "'[data-testid=note-text]')].map(e => parseFloat(getComputedStyle(e).fontSize))");
    assertThat(sizes).as("note text on a 1080p screen with six notes, px").allSatisfy(
        px -> assertThat(px.doubleValue()).isGreaterThanOrEqualTo(28));
    screen.screenshot("board-screen-wall-6-notes-1920x1080-" + locale, false);

    List<String> more = addNotes(54, 6);
    command(new JsonObject().put("type", "GroupNotes").put("noteIds", new io.vertx.core.json.JsonArray()
        .add(first.get(0)).add(first.get(4))).put("name", locale.startsWith("zh") ? "发布" : "Launch"));
    command(new JsonObject().put("type", "AddDot").put("noteId", more.get(0)));
    command(new JsonObject().put("type", "AddDot").put("noteId", more.get(0)));
    // 60 notes do not fit at the screen's reading size: each lane shows its cluster as one card, the most dotted
    // notes, and how many more are on the board; every note is accounted for and every card stands in its lane.
    Locator wall = screen.page.locator(".wall-region [data-testid=wall]");
    expect(wall).hasAttribute("data-notes", "60");
    expect(screen.page.locator("[data-testid=note][data-note-id=" + more.get(0) + "] [data-testid=note-dots]"))
        .hasText("● 2");
    expect(screen.page.locator("[data-testid=cluster-card][data-notes='2'], [data-testid=cluster-frame][data-notes='2']"))
        .hasCount(1);
    allInsideTheWall(screen);
    assertThat(ScreenWall.cutOff(screen.page)).as("cut off on the screen's wall").isEmpty();
    assertThat(ScreenWall.accounted(screen.page)).as("notes accounted for on the screen").isEqualTo(60);
    @SuppressWarnings("unchecked")
    List<String> shown = (List<String>) screen.page.locator("[data-testid=note]")
        .evaluateAll("cards => cards.map(c => c.dataset.noteId)");
    assertThat(shown).as("the notes the screen shows").contains(more.get(0));
    for (String id : shown) {
      showsInLane(screen, id, note(id).getString("lane"));
    }
    screen.screenshot("board-screen-wall-60-notes-1920x1080-" + locale, false);
    assertThat(Accessibility.seriousViolations(screen.page)).isEmpty();

    addNotes(240, 60);
    expect(wall).hasAttribute("data-notes", "300");
    allInsideTheWall(screen);
    assertThat(ScreenWall.cutOff(screen.page)).as("cut off on the screen's wall").isEmpty();
    assertThat(ScreenWall.accounted(screen.page)).as("notes accounted for on the screen").isEqualTo(300);
    screen.screenshot("board-screen-wall-300-notes-1920x1080-" + locale, false);
    noUncaughtErrors();
  }

  // ---- the room

  private JsonObject command(JsonObject command) {
    JsonObject reply = result(bus.command(roomId, facilitatorToken, "board-test", ++seq, command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
    return reply.getJsonObject("result");
  }

  /** A board with this template, dot voting on, and an open discussion running (the screen shows the wall). */
  private void openDiscussion(String template) {
    command(new JsonObject().put("type", "SetBoard").put("template", template).put("dotLimit", 5));
    String itemId = command(new JsonObject().put("type", "AddItem").put("title", "Ideas").put("owner", "Ana")
        .put("timeboxSeconds", 900).put("kind", "open_discussion")).getString("itemId");
    command(new JsonObject().put("type", "StartItem").put("itemId", itemId));
  }

  private String addNote(String text, String lane, int x, int y) {
    return command(new JsonObject().put("type", "AddNote").put("text", text).put("lane", lane).put("x", x)
        .put("y", y)).getString("noteId");
  }

  /** Adds n notes spread over the four lanes of the problem / cause / solution / risk board. */
  private List<String> addNotes(int n, int from) {
    String[] lanes = {"problem", "cause", "solution", "risk"};
    List<Future<JsonObject>> replies = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      int lane = i % 4;
      int row = i / 4;
      JsonObject add = new JsonObject().put("type", "AddNote").put("text", "Idea " + (i + 1) + ": ship it in stages")
          .put("lane", lanes[lane]).put("x", lane * 2500 + 300 + (row % 5) * 450).put("y", 400 + (row * 731) % 9300)
          .put("colour", List.of("yellow", "pink", "green", "blue").get(row % 4));
      replies.add(bus.command(roomId, facilitatorToken, "board-test", ++seq, add));
    }
    return replies.stream().map(f -> {
      JsonObject reply = result(f);
      assertThat(reply.getBoolean("ok")).as("reply to an AddNote: %s", reply).isTrue();
      return reply.getJsonObject("result").getString("noteId");
    }).toList();
  }

  private JsonObject note(String id) {
    JsonObject reply = result(bus.sync(roomId, facilitatorToken, null));
    return reply.getJsonObject("snapshot").getJsonObject("notes").getJsonObject(id, new JsonObject());
  }

  // ---- pages

  private RoomPage open(com.microsoft.playwright.Browser.NewContextOptions options, String name, String view,
      String token, List<Move> moves) {
    BrowserContext context = browser.newContext(options);
    contexts.add(context);
    RoomPage page = evidence.track(RoomPage.open(context, name, server.port(), roomId, view, token));
    if (moves != null) {
      long t0 = System.currentTimeMillis();
      page.page.onWebSocket(socket -> socket.onFrameSent(frame -> {
        String text = frame.text();
        if (text == null) {
          return;
        }
        Matcher m = MOVE.matcher(text.replace("\\\"", "\""));
        while (m.find()) {
          moves.add(new Move(System.currentTimeMillis() - t0, m.group(1), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
        }
      }));
    }
    pages.add(page);
    return page.waitOpen();
  }

  private static Locator card(RoomPage page, String noteId) {
    return page.page.locator("[data-testid=note][data-note-id=" + noteId + "]");
  }

  /** A point inside a lane of the page's wall: its middle, at a fraction of its height, kept in the viewport. */
  private static double[] laneTarget(RoomPage page, String lane, double down) {
    BoundingBox box = page.page.locator("[data-testid=lane][data-lane=" + lane + "]").boundingBox();
    double viewport = page.page.viewportSize().height;
    return new double[] {box.x + box.width / 2, Math.min(box.y + box.height * down + 60, viewport - 80)};
  }

  /** Presses the card, moves the mouse to the target in steps a little apart in time, and lets go. */
  private static void mouseDrag(Page page, Locator card, double[] to, int steps, int stepMs) {
    BoundingBox from = card.boundingBox();
    double x = from.x + from.width / 2;
    double y = from.y + Math.min(from.height / 2, 12);
    page.mouse().move(x, y);
    page.mouse().down();
    for (int i = 1; i <= steps; i++) {
      page.mouse().move(x + (to[0] - x) * i / steps, y + (to[1] - y) * i / steps);
      page.waitForTimeout(stepMs);
    }
    page.mouse().up();
  }

  private static void touch(CDPSession cdp, String type, double x, double y) {
    com.google.gson.JsonObject params = new com.google.gson.JsonObject();
    params.addProperty("type", type);
    JsonArray points = new JsonArray();
    if (!"touchEnd".equals(type)) {
      com.google.gson.JsonObject point = new com.google.gson.JsonObject();
      point.addProperty("x", x);
      point.addProperty("y", y);
      points.add(point);
    }
    params.add("touchPoints", points);
    cdp.send("Input.dispatchTouchEvent", params);
  }

  /** The page shows the card in this lane: it says so, and its box lies inside the lane's column. */
  private static void showsInLane(RoomPage page, String noteId, String lane) {
    expect(card(page, noteId)).hasAttribute("data-lane", lane);
    Eventually.until(page.name + " draws " + noteId + " inside the " + lane + " lane", Duration.ofSeconds(5), () -> {
      BoundingBox c = card(page, noteId).boundingBox();
      BoundingBox l = page.page.locator("[data-testid=lane][data-lane=" + lane + "]").boundingBox();
      return c != null && l != null && c.x >= l.x - 1 && c.x + c.width <= l.x + l.width + 1;
    });
  }

  /** The cluster's frame is visible on the page and holds both cards. */
  private static void frameHolds(RoomPage page, String clusterId, String... noteIds) {
    Locator frame = page.page.locator("[data-testid=cluster-frame][data-cluster-id=" + clusterId + "]");
    expect(frame).isVisible();
    Eventually.until(page.name + " draws the cluster's frame around its cards", Duration.ofSeconds(5), () -> {
      BoundingBox f = frame.boundingBox();
      for (String id : noteIds) {
        BoundingBox c = card(page, id).boundingBox();
        if (f == null || c == null || c.x < f.x || c.y < f.y || c.x + c.width > f.x + f.width + 0.5
            || c.y + c.height > f.y + f.height + 0.5) {
          return false;
        }
      }
      return true;
    });
  }

  /** Every card of the screen's wall lies inside the wall's box. */
  private static void allInsideTheWall(RoomPage screen) {
    @SuppressWarnings("unchecked")
    List<String> outside = (List<String>) screen.page.evaluate("() => {"
        + " const wall = document.querySelector('[data-testid=wall]').getBoundingClientRect();"
        + " return [...document.querySelectorAll('[data-testid=note]')].filter(n => {"
        + "   const r = n.getBoundingClientRect();"
        + "   return r.left < wall.left - 0.5 || r.top < wall.top - 0.5 || r.right > wall.right + 0.5"
        + "     || r.bottom > wall.bottom + 0.5 || r.width < 10; }).map(n => n.dataset.noteId); }");
    assertThat(outside).as("cards outside the screen's wall").isEmpty();
    Map<String, Number> wall = Layout.box(screen.page, "[data-testid=wall]");
    assertThat(wall.get("height").doubleValue()).as("the wall's height on the screen").isGreaterThan(300);
  }

  /**
   * The page sent at most about ten moves a second for the card during the drag, and the last one it sent is where
   * the server has the card.
   */
  private void finalMoveWins(List<Move> moves, String noteId, long startedMs) {
    // The drop's move may wait for its turn (100 ms after the last one sent).
    pages.get(0).page.waitForTimeout(400);
    List<Move> mine = moves.stream().filter(m -> m.noteId().equals(noteId)).toList();
    assertThat(mine).as("moves sent for %s", noteId).isNotEmpty();
    for (Move m : mine) {
      long inWindow = mine.stream().filter(o -> o.atMs() >= m.atMs() && o.atMs() < m.atMs() + 1000).count();
      assertThat(inWindow).as("moves of %s sent within a second from %d ms", noteId, m.atMs())
          .isLessThanOrEqualTo(MOVES_PER_SECOND);
    }
    Move last = mine.get(mine.size() - 1);
    Eventually.until("the server has the last position sent", Duration.ofSeconds(10), () -> {
      JsonObject n = note(noteId);
      return n.getInteger("x") == last.x() && n.getInteger("y") == last.y();
    });
    System.out.printf("%s: %d moves sent in %d ms of dragging%n", noteId, mine.size(),
        System.currentTimeMillis() - startedMs);
  }

  private void noUncaughtErrors() {
    for (RoomPage page : pages) {
      assertThat(page.uncaughtErrors()).as("exceptions thrown in the %s page", page.name).isEmpty();
    }
  }
}
