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

@DisplayName("The series' review figures over HTTP, from a real meeting")
class SeriesReviewApiTest extends SeriesOnANode {

  private JsonObject run(String roomId, String token, JsonObject command) {
    JsonObject reply = result(bus.command(roomId, token, "chair", ++clientSeq, command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
    return reply.getJsonObject("result");
  }

  private BusClient bus;

  @Test
  @DisplayName("a held meeting's ratings, time against its time-box, speaking time by department and its action item "
      + "give the period's figures; only the coordinator sees them, and bad dates change nothing")
  void figuresOfAHeldMeeting() {
    Made s = series();
    String review = "/api/series/" + s.id() + "/review";
    JsonObject empty = ok(call(HttpMethod.GET, review, s.coordinator(), null), 200);
    assertThat(empty.getJsonArray("meetings")).isEmpty();
    assertThat(empty.getJsonObject("actions").getInteger("total")).isZero();
    assertThat(empty.getJsonObject("actions").getValue("rate")).isNull();

    JsonObject occurrence = ok(call(HttpMethod.GET, "/api/series/" + s.id(), s.coordinator(), null), 200)
        .getJsonArray("upcoming").getJsonObject(0);
    long start = Instant.parse(occurrence.getString("start")).toEpochMilli();
    long end = Instant.parse(occurrence.getString("end")).toEpochMilli();
    String day = LocalDate.ofInstant(Instant.ofEpochMilli(start), SHANGHAI).toString();
    clock.advance(start - clock.millis() - 5 * 60_000);
    String occ = "/api/series/" + s.id() + "/occurrences/" + s.occurrence();
    JsonObject chair = ok(call(HttpMethod.POST, occ + "/room", s.coordinator(), null), 200);
    JsonObject wang = ok(call(HttpMethod.POST, occ + "/room", s.wang(), null), 200);
    String roomId = chair.getString("roomId");
    String t = chair.getString("token");
    bus = result(server.connect());
    result(bus.join(roomId, t));
    BusClient wangBus = result(server.connect());
    result(wangBus.join(roomId, wang.getString("token")));

    String item = run(roomId, t, new JsonObject().put("type", "AddItem").put("title", "预算").put("owner", "李娜")
        .put("timeboxSeconds", 60).put("kind", "decide")).getString("itemId");
    run(roomId, t, new JsonObject().put("type", "StartItem").put("itemId", item));
    run(roomId, t, new JsonObject().put("type", "GiveFloor").put("participantId", wang.getString("participantId")));
    clock.advance(30_000);
    run(roomId, t, new JsonObject().put("type", "GiveFloor").put("participantId", chair.getString("participantId")));
    clock.advance(10_000);
    run(roomId, t, new JsonObject().put("type", "EndFloor"));
    clock.advance(50_000);
    run(roomId, t, new JsonObject().put("type", "CompleteItem"));
    run(roomId, t, new JsonObject().put("type", "AddActionItem").put("task", "把报价发给客户").put("owner", "王伟")
        .put("deadline", day));
    run(roomId, t, new JsonObject().put("type", "EndMeeting"));
    run(roomId, t, new JsonObject().put("type", "FinalizeMinutes"));
    result(wangBus.close());
    result(bus.close());
    ok(call(HttpMethod.POST, occ + "/rating", s.wang(), new JsonObject().put("score", 4)), 200);
    ok(call(HttpMethod.POST, "/api/rooms/" + roomId + "/rating", t, new JsonObject().put("score", 2)), 200);

    clock.advance(end - clock.millis() + 60_000);
    Eventually.until("the action item is in the tracker", Duration.ofSeconds(15), () -> !ok(call(HttpMethod.GET,
        s.actions(), s.coordinator(), null), 200).getJsonArray("items").isEmpty());

    JsonObject r = ok(call(HttpMethod.GET, review, s.coordinator(), null), 200);
    assertThat(r.getString("timeZone")).isEqualTo("Asia/Shanghai");
    assertThat(r.getString("to")).isEqualTo(LocalDate.parse(r.getString("today")).plusDays(1).toString());
    assertThat(r.getString("from")).isEqualTo(LocalDate.parse(r.getString("to")).minusDays(90).toString());
    assertThat(r.getJsonObject("ratings")).isEqualTo(new JsonObject().put("count", 2).put("average", 3.0));
    JsonArray meetings = r.getJsonArray("meetings");
    assertThat(meetings).hasSize(1);
    JsonObject m = meetings.getJsonObject(0);
    assertThat(m.getString("occurrenceId")).isEqualTo(s.occurrence());
    assertThat(m.getString("date")).isEqualTo(day);
    assertThat(m.getInteger("ratings")).isEqualTo(2);
    assertThat(m.getDouble("average")).isEqualTo(3.0);
    assertThat(m.getDouble("plannedMinutes")).isEqualTo(1.0);
    assertThat(m.getDouble("actualMinutes")).isEqualTo(1.5);
    assertThat(r.getJsonObject("time")).isEqualTo(new JsonObject().put("plannedMinutes", 1.0)
        .put("actualMinutes", 1.5).put("timeboxed", 1).put("overran", 1).put("overrunRate", 1.0));
    assertThat(r.getJsonArray("speaking")).containsExactly(
        new JsonObject().put("department", "PMO").put("speakingSeconds", 10).put("speakingShare", 0.25)
            .put("attendees", 1).put("attendeeShare", 0.5),
        new JsonObject().put("department", "销售部").put("speakingSeconds", 30).put("speakingShare", 0.75)
            .put("attendees", 1).put("attendeeShare", 0.5));
    assertThat(r.getJsonObject("actions")).isEqualTo(new JsonObject().put("doneOnTime", 0).put("doneLate", 0)
        .put("openOverdue", 0).put("openNotDue", 1).put("total", 1).put("due", 0).putNull("rate"));

    String id = ok(call(HttpMethod.GET, s.actions(), s.coordinator(), null), 200).getJsonArray("items")
        .getJsonObject(0).getString("id");
    ok(call(HttpMethod.POST, s.actions() + "/" + id + "/progress", s.wang(), new JsonObject().put("status", "done")),
        200);
    JsonObject done = ok(call(HttpMethod.GET, review, s.coordinator(), null), 200);
    assertThat(done.getJsonObject("actions").getInteger("doneOnTime")).isEqualTo(1);
    assertThat(done.getJsonObject("actions").getDouble("rate")).isEqualTo(1.0);
    assertThat(done.getJsonArray("actionsByDepartment")).containsExactly(new JsonObject().put("doneOnTime", 1)
        .put("doneLate", 0).put("openOverdue", 0).put("openNotDue", 0).put("total", 1).put("due", 1).put("rate", 1.0)
        .put("department", "销售部"));
    assertThat(done.getJsonArray("actionsByOwner").getJsonObject(0).getString("ownerName")).isEqualTo("王伟");

    JsonObject before = ok(call(HttpMethod.GET, review + "?from=2020-01-01&to=2020-02-01", s.coordinator(), null), 200);
    assertThat(before.getJsonArray("meetings")).isEmpty();
    assertThat(before.getJsonObject("ratings").getInteger("count")).isZero();
    assertThat(before.getJsonObject("actions").getInteger("total")).isZero();
    JsonObject that = ok(call(HttpMethod.GET, review + "?from=" + day + "&to=" + LocalDate.parse(day).plusDays(1),
        s.coordinator(), null), 200);
    assertThat(that.getJsonArray("meetings")).hasSize(1);

    refused(call(HttpMethod.GET, review + "?from=2026-13-01", s.coordinator(), null), 400, "INVALID_FIELD");
    refused(call(HttpMethod.GET, review + "?to=tomorrow", s.coordinator(), null), 400, "INVALID_FIELD");
    refused(call(HttpMethod.GET, review + "?from=2026-03-02&to=2026-03-01", s.coordinator(), null), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.GET, review + "?from=2024-01-01&to=2026-01-01", s.coordinator(), null), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.GET, review, s.wang(), null), 403, "FORBIDDEN");
    refused(call(HttpMethod.GET, review, null, null), 401, "UNAUTHORIZED");
  }
}
