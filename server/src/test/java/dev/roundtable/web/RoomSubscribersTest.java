package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.cluster.Membership;
import dev.roundtable.domain.Role;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.room.RoomClient;
import dev.roundtable.room.RoomMetrics;
import dev.roundtable.room.RoomRegistry;
import dev.roundtable.room.RoomSettings;
import dev.roundtable.store.InMemoryRoomStore;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A node's subscribers to a room")
class RoomSubscribersTest {
  private static final String ROOM = "room-under-test";
  private static final String EVENTS = Addresses.events(ROOM);
  private static final Identity ANA = new Identity(ROOM, "p2", Role.PARTICIPANT);
  private static final Identity BEN = new Identity(ROOM, "p3", Role.PARTICIPANT);

  private Vertx vertx;
  private RoomSubscribers subscribers;

  /** A session that keeps every frame it is given. */
  private static final class Recording extends ClientSession {
    final List<Frame> frames = new CopyOnWriteArrayList<>();

    @Override
    void deliver(Frame frame) {
      frames.add(frame);
    }

    @Override
    void close(int code, String reason) {
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    RoomRegistry registry = result(RoomRegistry.create(vertx, new InMemoryRoomStore(),
        new RoomSettings(180, 200, 60_000, 1_000, 10_000), new MutableClock(), Membership.standalone(), RoomMetrics.none()));
    subscribers = new RoomSubscribers(vertx, new RoomClient(vertx, registry));
  }

  /** Publishes on the room's events address, from the subscribers' event loop, as a room would. */
  private void publish(JsonObject wire) {
    vertx.eventBus().publish(EVENTS, wire);
  }

  private static JsonObject wire(String publicCopy, String viewer, String ownCopy) {
    JsonObject wire = new JsonObject().put("public", publicCopy);
    return viewer == null ? wire : wire.put("views", new JsonObject().put(viewer, ownCopy));
  }

  @Test
  @DisplayName("gives every subscriber its participant's copy, with one frame per distinct copy")
  void fanOut() {
    Recording ana1 = new Recording();
    Recording ana2 = new Recording();
    Recording ben = new Recording();
    vertx.runOnContext(v -> {
      subscribers.subscribe(ana1, ROOM, ANA);
      subscribers.subscribe(ana2, ROOM, ANA);
      subscribers.subscribe(ben, ROOM, BEN);
    });
    Eventually.until("the room's consumer is registered", Duration.ofSeconds(5), () -> {
      publish(wire("{\"seq\":1}", "p2", "{\"seq\":1,\"own\":true}"));
      return !ben.frames.isEmpty();
    });
    Eventually.until("every socket got the envelope", Duration.ofSeconds(5),
        () -> !ana1.frames.isEmpty() && !ana2.frames.isEmpty());
    Frame anas = ana1.frames.get(0);
    assertThat(ana2.frames.get(0)).as("one frame for both of Ana's sockets").isSameAs(anas);
    assertThat(anas.json()).contains("\"own\":true");
    assertThat(ben.frames.get(0).json()).isEqualTo("{\"type\":\"rec\",\"address\":\"" + EVENTS + "\",\"body\":{\"seq\":1}}");
  }

  @Test
  @DisplayName("refuses a second subscription of one session to one room")
  void once() {
    Recording ana = new Recording();
    assertThat(subscribers.subscribe(ana, ROOM, ANA)).isTrue();
    assertThat(subscribers.subscribe(ana, ROOM, BEN)).isFalse();
    assertThat(ana.subscriptions).containsEntry(EVENTS, ANA);
  }

  @Test
  @DisplayName("stops delivering to a session that unsubscribed, and to none once the last has gone")
  void unsubscribe() {
    Recording ana = new Recording();
    Recording ben = new Recording();
    vertx.runOnContext(v -> {
      subscribers.subscribe(ana, ROOM, ANA);
      subscribers.subscribe(ben, ROOM, BEN);
    });
    Eventually.until("the room's consumer is registered", Duration.ofSeconds(5), () -> {
      publish(wire("{\"seq\":1}", null, null));
      return !ana.frames.isEmpty() && !ben.frames.isEmpty();
    });
    vertx.runOnContext(v -> subscribers.unsubscribe(ana, EVENTS));
    Eventually.until("Ana is gone", Duration.ofSeconds(5), () -> ana.subscriptions.isEmpty());
    int anaBefore = ana.frames.size();
    int benBefore = ben.frames.size();
    publish(wire("{\"seq\":2}", null, null));
    Eventually.until("Ben got the next envelope", Duration.ofSeconds(5), () -> ben.frames.size() > benBefore);
    assertThat(ana.frames).hasSize(anaBefore);

    vertx.runOnContext(v -> subscribers.unsubscribeAll(ben));
    Eventually.until("Ben is gone", Duration.ofSeconds(5), () -> ben.subscriptions.isEmpty());
    Eventually.until("the room's consumer is closed", Duration.ofSeconds(5),
        () -> !result(vertx.eventBus().request(EVENTS, "probe").map(m -> true).otherwise(false)));
  }
}
