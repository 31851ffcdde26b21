package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.SharedStore;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Health and metrics endpoints")
class HealthTest {
  private final Vertx vertx = Vertx.vertx();
  private final SharedStore store = SharedStore.start();
  @TempDir
  Path dataDir;
  private TestServer server;

  @AfterEach
  void tearDown() {
    result(vertx.close());
    store.close();
  }

  private TestServer start() {
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject()
        .put("mongoUri", store.uri())), new MutableClock()));
    return server;
  }

  @Test
  @DisplayName("report not ready while the store is stopped, and live all along")
  void readinessFollowsTheStore() {
    start();
    HttpResponse<Buffer> ready = result(server.get("/health/ready", null));
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("store")).isEqualTo("up");

    store.close();

    Eventually.until("readiness reports the stopped store", Duration.ofSeconds(20),
        () -> result(server.get("/health/ready", null)).statusCode() == 503);
    JsonObject body = result(server.get("/health/ready", null)).bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("unavailable");
    assertThat(body.getString("reason")).isEqualTo("store unreachable");
    assertThat(result(server.get("/health/live", null)).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("report not ready as soon as the node starts draining")
  void readinessFailsWhileDraining() {
    start();
    server.server().stop();
    // The listener closes right after draining starts; until then readiness answers 503.
    HttpResponse<Buffer> ready = server.get("/health/ready", null).toCompletionStage().toCompletableFuture()
        .handle((r, e) -> r).join();
    if (ready != null) {
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsJsonObject().getString("reason")).isEqualTo("draining");
    }
  }

  @Test
  @DisplayName("expose rooms, sockets, commands by type, command latency and store writes to Prometheus")
  void metrics() {
    start();
    JsonObject room = result(server.createRoom());
    result(server.connect()).sync(room.getString("roomId"), room.getString("token"), null);

    Eventually.until("the room's first commands are counted", Duration.ofSeconds(10),
        () -> result(server.get("/metrics", null)).bodyAsString().contains("type=\"CreateMeeting\""));
    String text = result(server.get("/metrics", null)).bodyAsString();
    assertThat(text)
        .contains("roundtable_rooms_live 1.0")
        .contains("roundtable_sockets_connected 1.0")
        .containsPattern("roundtable_commands_total\\{outcome=\"applied\",type=\"CreateMeeting\"} 1.0")
        .contains("roundtable_command_latency_seconds_bucket{outcome=\"applied\"")
        .contains("roundtable_store_write_seconds_count");
  }
}
