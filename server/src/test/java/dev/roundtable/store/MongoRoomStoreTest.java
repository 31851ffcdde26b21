package dev.roundtable.store;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The MongoDB room store, on the embedded server through the official driver,")
class MongoRoomStoreTest {
  @TempDir
  Path dataDir;
  private Vertx vertx;
  private RoomStore store;

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    store = openStore();
  }

  @AfterEach
  void close() {
    result(store.close());
  }

  private RoomStore openStore() {
    return result(MongoStores.open(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
  }

  private static LogEntry entry(String room, long seq) {
    return new LogEntry(room, seq, 1_000 + seq, "p1", "tab", seq,
        new JsonArray().add(new JsonObject().put("type", "MeetingStarted").put("at", 1_000 + seq)),
        new JsonObject().put("ok", true).put("seq", seq));
  }

  private static List<Long> seqs(StoredRoom room) {
    return room.entries().stream().map(LogEntry::seq).toList();
  }

  @Test
  @DisplayName("gives back a room's log in order, exactly as written")
  void appendAndLoad() {
    result(store.append(List.of(entry("a", 1), entry("a", 2))));
    result(store.append(List.of(entry("a", 3), entry("b", 1))));

    StoredRoom a = result(store.load("a", 0));
    assertThat(a.snapshot()).isNull();
    assertThat(a.entries()).containsExactly(entry("a", 1), entry("a", 2), entry("a", 3));
    assertThat(result(store.load("nobody", 0)).isEmpty()).isTrue();
  }

  @Test
  @DisplayName("loads the latest snapshot with the entries after it, and as many before it as asked")
  void snapshotPlusTail() {
    result(store.append(LongStream.rangeClosed(1, 10).mapToObj(s -> entry("a", s)).toList()));
    result(store.saveSnapshot(new Snapshot("a", 7, new JsonObject().put("v", 7), new JsonObject())));

    assertThat(seqs(result(store.load("a", 0)))).containsExactly(8L, 9L, 10L);
    assertThat(seqs(result(store.load("a", 2)))).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(result(store.load("a", 0)).snapshot().state()).isEqualTo(new JsonObject().put("v", 7));
  }

  @Test
  @DisplayName("never lets an older snapshot replace a newer one")
  void snapshotsMoveForward() {
    result(store.saveSnapshot(new Snapshot("a", 9, new JsonObject().put("v", 9), new JsonObject())));
    result(store.saveSnapshot(new Snapshot("a", 4, new JsonObject().put("v", 4), new JsonObject())));
    assertThat(result(store.load("a", 0)).snapshot().seq()).isEqualTo(9);
  }

  @Test
  @DisplayName("refuses a repeated room sequence number, failing only the append that carries it")
  void fencesRepeatedSequenceNumbers() {
    result(store.append(List.of(entry("a", 1))));
    LogEntry first = entry("a", 1);
    LogEntry competing = new LogEntry("a", 1, 5_000, "p2", null, null, first.events(), first.reply());
    Future<Void> stale = store.append(List.of(competing));
    Future<Void> other = store.append(List.of(entry("b", 1)));

    assertThatThrownBy(() -> result(stale)).isNotNull();
    result(other);
    assertThat(result(store.load("a", 0)).entries()).containsExactly(entry("a", 1));
    assertThat(seqs(result(store.load("b", 0)))).containsExactly(1L);
  }

  @Test
  @DisplayName("refuses a stale writer's run of entries that starts where the other writer's run started")
  void fencesRunsOfDifferentLengths() {
    result(store.append(List.of(entry("a", 1), entry("a", 2), entry("a", 3))));
    Future<Void> staleFromStart = store.append(List.of(entry("a", 1)));
    result(store.append(List.of(entry("a", 4), entry("a", 5))));
    Future<Void> staleFromThree = store.append(List.of(entry("a", 4), entry("a", 5), entry("a", 6)));

    assertThatThrownBy(() -> result(staleFromStart)).isNotNull();
    assertThatThrownBy(() -> result(staleFromThree)).isNotNull();
    assertThat(seqs(result(store.load("a", 0)))).containsExactly(1L, 2L, 3L, 4L, 5L);
    result(store.saveSnapshot(new Snapshot("a", 4, new JsonObject(), new JsonObject())));
    assertThat(seqs(result(store.load("a", 0)))).as("a snapshot in the middle of a run").containsExactly(5L);
  }

  @Test
  @DisplayName("keeps what it acknowledged when the store is closed and opened again")
  void durableAcrossReopen() {
    result(store.append(List.of(entry("a", 1), entry("a", 2))));
    result(store.registerRoom("a", "ABC234", 1));
    result(store.close());

    store = openStore();
    assertThat(seqs(result(store.load("a", 0)))).containsExactly(1L, 2L);
    assertThat(result(store.roomByJoinCode("ABC234"))).contains("a");
  }

  @Test
  @DisplayName("keeps join codes unique and finds rooms by code and codes by room")
  void joinCodes() {
    assertThat(result(store.registerRoom("a", "ABC234", 1))).isTrue();
    assertThat(result(store.registerRoom("b", "ABC234", 2))).isFalse();
    assertThat(result(store.roomByJoinCode("ABC234"))).contains("a");
    assertThat(result(store.joinCodeOf("a"))).contains("ABC234");
    assertThat(result(store.roomByJoinCode("ZZZ999"))).isEqualTo(Optional.empty());
  }

  @Test
  @DisplayName("answers a ping while open, and refuses appends once closed")
  void pingAndClose() {
    result(store.ping());
    result(store.close());
    assertThatThrownBy(() -> result(store.append(List.of(entry("a", 1))))).isNotNull();
    store = openStore();
  }
}
