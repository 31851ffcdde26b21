package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Room creation and joining, limited per client address,")
class AddressRateLimitApiTest {
  private final MutableClock clock = new MutableClock();
  private Vertx vertx;
  private TestServer server;
  private WebClient http;
  @TempDir
  Path dataDir;

  /** Two creations and three joins at once per address, then one a minute. */
  private void start(Vertx vertx, JsonObject settings) {
    this.vertx = vertx;
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject()
        .put("roomCreatesPerMinute", 1).put("roomCreateBurst", 2).put("joinsPerMinute", 1).put("joinBurst", 3)
        .mergeIn(settings)), clock));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      http.close();
      result(server.stop());
    }
  }

  private static JsonObject room() {
    return new JsonObject().put("title", "Q3 launch").put("goal", "Decide the launch date").put("kind", "decision")
        .put("facilitatorName", "Ana");
  }

  private HttpResponse<Buffer> post(String path, JsonObject body, String forwardedFor) {
    var request = http.post(server.port(), "127.0.0.1", path).timeout(5_000);
    if (forwardedFor != null) {
      request.putHeader("X-Forwarded-For", forwardedFor);
    }
    return result(request.sendJsonObject(body));
  }

  private HttpResponse<Buffer> create(String forwardedFor) {
    return post("/api/rooms", room(), forwardedFor);
  }

  private HttpResponse<Buffer> join(String code) {
    return post("/api/join", new JsonObject().put("code", code).put("name", "Ben"), null);
  }

  private static void assertRateLimited(HttpResponse<Buffer> response, long maxRetryAfter) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(429);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("code", "message");
    assertThat(error.getString("code")).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(response.getHeader("Retry-After"))).isBetween(1L, maxRetryAfter);
  }

  @Test
  @DisplayName("answer 429 RATE_LIMITED with Retry-After once an address used its burst, and create nothing then")
  void createRefusedAfterBurst(Vertx vertx) {
    start(vertx, new JsonObject());
    assertThat(create(null).statusCode()).isEqualTo(201);
    assertThat(create(null).statusCode()).isEqualTo(201);

    assertRateLimited(create(null), 60);
    assertRateLimited(post("/api/rooms", new JsonObject(), null), 60);
    clock.advance(60_000);
    assertThat(create(null).statusCode()).as("one more a minute later").isEqualTo(201);
    assertRateLimited(create(null), 60);
  }

  @Test
  @DisplayName("count joins and join-code QR codes in one bucket of their own, apart from creations")
  void joinsAndQrCodes(Vertx vertx) {
    start(vertx, new JsonObject());
    String code = create(null).bodyAsJsonObject().getString("joinCode");

    assertThat(join(code).statusCode()).isEqualTo(200);
    assertThat(join("NOSUCH").statusCode()).as("a guessed code counts too").isEqualTo(404);
    assertThat(result(server.get("/api/join/" + code + "/qr.svg", null)).statusCode()).isEqualTo(200);

    assertRateLimited(join(code), 60);
    assertRateLimited(result(server.get("/api/join/" + code + "/qr.svg", null)), 60);
    assertThat(create(null).statusCode()).as("creations have their own bucket").isEqualTo(201);
  }

  @Test
  @DisplayName("ignore X-Forwarded-For unless the peer is a trusted proxy, so a forged one buys no new bucket")
  void forwardedForIgnoredByDefault(Vertx vertx) {
    start(vertx, new JsonObject());
    assertThat(create("198.51.100.1").statusCode()).isEqualTo(201);
    assertThat(create("198.51.100.2").statusCode()).isEqualTo(201);
    assertRateLimited(create("198.51.100.3"), 60);
  }

  @Test
  @DisplayName("limit each client behind a trusted proxy by the address the proxy appended to X-Forwarded-For")
  void forwardedForFromTrustedProxy(Vertx vertx) {
    start(vertx, new JsonObject().put("trustedProxies", "127.0.0.1"));
    assertThat(create("198.51.100.1").statusCode()).isEqualTo(201);
    assertThat(create("198.51.100.1").statusCode()).isEqualTo(201);
    assertRateLimited(create("198.51.100.1"), 60);
    assertRateLimited(create("203.0.113.9, 198.51.100.1"), 60);

    assertThat(create("198.51.100.2").statusCode()).as("another client behind the proxy").isEqualTo(201);
  }
}
