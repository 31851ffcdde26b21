package dev.roundtable;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("A Roundtable server, over a real WebSocket to the event-bus bridge,")
class RoundtableServerTest {
  private final MutableClock clock = new MutableClock();
  private TestServer server;
  private JsonObject room;
  private String roomId;
  private String facilitatorToken;
  private BusClient facilitator;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), clock));
    room = result(server.createRoom());
    roomId = room.getString("roomId");
    facilitatorToken = room.getString("token");
    facilitator = result(server.connect());
  }

  @AfterEach
  void stop() {
    result(server.stop());
  }

  private JsonObject joinAs(String name, String department, String role) {
    return result(server.join(room.getString("joinCode"), name, department, role));
  }

  private static JsonObject addItem(String title) {
    return new JsonObject().put("type", "AddItem").put("title", title).put("owner", "Ana").put("timeboxSeconds", 60)
        .put("kind", "discuss");
  }

  private static String errorCode(JsonObject reply) {
    return reply.getJsonObject("error").getString("code");
  }

  /** What every subscriber receives alike; only the sender of a command also learns its clientId and clientSeq. */
  private static List<JsonObject> publicParts(List<JsonObject> envelopes) {
    return envelopes.stream().map(e -> new JsonObject().put("seq", e.getLong("seq")).put("at", e.getLong("at"))
        .put("events", e.getJsonArray("events"))).toList();
  }

  private static List<Long> seqs(List<JsonObject> envelopes) {
    return envelopes.stream().map(e -> e.getLong("seq")).toList();
  }

  private List<JsonObject> eventsOfType(BusClient client, String type) {
    return client.roomEvents(roomId).stream()
        .flatMap(envelope -> envelope.getJsonArray("events").stream().map(JsonObject.class::cast))
        .filter(e -> type.equals(e.getString("type")))
        .toList();
  }

  @Test
  @DisplayName("lets two clients in one room see each other's changes in the same order")
  void twoClientsSeeTheSameOrder() {
    JsonObject bo = joinAs("Bo", "Sales", "participant");
    BusClient participant = result(server.connect());
    JsonObject joinedA = result(facilitator.join(roomId, facilitatorToken));
    JsonObject joinedB = result(participant.join(roomId, bo.getString("token")));
    assertThat(joinedB.getJsonObject("snapshot").getJsonObject("participants").fieldNames())
        .containsExactlyInAnyOrder("p1", "p2");

    for (int i = 0; i < 20; i++) {
      facilitator.command(roomId, facilitatorToken, "fac", i, addItem("Topic " + i));
      participant.command(roomId, bo.getString("token"), "bo", i,
          new JsonObject().put("type", i % 2 == 0 ? "RaiseHand" : "LowerHand"));
    }

    long from = joinedB.getLong("seq");
    long last = from + 40;
    Eventually.until("both clients saw seq " + last, Duration.ofSeconds(10), () ->
        seqs(facilitator.roomEvents(roomId)).contains(last) && seqs(participant.roomEvents(roomId)).contains(last));
    List<JsonObject> seenByA = facilitator.roomEvents(roomId).stream().filter(e -> e.getLong("seq") > from).toList();
    List<JsonObject> seenByB = participant.roomEvents(roomId).stream().filter(e -> e.getLong("seq") > from).toList();
    assertThat(joinedA.getLong("seq")).isLessThanOrEqualTo(from);
    assertThat(publicParts(seenByA)).isEqualTo(publicParts(seenByB));
    assertThat(seqs(seenByA)).isEqualTo(LongStreamRange.of(from + 1, last));
    assertThat(seenByA).filteredOn(e -> e.containsKey("clientId")).extracting(e -> e.getString("clientId"))
        .hasSize(20).containsOnly("fac");
    assertThat(seenByB).filteredOn(e -> e.containsKey("clientId")).extracting(e -> e.getString("clientId"))
        .hasSize(20).containsOnly("bo");
    assertThat(seenByA).noneMatch(e -> e.containsKey("views") || e.containsKey("actor"));
  }

  @Test
  @DisplayName("refuses a forged or missing token with an error reply and keeps the connection")
  void refusesForgedToken() {
    String forged = facilitatorToken.substring(0, facilitatorToken.lastIndexOf('.') + 1) + "AAAA";
    assertThat(errorCode(result(facilitator.command(roomId, forged, "c", 1, addItem("Budget")))))
        .isEqualTo("UNAUTHORIZED");
    assertThat(errorCode(result(facilitator.command(roomId, null, "c", 2, addItem("Budget")))))
        .isEqualTo("UNAUTHORIZED");

    JsonObject accepted = result(facilitator.command(roomId, facilitatorToken, "c", 3, addItem("Budget")));
    assertThat(accepted.getBoolean("ok")).isTrue();
    assertThat(facilitator.isClosed()).isFalse();
  }

  @Test
  @DisplayName("refuses a token of another room, for commands and for subscriptions")
  void refusesOtherRoomsToken() {
    JsonObject other = result(server.createRoom());
    assertThat(errorCode(result(facilitator.command(roomId, other.getString("token"), "c", 1, addItem("Budget")))))
        .isEqualTo("WRONG_ROOM");

    facilitator.register("rt.room." + roomId + ".events", other.getString("token"));
    Eventually.until("the subscription is refused", Duration.ofSeconds(5), () -> facilitator.errors().stream()
        .anyMatch(e -> e.getValue("body") instanceof JsonObject b && "WRONG_ROOM".equals(errorCode(b))));
  }

  @Test
  @DisplayName("refuses a participant using a facilitator command, any change from a screen, and system commands")
  void refusesByRole() {
    JsonObject bo = joinAs("Bo", "Sales", "participant");
    JsonObject screen = joinAs("Room TV", "", "screen");

    assertThat(errorCode(result(facilitator.command(roomId, bo.getString("token"), "bo", 1, addItem("Budget")))))
        .isEqualTo("FORBIDDEN");
    assertThat(errorCode(result(facilitator.command(roomId, screen.getString("token"), "tv", 1,
        new JsonObject().put("type", "RaiseHand"))))).isEqualTo("FORBIDDEN");
    assertThat(result(facilitator.sync(roomId, screen.getString("token"), null)).getBoolean("ok")).isTrue();
    assertThat(errorCode(result(facilitator.command(roomId, facilitatorToken, "fac", 1,
        new JsonObject().put("type", "Tick"))))).isEqualTo("FORBIDDEN");
  }

  @Test
  @DisplayName("answers malformed, unknown, oversize and flooding input with structured errors and keeps the socket")
  void answersBadInput() throws InterruptedException {
    facilitator.sendRaw("{not json");
    Eventually.until("an err frame for invalid JSON", Duration.ofSeconds(5),
        () -> facilitator.errors().stream().anyMatch(e -> "invalid_json".equals(e.getValue("body"))));

    assertThat(errorCode(result(facilitator.command(roomId, facilitatorToken, "c", 1,
        new JsonObject().put("type", "DropTables"))))).isEqualTo("UNKNOWN_COMMAND");
    assertThat(errorCode(result(facilitator.command(roomId, facilitatorToken, "c", 2,
        addItem("x").put("timeboxSeconds", "soon"))))).isEqualTo("INVALID_FIELD");
    assertThat(errorCode(result(facilitator.command(roomId, facilitatorToken, "c", 3,
        addItem("x".repeat(20_000)))))).isEqualTo("TOO_LARGE");
    assertThat(errorCode(result(facilitator.command(roomId, facilitatorToken, "c", 4,
        addItem("x".repeat(201)))))).isEqualTo("TOO_LARGE");
    assertThat(errorCode(result(facilitator.request("rt.room." + roomId + ".cmd", null, facilitatorToken))))
        .isEqualTo("BAD_JSON");

    List<JsonObject> flood = result(Future.all(IntStream.range(0, 150)
        .mapToObj(i -> facilitator.sync(roomId, facilitatorToken, null)).toList())).list();
    assertThat(flood).anyMatch(r -> r.getJsonObject("error") != null && "RATE_LIMITED".equals(errorCode(r)));

    Thread.sleep(2_500);
    JsonObject sync = result(facilitator.sync(roomId, facilitatorToken, null));
    assertThat(sync.getJsonObject("snapshot").getJsonArray("agenda")).isEmpty();
    assertThat(facilitator.isClosed()).isFalse();
  }

  @Test
  @DisplayName("answers a resent command with the original reply and applies it once")
  void resentCommandAppliedOnce() {
    result(facilitator.join(roomId, facilitatorToken));
    JsonObject first = result(facilitator.command(roomId, facilitatorToken, "tab-1", 7, addItem("Budget")));
    JsonObject again = result(facilitator.command(roomId, facilitatorToken, "tab-1", 7, addItem("Budget")));
    assertThat(again).isEqualTo(first);

    JsonObject snapshot = result(facilitator.sync(roomId, facilitatorToken, null)).getJsonObject("snapshot");
    assertThat(snapshot.getJsonArray("agenda")).hasSize(1);
    assertThat(facilitator.roomEvents(roomId).stream().filter(e -> "tab-1".equals(e.getString("clientId"))))
        .hasSize(1);
  }

  @Test
  @DisplayName("gives a reconnecting client exactly the events it missed, or a snapshot when it cannot")
  void resyncSinceSeq() {
    long before = result(facilitator.join(roomId, facilitatorToken)).getLong("seq");
    for (int i = 0; i < 3; i++) {
      result(facilitator.command(roomId, facilitatorToken, "fac", i, addItem("Topic " + i)));
    }
    JsonObject missed = result(facilitator.sync(roomId, facilitatorToken, before));
    assertThat(seqs(missed.getJsonArray("events").stream().map(JsonObject.class::cast).toList()))
        .containsExactly(before + 1, before + 2, before + 3);
    assertThat(missed.containsKey("snapshot")).isFalse();

    JsonObject ahead = result(facilitator.sync(roomId, facilitatorToken, before + 1000));
    assertThat(ahead.getJsonObject("snapshot").getJsonArray("agenda")).hasSize(3);
  }

  @Test
  @DisplayName("shows a subscribed participant online, and still online after the room was reloaded")
  void presenceSurvivesReload() {
    result(facilitator.join(roomId, facilitatorToken));
    Eventually.until("the facilitator is online", Duration.ofSeconds(5), () -> online() == 1);

    result(server.server().rooms().unload(roomId));
    Eventually.until("the reloaded room counts the facilitator again", Duration.ofSeconds(5), () -> online() == 1);

    result(facilitator.close());
    Eventually.until("the facilitator is offline", Duration.ofSeconds(5), () -> online() == 0);
  }

  private long online() {
    return result(server.get("/api/rooms/" + roomId, facilitatorToken)).bodyAsJsonObject().getLong("online");
  }

  @Test
  @DisplayName("carries commands with list fields intact across the event bus")
  void reordersOverTheBus() {
    String first = result(facilitator.command(roomId, facilitatorToken, "fac", 1, addItem("First")))
        .getJsonObject("result").getString("itemId");
    String second = result(facilitator.command(roomId, facilitatorToken, "fac", 2, addItem("Second")))
        .getJsonObject("result").getString("itemId");
    JsonObject reply = result(facilitator.command(roomId, facilitatorToken, "fac", 3, new JsonObject()
        .put("type", "ReorderAgenda").put("itemIds", new io.vertx.core.json.JsonArray().add(second).add(first))));
    assertThat(reply.getBoolean("ok")).isTrue();
    JsonObject snapshot = result(facilitator.sync(roomId, facilitatorToken, null)).getJsonObject("snapshot");
    assertThat(snapshot.getJsonArray("agenda").stream().map(i -> ((JsonObject) i).getString("id")))
        .containsExactly(second, first);
  }

  @Test
  @DisplayName("announces a countdown's time-up to every client exactly once")
  void timeUpExactlyOnce(Vertx vertx, VertxTestContext test) throws InterruptedException {
    JsonObject bo = joinAs("Bo", "Sales", "participant");
    BusClient participant = result(server.connect());
    result(facilitator.join(roomId, facilitatorToken));
    result(participant.join(roomId, bo.getString("token")));
    String itemId = result(facilitator.command(roomId, facilitatorToken, "fac", 1,
        addItem("Budget").put("timeboxSeconds", 10))).getJsonObject("result").getString("itemId");
    result(facilitator.command(roomId, facilitatorToken, "fac", 2,
        new JsonObject().put("type", "StartItem").put("itemId", itemId)));

    clock.advance(9_500);
    // Any command re-arms the room's timer against the moved clock: time-up is now half a second away.
    result(participant.command(roomId, bo.getString("token"), "bo", 1, new JsonObject().put("type", "RaiseHand")));

    Checkpoint bothSawItOnce = test.checkpoint();
    vertx.setTimer(3_000, id -> test.verify(() -> {
      assertThat(eventsOfType(facilitator, "TopicTimeUp")).hasSize(1)
          .allSatisfy(e -> assertThat(e.getString("itemId")).isEqualTo(itemId));
      assertThat(eventsOfType(participant, "TopicTimeUp")).hasSize(1);
      bothSawItOnce.flag();
    }));
    assertThat(test.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Inclusive range of sequence numbers, for comparing with what clients saw. */
  private static final class LongStreamRange {
    static List<Long> of(long from, long to) {
      return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
  }
}
