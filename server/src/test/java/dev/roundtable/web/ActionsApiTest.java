package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The action tracker over HTTP, fed by a real meeting")
class ActionsApiTest extends SeriesOnANode {

  @Test
  @DisplayName("a finalized meeting's action items reach the tracker with their owners; the owner reports progress "
      + "by their link, another member is refused, the coordinator filters and edits")
  void meetingToTracker() {
    Made s = series();
    assertThat(items(s, s.coordinator(), "")).isEmpty();
    JsonObject occurrence = ok(call(HttpMethod.GET, "/api/series/" + s.id(), s.coordinator(), null), 200)
        .getJsonArray("upcoming").getJsonObject(0);
    long start = Instant.parse(occurrence.getString("start")).toEpochMilli();
    long end = Instant.parse(occurrence.getString("end")).toEpochMilli();
    clock.advance(start - clock.millis() - 5 * 60_000);

    JsonObject chair = ok(call(HttpMethod.POST, "/api/series/" + s.id() + "/occurrences/" + s.occurrence() + "/room",
        s.coordinator(), null), 200);
    String roomId = chair.getString("roomId");
    BusClient bus = result(server.connect());
    result(bus.join(roomId, chair.getString("token")));
    send(bus, roomId, chair.getString("token"), new JsonObject().put("type", "AddActionItem")
        .put("task", "把修订后的报价发给客户").put("owner", "王伟").put("standard", "销售总监签字").put("deadline", "2030-01-31"));
    send(bus, roomId, chair.getString("token"), new JsonObject().put("type", "AddActionItem")
        .put("task", "Check the contract terms").put("owner", "External counsel").put("deadline", "2030-02-15"));

    // The meeting is over but its minutes are not final: the follow-up looks again later and imports nothing.
    clock.advance(end - clock.millis() + 60_000);
    Eventually.until("the follow-up has run once", Duration.ofSeconds(10), () -> {
      JsonObject jobs = followUpJobs();
      return jobs.getInteger("done", 0) >= 1 && jobs.getInteger("queued", 0) >= 1;
    });
    assertThat(items(s, s.coordinator(), "")).isEmpty();

    send(bus, roomId, chair.getString("token"), new JsonObject().put("type", "FinalizeMinutes"));
    result(bus.close());
    clock.advance(16 * 60_000);
    Eventually.until("the items are in the tracker", Duration.ofSeconds(15),
        () -> items(s, s.coordinator(), "").size() == 2);

    JsonObject all = ok(call(HttpMethod.GET, s.actions(), s.coordinator(), null), 200);
    JsonObject wangs = all.getJsonArray("items").getJsonObject(0);
    assertThat(wangs.getString("task")).isEqualTo("把修订后的报价发给客户");
    assertThat(wangs.getString("ownerId")).isEqualTo("u1");
    assertThat(wangs.getString("ownerName")).isEqualTo("王伟");
    assertThat(wangs.getString("department")).isEqualTo("销售部");
    assertThat(wangs.getString("standard")).isEqualTo("销售总监签字");
    assertThat(wangs.getString("deadline")).isEqualTo("2030-01-31");
    assertThat(wangs.getString("status")).isEqualTo("open");
    assertThat(wangs.getJsonObject("source").getString("roomId")).isEqualTo(roomId);
    assertThat(wangs.getJsonObject("source").getString("occurrenceId")).isEqualTo(s.occurrence());
    JsonObject counsel = all.getJsonArray("items").getJsonObject(1);
    assertThat(counsel.getString("ownerId")).isNull();
    assertThat(counsel.getString("ownerName")).isEqualTo("External counsel");
    Eventually.until("the minutes are in the outbox for the coordinator", Duration.ofSeconds(15),
        () -> server.database().getCollection("outbox")
            .countDocuments(new org.bson.Document("_id", "minutes/" + roomId + "/mail/coordinator")) == 1);
    assertThat(all.getJsonObject("counts").getInteger("open")).isEqualTo(2);
    HttpResponse<Buffer> sheet = call(HttpMethod.GET, s.actions() + ".xlsx", s.coordinator(), null);
    assertThat(sheet.statusCode()).isEqualTo(200);
    assertThat(sheet.getHeader("content-disposition")).startsWith("attachment; filename=\"actions-");
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(sheet.bodyAsBuffer().getBytes()))) {
      assertThat(wb.getSheetAt(0).getLastRowNum()).as("both items").isEqualTo(2);
      assertThat(wb.getSheetAt(0).getDataValidations()).hasSize(1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(call(HttpMethod.GET, s.actions() + ".csv", s.coordinator(), null).bodyAsString())
        .startsWith("\uFEFF任务,负责人").contains("把修订后的报价发给客户");
    refused(call(HttpMethod.GET, s.actions() + ".xlsx", s.wang(), null), 403, "FORBIDDEN");
    assertThat(all.getJsonArray("departments")).containsExactly("销售部");
    String id = wangs.getString("id");

    // Later runs change nothing: the follow-up finished, and importing the room again would add nothing.
    clock.advance(16 * 60_000);
    assertThat(items(s, s.coordinator(), "")).hasSize(2);

    assertThat(items(s, s.wang(), "?mine=true")).extracting(o -> ((JsonObject) o).getString("id")).containsExactly(id);
    assertThat(items(s, s.zhao(), "?mine=true")).isEmpty();
    refused(call(HttpMethod.GET, s.actions(), s.wang(), null), 403, "FORBIDDEN");
    refused(call(HttpMethod.POST, s.actions() + "/" + id + "/progress", s.zhao(),
        new JsonObject().put("status", "done")), 403, "FORBIDDEN");
    JsonObject updated = ok(call(HttpMethod.POST, s.actions() + "/" + id + "/progress", s.wang(),
        new JsonObject().put("status", "in_progress").put("note", "报价已交法务审核")), 200).getJsonObject("item");
    assertThat(updated.getString("status")).isEqualTo("in_progress");
    assertThat(updated.getJsonArray("progress").getJsonObject(0).getString("byName")).isEqualTo("王伟");
    assertThat(updated.getJsonArray("progress").getJsonObject(0).getString("note")).isEqualTo("报价已交法务审核");
    refused(call(HttpMethod.POST, s.actions() + "/" + id + "/progress", s.wang(),
        new JsonObject().put("status", "finished")), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, s.actions() + "/" + id + "/progress", s.wang(),
        new JsonObject().put("note", "x".repeat(1001))), 413, "TOO_LARGE");
    refused(call(HttpMethod.PATCH, s.actions() + "/" + id, s.wang(),
        new JsonObject().put("deadline", "2020-01-01")), 403, "FORBIDDEN");

    // The coordinator moves the deadline into the past: the item is overdue in the series' zone.
    String yesterday = LocalDate.ofInstant(Instant.ofEpochMilli(clock.millis()), SHANGHAI).minusDays(1).toString();
    JsonObject edited = ok(call(HttpMethod.PATCH, s.actions() + "/" + id, s.coordinator(),
        new JsonObject().put("deadline", yesterday)), 200).getJsonObject("item");
    assertThat(edited.getBoolean("overdue")).isTrue();
    assertThat(items(s, s.coordinator(), "?overdue=true")).hasSize(1);
    assertThat(items(s, s.coordinator(), "?status=in_progress&department=" + java.net.URLEncoder.encode("销售部", java.nio.charset.StandardCharsets.UTF_8))).hasSize(1);
    assertThat(items(s, s.coordinator(), "?owner=none")).extracting(o -> ((JsonObject) o).getString("ownerName"))
        .containsExactly("External counsel");
    refused(call(HttpMethod.GET, s.actions() + "?status=finished", s.coordinator(), null), 400, "INVALID_FIELD");
    refused(call(HttpMethod.GET, s.actions() + "?overdue=maybe", s.coordinator(), null), 400, "INVALID_FIELD");
    refused(call(HttpMethod.PATCH, s.actions() + "/" + counsel.getString("id"), s.coordinator(),
        new JsonObject().put("ownerId", "u99")), 400, "INVALID_FIELD");
    JsonObject reassigned = ok(call(HttpMethod.PATCH, s.actions() + "/" + counsel.getString("id"), s.coordinator(),
        new JsonObject().put("ownerId", "u2")), 200).getJsonObject("item");
    assertThat(reassigned.getString("ownerName")).isEqualTo("赵磊");
    assertThat(items(s, s.zhao(), "?mine=true")).hasSize(1);
    refused(call(HttpMethod.GET, s.actions(), null, null), 401, "UNAUTHORIZED");

    // The follow-up scheduled the imported items' reminders (09:00 Shanghai) and the series' daily digest; a
    // deadline the coordinator sets gets reminders of its own.
    assertThat(jobDue("action.remind/" + s.id() + "/" + id + "/before/2030-01-31"))
        .isEqualTo(Instant.parse("2030-01-30T01:00:00Z"));
    assertThat(jobDue("action.remind/" + s.id() + "/" + counsel.getString("id") + "/due/2030-02-15"))
        .isEqualTo(Instant.parse("2030-02-15T01:00:00Z"));
    assertThat(server.database().getCollection("jobs").countDocuments(new org.bson.Document("kind", "action.digest")))
        .isGreaterThanOrEqualTo(1);
    ok(call(HttpMethod.PATCH, s.actions() + "/" + counsel.getString("id"), s.coordinator(),
        new JsonObject().put("deadline", "2030-03-01")), 200);
    assertThat(jobDue("action.remind/" + s.id() + "/" + counsel.getString("id") + "/overdue/2030-03-01"))
        .isEqualTo(Instant.parse("2030-03-02T01:00:00Z"));
  }

  /** When the job of this id is due, from the node's job documents (null when there is none). */
  private Instant jobDue(String jobId) {
    org.bson.Document d = server.database().getCollection("jobs").find(new org.bson.Document("_id", jobId)).first();
    return d == null ? null : Instant.ofEpochMilli(d.getLong("dueAt"));
  }

  /** The follow-up jobs' states, counted from the node's job documents. */
  private JsonObject followUpJobs() {
    JsonObject counts = new JsonObject();
    server.database().getCollection("jobs")
        .find(new org.bson.Document("kind", "meeting.followup"))
        .forEach(d -> counts.put(d.getString("state"), counts.getInteger(d.getString("state"), 0) + 1));
    return counts;
  }
}
