package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.attributeWait;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import dev.roundtable.support.Accessibility;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import dev.roundtable.support.Untranslated;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
 * Rating a meeting after its end: on a 360×800 phone in Chinese, in the room's participant view and from a
 * series member's link; and the coordinator's results on a 1440×900 laptop in English, with the improvement
 * plan a poorly rated meeting asks for.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("In a real browser, rating a meeting")
class RatingInTheBrowserTest {
  private static final List<String> USER_DATA = List.of("项目周会", "确定下周的优先级", "研发", "PMO", "李娜", "张伟",
      "王强", "Q3 launch", "Decide the launch date", "Ana", "Operations", "Asia/Shanghai", "议程太长，建议提前发材料", "Send the agenda two days ahead");
  private static Browser browser;

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private final MutableClock clock = new MutableClock();
  private TestServer server;
  private WebClient http;
  private BusClient bus;
  private BrowserContext context;
  private long clientSeq;

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
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject().put("httpPort", port)),
        clock));
    http = WebClient.create(vertx);
    bus = result(server.connect());
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    result(bus.close());
    http.close();
    result(server.stop());
  }

  private JsonObject call(HttpMethod method, String path, String token, JsonObject body, int status) {
    HttpRequest<Buffer> request = http.request(method, server.port(), "127.0.0.1", path).timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> r = result(body == null ? request.send() : request.sendJsonObject(body));
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  private void endMeeting(String roomId, String facilitatorToken) {
    JsonObject reply = result(bus.command(roomId, facilitatorToken, "chair", ++clientSeq,
        new JsonObject().put("type", "EndMeeting")));
    assertThat(reply.getBoolean("ok")).as(reply.encode()).isTrue();
  }

  private static void fitsAPhone(Page page, String what) {
    assertThat(Layout.horizontalOverflow(page)).as("sideways overflow: %s", what).isEmpty();
    assertThat(Layout.touchTargetsSmallerThan(page, 44)).as("small controls: %s", what).isEmpty();
    assertThat(Accessibility.seriousViolations(page)).as("axe-core: %s", what).isEmpty();
  }

  @Test
  @DisplayName("on a phone in Chinese, a participant is asked after the end, taps a score, writes an anonymous "
      + "suggestion, is thanked, and can change the rating after a reload")
  void participantRatesOnAPhone() {
    JsonObject room = result(server.createRoom());
    String roomId = room.getString("roomId");
    JsonObject zhang = result(server.join(room.getString("joinCode"), "张伟", "研发", "participant"));
    context = browser.newContext(Browser.phone("zh-CN"));
    RoomPage phone = evidence.track(RoomPage.open(context, "phone", server.port(), roomId, "participant",
        zhang.getString("token"))).waitOpen();
    expect(phone.byTestId("rating-card")).isHidden();

    endMeeting(roomId, room.getString("token"));
    expect(phone.byTestId("tab-minutes")).hasAttribute("aria-selected", "true", attributeWait());
    expect(phone.byTestId("rating-card")).isVisible();
    expect(phone.byTestId("rating-anonymous")).containsText("匿名");
    fitsAPhone(phone.page, "the rating card");
    assertThat(Untranslated.in(phone.page, USER_DATA)).isEmpty();
    phone.screenshot("rating-phone-360x800-zh-CN", false);

    phone.byTestId("rating-send").click();
    expect(phone.byTestId("rating-error")).containsText("1 到 5");
    phone.byTestId("rating-2").click();
    expect(phone.byTestId("rating-2")).hasAttribute("aria-checked", "true", attributeWait());
    phone.byTestId("rating-suggestion").fill("议程太长，建议提前发材料");
    phone.byTestId("rating-send").click();
    expect(phone.byTestId("rating-status")).containsText("2 分");
    expect(phone.byTestId("rating-status")).containsText("匿名");
    expect(phone.byTestId("rating-suggestion")).hasValue("");
    phone.screenshot("rating-phone-thanks-360x800-zh-CN", false);
    assertThat(result(server.get("/api/rooms/" + roomId + "/rating", zhang.getString("token"))).bodyAsJsonObject()
        .getInteger("score")).isEqualTo(2);

    phone.page.reload();
    phone.waitOpen();
    phone.showTab("minutes");
    expect(phone.byTestId("rating-card")).hasAttribute("data-rated", "2", attributeWait());
    expect(phone.byTestId("rating-send")).hasText("修改我的评分");
    phone.byTestId("rating-4").click();
    phone.byTestId("rating-send").click();
    expect(phone.byTestId("rating-card")).hasAttribute("data-rated", "4", attributeWait());
    assertThat(result(server.get("/api/rooms/" + roomId + "/rating", zhang.getString("token"))).bodyAsJsonObject()
        .getInteger("score")).isEqualTo(4);
    assertThat(phone.uncaughtErrors()).isEmpty();
  }

  @Test
  @DisplayName("a series member rates from their link on a phone; the coordinator sees the average, the suggestion "
      + "and the plan due on a laptop, and writes the plan")
  void memberRatesAndCoordinatorSeesTheResult() {
    String firstStart = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).atTime(10, 0).toString();
    JsonObject created = call(HttpMethod.POST, "/api/series", null, new JsonObject().put("title", "项目周会")
        .put("goal", "确定下周的优先级").put("kind", "decision").put("department", "PMO")
        .put("coordinator", new JsonObject().put("name", "李娜")).put("language", "zh-CN")
        .put("schedule", new JsonObject().put("firstStart", firstStart).put("rrule", "FREQ=WEEKLY")
            .put("timeZone", "Asia/Shanghai").put("durationMinutes", 60)), 201);
    String sid = created.getString("seriesId");
    String coordinator = created.getString("coordinatorToken");
    JsonObject first = created.getJsonArray("upcoming").getJsonObject(0);
    String occ = "/api/series/" + sid + "/occurrences/" + first.getString("occurrenceId");
    String wang = link(call(HttpMethod.POST, "/api/series/" + sid + "/members", coordinator, new JsonObject()
        .put("name", "王强").put("department", "研发").put("email", "wang@example.com").put("part", "decision_maker"),
        201));
    long start = Instant.parse(first.getString("start")).toEpochMilli();
    clock.advance(start - clock.millis() + 5 * 60_000);
    JsonObject chair = call(HttpMethod.POST, occ + "/room", coordinator, null, 200);
    endMeeting(chair.getString("roomId"), chair.getString("token"));
    clock.advance(60 * 60_000);

    context = browser.newContext(Browser.phone("zh-CN"));
    Page member = context.newPage();
    member.navigate("http://127.0.0.1:" + server.port() + "/series#" + wang,
        new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
    expect(member.getByTestId("series-rating")).isVisible();
    expect(member.getByTestId("rating-when")).containsText("上一次会议");
    fitsAPhone(member, "the member's rating card");
    assertThat(Untranslated.in(member, USER_DATA)).isEmpty();
    member.getByTestId("rating-1").click();
    member.getByTestId("rating-suggestion").fill("Send the agenda two days ahead");
    member.getByTestId("rating-send").click();
    expect(member.getByTestId("rating-status")).containsText("1 分");
    Browser.screenshot(member, "rating-series-member-360x800-zh-CN", true);
    member.getByTestId("series-rating").scrollIntoViewIfNeeded();
    Browser.screenshot(member, "rating-series-member-360x800-zh-CN-viewport", false);

    try (BrowserContext laptop = browser.newContext(Browser.desktop(1440, 900, "en-US"))) {
      Page page = laptop.newPage();
      page.navigate("http://127.0.0.1:" + server.port() + "/series#" + coordinator,
          new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      expect(page.getByTestId("review-average")).hasText("Average 1.0 of 5");
      expect(page.getByTestId("review-count")).hasText("1 rating");
      expect(page.getByTestId("suggestions")).hasText("Send the agenda two days ahead");
      expect(page.getByTestId("plan-due")).containsText("Improvement plan due");
      page.getByTestId("reviews").scrollIntoViewIfNeeded();
      Browser.screenshot(page, "rating-coordinator-1440x900-en", false);
      Browser.screenshot(page, "rating-coordinator-1440x900-en-full", true);
      page.getByTestId("plan-text").fill("Agenda out two days ahead; every item time-boxed.");
      page.getByTestId("plan-save").click();
      expect(page.getByTestId("plan-written")).isVisible();
      expect(page.getByTestId("plan-due")).hasCount(0);
      assertThat(Layout.horizontalOverflow(page)).isEmpty();
    }
  }

  private static String link(JsonObject member) {
    String link = member.getString("link");
    return link.substring(link.indexOf('#') + 1);
  }
}
