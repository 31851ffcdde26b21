package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw WebSocket member that stops reading while its room goes on (PROTOCOL §4.6 "Slow readers"): the events
 * waiting for it pass {@code maxSocketOutboundBytes}, so the node closes it with 4002 rather than hold an
 * unbounded backlog or skip events; what it did get is a gapless prefix of the room's stream, and after
 * reconnecting, a Sync from its last seq gives it the rest: it misses nothing. The other members are not held up.
 */
@DisplayName("A member that stops reading its events")
class SlowReaderTest {
  private static final int OUTBOUND_LIMIT = 16 * 1024;
  private static final int NOTES = 400;
  private static final int BATCH = 50;
  /**
   * Rounds of edits (about 280 KB each). On loopback the kernel's buffers take about 3 MB of what Ben does not
   * read (the send buffer grows to {@code tcp_wmem}'s 4 MB at most) before the server's own queue fills: 20
   * rounds (about 6 MB) are well past that.
   */
  private static final int ROUNDS = 20;
  /** A note of 480 characters: each envelope is about 700 bytes. */
  private static final String LONG_TEXT = "slow reader ".repeat(40);

  private final Vertx vertx = Vertx.vertx();
  @TempDir
  Path dataDir;
  private TestServer server;
  private final List<BusClient> clients = new ArrayList<>();
  private UnreadSocket slow;

  @BeforeEach
  void setUp() {
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject()
        .put("maxSocketOutboundBytes", OUTBOUND_LIMIT).put("resyncWindow", 50_000)
        .put("commandsPerSecond", 10_000).put("commandBurst", 10_000)), new MutableClock()));
    slow = new UnreadSocket(server.port());
  }

  @AfterEach
  void tearDown() {
    slow.close();
    clients.forEach(c -> result(c.close().recover(e -> Future.succeededFuture())));
    result(server.stop());
    result(vertx.close());
  }

  private BusClient connect(WebSocketClientOptions options) {
    BusClient client = result(BusClient.connect(vertx, server.port(), options));
    clients.add(client);
    return client;
  }

  private static List<Long> seqs(List<JsonObject> envelopes) {
    return envelopes.stream().map(e -> e.getLong("seq")).toList();
  }

  /** Sends the commands in parallel batches and returns the highest seq of their replies; every one is applied. */
  private static long sendAll(BusClient producer, String roomId, String token, List<JsonObject> commands, long[] clientSeq) {
    long last = 0;
    for (int from = 0; from < commands.size(); from += BATCH) {
      List<JsonObject> replies = result(Future.all(commands.subList(from, Math.min(commands.size(), from + BATCH))
          .stream().map(c -> producer.command(roomId, token, "producer", ++clientSeq[0], c)).toList())).list();
      assertThat(replies).allSatisfy(r -> assertThat(r.getBoolean("ok")).as("reply %s", r).isTrue());
      last = Math.max(last, replies.stream().mapToLong(r -> r.getLong("seq")).max().orElseThrow());
    }
    return last;
  }

  @Test
  @DisplayName("is closed with 4002 after a gapless prefix, and a Sync from its last seq after reconnecting gives it the rest")
  void closedThenResyncs() {
    JsonObject room = result(server.createRoom());
    String roomId = room.getString("roomId");
    JsonObject benJoin = result(server.join(room.getString("joinCode"), "Ben", "Sales", "participant"));
    String ben = benJoin.getString("token");
    String cleo = result(server.join(room.getString("joinCode"), "Cleo", "Finance", "participant")).getString("token");
    BusClient watcher = connect(new WebSocketClientOptions());
    BusClient producer = connect(new WebSocketClientOptions());
    result(watcher.join(roomId, cleo));
    String benId = benJoin.getString("participantId");
    slow.register("rt.room." + roomId + ".events", ben);
    Eventually.until("the watcher sees Ben come online", Duration.ofSeconds(10),
        () -> hasEvent(watcher, roomId, "Connected", benId));

    long[] clientSeq = {0};
    List<String> noteIds = new ArrayList<>();
    long firstNote = Long.MAX_VALUE;
    long lastSeq = 0;
    for (int from = 0; from < NOTES; from += BATCH) {
      List<JsonObject> replies = result(Future.all(IntStream.range(from, from + BATCH)
          .mapToObj(i -> producer.command(roomId, cleo, "producer", ++clientSeq[0],
              new JsonObject().put("type", "AddNote").put("text", i + " " + LONG_TEXT)))
          .toList())).list();
      replies.forEach(r -> noteIds.add(r.getJsonObject("result").getString("noteId")));
      firstNote = Math.min(firstNote, replies.stream().mapToLong(r -> r.getLong("seq")).min().orElseThrow());
      lastSeq = Math.max(lastSeq, replies.stream().mapToLong(r -> r.getLong("seq")).max().orElseThrow());
    }
    // Ben's socket cannot tell the node it closed it before he reads again (his end of the close handshake),
    // so the room is made to produce well more than the buffers between them hold.
    for (int round = 1; round <= ROUNDS; round++) {
      int version = round;
      String text = round + " " + LONG_TEXT;
      lastSeq = Math.max(lastSeq, sendAll(producer, roomId, cleo, noteIds.stream().map(id -> new JsonObject()
          .put("type", "EditNote").put("noteId", id).put("version", version).put("text", text)).toList(), clientSeq));
    }
    long lastNote = lastSeq;

    UnreadSocket.Read read = slow.readAll();
    System.out.println("slow reader read " + read.received().size() + " events of " + lastNote + ", then close "
        + read.closeCode());
    assertThat(read.closeCode()).as("close code").isEqualTo(EventBridge.SLOW_CONSUMER_CODE);
    List<Long> got = seqs(read.received());
    assertThat(got).as("what it got before the close").isNotEmpty();
    long lastGot = got.get(got.size() - 1);
    assertThat(got.get(0)).as("from before the notes").isLessThan(firstNote);
    assertThat(got).as("a gapless prefix of the stream").isEqualTo(LongStream.rangeClosed(got.get(0), lastGot)
        .boxed().toList());
    assertThat(lastGot).as("it fell behind").isLessThan(lastNote);

    Eventually.until("the watcher has every event", Duration.ofSeconds(20),
        () -> seqs(watcher.roomEvents(roomId)).contains(lastNote));
    assertThat(watcher.isClosed()).as("the watcher keeps its socket").isFalse();
    List<Long> watched = seqs(watcher.roomEvents(roomId));
    assertThat(watched).as("the watcher's stream is gapless").isEqualTo(LongStream.rangeClosed(watched.get(0),
        watched.get(watched.size() - 1)).boxed().toList());

    BusClient again = connect(new WebSocketClientOptions().setMaxMessageSize(64 << 20));
    again.register("rt.room." + roomId + ".events", ben);
    JsonObject resync = result(again.sync(roomId, ben, lastGot));
    assertThat(resync.getBoolean("ok")).as("Sync reply %s", resync.getValue("error")).isTrue();
    assertThat(resync.containsKey("snapshot")).as("events, not a snapshot").isFalse();
    List<Long> rest = seqs(resync.getJsonArray("events").stream().map(JsonObject.class::cast).toList());
    List<Long> all = new ArrayList<>(got);
    all.addAll(rest);
    assertThat(all.stream().filter(s -> s <= lastNote).toList())
        .as("every event from its first to the last edit's, once and in order")
        .isEqualTo(LongStream.rangeClosed(got.get(0), lastNote).boxed().toList());
  }

  private static boolean hasEvent(BusClient watcher, String roomId, String type, String participantId) {
    return watcher.roomEvents(roomId).stream().flatMap(e -> e.getJsonArray("events").stream())
        .map(JsonObject.class::cast)
        .anyMatch(e -> type.equals(e.getString("type")) && participantId.equals(e.getString("participantId")));
  }
}
