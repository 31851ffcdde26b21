package dev.roundtable.store;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.roundtable.support.NodeProcess;
import dev.roundtable.support.SharedStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Opening the store at start-up")
class StoreStartTest {
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
}
