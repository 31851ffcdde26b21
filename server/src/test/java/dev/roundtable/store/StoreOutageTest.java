package dev.roundtable.store;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.NodeProcess;
import dev.roundtable.support.SharedStore;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A node whose store is not there, at start-up or later, and comes back")
class StoreOutageTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir
  Path dir;
  private SharedStore store;

  @AfterEach
  void tearDown() {
    result(vertx.close());
    if (store != null) {
      store.close();
    }
  }

  @Test
  @DisplayName("refuses commands with UNAVAILABLE while it is gone, then serves the room again by itself, "
      + "with every acknowledged command kept")
  void recoversWithoutARestart() {
    store = SharedStore.onDisk(dir.resolve("store.mv"));
    TestServer server = result(TestServer.start(vertx, TestServer.config(dir.resolve("data"))
        .with(new JsonObject().put("mongoUri", store.uri())), new MutableClock()));
    JsonObject room = result(server.createRoom());
    String roomId = room.getString("roomId");
    String token = room.getString("token");
    BusClient client = result(server.connect());
    result(client.join(roomId, token));
    AtomicLong clientSeq = new AtomicLong();
    assertThat(note(client, roomId, token, clientSeq, "before").getBoolean("ok")).isTrue();

    store.goAway();

    JsonObject refused = note(client, roomId, token, clientSeq, "during");
    assertThat(refused.getBoolean("ok")).isFalse();
    assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("UNAVAILABLE");
    // While the store is away the room may be unloaded and fail to load again: still UNAVAILABLE.
    JsonObject again = note(client, roomId, token, clientSeq, "during");
    assertThat(again.getJsonObject("error").getString("code")).isEqualTo("UNAVAILABLE");

    store.comeBack();

    Eventually.until("the room takes commands again", Duration.ofSeconds(20),
        () -> note(client, roomId, token, clientSeq, "after").getBoolean("ok"));
    JsonObject snapshot = result(client.sync(roomId, token, null)).getJsonObject("snapshot");
    JsonObject notes = snapshot.getJsonObject("notes");
    assertThat(notes.stream().map(n -> ((JsonObject) n.getValue()).getString("text")))
        .contains("before", "after").doesNotContain("during");
    assertThat(result(server.get("/health/ready", null)).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("waits for a store that starts listening only after the driver's first attempt has given up")
  void waitsForAStoreStartingLater() throws Exception {
    int port = NodeProcess.freePort();
    Future<RoomStore> opening = MongoStores.open(vertx, new MongoStores.Options("mongodb://127.0.0.1:" + port,
        "roundtable", dir, "127.0.0.1", 0, Duration.ofSeconds(30)));
    Thread.sleep(MongoStores.SERVER_SELECTION_TIMEOUT.toMillis() + 2_000);
    assertThat(opening.isComplete()).as("still waiting").isFalse();

    store = SharedStore.startOn(port);

    RoomStore rooms = result(opening);
    result(rooms.ping());
    result(rooms.close());
  }

  @Test
  @DisplayName("fails soon after its start-up timeout, naming the store and why it could not be reached")
  void failsWithAClearMessage() throws Exception {
    int port = NodeProcess.freePort();
    long started = System.nanoTime();

    Throwable failure = catchThrowable(() -> result(MongoStores.open(vertx, new MongoStores.Options(
        "mongodb://127.0.0.1:" + port, "roundtable", dir, "127.0.0.1", 0, Duration.ofSeconds(1)))));

    assertThat(failure).isInstanceOf(MongoStores.StoreUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("did not answer within 1 s")
        .hasMessageContaining("Connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(MongoStores.SERVER_SELECTION_TIMEOUT.multipliedBy(3));
  }

  private static JsonObject note(BusClient client, String roomId, String token, AtomicLong clientSeq, String text) {
    return result(client.command(roomId, token, "tab", clientSeq.incrementAndGet(),
        new JsonObject().put("type", "AddNote").put("text", text).put("x", 10).put("y", 10)));
  }
}
