package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitUntilState;
import dev.roundtable.support.Browser;
import dev.roundtable.support.Layout;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import dev.roundtable.support.Untranslated;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("In a real browser, the series pages")
class SeriesPagesInTheBrowserTest {
  private static final List<String> USER_DATA = List.of("项目周会", "确定下周的优先级", "研发", "市场", "PMO", "李娜",
      "张伟", "王强", "刘洋", "陈静", "3 号会议室", "进度回顾", "上线日期", "风险清单", "本周风险？", "客户来访",
      "Asia/Shanghai", "Roadmap", "赵敏", "zhao@example.com", "风险清单.xlsx");
  /** The pre-read file limit of these tests' node: small, so that a test can choose a larger file. */
  private static final int FILE_LIMIT = 64 * 1024;

  private final MutableClock clock = new MutableClock();
  private TestServer server;
  private Browser browser;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    browser = Browser.launch();
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject().put("allowPrivateWebhooks", true)
        .put("preReadMaxBytes", FILE_LIMIT)),
        clock));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    http.close();
    if (server != null) {
      result(server.stop());
    }
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

  private String url(String link) {
    return "http://127.0.0.1:" + server.port() + "/series#" + link.substring(link.indexOf('#') + 1);
  }

  private record Made(String id, String coordinator, String occurrence, String zhang, String wang, String chen) {
  }

  /** A weekly zh-CN series three days ahead, four members, an agenda, a pre-read and an input request. */
  private Made series() {
    String firstStart = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).atTime(10, 0).toString();
    JsonObject created = call(HttpMethod.POST, "/api/series", null, new JsonObject().put("title", "项目周会")
        .put("goal", "确定下周的优先级").put("kind", "decision").put("department", "PMO")
        .put("coordinator", new JsonObject().put("name", "李娜")).put("language", "zh-CN").put("place", "3 号会议室")
        .put("onlineLink", "https://meet.example.com/weekly")
        .put("schedule", new JsonObject().put("firstStart", firstStart).put("rrule", "FREQ=WEEKLY")
            .put("timeZone", "Asia/Shanghai").put("durationMinutes", 60)), 201);
    String sid = created.getString("seriesId");
    String token = created.getString("coordinatorToken");
    String oid = created.getJsonArray("upcoming").getJsonObject(0).getString("occurrenceId");
    String zhang = member(sid, token, "张伟", "研发", "executor");
    String wang = member(sid, token, "王强", "研发", "decision_maker");
    member(sid, token, "刘洋", "研发", "support");
    String chen = member(sid, token, "陈静", "市场", "executor");
    String occ = "/api/series/" + sid + "/occurrences/" + oid;
    call(HttpMethod.PUT, occ + "/agenda", token, new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("title", "进度回顾").put("minutes", 15).put("kind", "inform"))
        .add(new JsonObject().put("title", "风险清单").put("minutes", 20).put("kind", "discuss"))
        .add(new JsonObject().put("title", "上线日期").put("minutes", 15).put("kind", "decide")
            .put("expectedOutput", "上线日期"))), 200);
    call(HttpMethod.POST, occ + "/pre-reads", token, new JsonObject().put("title", "Roadmap")
        .put("url", "https://docs.example.com/roadmap"), 201);
    call(HttpMethod.POST, occ + "/inputs", token, new JsonObject().put("question", "本周风险？"), 201);
    return new Made(sid, token, oid, zhang, wang, chen);
  }

  private String member(String sid, String token, String name, String department, String part) {
    return call(HttpMethod.POST, "/api/series/" + sid + "/members", token, new JsonObject().put("name", name)
        .put("department", department).put("email", name.hashCode() + "@example.com").put("part", part), 201)
        .getString("link");
  }

  private static void fits(Page page, String shot) {
    Browser.screenshot(page, shot, true);
    Browser.screenshot(page, shot + "-viewport", false);
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no horizontal overflow in %s", shot).isEqualTo(true);
    assertThat(Layout.horizontalOverflow(page)).as(shot).isEmpty();
    assertThat(Layout.textWiderThanItsBox(page)).as(shot).isEmpty();
  }

  private static Locator first(Page page) {
    return page.locator("[data-testid=occurrence]").first();
  }

  @Test
  @DisplayName("let members accept, decline and send a substitute on a phone, and show the coordinator who comes")
  void membersAnswerAndTheCoordinatorSees() {
    Made s = series();
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate(url(s.zhang()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      page.locator("[data-testid=series-title]").waitFor();
      assertThat(page.locator("[data-testid=series-title]").textContent()).isEqualTo("项目周会");
      assertThat(first(page).locator("[data-testid=series-agenda] li").count()).isEqualTo(3);
      assertThat(first(page).locator("[data-testid=pre-read-link]").getAttribute("href"))
          .isEqualTo("https://docs.example.com/roadmap");
      assertThat(page.locator("[data-testid=feed-link]").getAttribute("href")).contains("/api/series/feed/");
      first(page).locator("[data-testid=rsvp-accept]").click();
      first(page).locator(".rsvp-status.rsvp-accepted").waitFor();
      assertThat(first(page).locator("[data-testid=rsvp-status]").textContent()).isEqualTo("您将出席。");
      first(page).locator("[data-testid=input-answer]").fill("客户来访");
      first(page).locator("[data-testid=input-submit]").click();
      first(page).locator("[data-testid=answer-sent]").waitFor();
      fits(page, "series-member-phone-360x800-zh-CN");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
      assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
    }
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate(url(s.wang()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      first(page).locator("[data-testid=rsvp-substitute]").click();
      Locator form = first(page).locator("[data-testid=substitute-form]");
      assertThat(form.locator("[data-testid=substitute-who] option").allTextContents())
          .containsExactly("张伟", "刘洋", "其他人（填写姓名和邮箱）");
      form.locator("[data-testid=substitute-who]").selectOption(new String[] {
          form.locator("[data-testid=substitute-who] option").nth(1).getAttribute("value")});
      form.locator("[data-testid=substitute-reason]").fill("出差");
      fits(page, "series-substitute-phone-360x800-zh-CN");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
      form.locator("[data-testid=substitute-submit]").click();
      first(page).locator(".rsvp-status.rsvp-declined").waitFor();
      assertThat(first(page).locator("[data-testid=rsvp-status]").textContent()).startsWith("您已安排他人代为出席。");
    }
    try (BrowserContext context = browser.newContext(Browser.phone("en-US"))) {
      Page page = context.newPage();
      page.navigate(url(s.chen()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      first(page).locator("[data-testid=rsvp-decline]").click();
      first(page).locator("[data-testid=decline-submit]").click();
      assertThat(page.locator("#series-error").textContent()).isEqualTo("Write why you cannot come.");
      first(page).locator("[data-testid=decline-reason]").fill("客户来访");
      first(page).locator("[data-testid=decline-submit]").click();
      first(page).locator(".rsvp-status.rsvp-declined").waitFor();
      assertThat(first(page).locator("[data-testid=decline-form]").count()).isZero();
      fits(page, "series-member-phone-360x800-en");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
    }
    String coordinator = "http://127.0.0.1:" + server.port() + "/series#" + s.coordinator();
    for (String locale : List.of("zh-CN", "en-US")) {
      try (BrowserContext context = browser.newContext(Browser.desktop(1440, 900, locale))) {
        Page page = context.newPage();
        page.navigate(coordinator, new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
        Locator glance = page.locator("[data-testid=next-occurrence] [data-testid=rsvp-glance]");
        glance.waitFor();
        assertThat(glance.locator("[data-testid=rsvp-count-accepted] strong").textContent()).isEqualTo("1");
        assertThat(glance.locator("[data-testid=rsvp-count-declined] strong").textContent()).isEqualTo("1");
        assertThat(glance.locator("[data-testid=rsvp-count-substitute] strong").textContent()).isEqualTo("1");
        assertThat(glance.locator("[data-testid=rsvp-count-none] strong").textContent()).isEqualTo("1");
        assertThat(glance.locator("[data-testid=rsvp-row][data-state=declined]").textContent()).contains("客户来访");
        assertThat(page.locator("[data-testid=member-row]").count()).isEqualTo(4);
        assertThat(page.locator("[data-testid=draft-row]").count()).isEqualTo(3);
        fits(page, "series-coordinator-1440x900-" + locale);
        if (locale.equals("zh-CN")) {
          assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
          page.locator("[data-testid=notice-time-choice]").selectOption("48");
          page.locator("[data-testid=notice-time-set]").click();
          page.locator("[data-testid=notice-time]").waitFor();
          assertThat(page.locator("[data-testid=notice-time]").textContent()).startsWith("通知将于 ").contains("自动发出");
          page.locator("[data-testid=notice-time]").scrollIntoViewIfNeeded();
          fits(page, "series-notice-scheduled-1440x900-zh-CN");
          page.locator("[data-testid=notice-time-cancel]").click();
          page.locator("[data-testid=notice-time-set]").waitFor();
        }
      }
    }
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate(coordinator, new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      page.locator("[data-testid=rsvp-glance]").first().waitFor();
      page.locator("[data-testid=add-member-name]").fill("赵敏");
      page.locator("[data-testid=add-member-department]").fill("市场");
      page.locator("[data-testid=add-member-email]").fill("zhao@example.com");
      page.locator("[data-testid=add-member-submit]").click();
      page.locator("[data-testid=shown-link]").waitFor();
      assertThat(page.locator("[data-testid=shown-link]").inputValue()).contains("/series#");
      assertThat(page.locator("[data-testid=member-row]").count()).isEqualTo(5);
      page.locator("[data-testid=draft-title]").nth(1).fill("研发部：新版本性能问题、风险清单与下周的发布计划");
      fits(page, "series-coordinator-phone-360x800-zh-CN");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
    }
    try (BrowserContext context = browser.newContext(Browser.phone("en-US"))) {
      Page page = context.newPage();
      page.navigate(coordinator, new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      page.locator("[data-testid=draft-row]").first().waitFor();
      fits(page, "series-coordinator-phone-360x800-en");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
    }
  }

  @Test
  @DisplayName("fit a 1920×1080 window: the coordinator's two columns, and the member's page one readable column under its header")
  void wideWindow() {
    Made s = series();
    for (String locale : List.of("zh-CN", "en-US")) {
      try (BrowserContext context = browser.newContext(Browser.desktop(1920, 1080, locale))) {
        Page page = context.newPage();
        page.navigate(url(s.coordinator()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
        page.locator("[data-testid=rsvp-glance]").first().waitFor();
        fits(page, "series-coordinator-1920x1080-" + locale);
        page = context.newPage();
        page.navigate(url(s.zhang()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
        page.locator("[data-testid=series-title]").waitFor();
        fits(page, "series-member-1920x1080-" + locale);
        Number content = Layout.box(page, "#series-root").get("width");
        Number header = Layout.box(page, ".page-header .wrap").get("width");
        Number main = Layout.box(page, "#series-main").get("width");
        assertThat(content.doubleValue()).as("one column of at most 48rem").isLessThanOrEqualTo(48 * 16);
        assertThat(header.doubleValue()).as("the header spans the content's column").isEqualTo(main.doubleValue());
      }
    }
  }

  @Test
  @DisplayName("let a substitute join the live room with one tap from their link, as the one participant the room "
      + "knew, with the agenda and the answers sent before on the board; the coordinator opens it as facilitator")
  void substituteJoinsWithOneTap() {
    Made s = series();
    String occ = "/api/series/" + s.id() + "/occurrences/" + s.occurrence();
    String ask = call(HttpMethod.GET, "/api/series/" + s.id(), s.coordinator(), null, 200).getJsonArray("upcoming")
        .getJsonObject(0).getJsonArray("inputs").getJsonObject(0).getString("id");
    call(HttpMethod.PUT, occ + "/inputs/" + ask + "/answer", token(s.zhang()),
        new JsonObject().put("text", "客户来访"), 200);
    String substituteId = call(HttpMethod.POST, occ + "/substitute", token(s.wang()), new JsonObject()
        .put("newPerson", new JsonObject().put("name", "周杰").put("email", "zhou@example.com")), 200)
        .getString("substituteId");
    String zhou = call(HttpMethod.POST, "/api/series/" + s.id() + "/members/" + substituteId + "/link", s.coordinator(),
        null, 200).getString("link");
    JsonObject upcoming = call(HttpMethod.GET, "/api/series/" + s.id(), s.coordinator(), null, 200)
        .getJsonArray("upcoming").getJsonObject(0);
    clock.advance(Instant.parse(upcoming.getString("start")).toEpochMilli() - clock.millis() - 10 * 60_000);

    String participantId = null;
    for (int visit = 0; visit < 2; visit++) {
      try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
        Page page = context.newPage();
        page.navigate(url(zhou), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
        Locator live = page.locator("[data-testid=live-meeting]");
        live.waitFor();
        assertThat(live.locator("[data-testid=enter-room]").textContent()).isEqualTo("进入会议");
        if (visit == 0) {
          fits(page, "series-live-phone-360x800-zh-CN");
          assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
          assertThat(live.locator("[data-testid=enter-room]").boundingBox().height).isGreaterThanOrEqualTo(56);
        }
        live.locator("[data-testid=enter-room]").click();
        page.waitForURL("**/room.html?room=*&view=participant*");
        RoomPage room = RoomPage.of("周杰", page).waitOpen();
        RoomPage.expect(room.byTestId("raise-hand")).isVisible();
        String mine = (String) page.evaluate("() => { const k = Object.keys(localStorage)"
            + ".find((x) => x.startsWith('roundtable.session.')); return JSON.parse(localStorage.getItem(k)).participantId; }");
        if (participantId == null) {
          participantId = mine;
          room.showTab("board");
          RoomPage.expect(room.byTestId("note-text", "客户来访")).isVisible();
          assertThat(page.locator("[data-testid=panel-board]").textContent()).contains("本周风险？");
          Browser.screenshot(page, "series-live-board-phone-360x800-zh-CN", false);
        } else {
          assertThat(mine).as("a second tap is the same participant").isEqualTo(participantId);
        }
      }
    }
    try (BrowserContext context = browser.newContext(Browser.desktop(1440, 900, "en-US"))) {
      Page page = context.newPage();
      page.navigate("http://127.0.0.1:" + server.port() + "/series#" + s.coordinator(),
          new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      Locator live = page.locator("[data-testid=live-meeting]");
      live.waitFor();
      assertThat(live.locator("[data-testid=enter-room]").textContent()).isEqualTo("Open the live room");
      fits(page, "series-live-coordinator-1440x900-en");
      live.locator("[data-testid=enter-room]").click();
      page.waitForURL("**/room.html?room=*&view=facilitator*");
      RoomPage.of("李娜", page).waitOpen();
      RoomPage.expect(page.getByText("上线日期").first()).isVisible();
    }
  }

  private static String token(String link) {
    return link.substring(link.indexOf('#') + 1);
  }

  @Test
  @DisplayName("let the coordinator upload a file with a Chinese name on a phone, refuse one over the limit, and let a member download it")
  void preReadFile() throws java.io.IOException {
    Made s = series();
    byte[] sheet = "部门,风险\n研发,接口延期\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate(url(s.coordinator()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      Locator form = page.locator("[data-testid=pre-read-file-form]");
      form.waitFor();
      assertThat(form.textContent()).contains("不超过 64 KB");
      form.locator("[data-testid=pre-read-file-input]")
          .setInputFiles(new FilePayload("大文件.pdf", "application/pdf", new byte[FILE_LIMIT + 1]));
      assertThat(page.locator("#series-error").textContent()).startsWith("文件大小为 65 KB，最多只能上传 64 KB。");
      form.locator("[data-testid=pre-read-file-submit]").click();
      assertThat(page.locator("[data-testid=pre-read-file]").count()).isZero();

      form.locator("[data-testid=pre-read-file-input]").setInputFiles(new FilePayload("风险清单.xlsx", type, sheet));
      assertThat(form.locator("[data-testid=pre-read-file-chosen]").textContent()).contains("风险清单.xlsx");
      form.locator("[data-testid=pre-read-file-submit]").click();
      Locator file = page.locator("[data-testid=next-occurrence] [data-testid=pre-read-file]");
      file.waitFor();
      assertThat(file.textContent()).contains("风险清单.xlsx", sheet.length + " B");
      assertThat(page.locator("#series-error").textContent()).isEmpty();
      file.scrollIntoViewIfNeeded();
      fits(page, "series-pre-read-file-phone-360x800-zh-CN");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
      assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
    }
    for (String locale : List.of("zh-CN", "en-US")) {
      try (BrowserContext context = browser.newContext(Browser.phone(locale).setAcceptDownloads(true))) {
        Page page = context.newPage();
        page.navigate(url(s.zhang()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
        Locator file = first(page).locator("[data-testid=pre-read-file]");
        file.waitFor();
        Locator button = file.locator("[data-testid=pre-read-download]");
        assertThat(button.textContent()).isEqualTo(locale.equals("zh-CN") ? "下载" : "Download");
        Download download = page.waitForDownload(button::click);
        assertThat(download.suggestedFilename()).isEqualTo("风险清单.xlsx");
        assertThat(java.nio.file.Files.readAllBytes(download.path())).isEqualTo(sheet);
        file.scrollIntoViewIfNeeded();
        fits(page, "series-member-pre-read-file-phone-360x800-" + locale);
        assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
        if (locale.equals("zh-CN")) {
          assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
        }
      }
    }
  }

  @Test
  @DisplayName("create a series from the page without a link and show the coordinator link once")
  void createsASeries() {
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate("http://127.0.0.1:" + server.port() + "/series",
          new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      page.locator("[data-testid=create-series-title]").fill("项目周会");
      page.locator("[data-testid=create-series-goal]").fill("确定下周的优先级");
      page.locator("[data-testid=create-series-department]").fill("PMO");
      page.locator("[data-testid=create-series-coordinatorName]").fill("李娜");
      page.locator("[data-testid=create-series-firstStart]")
          .fill(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2) + "T10:00");
      fits(page, "series-create-phone-360x800-zh-CN");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
      page.locator("[data-testid=create-series-submit]").click();
      page.locator("[data-testid=coordinator-link]").waitFor();
      String link = page.locator("[data-testid=coordinator-link]").inputValue();
      assertThat(link).contains("/series#");
      fits(page, "series-created-phone-360x800-zh-CN");
      page.locator("[data-testid=open-coordinator]").click();
      page.locator("[data-testid=series-details] [data-testid=series-title]").waitFor();
      assertThat(page.locator("[data-testid=series-details] [data-testid=series-title]").textContent())
          .isEqualTo("项目周会");
    }
  }

  @Test
  @DisplayName("ask the coordinator to confirm a notice later than 24 h before, and flag a key absentee")
  void lateNoticeAndKeyAbsentee() {
    String firstStart = java.time.LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusHours(10)
        .withSecond(0).withNano(0).toString();
    JsonObject created = call(HttpMethod.POST, "/api/series", null, new JsonObject().put("title", "项目周会")
        .put("goal", "确定下周的优先级").put("kind", "decision").put("department", "PMO")
        .put("coordinator", new JsonObject().put("name", "李娜")).put("language", "zh-CN")
        .put("schedule", new JsonObject().put("firstStart", firstStart).put("timeZone", "Asia/Shanghai")), 201);
    String sid = created.getString("seriesId");
    String token = created.getString("coordinatorToken");
    String oid = created.getJsonArray("upcoming").getJsonObject(0).getString("occurrenceId");
    String wang = member(sid, token, "王强", "研发", "decision_maker");
    String wangToken = wang.substring(wang.indexOf('#') + 1);
    call(HttpMethod.POST, "/api/series/" + sid + "/occurrences/" + oid + "/rsvp", wangToken,
        new JsonObject().put("response", "declined").put("reason", "客户来访"), 200);
    try (BrowserContext context = browser.newContext(Browser.desktop(1440, 900, "zh-CN"))) {
      Page page = context.newPage();
      page.navigate("http://127.0.0.1:" + server.port() + "/series#" + token,
          new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      Locator row = page.locator("[data-testid=rsvp-row][data-state=declined]");
      row.waitFor();
      assertThat(row.locator("[data-testid=flag-key]").textContent()).isEqualTo("关键人缺席");
      assertThat(row.locator("[data-testid=flag-late]").textContent()).isEqualTo("临时请假");
      page.locator("[data-testid=notice-send]").click();
      page.locator("[data-testid=late-confirm]").waitFor();
      fits(page, "series-coordinator-late-1440x900-zh-CN");
      page.locator("[data-testid=late-confirm-send]").click();
      page.locator("[data-testid=notice-sent]").waitFor();
      page.locator("[data-testid=draft-add]").click();
      page.locator("[data-testid=draft-title]").nth(0).fill("上线日期");
      page.locator("[data-testid=draft-kind]").nth(0).selectOption("decide");
      page.locator("[data-testid=draft-add]").click();
      page.locator("[data-testid=draft-title]").nth(1).fill("进度回顾");
      page.locator("[data-testid=draft-kind]").nth(1).selectOption("inform");
      page.locator("[data-testid=draft-save]").click();
      page.locator("[data-testid=warning-AGENDA_ORDER]").waitFor();
      assertThat(page.locator("[data-testid=warning-AGENDA_ORDER]").textContent()).doesNotContain("T");
      assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
    }
  }

  @Test
  @DisplayName("let the coordinator add a chat group, send it a test message and see the answer, without the webhook ever shown again")
  void chatGroupAndTestMessage(Vertx vertx) {
    List<JsonObject> robotGot = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer robot = result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      robotGot.add(b.toJsonObject().put("uri", req.uri()));
      req.response().putHeader("content-type", "application/json").end("{\"errcode\":0,\"errmsg\":\"ok\"}");
    })).listen(0, "127.0.0.1"));
    String webhook = "http://127.0.0.1:" + robot.actualPort() + "/robot/send?access_token=tok-secret-123";
    Made s = series();
    for (String locale : List.of("zh-CN", "en-US")) {
      try (BrowserContext context = browser.newContext(Browser.desktop(1440, 900, locale))) {
        Page page = context.newPage();
        page.navigate(url(s.coordinator()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
        Locator card = page.locator("[data-testid=chat-groups]");
        card.waitFor();
        if (locale.equals("zh-CN")) {
          page.locator("[data-testid=add-cg-label]").fill("项目群");
          page.locator("[data-testid=add-cg-url]").fill(webhook);
          page.locator("[data-testid=add-cg-secret]").fill("SECabc");
          page.locator("[data-testid=add-group-submit]").click();
          card.locator("[data-testid=chat-group]").first().waitFor();
          card.locator("[data-testid=chat-group-test-button]").click();
          card.locator("[data-testid=chat-group-test]").waitFor();
          assertThat(card.locator("[data-testid=chat-group-test]").textContent()).isEqualTo("测试消息已送达。");
          assertThat(robotGot).hasSize(1);
          card.locator("[data-testid=chat-group-edit]").click();
          card.locator("[data-testid=edit-group-url]").fill(webhook.replace("tok-secret-123", "tok-secret-456"));
          card.locator("[data-testid=edit-group-secret]").fill("SECdef");
          card.locator("[data-testid=edit-group]").scrollIntoViewIfNeeded();
          fits(page, "series-chat-group-change-1440x900-zh-CN");
          card.locator("[data-testid=edit-group-submit]").click();
          card.locator("[data-testid=edit-group]").waitFor(new Locator.WaitForOptions()
              .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
          card.locator("[data-testid=chat-group-test-button]").click();
          page.waitForCondition(() -> robotGot.size() == 2);
          assertThat(robotGot.get(1).getString("uri")).as("the test goes to the new webhook").contains("tok-secret-456");
          assertThat(page.content()).doesNotContain("tok-secret-456").doesNotContain("SECdef");
        }
        assertThat(card.locator("[data-testid=chat-group]").textContent()).contains("项目群", "127.0.0.1");
        assertThat(page.content()).doesNotContain("tok-secret-123").doesNotContain("SECabc");
        card.locator("[data-testid=chat-group]").scrollIntoViewIfNeeded();
        fits(page, "series-chat-groups-1440x900-" + locale);
      }
    }
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate(url(s.coordinator()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      page.locator("[data-testid=chat-group]").first().scrollIntoViewIfNeeded();
      page.locator("[data-testid=notifications-load]").click();
      page.locator("[data-testid=notifications] .small").first().waitFor();
      fits(page, "series-chat-groups-phone-360x800-zh-CN");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
    }
    result(robot.close());
  }
}
