package dev.roundtable.webclient;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitUntilState;
import dev.roundtable.support.Browser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One view of a room open in a real browser page: {@code room.html?room=<roomId>&view=<view>#token=<token>}. It
 * collects what the page logs (console errors and warnings, uncaught exceptions) so that a failing test can tell
 * what went wrong inside the page, and finds elements by their {@code data-testid}.
 */
final class RoomPage {
  /** The longest a test waits for the page to show something: generous for a 2-core CI machine, but bounded. */
  static final double WAIT_MS = 20_000;

  static {
    PlaywrightAssertions.setDefaultAssertionTimeout(WAIT_MS);
  }

  final String name;
  final Page page;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<String> uncaught = new CopyOnWriteArrayList<>();
  private final List<String> sentFrames = new CopyOnWriteArrayList<>();

  private RoomPage(String name, Page page) {
    this.name = name;
    this.page = page;
    page.setDefaultTimeout(WAIT_MS);
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) || "warning".equals(message.type())) {
        log.add(message.type() + ": " + message.text());
      }
    });
    page.onResponse(response -> {
      if (response.status() >= 400) {
        log.add("HTTP " + response.status() + ": " + response.request().method() + " " + response.url());
      }
    });
    page.onRequestFailed(request -> log.add("request failed: " + request.method() + " " + request.url() + ": "
        + request.failure()));
    page.onWebSocket(socket -> socket.onFrameSent(frame -> {
      String text = frame.text();
      if (text != null) {
        sentFrames.add(text);
      }
    }));
    page.onPageError(error -> {
      uncaught.add(error);
      log.add("uncaught: " + error);
    });
  }

  /** A page that went into a room by itself (from a series page's join button). */
  static RoomPage of(String name, Page page) {
    return new RoomPage(name, page);
  }

  static String url(int port, String roomId, String view, String token) {
    return "http://127.0.0.1:" + port + "/room.html?room=" + roomId + "&view=" + view + "#token=" + token;
  }

  /** Opens the view in a new page of {@code context}. */
  static RoomPage open(BrowserContext context, String name, int port, String roomId, String view, String token) {
    RoomPage room = new RoomPage(name, context.newPage());
    // Returns once the navigation is under way, so several pages load at once; waitOpen() waits for the page.
    room.page.navigate(url(port, roomId, view, token), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
    return room;
  }

  Locator byTestId(String testId) {
    return page.getByTestId(testId);
  }

  /** The element with this test id whose text contains {@code text}. */
  Locator byTestId(String testId, String text) {
    return page.getByTestId(testId).filter(new Locator.FilterOptions().setHasText(text));
  }

  /** Playwright's retrying assertions on a locator, with this class's bound. */
  static LocatorAssertions expect(Locator locator) {
    return PlaywrightAssertions.assertThat(locator);
  }

  static LocatorAssertions.HasAttributeOptions attributeWait() {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
  }

  /** Waits until the page says its connection to the server is open. */
  RoomPage waitOpen() {
    expect(byTestId("connection-state")).hasAttribute("data-state", "open", attributeWait());
    return this;
  }

  /**
   * Shows a tab of the phone view ({@code now}, {@code board}, {@code vote}, {@code minutes}, {@code actions}) as
   * a person does, by pressing it, and waits until its panel is the one shown.
   */
  RoomPage showTab(String tab) {
    Locator button = byTestId("tab-" + tab);
    button.click();
    expect(button).hasAttribute("aria-selected", "true", attributeWait());
    expect(byTestId("panel-" + tab)).isVisible();
    return this;
  }

  /** The connection state the page shows now: open, connecting or closed. */
  String connectionState() {
    return byTestId("connection-state").getAttribute("data-state");
  }

  /**
   * Waits until the page shows a connection that is not open ({@code closed} or {@code connecting}), as it must
   * once the server is gone.
   */
  void waitNotOpen() {
    page.waitForFunction("() => { const el = document.querySelector('[data-testid=connection-state]');"
        + " return el !== null && ['closed', 'connecting'].includes(el.dataset.state); }", null,
        new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
  }

  /**
   * The number of commands the page says are waiting to be sent: the {@code data-count} of {@code pending-count}
   * if it has one, else the first number in its text; 0 when the element is absent or shows no number.
   */
  int pendingCount() {
    Object count = page.evaluate("() => { const el = document.querySelector('[data-testid=pending-count]');"
        + " if (!el) return 0;"
        + " if (el.dataset.count !== undefined) return Number(el.dataset.count);"
        + " const m = (el.textContent || '').match(/\\d+/); return m ? Number(m[0]) : 0; }");
    return ((Number) count).intValue();
  }

  /** What a countdown shows at one moment: data-remaining-ms, its text, data-state, and when it was read. */
  record Countdown(String page, long remainingMs, String text, String state, long readAt) {
  }

  /** Reads the page's countdown ({@code data-testid=countdown}) now; fails when there is none. */
  Countdown countdown() {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) page.evaluate("() => {"
        + " const el = document.querySelector('[data-testid=countdown]');"
        + " if (!el) return null;"
        + " return {ms: el.dataset.remainingMs === undefined ? null : Number(el.dataset.remainingMs),"
        + "   text: (el.textContent || '').trim(), state: el.dataset.state || null, now: Date.now()}; }");
    if (r == null) {
      throw new AssertionError("the " + name + " page shows no countdown (data-testid=countdown)");
    }
    if (!(r.get("ms") instanceof Number ms) || Double.isNaN(ms.doubleValue())) {
      throw new AssertionError("the " + name + " page's countdown has no numeric data-remaining-ms: " + r);
    }
    return new Countdown(name, ms.longValue(), String.valueOf(r.get("text")), (String) r.get("state"),
        ((Number) r.get("now")).longValue());
  }

  /** The agenda items the page lists, in order, as {@code <data-item-id>:<data-status>}. */
  List<String> agenda() {
    @SuppressWarnings("unchecked")
    List<String> items = (List<String>) page.evaluate("() => [...document.querySelectorAll("
        + "'[data-testid=agenda-item]')].map(e => e.dataset.itemId + ':' + e.dataset.status)");
    return items;
  }

  /** Saves a screenshot under {@link Browser#SCREENSHOTS}. */
  Path screenshot(String fileName, boolean fullPage) {
    return Browser.screenshot(page, fileName, fullPage);
  }

  /**
   * Every text frame the page sent over its WebSockets so far (SockJS framing included), to tell how the page
   * talked to the server.
   */
  List<String> sentFrames() {
    return List.copyOf(sentFrames);
  }

  /** Exceptions the page's scripts threw and nobody caught. */
  List<String> uncaughtErrors() {
    return List.copyOf(uncaught);
  }

  /** Console errors and warnings, failed requests and uncaught exceptions, one a line. */
  String log() {
    return String.join("\n", log);
  }

  @Override
  public String toString() {
    return name + " (" + page.url() + ")";
  }
}
