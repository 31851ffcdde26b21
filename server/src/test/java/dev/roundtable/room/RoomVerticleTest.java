package dev.roundtable.room;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.cluster.Membership;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Headers;
import dev.roundtable.store.InMemoryRoomStore;
import dev.roundtable.store.LogEntry;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A live room")
class RoomVerticleTest {
  private static final String ROOM = "room-under-test";
  private final InMemoryRoomStore store = new InMemoryRoomStore();
  private final MutableClock clock = new MutableClock();
  private Vertx vertx;
  private RoomRegistry registry;
  private RoomClient rooms;

  private void start(Vertx vertx, long idleTimeoutMs) {
    this.vertx = vertx;
    registry = result(RoomRegistry.create(vertx, store, new RoomSettings(180, 200, idleTimeoutMs, 1_000, 10_000), clock,
        Membership.standalone(), RoomMetrics.none()));
    rooms = new RoomClient(vertx, registry);
  }

  private JsonObject system(JsonObject command) {
    return result(rooms.sendAsSystem(ROOM, command));
  }

  private JsonObject createMeeting() {
    return system(new JsonObject().put("type", "CreateMeeting").put("title", "Weekly sync")
        .put("goal", "Agree the release plan").put("kind", "decision").put("facilitatorName", "Ana"));
  }

  private JsonObject asFacilitator(JsonObject command) {
    return result(rooms.send(ROOM, "p1", command));
  }

  private JsonObject sync() {
    return system(new JsonObject().put("type", "Sync"));
  }

  private Future<JsonObject> withClientSeq(String clientId, long clientSeq, JsonObject command) {
    JsonObject body = new JsonObject().put("clientId", clientId).put("clientSeq", clientSeq).put("command", command);
    return registry.activate(ROOM)
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.commands(ROOM), body,
            new DeliveryOptions().addHeader(Headers.ACTOR, "p1")))
        .map(Message::body);
  }

  private static JsonObject addItem(String title) {
    return new JsonObject().put("type", "AddItem").put("title", title);
  }

  @Test
  @DisplayName("is loaded once when many first requests arrive together")
  void sharesOneLoad(Vertx vertx) {
    start(vertx, 60_000);
    List<JsonObject> replies = result(Future.all(IntStream.range(0, 20)
        .mapToObj(i -> rooms.sendAsSystem(ROOM, new JsonObject().put("type", "Sync"))).toList())).list();
    assertThat(replies).allSatisfy(r -> assertThat(r.getBoolean("ok")).isTrue());
    assertThat(store.loads.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("groups the writes of concurrent commands and numbers them without gaps")
  void groupsWrites(Vertx vertx) {
    start(vertx, 60_000);
    createMeeting();
    store.appendLatency(5);
    int before = store.appends.get();
    List<JsonObject> replies = result(Future.all(IntStream.range(0, 200)
        .mapToObj(i -> rooms.sendAsSystem(ROOM, new JsonObject().put("type", "Connect").put("participantId", "p1")
            .put("connectionId", "socket-" + i)))
        .toList())).list();
    List<Long> seqs = replies.stream().map(r -> r.getLong("seq")).sorted().toList();
    assertThat(seqs).doesNotHaveDuplicates().hasSize(200);
    assertThat(seqs.get(199) - seqs.get(0)).isEqualTo(199);
    assertThat(store.appends.get() - before).isLessThan(50);
    assertThat(sync().getJsonObject("snapshot").getJsonObject("participants").getJsonObject("p1")
        .getJsonArray("connections")).hasSize(200);
  }

  @Test
  @DisplayName("answers UNAVAILABLE when its store fails, keeps nothing of it, and reloads from the store")
  void storeFailure(Vertx vertx) {
    start(vertx, 60_000);
    createMeeting();
    asFacilitator(addItem("Budget"));
    store.failing(true);
    JsonObject refused = asFacilitator(addItem("Hiring"));
    assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("UNAVAILABLE");
    store.failing(false);

    Eventually.until("the failed room is unloaded", Duration.ofSeconds(5), () -> registry.liveRooms() == 0);
    JsonObject after = sync();
    assertThat(after.getJsonObject("snapshot").getJsonArray("agenda")).hasSize(1);
    assertThat(store.loads.get()).isEqualTo(2);
    assertThat(asFacilitator(addItem("Hiring")).getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("steps down when another writer took its next sequence number, and reloads what that writer wrote")
  void fencedByTheLog(Vertx vertx) {
    start(vertx, 60_000);
    createMeeting();
    long seq = sync().getLong("seq");
    store.appendBehindTheRoomsBack(new LogEntry(ROOM, seq + 1, clock.millis(), Headers.SYSTEM_ACTOR, null, null,
        new JsonArray().add(new JsonObject().put("type", "MeetingStarted").put("at", clock.millis())),
        new JsonObject().put("ok", true).put("seq", seq + 1)));

    JsonObject refused = asFacilitator(addItem("Budget"));
    assertThat(refused.getJsonObject("error").getString("code")).isEqualTo("UNAVAILABLE");
    Eventually.until("the stale owner is unloaded", Duration.ofSeconds(5), () -> registry.liveRooms() == 0);

    JsonObject reloaded = sync();
    assertThat(reloaded.getLong("seq")).isEqualTo(seq + 1);
    assertThat(reloaded.getJsonObject("snapshot").getJsonObject("meeting").getString("status")).isEqualTo("live");
    assertThat(asFacilitator(addItem("Budget")).getLong("seq")).isEqualTo(seq + 2);
  }

  @Test
  @DisplayName("is unloaded when idle and comes back identical, countdown included")
  void passivation(Vertx vertx) {
    start(vertx, 1_000);
    createMeeting();
    String item = asFacilitator(addItem("Budget")).getJsonObject("result").getString("itemId");
    asFacilitator(new JsonObject().put("type", "StartItem").put("itemId", item));
    JsonObject before = sync();

    Eventually.until("the idle room is unloaded", Duration.ofSeconds(10), () -> registry.liveRooms() == 0);
    JsonObject after = sync();
    assertThat(after.getLong("seq")).isEqualTo(before.getLong("seq"));
    assertThat(after.getJsonObject("snapshot")).isEqualTo(before.getJsonObject("snapshot"));
    assertThat(store.loads.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("answers a resend arriving while the first copy is written with the same reply, and nobody else with it")
  void resendWhileWriting(Vertx vertx) {
    start(vertx, 60_000);
    createMeeting();
    store.appendLatency(50);
    Future<JsonObject> first = withClientSeq("tab", 1, addItem("Budget"));
    Future<JsonObject> second = withClientSeq("tab", 1, addItem("Budget"));
    assertThat(result(second)).isEqualTo(result(first));
    assertThat(store.log(ROOM).stream().filter(e -> "tab".equals(e.clientId()))).hasSize(1);

    JsonObject sameIdsOtherSender = result(vertx.eventBus().<JsonObject>request(Addresses.commands(ROOM),
        new JsonObject().put("clientId", "tab").put("clientSeq", 1).put("command", addItem("Budget")),
        new DeliveryOptions().addHeader(Headers.ACTOR, "p9")).map(Message::body));
    assertThat(sameIdsOtherSender.getJsonObject("error").getString("code")).isEqualTo("FORBIDDEN");
  }

  @Test
  @DisplayName("refuses a message without a verified sender, or whose body is not a JSON object")
  void refusesUnverified(Vertx vertx) {
    start(vertx, 60_000);
    result(registry.activate(ROOM));
    JsonObject noSender = result(vertx.eventBus().<JsonObject>request(Addresses.commands(ROOM),
        new JsonObject().put("command", addItem("x"))).map(Message::body));
    assertThat(noSender.getJsonObject("error").getString("code")).isEqualTo("UNAUTHORIZED");
    JsonObject notAnObject = result(vertx.eventBus().<JsonObject>request(Addresses.commands(ROOM), "hello",
        new DeliveryOptions().addHeader(Headers.ACTOR, "p1")).map(Message::body));
    assertThat(notAnObject.getJsonObject("error").getString("code")).isEqualTo("BAD_JSON");
    JsonObject badClientSeq = result(withClientSeq("tab", -1, addItem("x")));
    assertThat(badClientSeq.getJsonObject("error").getString("code")).isEqualTo("INVALID_FIELD");
  }
}
