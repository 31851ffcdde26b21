package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static dev.roundtable.webclient.RoomPage.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.WaitUntilState;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import dev.roundtable.support.Untranslated;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The web client in Chinese, as people whose browsers speak Chinese meet it: the start page, and every view of a
 * meeting with Chinese names, departments, agenda, notes, motions and records (facilitator console on a laptop,
 * the shared screen on a TV, a participant's phone, the board and the minutes). Nothing a person reads may be
 * English UI text ({@link Untranslated}); a refusal by the server is told in Chinese, without its English message.
 * Screenshots: {@code zh-<view>-<WxH>.png}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("In a Chinese browser,")
class ChineseInTheBrowserTest {
  private static final String ZH = "zh-CN";

  @RegisterExtension
  final FailureEvidence evidence = new FailureEvidence();

  private static Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  /** What this test typed or created: user data, never UI text. */
  private final List<String> userData = new ArrayList<>(List.of("Chromium"));
  private TestServer server;
  private BusClient bus;
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
  void start(Vertx vertx, @TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), new MutableClock()));
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

  @Test
  @DisplayName("the start page is all Chinese, tells a refused goal in Chinese, and starts a meeting in Chinese")
  void startPage() {
    Page page = context(Browser.phone(ZH)).newPage();
    List<String> createBodies = new CopyOnWriteArrayList<>();
    page.onRequest((Request request) -> {
      if ("POST".equals(request.method()) && request.url().endsWith("/api/rooms")) {
        createBodies.add(request.postData());
      }
    });
    page.navigate(base() + "/", new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
    assertThat(page.evaluate("() => document.documentElement.lang")).isEqualTo(ZH);
    assertThat(Untranslated.in(page, userData)).as("untranslated on the start page").isEmpty();
    Browser.screenshot(page, "zh-start-360x800", true);

    page.getByTestId("create-submit").click();
    expect(page.locator("#create-error")).containsText("请填写");
    assertThat(Untranslated.in(page, userData)).as("untranslated after an empty submit").isEmpty();

    String title = "第三季度发布会";
    String name = "张伟";
    String department = "运营部";
    userData.addAll(List.of(title, name, department, "确定"));
    page.getByTestId("create-title").fill(title);
    page.getByTestId("create-goal").fill("确定");
    page.getByTestId("create-name").fill(name);
    page.getByTestId("create-department").fill(department);
    assertThat(page.getByTestId("create-language").inputValue()).as("the meeting's language follows the UI")
        .isEqualTo(ZH);
    page.getByTestId("create-submit").click();
    expect(page.locator("#create-error")).containsText("目标");
    assertThat(page.locator("#create-error").textContent()).doesNotContainPattern("[A-Za-z]{3,}");
    assertThat(page.getByTestId("create-goal").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(Untranslated.in(page, userData)).as("untranslated after the server refused the goal").isEmpty();
    Browser.screenshot(page, "zh-start-refused-360x800", true);

    // A goal in Chinese, exactly as the form's own example writes one: no spaces.
    String goal = "确定第三季度的发布日期";
    userData.add(goal);
    page.getByTestId("create-goal").fill(goal);
    page.getByTestId("create-submit").click();
    page.waitForURL("**/room.html?*view=facilitator*");
    RoomPage.expect(page.getByTestId("connection-state")).hasAttribute("data-state", "open", RoomPage.attributeWait());

    assertThat(createBodies).hasSize(2);
    JsonObject body = new JsonObject(createBodies.get(1));
    assertThat(body.getString("goal")).isEqualTo(goal);
    assertThat(body.getString("language")).as("the meeting's language in %s", body).isEqualTo(ZH);
  }

  @Test
  @DisplayName("every view of a meeting with Chinese names shows no English UI text")
  void everyView() {
    JsonObject room = result(server.post("/api/rooms", new JsonObject().put("title", "第三季度发布会")
        .put("goal", "确定第三季度的发布日期").put("kind", "decision").put("facilitatorName", "张伟").put("department", "运营部")))
        .bodyAsJsonObject();
    String roomId = room.getString("roomId");
    String token = room.getString("token");
    String joinCode = room.getString("joinCode");
    JsonObject wang = result(server.join(joinCode, "王芳", "市场部", "participant"));
    JsonObject li = result(server.join(joinCode, "李雷", "技术部", "participant"));
    JsonObject tv = result(server.join(joinCode, "会议室大屏", "", "screen"));
    userData.addAll(List.of(roomId, joinCode, "第三季度发布会", "确定 发布日期", "张伟", "运营部", "王芳", "市场部", "李雷",
        "技术部", "会议室大屏"));

    command(roomId, token, item("上季度销售回顾", "inform", "张伟", "了解销售情况"));
    JsonObject decide = command(roomId, token, item("确定发布日期", "decide", "王芳", "确定的日期"));
    command(roomId, token, item("发布风险", "open_discussion", "李雷", "风险清单"));
    String decideId = decide.getJsonObject("result").getString("itemId");
    command(roomId, token, new JsonObject().put("type", "StartItem").put("itemId", decideId));
    command(roomId, wang.getString("token"), new JsonObject().put("type", "RaiseHand"));
    command(roomId, li.getString("token"), new JsonObject().put("type", "RaiseHand"));
    command(roomId, token, new JsonObject().put("type", "GiveFloor"));
    command(roomId, wang.getString("token"), note("测试环境还没准备好"));
    command(roomId, li.getString("token"), note("需要更多测试时间"));
    JsonObject first = command(roomId, token, motion("十月一日发布"));
    String firstId = first.getJsonObject("result").getString("motionId");
    command(roomId, wang.getString("token"), vote(firstId, "oppose"));
    command(roomId, token, new JsonObject().put("type", "CloseMotion").put("motionId", firstId));
    JsonObject second = command(roomId, token, motion("十月十五日发布"));
    command(roomId, wang.getString("token"), vote(second.getJsonObject("result").getString("motionId"), "agree"));
    command(roomId, token, new JsonObject().put("type", "RecordDecision").put("text", "发布说明由技术部负责"));
    command(roomId, token, new JsonObject().put("type", "AddActionItem").put("task", "准备发布说明").put("owner", "李雷")
        .put("standard", "经测试部审核").put("deadline", "2026-10-10"));
    command(roomId, li.getString("token"), new JsonObject().put("type", "ParkPoint").put("text", "办公室搬迁"));
    userData.addAll(List.of("上季度销售回顾", "了解销售情况", "确定发布日期", "确定的日期", "发布风险", "风险清单", "测试环境还没准备好",
        "需要更多测试时间", "十月一日发布", "十月十五日发布", "发布说明由技术部负责", "准备发布说明", "经测试部审核", "2026-10-10",
        "办公室搬迁"));

    record View(String view, String token, int width, int height, boolean phone) {
    }
    List<View> views = List.of(
        new View("facilitator", token, 1440, 900, false),
        new View("screen", tv.getString("token"), 1920, 1080, false),
        new View("participant", wang.getString("token"), 360, 800, true),
        new View("board", li.getString("token"), 1440, 900, false),
        new View("minutes", li.getString("token"), 1440, 900, false));
    List<RoomPage> pages = new ArrayList<>();
    for (View v : views) {
      BrowserContext context = context(v.phone() ? Browser.phone(ZH) : Browser.desktop(v.width(), v.height(), ZH));
      pages.add(RoomPage.open(context, v.view(), server.port(), roomId, v.view(), v.token()));
    }
    List<String> findings = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      View v = views.get(i);
      RoomPage page = pages.get(i).waitOpen();
      // The room's state is in and drawn.
      page.page.waitForFunction("() => window.roundtable && window.roundtable.ctx.loaded");
      page.page.waitForTimeout(500);
      assertThat(page.page.evaluate("() => document.documentElement.lang")).isEqualTo(ZH);
      page.screenshot("zh-" + v.view() + "-" + v.width() + "x" + v.height(), !"screen".equals(v.view()));
      Untranslated.in(page.page, userData).forEach(f -> findings.add(v.view() + ": " + f));
      assertThat(page.uncaughtErrors()).as("uncaught errors in the %s view", v.view()).isEmpty();
    }
    assertThat(findings).as("English UI text in the Chinese views").isEmpty();
  }

  private BrowserContext context(com.microsoft.playwright.Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    contexts.add(context);
    return context;
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private JsonObject command(String roomId, String token, JsonObject command) {
    JsonObject reply = result(bus.command(roomId, token, "zh-setup-" + token.hashCode(), ++clientSeq, command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
    return reply;
  }

  private static JsonObject item(String title, String kind, String owner, String expectedOutput) {
    return new JsonObject().put("type", "AddItem").put("title", title).put("kind", kind).put("owner", owner)
        .put("expectedOutput", expectedOutput).put("timeboxSeconds", 600);
  }

  private static JsonObject note(String text) {
    return new JsonObject().put("type", "AddNote").put("text", text).put("colour", "yellow").put("x", 40).put("y", 40);
  }

  private static JsonObject motion(String text) {
    return new JsonObject().put("type", "OpenMotion").put("text", text);
  }

  private static JsonObject vote(String motionId, String choice) {
    return new JsonObject().put("type", "CastVote").put("motionId", motionId).put("choice", choice);
  }
}
