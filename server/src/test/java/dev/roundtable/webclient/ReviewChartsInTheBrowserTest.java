package dev.roundtable.webclient;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import dev.roundtable.support.Browser;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
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
import java.nio.file.Path;
import java.time.Duration;
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

@DisplayName("In a real browser, the review figures on the coordinator's series page")
class ReviewChartsInTheBrowserTest extends SeriesPagesOnANode {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final List<String> USER_DATA = List.of("项目周会", "确定下周的优先级", "销售部", "PMO", "李娜", "王伟",
      "预算", "把报价发给客户", "整理会议材料", "Asia/Shanghai");


  private JsonObject run(BusClient bus, JsonObject chair, JsonObject command) {
    JsonObject reply = result(bus.command(chair.getString("roomId"), chair.getString("token"), "chair", ++clientSeq,
        command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
    return reply.getJsonObject("result");
  }

  private static String link(JsonObject member) {
    String l = member.getString("link");
    return l.substring(l.indexOf('#') + 1);
  }

  /**
   * A zh-CN series whose meeting was held: one agenda item of 1 min that took 1.5, 王伟 (销售部) spoke 30 s and the
   * coordinator (PMO) 10 s, two action items (one then done), rated 4 and 2. Returns the coordinator's link.
   */
  private String meetingHeld() {
    JsonObject created = call(HttpMethod.POST, "/api/series", null, new JsonObject().put("title", "项目周会")
        .put("goal", "确定下周的优先级").put("kind", "decision").put("department", "PMO")
        .put("coordinator", new JsonObject().put("name", "李娜")).put("language", "zh-CN")
        .put("schedule", new JsonObject().put("firstStart", LocalDate.now(SHANGHAI).plusDays(2).atTime(10, 0).toString())
            .put("timeZone", "Asia/Shanghai").put("durationMinutes", 60)), 201);
    String sid = created.getString("seriesId");
    String token = created.getString("coordinatorToken");
    JsonObject o = created.getJsonArray("upcoming").getJsonObject(0);
    String wangLink = link(call(HttpMethod.POST, "/api/series/" + sid + "/members", token, new JsonObject()
        .put("name", "王伟").put("department", "销售部").put("email", "wang@example.com"), 201));
    long start = Instant.parse(o.getString("start")).toEpochMilli();
    String day = LocalDate.ofInstant(Instant.ofEpochMilli(start), SHANGHAI).toString();
    clock.advance(start - clock.millis());
    String occ = "/api/series/" + sid + "/occurrences/" + o.getString("occurrenceId");
    JsonObject chair = call(HttpMethod.POST, occ + "/room", token, null, 200);
    JsonObject wang = call(HttpMethod.POST, occ + "/room", wangLink, null, 200);
    BusClient bus = result(server.connect());
    result(bus.join(chair.getString("roomId"), chair.getString("token")));
    BusClient wangBus = result(server.connect());
    result(wangBus.join(chair.getString("roomId"), wang.getString("token")));
    String item = run(bus, chair, new JsonObject().put("type", "AddItem").put("title", "预算").put("owner", "李娜")
        .put("timeboxSeconds", 60).put("kind", "decide")).getString("itemId");
    run(bus, chair, new JsonObject().put("type", "StartItem").put("itemId", item));
    run(bus, chair, new JsonObject().put("type", "GiveFloor").put("participantId", wang.getString("participantId")));
    clock.advance(30_000);
    run(bus, chair, new JsonObject().put("type", "GiveFloor").put("participantId", chair.getString("participantId")));
    clock.advance(10_000);
    run(bus, chair, new JsonObject().put("type", "EndFloor"));
    clock.advance(50_000);
    run(bus, chair, new JsonObject().put("type", "CompleteItem"));
    run(bus, chair, new JsonObject().put("type", "AddActionItem").put("task", "把报价发给客户").put("owner", "王伟")
        .put("deadline", day));
    run(bus, chair, new JsonObject().put("type", "AddActionItem").put("task", "整理会议材料").put("owner", "王伟")
        .put("deadline", day));
    run(bus, chair, new JsonObject().put("type", "EndMeeting"));
    run(bus, chair, new JsonObject().put("type", "FinalizeMinutes"));
    result(wangBus.close());
    result(bus.close());
    call(HttpMethod.POST, occ + "/rating", wangLink, new JsonObject().put("score", 4), 200);
    call(HttpMethod.POST, "/api/rooms/" + chair.getString("roomId") + "/rating", chair.getString("token"),
        new JsonObject().put("score", 2), 200);
    clock.advance(Instant.parse(o.getString("end")).toEpochMilli() - clock.millis() + 60_000);
    String actions = "/api/series/" + sid + "/actions";
    Eventually.until("the follow-up took the items", Duration.ofSeconds(15), () -> call(HttpMethod.GET,
        actions, token, null, 200).getJsonArray("items").size() == 2);
    String first = call(HttpMethod.GET, actions, token, null, 200).getJsonArray("items").getJsonObject(0).getString("id");
    call(HttpMethod.POST, actions + "/" + first + "/progress", wangLink, new JsonObject().put("status", "done"), 200);
    return token;
  }

  private static List<String> row(Locator table, int n) {
    return table.locator("tbody tr").nth(n).locator("td").allTextContents();
  }

  @Test
  @DisplayName("draw a pie of speaking time, a pie of action items and a line of ratings, each with its numbers in "
      + "a table, in Chinese")
  void chartsAndTables() {
    String coordinator = meetingHeld();
    try (BrowserContext context = browser.newContext(Browser.desktop(1440, 900, "zh-CN"))) {
      Page page = context.newPage();
      page.navigate(page(coordinator), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      Locator card = page.locator("[data-testid=metrics]");
      card.locator("[data-testid=table-speaking]").waitFor();
      for (String chart : List.of("speaking", "actions", "ratings")) {
        card.locator("[data-testid=chart-" + chart + "] canvas").first().waitFor();
      }
      assertThat(card.locator("h2").textContent()).isEqualTo("复盘：本期数据");
      Locator speaking = card.locator("[data-testid=table-speaking]");
      assertThat(row(speaking, 0)).containsExactly("PMO", "0.2", "25%", "1", "50%");
      assertThat(row(speaking, 1)).containsExactly("销售部", "0.5", "75%", "1", "50%");
      Locator actions = card.locator("[data-testid=table-actions]");
      assertThat(row(actions, 0)).containsExactly("按时完成", "1");
      assertThat(row(actions, 1)).containsExactly("逾期完成", "0");
      assertThat(row(actions, 2)).containsExactly("未完成，已逾期", "0");
      assertThat(row(actions, 3)).containsExactly("未完成，未到期", "1");
      assertThat(row(actions, 4)).containsExactly("完成率（按时完成 / 已到期）", "100%");
      Locator ratings = card.locator("[data-testid=table-ratings]");
      assertThat(row(ratings, 0)).hasSize(6).element(1).isEqualTo("2");
      assertThat(row(ratings, 0).subList(2, 6)).containsExactly("3.0", "1", "1.5", "1 / 1");
      assertThat(row(ratings, 1)).containsExactly("全部会议", "2", "3.0", "1", "1.5", "1 / 1 (100%)");
      Browser.screenshot(page, "review-charts-1440x900-zh-CN", true);
      card.screenshot(new Locator.ScreenshotOptions()
          .setPath(Browser.SCREENSHOTS.resolve("review-charts-card-1440x900-zh-CN.png")));
      assertThat(Layout.horizontalOverflow(page)).isEmpty();
      assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
    }
  }
}
