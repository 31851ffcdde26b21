package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.roundtable.support.Accessibility;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The export links of the console and the minutes view, in English and Chinese: no link and no request the
 * page makes carries the participant's token (the links carry a download token that opens only the exports),
 * the Markdown downloads and the printable HTML opens in the meeting's language, the links are renewed
 * before they expire, and axe-core finds nothing serious. Screenshots:
 * {@code export-<view>-1440x900-<locale>.png}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("In a real browser, the export links")
class ExportLinksInTheBrowserTest {
  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private static Browser browser;
  private BrowserContext context;
  private TestServer server;
  private BusClient bus;
  private final List<String> requests = new CopyOnWriteArrayList<>();

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

  private record Meeting(String roomId, String token, String title, String minutes, String language) {
  }

  /** A meeting in the language the facilitator's browser speaks, with some minutes text. */
  private Meeting meeting(Vertx vertx, Path dataDir, String locale, JsonObject overrides) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(overrides), new MutableClock()));
    boolean chinese = locale.equals("zh-CN");
    String language = chinese ? "zh-CN" : "en";
    String title = chinese ? "发布会" : "Q3 launch";
    JsonObject body = new JsonObject().put("title", title)
        .put("goal", chinese ? "确定第三季度的发布日期" : "Decide the launch date").put("kind", "decision")
        .put("facilitatorName", chinese ? "芳" : "Ana").put("language", language);
    HttpResponse<Buffer> created = result(server.post("/api/rooms", body));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject room = created.bodyAsJsonObject();
    String minutes = chinese ? "发布日期定在十月一日。" : "The launch is on 1 October.";
    bus = result(server.connect());
    JsonObject reply = result(bus.command(room.getString("roomId"), room.getString("token"), "setup", 1,
        new JsonObject().put("type", "EditMinutes").put("baseRevision", 0).put("ops", new JsonArray().add(minutes))));
    assertThat(reply.getBoolean("ok")).as("%s", reply).isTrue();
    context = browser.newContext(Browser.desktop(1440, 900, locale).setAcceptDownloads(true));
    context.onRequest(request -> requests.add(request.method() + " " + request.url()));
    return new Meeting(room.getString("roomId"), room.getString("token"), title, minutes, language);
  }

  private RoomPage open(Meeting meeting, String view) {
    RoomPage page = RoomPage.open(context, view, server.port(), meeting.roomId(), view, meeting.token());
    evidence.track(page);
    return page.waitOpen();
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("carry no participant token, and open the Markdown and the HTML in the meeting's language")
  void carryNoTokenAndOpenTheExports(String locale, Vertx vertx, @TempDir Path dataDir) {
    Meeting meeting = meeting(vertx, dataDir, locale, new JsonObject());

    for (String view : List.of("facilitator", "minutes")) {
      RoomPage page = open(meeting, view);
      Locator links = view.equals("facilitator") ? page.byTestId("console-minutes") : page.page.locator("main");
      Locator markdown = links.getByTestId("export-md");
      Locator html = links.getByTestId("export-html");
      expect(markdown).isVisible();
      expect(html).isVisible();
      assertThat(markdown.getAttribute("href")).contains("/minutes.md?download=");
      assertThat(html.getAttribute("href")).contains("/minutes.html?download=");

      String downloaded = downloadMarkdown(page, markdown);
      assertThat(downloaded).startsWith(meeting.language().equals("en") ? "# Minutes: " + meeting.title()
          : "# 会议纪要：" + meeting.title()).contains(meeting.minutes());
      Page printable = page.page.waitForPopup(html::click);
      printable.waitForLoadState();
      expect(printable.locator("html")).hasAttribute("lang", meeting.language().equals("en") ? "en" : "zh-CN");
      expect(printable.locator("h1")).containsText(meeting.title());
      expect(printable.locator(".minutes-text")).containsText(meeting.minutes());
      printable.close();
      APIResponse viaLink = page.page.request().get(absolute(page, html.getAttribute("href")));
      assertThat(viaLink.status()).isEqualTo(200);

      assertNoTokenIn(page, meeting);
      assertThat(Accessibility.seriousViolations(page.page)).as("axe-core on the %s view", view).isEmpty();
      page.screenshot("export-" + (view.equals("facilitator") ? "console" : view) + "-1440x900-" + locale, true);
      page.page.close();
    }
    assertThat(requests).as("the pages asked for download links")
        .anyMatch(r -> r.startsWith("POST ") && r.endsWith("/api/rooms/" + meeting.roomId() + "/downloads"));
  }

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  @DisplayName("are renewed before they expire, so the link on the page always opens the minutes")
  void renewedBeforeExpiry(String locale, Vertx vertx, @TempDir Path dataDir) {
    Meeting meeting = meeting(vertx, dataDir, locale, new JsonObject().put("downloadTokenTtlSeconds", 3));
    RoomPage page = open(meeting, "minutes");
    Locator html = page.byTestId("export-html");
    expect(html).isVisible();
    String first = html.getAttribute("href");

    Eventually.until("the page renews its export links", Duration.ofSeconds(10),
        () -> !first.equals(html.getAttribute("href")));
    Eventually.until("the first link expired", Duration.ofSeconds(10),
        () -> page.page.request().get(absolute(page, first)).status() == 401);

    APIResponse current = page.page.request().get(absolute(page, html.getAttribute("href")));
    assertThat(current.status()).as(current.text()).isEqualTo(200);
    Page printable = page.page.waitForPopup(html::click);
    printable.waitForLoadState();
    expect(printable.locator("h1")).containsText(meeting.title());
    printable.close();
    assertNoTokenIn(page, meeting);
  }

  private static String downloadMarkdown(RoomPage page, Locator link) {
    Download download = page.page.waitForDownload(link::click);
    assertThat(download.failure()).isNull();
    assertThat(download.url()).contains("download=");
    try {
      return Files.readString(download.path(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String absolute(RoomPage page, String href) {
    return URI.create(page.page.url()).resolve(href).toString();
  }

  /**
   * No address in the page (every href, src and action) and no request any page of the context made carries
   * the participant token, plain or URL-encoded, or a {@code token} query parameter. The room page's own
   * address has the token in its fragment, which the browser never sends (and the page removes); a fragment
   * is not part of a request's address, so it is cut off before looking.
   */
  private void assertNoTokenIn(RoomPage page, Meeting meeting) {
    String encoded = URLEncoder.encode(meeting.token(), StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    List<String> addresses = (List<String>) page.page.evaluate("() => [...document.querySelectorAll("
        + "'[href], [src], [action]')].map(e => e.getAttribute('href') || e.getAttribute('src')"
        + " || e.getAttribute('action'))");
    assertThat(addresses).isNotEmpty();
    List<String> sent = requests.stream().map(r -> r.contains("#") ? r.substring(0, r.indexOf('#')) : r).toList();
    assertThat(sent).isNotEmpty();
    for (List<String> urls : List.of(addresses, sent)) {
      assertThat(urls).allSatisfy(url -> assertThat(url).doesNotContain(meeting.token()).doesNotContain(encoded)
          .doesNotContainPattern("[?&]token="));
    }
    assertThat(page.page.url()).doesNotContain(meeting.token());
  }
}
