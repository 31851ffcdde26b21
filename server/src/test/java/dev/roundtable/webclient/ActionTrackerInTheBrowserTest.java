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

@DisplayName("In a real browser, the action tracker on the series pages")
class ActionTrackerInTheBrowserTest extends SeriesPagesOnANode {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final List<String> USER_DATA = List.of("项目周会", "确定下周的优先级", "研发", "市场", "PMO", "李娜",
      "张伟", "陈静", "把修订后的报价发给客户", "销售总监签字", "整理测试报告", "联系外部律师", "外部顾问", "测试环境已就绪",
      "2020-01-15", "2030-01-31", "2030-02-28", "2030-03-15", "Asia/Shanghai");


  private record Made(String id, String coordinator, String zhang, String chen) {
  }

  /**
   * A zh-CN series whose meeting took place: four action items recorded in its room (two for 张伟, one of them
   * long overdue, one for 陈静, one for someone who is no member), the minutes finalized, the follow-up run.
   */
  private Made meetingHeld() {
    String firstStart = LocalDate.now(SHANGHAI).plusDays(2).atTime(10, 0).toString();
    JsonObject created = call(HttpMethod.POST, "/api/series", null, new JsonObject().put("title", "项目周会")
        .put("goal", "确定下周的优先级").put("kind", "decision").put("department", "PMO")
        .put("coordinator", new JsonObject().put("name", "李娜")).put("language", "zh-CN")
        .put("schedule", new JsonObject().put("firstStart", firstStart).put("timeZone", "Asia/Shanghai")
            .put("durationMinutes", 60)), 201);
    String sid = created.getString("seriesId");
    String token = created.getString("coordinatorToken");
    JsonObject o = created.getJsonArray("upcoming").getJsonObject(0);
    String zhang = link(call(HttpMethod.POST, "/api/series/" + sid + "/members", token, new JsonObject()
        .put("name", "张伟").put("department", "研发").put("email", "zhang@example.com"), 201));
    String chen = link(call(HttpMethod.POST, "/api/series/" + sid + "/members", token, new JsonObject()
        .put("name", "陈静").put("department", "市场").put("email", "chen@example.com"), 201));
    clock.advance(Instant.parse(o.getString("start")).toEpochMilli() - clock.millis());
    JsonObject chair = call(HttpMethod.POST, "/api/series/" + sid + "/occurrences/" + o.getString("occurrenceId")
        + "/room", token, null, 200);
    String roomId = chair.getString("roomId");
    BusClient bus = result(server.connect());
    result(bus.join(roomId, chair.getString("token")));
    action(bus, chair, "把修订后的报价发给客户", "张伟", "销售总监签字", "2030-01-31");
    action(bus, chair, "整理测试报告", "张伟", "", "2020-01-15");
    action(bus, chair, "更新市场活动计划", "陈静", "", "2030-02-28");
    action(bus, chair, "联系外部律师", "外部顾问", "", "2030-03-15");
    send(bus, chair, new JsonObject().put("type", "FinalizeMinutes"));
    result(bus.close());
    clock.advance(Instant.parse(o.getString("end")).toEpochMilli() - clock.millis() + 60_000);
    Eventually.until("the follow-up took the items", Duration.ofSeconds(15), () -> call(HttpMethod.GET,
        "/api/series/" + sid + "/actions", token, null, 200).getJsonArray("items").size() == 4);
    return new Made(sid, token, zhang, chen);
  }

  private static String link(JsonObject member) {
    String l = member.getString("link");
    return l.substring(l.indexOf('#') + 1);
  }

  private void action(BusClient bus, JsonObject chair, String task, String owner, String standard, String deadline) {
    send(bus, chair, new JsonObject().put("type", "AddActionItem").put("task", task).put("owner", owner)
        .put("standard", standard).put("deadline", deadline));
  }

  private void send(BusClient bus, JsonObject chair, JsonObject command) {
    JsonObject reply = result(bus.command(chair.getString("roomId"), chair.getString("token"), "chair", ++clientSeq,
        command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
  }

  private static void fits(Page page, String shot) {
    Browser.screenshot(page, shot, true);
    Browser.screenshot(page, shot + "-viewport", false);
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no horizontal overflow in %s", shot).isEqualTo(true);
    assertThat(Layout.horizontalOverflow(page)).as(shot).isEmpty();
  }

  /** Waits until the coordinator's tracker shows exactly the items of these tasks. */
  private static void shows(Page page, String... tasks) {
    Locator shown = page.locator("[data-testid=tracker] [data-testid=action-task]");
    page.waitForCondition(() -> shown.allTextContents().equals(List.of(tasks)));
  }

  @Test
  @DisplayName("let a member update their items' status and add a note on a phone, and show the coordinator the "
      + "whole tracker with filters and counts")
  void memberUpdatesOnAPhone() {
    Made s = meetingHeld();
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate(page(s.zhang()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      Locator mine = page.locator("[data-testid=my-actions]");
      mine.locator("[data-testid=action-item]").first().waitFor();
      assertThat(mine.locator("h2").textContent()).startsWith("我的待办事项");
      assertThat(mine.locator("[data-testid=action-task]").allTextContents())
          .containsExactly("把修订后的报价发给客户", "整理测试报告");
      Locator late = mine.locator("[data-testid=action-item]").nth(1);
      assertThat(late.locator("[data-testid=overdue-badge]").textContent()).isEqualTo("已逾期");
      assertThat(mine.locator("[data-testid=action-item]").first().locator("[data-testid=overdue-badge]").count())
          .isZero();
      Locator quote = mine.locator("[data-testid=action-item]").first();
      quote.locator("[data-testid=progress-note]").fill("报价已交法务审核");
      quote.locator("[data-testid=status-in_progress]").click();
      page.locator("[data-testid=my-actions] [data-testid=action-item]").first()
          .locator("[data-testid=status-in_progress][aria-pressed=true]").waitFor();
      assertThat(page.locator("[data-testid=my-actions] [data-testid=action-last]").first().textContent())
          .contains("进行中", "张伟", "报价已交法务审核");
      Locator report = page.locator("[data-testid=my-actions] [data-testid=action-item]").nth(1);
      report.locator("[data-testid=progress-note]").fill("测试环境已就绪");
      report.locator("[data-testid=progress-send]").click();
      page.locator("[data-testid=my-actions] [data-testid=action-item]").nth(1)
          .locator("[data-testid=action-last]").waitFor();
      fits(page, "tracker-member-phone-360x800-zh-CN");
      assertThat(Layout.touchTargetsSmallerThan(page, 44)).isEmpty();
      assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
    }
    JsonObject after = call(HttpMethod.GET, "/api/series/" + s.id() + "/actions?mine=true", s.zhang(), null, 200);
    assertThat(after.getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("in_progress");
    assertThat(after.getJsonArray("items").getJsonObject(1).getJsonArray("progress").getJsonObject(0)
        .getString("note")).isEqualTo("测试环境已就绪");

    try (BrowserContext context = browser.newContext(Browser.desktop(1440, 900, "en-US"))) {
      Page page = context.newPage();
      page.navigate(page(s.coordinator()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      Locator tracker = page.locator("[data-testid=tracker]");
      tracker.locator("[data-testid=action-item]").first().waitFor();
      assertThat(tracker.locator("[data-testid=action-item]").count()).isEqualTo(4);
      assertThat(tracker.locator("[data-testid=tracker-counts]").textContent())
          .contains("3 Open", "1 In progress", "0 Done", "1 Overdue");
      fits(page, "tracker-coordinator-1440x900-en");
      tracker.locator("[data-testid=tracker-filter-overdue]").click();
      shows(page, "整理测试报告");
      page.locator("[data-testid=tracker-filter-overdue]").click();
      page.locator("[data-testid=tracker-filter-department]").selectOption("市场");
      shows(page, "更新市场活动计划");
      assertThat(page.locator("[data-testid=tracker] [data-testid=action-owner]").textContent()).isEqualTo("陈静 · 市场");
      page.locator("[data-testid=tracker-filter-department]").selectOption("");
      page.locator("[data-testid=tracker-filter-owner]").selectOption("none");
      shows(page, "联系外部律师");
      assertThat(page.locator("[data-testid=tracker] [data-testid=action-owner]").textContent()).isEqualTo("外部顾问");
      com.microsoft.playwright.Download sheet = page.waitForDownload(
          () -> page.locator("[data-testid=tracker-export-xlsx]").click());
      assertThat(sheet.suggestedFilename()).endsWith(".xlsx");
      try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(sheet.createReadStream())) {
        assertThat(wb.getSheetAt(0).getLastRowNum()).as("the whole tracker, whatever the filters").isEqualTo(4);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      page.locator("[data-testid=tracker-filter-owner]").selectOption("");
      RoomPage.expect(page.locator("[data-testid=tracker] [data-testid=action-item]")).hasCount(4);
      Locator first = page.locator("[data-testid=tracker] [data-testid=action-item]").filter(
          new Locator.FilterOptions().setHasText("联系外部律师"));
      first.locator("[data-testid=action-edit] summary").click();
      first.locator("[data-testid=edit-deadline]").fill("2030-06-30");
      first.locator("[data-testid=edit-owner]").selectOption(new com.microsoft.playwright.options.SelectOption()
          .setLabel("陈静 · 市场"));
      first.locator("[data-testid=edit-save]").click();
      RoomPage.expect(page.locator("[data-testid=tracker] [data-testid=action-item]").filter(
          new Locator.FilterOptions().setHasText("联系外部律师")).locator("[data-testid=action-deadline]"))
          .containsText("2030-06-30");
      RoomPage.expect(page.locator("[data-testid=tracker] [data-testid=action-item]").filter(
          new Locator.FilterOptions().setHasText("联系外部律师")).locator("[data-testid=action-owner]"))
          .hasText("陈静 · 市场");
    }
    try (BrowserContext context = browser.newContext(Browser.phone("zh-CN"))) {
      Page page = context.newPage();
      page.navigate(page(s.coordinator()), new Page.NavigateOptions().setWaitUntil(WaitUntilState.NETWORKIDLE));
      page.locator("[data-testid=tracker] [data-testid=action-item]").first().waitFor();
      fits(page, "tracker-coordinator-phone-360x800-zh-CN");
      assertThat(Untranslated.in(page, USER_DATA)).isEmpty();
    }
  }
}
