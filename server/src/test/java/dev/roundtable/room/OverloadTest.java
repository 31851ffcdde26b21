package dev.roundtable.room;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.cluster.Membership;
import dev.roundtable.domain.Actor;
import dev.roundtable.protocol.RoomRequest;
import dev.roundtable.store.InMemoryRoomStore;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node whose store falls behind: what is over its budget is refused at once, what it accepted is answered. */
@ExtendWith(VertxExtension.class)
@DisplayName("A node over its admission budget")
class OverloadTest {
  private static final String ROOM = "busy-room";
  private final InMemoryRoomStore store = new InMemoryRoomStore();
  private NodeAdmission admission;
  private RoomClient rooms;

  private void start(Vertx vertx, int maxInFlight, long maxStoreBacklogMs) {
    admission = new NodeAdmission(new NodeAdmission.Limits(maxInFlight, maxStoreBacklogMs, 60_000, 250),
        store::backlogMillis, 1);
    RoomRegistry registry = result(RoomRegistry.create(vertx, store, new RoomSettings(180, 200, 60_000, 1_000,
        10_000), new MutableClock(), Membership.standalone(), RoomMetrics.none()));
    rooms = new RoomClient(vertx, registry, admission);
    result(rooms.sendAsSystem(ROOM, new JsonObject().put("type", "CreateMeeting").put("title", "Weekly sync")
        .put("goal", "Agree the release plan").put("kind", "decision").put("facilitatorName", "Ana")));
  }

  private Future<JsonObject> addItem(int i) {
    return rooms.send(ROOM, new RoomRequest.Command(Actor.participant("p1"), "client-1", (long) i,
        new JsonObject().put("type", "AddItem").put("title", "Item " + i)));
  }

  @Test
  @DisplayName("refuses commands beyond its budget at once with UNAVAILABLE and retryAfterMs, and answers every accepted one")
  void refusesBeyondTheBudget(Vertx vertx) {
    start(vertx, 10, 60_000);
    store.holdAppends();

    List<Future<JsonObject>> sent = IntStream.rangeClosed(1, 15).mapToObj(this::addItem).toList();

    List<Future<JsonObject>> accepted = sent.subList(0, 10);
    List<Future<JsonObject>> beyond = sent.subList(10, 15);
    assertThat(beyond).allSatisfy(f -> {
      assertThat(f.isComplete()).as("refused without waiting").isTrue();
      JsonObject error = f.result().getJsonObject("error");
      assertThat(error.getString("code")).isEqualTo("UNAVAILABLE");
      assertThat(error.getLong("retryAfterMs")).isEqualTo(250);
    });
    assertThat(accepted).noneMatch(Future::isComplete);
    assertThat(admission.inFlight()).isEqualTo(10);

    store.releaseAppends();

    List<JsonObject> replies = result(Future.all(accepted)).list();
    assertThat(replies).allSatisfy(r -> assertThat(r.getBoolean("ok")).isTrue());
    assertThat(replies.stream().map(r -> r.getLong("seq")).distinct()).hasSize(10);
    Eventually.until("the budget is free again", Duration.ofSeconds(5), () -> admission.inFlight() == 0);
    assertThat(result(addItem(16)).getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("refuses new commands while the store's oldest write waits too long, and hints to wait that long")
  void refusesWhileTheStoreFallsBehind(Vertx vertx) throws InterruptedException {
    start(vertx, 1_000, 100);
    store.holdAppends();
    Future<JsonObject> first = addItem(1);
    Eventually.until("the store holds a write", Duration.ofSeconds(5), () -> store.backlogMillis() > 150);

    JsonObject refused = result(addItem(2));

    assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("UNAVAILABLE");
    assertThat(refused.getJsonObject("error").getString("message")).isEqualTo(NodeAdmission.STORE_BEHIND);
    assertThat(refused.getJsonObject("error").getLong("retryAfterMs")).isGreaterThan(150);
    assertThat(first.isComplete()).isFalse();

    store.releaseAppends();

    assertThat(result(first).getBoolean("ok")).isTrue();
    assertThat(result(addItem(3)).getBoolean("ok")).isTrue();
  }
}
