package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.WAIT_MS;
import static dev.roundtable.webclient.RoomPage.attributeWait;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import dev.roundtable.webclient.RoomPage.Countdown;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole meeting in real headless Chromium: the facilitator's console on a laptop, two participants on phones and
 * the shared screen on a wall display, each in its own browser context (own storage, own socket), all against a
 * real server whose clock runs ahead of the browsers'. Commands go through the pages' buttons and fields; what the
 * server holds is read with a Sync.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A meeting run in real browsers,")
class MeetingInTheBrowserTest {
  private static final Pattern CLOCK = Pattern.compile("([+-]?)(\\d+):(\\d{2})");
  /**
   * How far the server's clock runs ahead of the browsers' (all on this machine's clock): the pages must count down
   * on the server's time, learnt from Sync's serverTime, not on their own.
   */
  private static final long SERVER_AHEAD_MS = 37_000;

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  /** One Chromium for the class; every test gets new contexts (own storage, own sockets). */
  private static Browser browser;
  /**
   * Cleo's phone runs in a Chromium of its own, driven by its own Playwright: Playwright is not thread-safe, and
   * this lets Cleo type on another thread at the very moment Ben types.
   */
  private static Browser cleosBrowser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<RoomPage> extraPages = new ArrayList<>();
  private final MutableClock clock = new MutableClock();
  private TestServer server;
  private BusClient bus;
  private String roomId;
  private String joinCode;
  private String facilitatorToken;
  private JsonObject ben;
  private JsonObject cleo;
  private RoomPage screen;
  private RoomPage facilitator;
  private RoomPage benPhone;
  private RoomPage cleoPhone;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
    cleosBrowser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (cleosBrowser != null) {
      cleosBrowser.close();
    }
  }

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    clock.advance(SERVER_AHEAD_MS);
    server = result(TestServer.start(vertx, TestServer.config(dataDir), clock));
    JsonObject room = result(server.createRoom());
    roomId = room.getString("roomId");
    joinCode = room.getString("joinCode");
    facilitatorToken = room.getString("token");
    ben = result(server.join(joinCode, "Ben", "Sales", "participant"));
    cleo = result(server.join(joinCode, "Cleo", "Finance", "participant"));
    JsonObject tv = result(server.join(joinCode, "Room TV", "", "screen"));
    bus = result(server.connect());

    screen = open(context(browser, Browser.desktop(1920, 1080)), "screen", "screen", tv.getString("token"));
    facilitator = open(context(browser, Browser.desktop(1366, 900)), "facilitator", "facilitator",
        facilitatorToken);
    benPhone = open(context(browser, Browser.phone()), "ben-phone", "participant", ben.getString("token"));
    cleoPhone = open(context(cleosBrowser, Browser.phone()), "cleo-phone", "participant", cleo.getString("token"));
    for (RoomPage page : fourPages()) {
      page.waitOpen();
    }
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

  private BrowserContext context(Browser in, com.microsoft.playwright.Browser.NewContextOptions options) {
    BrowserContext context = in.newContext(options);
    contexts.add(context);
    return context;
  }

  private RoomPage open(BrowserContext context, String name, String view, String token) {
    return evidence.track(RoomPage.open(context, name, server.port(), roomId, view, token));
  }

  private List<RoomPage> fourPages() {
    return List.of(screen, facilitator, benPhone, cleoPhone);
  }

  /** The room as the facilitator's Sync shows it now. */
  private JsonObject snapshot() {
    JsonObject reply = result(bus.sync(roomId, facilitatorToken, null));
    assertThat(reply.getBoolean("ok")).as("Sync reply %s", reply).isTrue();
    return reply.getJsonObject("snapshot");
  }

  // ---- the facilitator's console

  /** Adds an agenda item with the console's form and waits until the console lists it. */
  private void addItem(String title, String owner, int minutes, String expectedOutput, String kind) {
    facilitator.byTestId("agenda-add-title").fill(title);
    facilitator.byTestId("agenda-add-owner").fill(owner);
    facilitator.byTestId("agenda-add-minutes").fill(String.valueOf(minutes));
    facilitator.byTestId("agenda-add-output").fill(expectedOutput);
    facilitator.byTestId("agenda-add-kind").selectOption(kind);
    facilitator.byTestId("agenda-add-submit").click();
    expect(facilitator.byTestId("agenda-item", title)).hasCount(1);
  }

  private void startItem(String title) {
    facilitator.byTestId("agenda-item", title).getByTestId("item-start").click();
  }

  /** The console shows no error message (a refused command would be explained there). */
  private void consoleShowsNoError() {
    Locator error = facilitator.byTestId("error");
    if (error.count() > 0 && error.first().isVisible()) {
      assertThat(error.first().innerText().trim()).as("the console's error message").isEmpty();
    }
  }

  private void noUncaughtErrors() {
    for (RoomPage page : Stream.concat(fourPages().stream(), extraPages.stream()).toList()) {
      assertThat(page.uncaughtErrors()).as("exceptions thrown in the %s page", page.name).isEmpty();
    }
  }

  // ---- countdowns

  /** The remaining time a countdown's text shows, in ms: "04:59" is 299 000, "+01:05" (overrun) is −65 000. */
  static Long shownMs(String text) {
    Matcher m = CLOCK.matcher(text);
    if (!m.find()) {
      return null;
    }
    long seconds = Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
    return ("+".equals(m.group(1)) || "-".equals(m.group(1)) ? -seconds : seconds) * 1000;
  }

  /**
   * Reads the countdown of every page at nearly the same moment and checks that all show the same remaining time
   * within 1 s of each other and of the server's deadline, and that each text matches its data-remaining-ms.
   * A page repaints on its own beat, so up to ten rounds of readings are taken; one good round is enough.
   */
  private void allShowTheSameRunningCountdown(List<RoomPage> pages, long deadline) {
    List<String> rounds = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      List<Countdown> readings = pages.stream().map(RoomPage::countdown).toList();
      long reference = readings.get(0).readAt();
      long truth = deadline - (reference + SERVER_AHEAD_MS);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      boolean ok = true;
      StringBuilder line = new StringBuilder("server " + truth + " ms;");
      for (Countdown r : readings) {
        long atReference = r.remainingMs() + (r.readAt() - reference);
        min = Math.min(min, atReference);
        max = Math.max(max, atReference);
        Long shown = shownMs(r.text());
        ok &= "running".equals(r.state()) && Math.abs(atReference - truth) <= 1000
            && shown != null && Math.abs(shown - r.remainingMs()) <= 1000;
        line.append(' ').append(r.page()).append(" \"").append(r.text()).append("\" ").append(r.remainingMs())
            .append(" ms (").append(atReference).append(" at the first reading) ").append(r.state()).append(';');
      }
      if (ok && max - min <= 1000) {
        return;
      }
      rounds.add(line.toString());
      facilitator.page.waitForTimeout(230);
    }
    fail("the pages do not show the same running countdown within 1 s of the server's:\n"
        + String.join("\n", rounds));
  }

  /** Waits until every page shows the countdown in {@code state} with {@code remainingMs} (± 1 s). */
  private static void allShowCountdown(List<RoomPage> pages, String state, long remainingMs) {
    for (RoomPage page : pages) {
      try {
        page.page.waitForFunction("([state, ms]) => {"
            + " const el = document.querySelector('[data-testid=countdown]');"
            + " return el !== null && el.dataset.state === state"
            + "   && Math.abs(Number(el.dataset.remainingMs) - ms) <= 1000; }", List.of(state, (double) remainingMs),
            new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
      } catch (RuntimeException e) {
        Countdown r = page.countdown();
        fail("the " + page.name + " page should show a " + state + " countdown of " + remainingMs + " ms but shows "
            + r, e);
      }
    }
  }

  // ---- the tests

  @Test
  @DisplayName("builds the agenda in the console and shows the same countdown on all four pages within a second")
  void agendaAndCountdown() {
    addItem("Launch date", "Ben", 5, "A launch date", "decide");
    addItem("Budget", "Cleo", 10, "An approved budget", "discuss");

    JsonArray agenda = snapshot().getJsonArray("agenda");
    assertThat(agenda).hasSize(2);
    JsonObject launch = agenda.getJsonObject(0);
    assertThat(launch.getString("title")).isEqualTo("Launch date");
    assertThat(launch.getString("owner")).isEqualTo("Ben");
    assertThat(launch.getInteger("timeboxSeconds")).as("5 minutes typed in agenda-add-minutes").isEqualTo(300);
    assertThat(launch.getString("expectedOutput")).isEqualTo("A launch date");
    assertThat(launch.getString("kind")).isEqualTo("decide");
    JsonObject budget = agenda.getJsonObject(1);
    assertThat(budget.getString("title")).isEqualTo("Budget");
    assertThat(budget.getInteger("timeboxSeconds")).isEqualTo(600);
    assertThat(budget.getString("kind")).isEqualTo("discuss");
    for (RoomPage phone : List.of(benPhone, cleoPhone)) {
      expect(phone.byTestId("agenda-item")).hasCount(2);
      expect(phone.byTestId("agenda-item")).containsText(new String[] {"Launch date", "Budget"});
      expect(phone.byTestId("agenda-item").first()).hasAttribute("data-item-id", launch.getString("id"),
          attributeWait());
      expect(phone.byTestId("agenda-item").first()).hasAttribute("data-status", "pending", attributeWait());
    }

    startItem("Launch date");

    for (RoomPage phone : List.of(benPhone, cleoPhone)) {
      expect(phone.page.locator("[data-testid=agenda-item][data-item-id='" + launch.getString("id") + "']"))
          .hasAttribute("data-status", "active", attributeWait());
    }
    expect(screen.byTestId("current-item-title")).hasText("Launch date");
    expect(screen.byTestId("current-item-owner")).containsText("Ben");
    expect(screen.byTestId("current-item-output")).containsText("A launch date");
    for (RoomPage page : fourPages()) {
      expect(page.byTestId("countdown")).hasAttribute("data-state", "running", attributeWait());
    }
    JsonObject countdown = snapshot().getJsonObject("countdown");
    assertThat(countdown.getBoolean("running")).isTrue();
    long deadline = countdown.getLong("deadline");
    assertThat(deadline - clock.millis()).isBetween(280_000L, 300_000L);
    allShowTheSameRunningCountdown(fourPages(), deadline);

    expect(screen.byTestId("join-code")).containsText(joinCode);
    expect(screen.byTestId("qr-code")).isVisible();
    for (RoomPage page : fourPages()) {
      expect(page.byTestId("locale-switch")).hasCount(1);
      assertThat(page.pendingCount()).as("commands the %s page still has to send", page.name).isZero();
    }
    screen.screenshot("meeting-screen-countdown-1920x1080", false);
    facilitator.screenshot("meeting-facilitator-console-1366x900", true);
    benPhone.screenshot("meeting-participant-phone-agenda-360x800", true);

    facilitator.byTestId("timer-pause").click();
    Eventually.until("the server's countdown is paused", Duration.ofSeconds(10),
        () -> !snapshot().getJsonObject("countdown").getBoolean("running"));
    long paused = snapshot().getJsonObject("countdown").getLong("remainingMs");
    allShowCountdown(fourPages(), "paused", paused);
    assertThat(fourPages().stream().map(page -> page.countdown().text()).distinct())
        .as("the paused countdown's text on the four pages").hasSize(1);

    facilitator.byTestId("timer-extend-1").click();
    allShowCountdown(fourPages(), "paused", paused + 60_000);
    assertThat(snapshot().getJsonObject("countdown").getLong("remainingMs")).isEqualTo(paused + 60_000);

    facilitator.byTestId("timer-resume").click();
    Eventually.until("the server's countdown runs again", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("countdown").getBoolean("running"));
    for (RoomPage page : fourPages()) {
      expect(page.byTestId("countdown")).hasAttribute("data-state", "running", attributeWait());
    }
    allShowTheSameRunningCountdown(fourPages(), snapshot().getJsonObject("countdown").getLong("deadline"));
    consoleShowsNoError();
    noUncaughtErrors();
  }

  @Test
  @DisplayName("shows a participant's note on the board and on the shared screen during an open discussion")
  void noteOnBoardAndScreen() {
    addItem("Ideas for the launch", "Ana", 10, "A list of ideas", "open_discussion");
    startItem("Ideas for the launch");
    expect(screen.byTestId("current-item-title")).hasText("Ideas for the launch");
    RoomPage board = evidence.track(RoomPage.open(cleoPhone.page.context(), "cleo-board", server.port(), roomId,
        "board", cleo.getString("token")));
    extraPages.add(board);
    board.waitOpen();

    benPhone.byTestId("note-input").fill("Launch in two cities first");
    benPhone.byTestId("note-add").tap();

    Eventually.until("the server has Ben's note", Duration.ofSeconds(10), () -> notesWithText(
        "Launch in two cities first").size() == 1);
    JsonObject note = notesWithText("Launch in two cities first").get(0);
    assertThat(note.getString("authorId")).isEqualTo(ben.getString("participantId"));
    String noteId = note.getString("id");

    Locator onBoard = board.page.locator("[data-testid=note][data-note-id='" + noteId + "']");
    expect(onBoard).containsText("Launch in two cities first");
    Locator onScreen = screen.page.locator("[data-testid=note][data-note-id='" + noteId + "']");
    expect(onScreen.getByTestId("note-text")).hasText("Launch in two cities first");
    expect(onScreen).isVisible();
    expect(screen.byTestId("note")).hasCount(1);
    expect(board.byTestId("note")).hasCount(1);

    screen.screenshot("meeting-screen-wall-1920x1080", false);
    board.screenshot("meeting-board-phone-360x800", true);
    benPhone.screenshot("meeting-participant-phone-note-360x800", true);
    consoleShowsNoError();
    noUncaughtErrors();
  }

  private List<JsonObject> notesWithText(String text) {
    return snapshot().getJsonObject("notes").stream().map(e -> (JsonObject) e.getValue())
        .filter(n -> text.equals(n.getString("text"))).toList();
  }

  @Test
  @DisplayName("shows a vote's result on the shared screen once the facilitator closes the motion")
  void voteResultOnScreen() {
    facilitator.byTestId("motion-text").fill("Launch on 15 October");
    facilitator.byTestId("motion-open").click();
    Eventually.until("the server has an open motion", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("motions").size() == 1);
    String motionId = snapshot().getJsonObject("motions").fieldNames().iterator().next();

    benPhone.byTestId("vote-agree").tap();
    cleoPhone.byTestId("vote-oppose").tap();
    Eventually.until("both votes reached the server", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("motions").getJsonObject(motionId).getJsonObject("tally")
            .getInteger("voters") == 2);
    benPhone.screenshot("meeting-participant-phone-vote-360x800", true);

    facilitator.byTestId("motion-close").click();
    Eventually.until("the server closed the motion", Duration.ofSeconds(10),
        () -> !snapshot().getJsonObject("motions").getJsonObject(motionId).getBoolean("open"));
    JsonObject motion = snapshot().getJsonObject("motions").getJsonObject(motionId);
    assertThat(motion.getJsonObject("tally").getMap()).containsEntry("agree", 1).containsEntry("oppose", 1)
        .containsEntry("neutral", 0).containsEntry("voters", 2);
    assertThat(motion.getString("outcome")).as("1 agree of 2 votes is no simple majority").isEqualTo("failed");

    Locator result = screen.page.locator("[data-testid=vote-result][data-motion-id='" + motionId + "']");
    expect(result).isVisible();
    expect(result).hasAttribute("data-outcome", motion.getString("outcome"), attributeWait());
    expect(result).hasAttribute("data-agree", "1", attributeWait());
    expect(result).hasAttribute("data-oppose", "1", attributeWait());
    expect(result).hasAttribute("data-neutral", "0", attributeWait());
    expect(result).hasAttribute("data-voters", "2", attributeWait());
    expect(result).containsText("Launch on 15 October");
    screen.screenshot("meeting-screen-vote-result-1920x1080", false);
    consoleShowsNoError();
    noUncaughtErrors();
  }

  @Test
  @DisplayName("keeps a hidden vote's count off the shared screen until the motion closes")
  void hiddenVoteOnScreen() {
    facilitator.byTestId("motion-text").fill("Hire two contractors");
    facilitator.byTestId("motion-hidden").check();
    facilitator.byTestId("motion-open").click();
    Eventually.until("the server has an open motion", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("motions").size() == 1);
    String motionId = snapshot().getJsonObject("motions").fieldNames().iterator().next();
    assertThat(snapshot().getJsonObject("motions").getJsonObject(motionId).getBoolean("hiddenResults")).isTrue();

    benPhone.byTestId("vote-agree").tap();
    cleoPhone.byTestId("vote-agree").tap();
    Eventually.until("both votes reached the server", Duration.ofSeconds(10),
        () -> snapshot().getJsonObject("motions").getJsonObject(motionId).getJsonObject("tally")
            .getInteger("voters") == 2);
    Locator hidden = screen.page.locator("[data-testid=vote-hidden][data-motion-id='" + motionId + "']");
    expect(hidden).hasAttribute("data-voters", "2", attributeWait());
    expect(hidden).isVisible();
    assertThat(screen.page.locator("[data-agree], [data-oppose], [data-neutral]").count())
        .as("elements of the screen that carry a count while the results are hidden").isZero();
    expect(screen.byTestId("vote-result")).hasCount(0);
    screen.screenshot("meeting-screen-vote-hidden-1920x1080", false);

    facilitator.byTestId("motion-close").click();
    Locator result = screen.page.locator("[data-testid=vote-result][data-motion-id='" + motionId + "']");
    expect(result).hasAttribute("data-outcome", "passed", attributeWait());
    expect(result).hasAttribute("data-agree", "2", attributeWait());
    expect(result).hasAttribute("data-oppose", "0", attributeWait());
    expect(result).hasAttribute("data-voters", "2", attributeWait());
    expect(screen.byTestId("vote-hidden")).hasCount(0);
    assertThat(snapshot().getJsonObject("motions").getJsonObject(motionId).getString("outcome"))
        .isEqualTo("passed");
    consoleShowsNoError();
    noUncaughtErrors();
  }

  @Test
  @DisplayName("lets two participants type into the minutes at the same time and ends with one text everywhere")
  void minutesTypedAtTheSameTime() {
    Locator benEditor = benPhone.showTab("minutes").byTestId("minutes-editor");
    Locator cleoEditor = cleoPhone.showTab("minutes").byTestId("minutes-editor");
    String heading = "Launch meeting\n";
    benEditor.click();
    benPhone.page.keyboard().type(heading);
    expect(cleoEditor).hasValue(heading);

    // Ben writes at the end, Cleo at the start, both at once, each on their own thread and browser, a key every
    // 15 ms, typos corrected with Backspace: their edits cross all the time and the server merges them.
    benEditor.click();
    benPhone.page.keyboard().press("Control+End");
    cleoEditor.click();
    cleoPhone.page.keyboard().press("Control+Home");
    String benTypes = "Ben: two cities first, then the rest.";
    String cleoTypes = "Cleo: the budget is fine for that. ";
    ExecutorService cleosHands = Executors.newSingleThreadExecutor();
    try {
      Future<?> cleoTyping = cleosHands.submit(() -> typeWithTypo(cleoPhone, cleoTypes, "budget"));
      typeWithTypo(benPhone, benTypes, "cities");
      cleoTyping.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("Cleo could not type", e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("Cleo did not finish typing", e);
    } finally {
      cleosHands.shutdownNow();
    }

    String[] last = new String[3];
    try {
      Eventually.until("both editors show the server's minutes", Duration.ofSeconds(20), () -> {
        last[0] = benEditor.inputValue();
        last[1] = cleoEditor.inputValue();
        last[2] = snapshot().getJsonObject("minutes").getString("text");
        return last[0].equals(last[1]) && last[1].equals(last[2]) && benPhone.pendingCount() == 0
            && cleoPhone.pendingCount() == 0;
      });
    } catch (AssertionError e) {
      fail("the minutes did not converge:\n  Ben's editor:  " + quoted(last[0]) + "\n  Cleo's editor: "
          + quoted(last[1]) + "\n  the server:    " + quoted(last[2]), e);
    }
    String minutes = last[2];
    assertThat(minutes).as("every keystroke of both, each where its author's caret was")
        .isEqualTo(cleoTypes + heading + benTypes);
    Set<Integer> benBases = editBaseRevisions(benPhone);
    Set<Integer> cleoBases = editBaseRevisions(cleoPhone);
    assertThat(benBases).as("revisions Ben's and Cleo's edits were made on: some edits crossed, so the server had"
        + " to merge them (Cleo's bases: %s)", cleoBases).containsAnyElementsOf(cleoBases);

    RoomPage minutesView = evidence.track(RoomPage.open(facilitator.page.context(), "minutes", server.port(),
        roomId, "minutes", facilitatorToken));
    extraPages.add(minutesView);
    minutesView.waitOpen();
    expect(minutesView.byTestId("minutes-text")).hasText(minutes);
    assertThat(exported(minutesView, "export-md")).contains(minutes);
    assertThat(exported(minutesView, "export-html")).contains(benTypes).contains(cleoTypes.trim());

    benPhone.screenshot("meeting-participant-phone-minutes-360x800", true);
    minutesView.screenshot("meeting-minutes-view-1366x900", true);
    noUncaughtErrors();
  }

  private static final Keyboard.TypeOptions KEYSTROKES = new Keyboard.TypeOptions().setDelay(15);

  /**
   * Types {@code text} into the page's focused field key by key, misspelling {@code word} on the way (its last
   * letter doubled, then taken back with Backspace).
   */
  private static void typeWithTypo(RoomPage page, String text, String word) {
    int at = text.indexOf(word) + word.length();
    page.page.keyboard().type(text.substring(0, at) + word.charAt(word.length() - 1), KEYSTROKES);
    page.page.keyboard().press("Backspace");
    page.page.keyboard().type(text.substring(at), KEYSTROKES);
  }

  private static final Pattern BASE_REVISION = Pattern.compile("baseRevision\\W*:\\s*(\\d+)");

  /** The base revisions of the EditMinutes commands the page sent (read off its WebSocket frames). */
  private static Set<Integer> editBaseRevisions(RoomPage page) {
    Set<Integer> bases = new TreeSet<>();
    for (String frame : page.sentFrames()) {
      if (frame.contains("EditMinutes")) {
        Matcher m = BASE_REVISION.matcher(frame);
        while (m.find()) {
          bases.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    assertThat(bases).as("EditMinutes sent by the %s page", page.name).isNotEmpty();
    return bases;
  }

  private static String quoted(String text) {
    return text == null ? "(not read)" : "\"" + text.replace("\n", "\\n") + "\"";
  }

  /**
   * What an export control of the minutes view delivers: the document its link points to (fetched with the
   * page's own cookies and origin), or the file it downloads when it is a button.
   */
  private static String exported(RoomPage page, String testId) {
    Locator control = page.byTestId(testId);
    expect(control).isVisible();
    String href = control.getAttribute("href");
    if (href != null && !href.isBlank()) {
      String url = URI.create(page.page.url()).resolve(href).toString();
      var response = page.page.request().get(url);
      assertThat(response.status()).as("GET %s from the %s link", url, testId).isEqualTo(200);
      return response.text();
    }
    Download download = page.page.waitForDownload(control::click);
    try {
      return Files.readString(download.path(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
