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

/**
 * A real node (embedded store, the real job queue polling every second, a clock the test moves) and what the
 * series' HTTP tests do with it: calls with a link, a one-off zh-CN series two days ahead with two members, and
 * room commands as the facilitator over the event bus.
 */
@ExtendWith(VertxExtension.class)
abstract class SeriesOnANode {
  protected static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  protected final MutableClock clock = new MutableClock();
  protected TestServer server;
  protected WebClient http;
  protected long clientSeq;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    server = result(TestServer.startWrappingRooms(vertx,
        TestServer.config(dataDir).with(new JsonObject().put("jobPollSeconds", 1)), clock, rooms -> rooms));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    result(server.stop());
  }

  protected HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = http.request(method, server.port(), "127.0.0.1", path).timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return result(body == null ? request.send() : request.sendJsonObject(body));
  }

  protected static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  protected static void refused(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
  }

  protected static String token(JsonObject member) {
    String link = member.getString("link");
    return link.substring(link.indexOf('#') + 1);
  }

  /** A one-off zh-CN series two days ahead with two members; the coordinator's link and the members' links. */
  protected record Made(String id, String coordinator, String occurrence, String wang, String zhao) {
    String actions() {
      return "/api/series/" + id + "/actions";
    }
  }

  protected Made series() {
    JsonObject body = new JsonObject().put("title", "项目周会").put("goal", "确定下周的优先级").put("kind", "decision")
        .put("department", "PMO").put("coordinator", new JsonObject().put("name", "李娜").put("email", "li.na@example.com"))
        .put("language", "zh-CN").put("schedule", new JsonObject()
            .put("firstStart", LocalDate.now(SHANGHAI).plusDays(2).atTime(10, 0).toString())
            .put("timeZone", "Asia/Shanghai").put("durationMinutes", 60));
    JsonObject created = ok(call(HttpMethod.POST, "/api/series", null, body), 201);
    String id = created.getString("seriesId");
    String coordinator = created.getString("coordinatorToken");
    String occurrence = created.getJsonArray("upcoming").getJsonObject(0).getString("occurrenceId");
    String wang = token(ok(call(HttpMethod.POST, "/api/series/" + id + "/members", coordinator, new JsonObject()
        .put("name", "王伟").put("department", "销售部").put("email", "wang@example.com")), 201));
    String zhao = token(ok(call(HttpMethod.POST, "/api/series/" + id + "/members", coordinator, new JsonObject()
        .put("name", "赵磊").put("department", "研发部").put("email", "zhao@example.com")), 201));
    return new Made(id, coordinator, occurrence, wang, zhao);
  }

  protected void send(BusClient client, String roomId, String token, JsonObject command) {
    JsonObject reply = result(client.command(roomId, token, "chair", ++clientSeq, command));
    assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
  }

  protected JsonArray items(Made s, String token, String query) {
    return ok(call(HttpMethod.GET, s.actions() + query, token, null), 200).getJsonArray("items");
  }
}
