package dev.roundtable.room;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.cluster.Membership;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.store.InMemoryRoomStore;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.FakeMembership;
import dev.roundtable.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The room registry of a cluster")
class ClusterRoomRegistryTest {
  private static final String ROOM = "AAAAAAAAAAAAAAAA";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    result(vertx.close());
  }

  @Test
  @DisplayName("takes a room over at once when its owner leaves while asked to activate it, not after the ask times out")
  void ownerLeavingWhileAsked() {
    FakeMembership membership = new FakeMembership("node-a", "node-b");
    result(vertx.sharedData().<String, String>getAsyncMap("rt.room-owners").compose(m -> m.put(ROOM, "node-b")));
    AtomicInteger asked = new AtomicInteger();
    // node-b is dead but not yet declared so: its address takes the request and never answers.
    result(vertx.eventBus().consumer(Addresses.nodeRooms("node-b"), m -> asked.incrementAndGet()).completion());
    RoomRegistry registry = result(RoomRegistry.create(vertx, new InMemoryRoomStore(),
        RoomSettings.from(RoundtableConfig.defaults()), new MutableClock(), membership, RoomMetrics.none()));

    Future<Void> activation = registry.activate(ROOM);
    Eventually.until("node-b is asked", Duration.ofSeconds(5), () -> asked.get() == 1);
    membership.leave("node-b");

    Eventually.until("the room is live here", Duration.ofSeconds(5), activation::isComplete);
    assertThat(activation.succeeded()).as(String.valueOf(activation.cause())).isTrue();
    assertThat(registry.liveRooms()).isEqualTo(1);
  }
}
