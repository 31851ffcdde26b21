package dev.roundtable.review;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.roundtable.RoundtableServer;
import dev.roundtable.store.Storage;
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
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("Rating a meeting after its end, over HTTP")
class ReviewApiTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final MutableClock clock = new MutableClock();
  private Storage storage;
  private TestServer server;
  private WebClient http;
  private BusClient bus;
  private long clientSeq;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    var config = TestServer.config(dataDir).with(new JsonObject().put("jobPollSeconds", 1));
    storage = result(RoundtableServer.openStorage(vertx, config));
    server = result(TestServer.start(vertx, config, clock, storage));
    http = WebClient.create(vertx);
    bus = result(server.connect());
  }

  @AfterEach
  void stop() {
    result(bus.close());
    http.close();
    result(server.stop());
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> request = http.request(method, server.port(), "127.0.0.1", path).timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body instanceof String raw) {
      return result(request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(raw)));
    }
    return result(body == null ? request.send() : request.sendJsonObject((JsonObject) body));
  }

  private static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  private static JsonObject refused(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
    return r.bodyAsJsonObject();
  }

  private static JsonObject rating(Object score, String suggestion) {
    return new JsonObject().put("score", score).put("suggestion", suggestion);
  }

  private void endMeeting(String roomId, String facilitatorToken) {
    JsonObject reply = result(bus.command(roomId, facilitatorToken, "chair-tab", ++clientSeq,
        new JsonObject().put("type", "EndMeeting")));
    assertThat(reply.getBoolean("ok")).as(reply.encode()).isTrue();
  }

  private String roomPath(String roomId) {
    return "/api/rooms/" + roomId + "/rating";
  }

  private Integer ownScore(String roomId, String token) {
    return ok(call(HttpMethod.GET, roomPath(roomId), token, null), 200).getInteger("score");
  }

  @Test
  @DisplayName("a participant rates only after the end; rating again replaces the score; bad ratings change nothing")
  void ratesInTheRoom() {
    JsonObject room = result(server.createRoom());
    String roomId = room.getString("roomId");
    String chair = room.getString("token");
    JsonObject bo = result(server.join(room.getString("joinCode"), "Bo", "Sales", "participant"));
    JsonObject screen = result(server.join(room.getString("joinCode"), "Wall", null, "screen"));
    String boToken = bo.getString("token");

    JsonObject early = refused(call(HttpMethod.POST, roomPath(roomId), boToken, rating(4, "more breaks")), 409,
        "INVALID_STATE");
    assertThat(early.getString("reason")).isEqualTo(ReviewService.NOT_ENDED);
    assertThat(ownScore(roomId, boToken)).isNull();

    endMeeting(roomId, chair);
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, rating(0, null)), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, rating(6, null)), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, rating(3.5, null)), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, rating("4", null)), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, new JsonObject()), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, rating(4, "x".repeat(1_001))), 413, "TOO_LARGE");
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, new JsonObject().put("score", 4).put("suggestion", 7)),
        400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, roomPath(roomId), boToken, "[4]"), 400, "BAD_JSON");
    refused(call(HttpMethod.POST, roomPath(roomId), null, rating(4, null)), 401, "UNAUTHORIZED");
    refused(call(HttpMethod.POST, roomPath(roomId), "forged", rating(4, null)), 401, "UNAUTHORIZED");
    JsonObject other = result(server.createRoom());
    refused(call(HttpMethod.POST, roomPath(roomId), other.getString("token"), rating(4, null)), 403, "WRONG_ROOM");
    refused(call(HttpMethod.POST, roomPath(roomId), screen.getString("token"), rating(4, null)), 403, "FORBIDDEN");
    assertThat(ownScore(roomId, boToken)).isNull();
    assertThat(storage.database().getCollection("ratings").countDocuments()).isZero();
    assertThat(storage.database().getCollection("suggestions").countDocuments()).isZero();

    JsonObject first = ok(call(HttpMethod.POST, roomPath(roomId), boToken, rating(2, "  Start on time ")), 200);
    assertThat(first).isEqualTo(new JsonObject().put("score", 2).put("suggested", true));
    ok(call(HttpMethod.POST, roomPath(roomId), boToken, rating(4, "")), 200);
    ok(call(HttpMethod.POST, roomPath(roomId), chair, rating(5, null)), 200);
    assertThat(ownScore(roomId, boToken)).isEqualTo(4);
    assertThat(ownScore(roomId, chair)).isEqualTo(5);
    assertThat(storage.database().getCollection("ratings").countDocuments()).isEqualTo(2);
    assertThat(storage.database().getCollection("suggestions").find().first().getString("text"))
        .isEqualTo("Start on time");
  }

  /** A weekly series whose first meeting is two days ahead, with two invited members and one informed. */
  private record Series(String id, String coordinator, String wang, String zhao, String qian, String occurrence,
      long start) {
    String occ() {
      return "/api/series/" + id + "/occurrences/" + occurrence;
    }
  }

  private Series series() {
    JsonObject body = new JsonObject().put("title", "项目周会").put("goal", "确定下周的优先级").put("kind", "decision")
        .put("department", "PMO").put("coordinator", new JsonObject().put("name", "李娜").put("email", "li@example.com"))
        .put("language", "zh-CN").put("template", "project_coordination")
        .put("schedule", new JsonObject().put("firstStart", LocalDate.now(SHANGHAI).plusDays(2).atTime(10, 0).toString())
            .put("rrule", "FREQ=WEEKLY").put("timeZone", "Asia/Shanghai").put("durationMinutes", 60));
    JsonObject created = ok(call(HttpMethod.POST, "/api/series", null, body), 201);
    String id = created.getString("seriesId");
    String token = created.getString("coordinatorToken");
    JsonObject first = created.getJsonArray("upcoming").getJsonObject(0);
    return new Series(id, token, member(id, token, "王伟", "decision_maker"), member(id, token, "赵磊", "executor"),
        member(id, token, "钱敏", "informed"), first.getString("occurrenceId"),
        Instant.parse(first.getString("start")).toEpochMilli());
  }

  private String member(String seriesId, String coordinator, String name, String part) {
    JsonObject m = ok(call(HttpMethod.POST, "/api/series/" + seriesId + "/members", coordinator, new JsonObject()
        .put("name", name).put("department", "研发部").put("email", name.hashCode() + "@example.com").put("part", part)),
        201);
    String link = m.getString("link");
    return link.substring(link.indexOf('#') + 1);
  }

  private JsonObject review(Series s) {
    JsonArray reviews = ok(call(HttpMethod.GET, "/api/series/" + s.id(), s.coordinator(), null), 200)
        .getJsonArray("reviews");
    return reviews.stream().map(JsonObject.class::cast).filter(r -> r.getString("occurrenceId").equals(s.occurrence()))
        .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a member's link and the member's room seat are one rater; the coordinator sees count, average, "
      + "suggestions and a due improvement plan until it is written")
  void ratesBySeriesLink() {
    Series s = series();
    refused(call(HttpMethod.POST, s.occ() + "/rating", s.wang(), rating(4, null)), 409, "INVALID_STATE");
    clock.advance(s.start() - clock.millis() - 10 * 60_000);
    JsonObject wangSeat = ok(call(HttpMethod.POST, s.occ() + "/room", s.wang(), null), 200);
    JsonObject chair = ok(call(HttpMethod.POST, s.occ() + "/room", s.coordinator(), null), 200);
    String roomId = chair.getString("roomId");

    JsonObject early = refused(call(HttpMethod.POST, s.occ() + "/rating", s.wang(), rating(4, null)), 409,
        "INVALID_STATE");
    assertThat(early.getString("reason")).isEqualTo(ReviewService.NOT_ENDED);
    endMeeting(roomId, chair.getString("token"));

    ok(call(HttpMethod.POST, roomPath(roomId), wangSeat.getString("token"), rating(4, "议程提前发")), 200);
    JsonObject byLink = ok(call(HttpMethod.POST, s.occ() + "/rating", s.wang(), rating(1, null)), 200);
    assertThat(byLink.getInteger("score")).isEqualTo(1);
    assertThat(ownScore(roomId, wangSeat.getString("token"))).as("the same person, one rating").isEqualTo(1);
    assertThat(ok(call(HttpMethod.GET, s.occ() + "/rating", s.wang(), null), 200).getInteger("score")).isEqualTo(1);
    ok(call(HttpMethod.POST, s.occ() + "/rating", s.zhao(), rating(2, "少开会")), 200);

    refused(call(HttpMethod.POST, s.occ() + "/rating", s.qian(), rating(3, null)), 403, "FORBIDDEN");
    refused(call(HttpMethod.POST, s.occ() + "/rating", s.coordinator(), rating(3, null)), 403, "FORBIDDEN");
    refused(call(HttpMethod.POST, s.occ() + "/rating", s.wang(), rating(9, null)), 400, "INVALID_FIELD");
    ok(call(HttpMethod.POST, "/api/series/" + s.id() + "/members/u2/link", s.coordinator(), null), 200);
    refused(call(HttpMethod.POST, s.occ() + "/rating", s.zhao(), rating(5, null)), 401, "UNAUTHORIZED");
    Series other = series();
    refused(call(HttpMethod.POST, s.occ() + "/rating", other.wang(), rating(5, null)), 403, "FORBIDDEN");
    refused(call(HttpMethod.POST, "/api/series/" + s.id() + "/occurrences/20300101T1000/rating", s.wang(),
        rating(5, null)), 409, "INVALID_STATE");

    JsonObject r = review(s);
    assertThat(r.getInteger("ratings")).isEqualTo(2);
    assertThat(r.getDouble("average")).isEqualTo(1.5);
    assertThat(r.getJsonArray("suggestions")).containsExactly("少开会", "议程提前发");
    assertThat(r.getBoolean("planDue")).isTrue();
    assertThat(r.getValue("improvementPlan")).isNull();

    refused(call(HttpMethod.PUT, s.occ() + "/improvement-plan", s.wang(), new JsonObject().put("text", "x")), 403,
        "FORBIDDEN");
    refused(call(HttpMethod.PUT, s.occ() + "/improvement-plan", s.coordinator(), new JsonObject().put("text", " ")),
        400, "INVALID_FIELD");
    ok(call(HttpMethod.PUT, s.occ() + "/improvement-plan", s.coordinator(),
        new JsonObject().put("text", "会前两天发议程，每项限时")), 200);
    JsonObject after = review(s);
    assertThat(after.getBoolean("planDue")).isFalse();
    assertThat(after.getJsonObject("improvementPlan").getString("text")).isEqualTo("会前两天发议程，每项限时");

    clock.advance(2 * 3_600_000L);
    JsonObject memberView = ok(call(HttpMethod.GET, "/api/series/" + s.id(), s.wang(), null), 200);
    assertThat(memberView.getJsonObject("toRate").getString("occurrenceId")).isEqualTo(s.occurrence());
    assertThat(memberView.encode()).doesNotContain("少开会").doesNotContain("improvementPlan");
  }

  private List<Document> reminders() {
    return storage.database().getCollection("outbox").find().into(new ArrayList<>()).stream()
        .filter(d -> String.valueOf(d.get("_id")).startsWith("review.plan/")).toList();
  }

  /** Waits until the reminder's run {@code run} is scheduled (each run schedules the next). */
  private void awaitJob(Series s, int run) {
    Eventually.until("run " + run + " scheduled", Duration.ofSeconds(15), () -> storage.database()
        .getCollection("jobs").countDocuments(new Document("_id",
            "review.plan/" + s.id() + "/" + s.occurrence() + "/" + run)) == 1);
  }

  @Test
  @DisplayName("a due improvement plan is reminded to the coordinator by email a day after the meeting, without "
      + "any suggestion, and no more once the plan is written")
  void remindsOfADuePlan() {
    Series s = series();
    clock.advance(s.start() - clock.millis() + 5 * 60_000);
    JsonObject wangSeat = ok(call(HttpMethod.POST, s.occ() + "/room", s.wang(), null), 200);
    JsonObject chair = ok(call(HttpMethod.POST, s.occ() + "/room", s.coordinator(), null), 200);
    endMeeting(chair.getString("roomId"), chair.getString("token"));
    ok(call(HttpMethod.POST, roomPath(chair.getString("roomId")), wangSeat.getString("token"),
        rating(1, "secret-suggestion-text")), 200);
    assertThat(storage.database().getCollection("jobs").countDocuments(new Document("_id",
        "review.plan/" + s.id() + "/" + s.occurrence() + "/0"))).isEqualTo(1);

    clock.advance(2 * 3_600_000L);
    assertThat(reminders()).as("not before a day has passed").isEmpty();
    clock.advance(24 * 3_600_000L);
    Eventually.until("the first reminder", Duration.ofSeconds(15), () -> reminders().size() == 1);
    String mail = reminders().get(0).toJson();
    assertThat(mail).contains("li@example.com").contains("需要改进计划").contains("1.0")
        .doesNotContain("secret-suggestion-text");

    awaitJob(s, 1);
    clock.advance(25 * 3_600_000L);
    Eventually.until("the second reminder", Duration.ofSeconds(15), () -> reminders().size() == 2);
    ok(call(HttpMethod.PUT, s.occ() + "/improvement-plan", s.coordinator(), new JsonObject().put("text", "改进")),
        200);
    awaitJob(s, 2);
    clock.advance(25 * 3_600_000L);
    Eventually.until("the third check ran", Duration.ofSeconds(15), () -> storage.database().getCollection("jobs")
        .countDocuments(new Document("_id", "review.plan/" + s.id() + "/" + s.occurrence() + "/2")
            .append("state", "done")) == 1);
    assertThat(reminders()).as("no reminder once the plan is written").hasSize(2);
  }

  @Test
  @DisplayName("no reply, view, export, room log, stored rating or log line ties a suggestion to its author")
  void suggestionsStayAnonymous() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    List<String> answers = new ArrayList<>();
    String secret = "Zhuge-Liang-wants-shorter-meetings";
    Series s;
    String roomId;
    JsonObject wangSeat;
    JsonObject chair;
    try {
      s = series();
      clock.advance(s.start() - clock.millis() - 10 * 60_000);
      wangSeat = ok(call(HttpMethod.POST, s.occ() + "/room", s.wang(), null), 200);
      chair = ok(call(HttpMethod.POST, s.occ() + "/room", s.coordinator(), null), 200);
      roomId = chair.getString("roomId");
      endMeeting(roomId, chair.getString("token"));
      answers.add(call(HttpMethod.POST, roomPath(roomId), wangSeat.getString("token"), rating(2, secret)).bodyAsString());
      answers.add(call(HttpMethod.POST, s.occ() + "/rating", s.zhao(), rating(3, "另一条建议")).bodyAsString());
      answers.add(call(HttpMethod.GET, roomPath(roomId), wangSeat.getString("token"), null).bodyAsString());
      answers.add(call(HttpMethod.GET, s.occ() + "/rating", s.wang(), null).bodyAsString());
      answers.add(call(HttpMethod.GET, "/api/series/" + s.id(), s.wang(), null).bodyAsString());
      answers.add(call(HttpMethod.GET, "/api/rooms/" + roomId, chair.getString("token"), null).bodyAsString());
      answers.add(call(HttpMethod.GET, "/api/rooms/" + roomId + "/minutes.md", chair.getString("token"), null)
          .bodyAsString());
      answers.add(result(bus.sync(roomId, chair.getString("token"), null)).encode());
      answers.add(result(bus.sync(roomId, chair.getString("token"), 0L)).encode());
    } finally {
      root.detachAppender(logs);
    }
    for (String answer : answers) {
      assertThat(answer.contains(secret)).as("only the coordinator's review shows a suggestion: %s", answer).isFalse();
    }
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage() + event.getKeyValuePairs()).doesNotContain(secret).doesNotContain("另一条建议");
    }
    String coordinatorView = call(HttpMethod.GET, "/api/series/" + s.id(), s.coordinator(), null).bodyAsString();
    assertThat(coordinatorView.contains(secret)).as("the coordinator's view shows the suggestion").isTrue();
    JsonObject r = review(s);
    assertThat(r.fieldNames()).containsExactlyInAnyOrder("occurrenceId", "start", "end", "ratings", "average",
        "suggestions", "improvementPlan", "planDue");
    assertThat(r.getJsonArray("suggestions")).containsExactly(secret, "另一条建议");

    for (Document d : storage.database().getCollection("suggestions").find()) {
      assertThat(d.keySet()).containsExactlyInAnyOrder("_id", "room", "text", "day");
      assertThat(d.toJson()).doesNotContain("member:").doesNotContain(wangSeat.getString("participantId"));
    }
    for (Document d : storage.database().getCollection("ratings").find()) {
      assertThat(d.toJson()).doesNotContain(secret).doesNotContain("另一条建议");
    }
    for (String collection : List.of("events", "snapshots", "series", "jobs", "outbox")) {
      for (Document d : storage.database().getCollection(collection).find()) {
        assertThat(d.toJson()).as(collection).doesNotContain(secret).doesNotContain("另一条建议");
      }
    }
  }
}
