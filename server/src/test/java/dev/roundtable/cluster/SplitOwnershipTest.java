package dev.roundtable.cluster;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.SharedStore;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes that cannot see each other (two standalone Vert.x instances, each with its own ownership map)
 * share one store, and both load the same room: the store's unique (room, seq) index lets only one write.
 */
@DisplayName("Two nodes that both claim one room")
class SplitOwnershipTest {
  private final MutableClock clock = new MutableClock();
  private final Vertx vertxA = Vertx.vertx();
  private final Vertx vertxB = Vertx.vertx();
  private final SharedStore store = SharedStore.start();
  @TempDir
  Path dataDir;

  @AfterEach
  void tearDown() {
    result(vertxA.close());
    result(vertxB.close());
    store.close();
  }

  @Test
  @DisplayName("refuse the stale owner's write, which steps down, while the other owner keeps writing")
  void onlyOneKeepsWriting() {
    TestServer a = result(TestServer.start(vertxA, config("a"), clock));
    TestServer b = result(TestServer.start(vertxB, config("b"), clock));
    JsonObject room = result(a.createRoom());
    String roomId = room.getString("roomId");
    String token = room.getString("token");
    BusClient viaA = result(a.connect());
    BusClient viaB = result(b.connect());

    result(b.server().rooms().activate(roomId));
    assertThat(a.server().rooms().liveRooms()).isEqualTo(1);
    assertThat(b.server().rooms().liveRooms()).as("forced: a second owner of the same room").isEqualTo(1);

    JsonObject first = result(viaA.command(roomId, token, "fac", 1, addItem("Budget")));
    JsonObject stale = result(viaB.command(roomId, token, "fac", 2, addItem("Written by the stale owner")));
    JsonObject third = result(viaA.command(roomId, token, "fac", 3, addItem("Hiring")));

    assertThat(first.getBoolean("ok")).isTrue();
    assertThat(stale.getJsonObject("error").getString("code")).isEqualTo("UNAVAILABLE");
    Eventually.until("the stale owner steps down", Duration.ofSeconds(10), () -> b.server().rooms().liveRooms() == 0);
    assertThat(third.getBoolean("ok")).isTrue();
    assertThat(third.getLong("seq")).isEqualTo(first.getLong("seq") + 1);
    JsonObject agenda = result(viaA.sync(roomId, token, null)).getJsonObject("snapshot");
    assertThat(agenda.getJsonArray("agenda").stream().map(i -> ((JsonObject) i).getString("title")))
        .containsExactly("Budget", "Hiring");
  }

  private static JsonObject addItem(String title) {
    return new JsonObject().put("type", "AddItem").put("title", title);
  }

  private RoundtableConfig config(String node) {
    return TestServer.config(dataDir.resolve(node)).with(new JsonObject().put("mongoUri", store.uri()));
  }
}
