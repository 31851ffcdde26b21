package dev.roundtable.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.Command;
import dev.roundtable.domain.MeetingCommands.Connect;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Headers;
import dev.roundtable.store.LogEntry;
import dev.roundtable.store.Snapshot;
import dev.roundtable.store.StoredRoom;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A room's commit pipeline")
class CommitPipelineTest {
  private static final String ROOM = "room-under-test";
  private static final long NOW = 1_700_000_000_000L;
  private static final String SYSTEM = Headers.SYSTEM_ACTOR;

  private final List<CommitPipeline.Committed> published = new ArrayList<>();

  /** A waiter that records every reply it gets. */
  private static final class Replies implements CommitPipeline.Waiter {
    final List<JsonObject> got = new ArrayList<>();

    @Override
    public void answer(JsonObject reply) {
      got.add(reply);
    }

    String code() {
      return got.get(0).getJsonObject("error").getString("code");
    }
  }

  private static CommitPipeline pipeline(int resyncWindow, int maxPending) {
    return new CommitPipeline(ROOM, StoredRoom.empty(), RoomState.empty(ROOM, 180), resyncWindow, maxPending);
  }

  private static Outcome.Applied applied(RoomState state, Command command) {
    return (Outcome.Applied) Room.apply(state, Actor.system(), command, NOW);
  }

  /** A created meeting whose facilitator is p1, written and durable at seq 1. */
  private CommitPipeline created(int resyncWindow, int maxPending) {
    CommitPipeline log = pipeline(resyncWindow, maxPending);
    Command create = Codec.command(new JsonObject().put("type", "CreateMeeting").put("title", "Weekly sync")
        .put("goal", "Agree the plan").put("kind", "decision").put("facilitatorName", "Ana")).value();
    log.accept(SYSTEM, null, null, NOW, applied(log.working(), create), "CreateMeeting", 0, null);
    log.nextBatch();
    log.written(published::add);
    return log;
  }

  /** Accepts a Connect of p1 with a fresh connection id, as {@code sender} with the given client ids. */
  private static void connect(CommitPipeline log, String connection, String sender, String clientId, Long clientSeq,
      CommitPipeline.Waiter waiter) {
    log.accept(sender, clientId, clientSeq, NOW, applied(log.working(), new Connect("p1", connection)), "Connect", 0,
        waiter);
  }

  private static List<Long> seqs(List<LogEntry> entries) {
    return entries.stream().map(LogEntry::seq).toList();
  }

  @Test
  @DisplayName("numbers accepted commands without gaps and writes what queued behind a batch as the next batch")
  void groupCommit() {
    CommitPipeline log = created(10, 100);
    Replies first = new Replies();
    connect(log, "c1", SYSTEM, null, null, first);
    assertThat(seqs(log.nextBatch())).containsExactly(2L);
    connect(log, "c2", SYSTEM, null, null, null);
    connect(log, "c3", SYSTEM, null, null, null);
    assertThat(log.nextBatch()).as("nothing is handed out while a batch is being written").isNull();
    assertThat(log.pendingCount()).isEqualTo(3);

    log.written(published::add);
    assertThat(first.got).containsExactly(new JsonObject().put("ok", true).put("result", new JsonObject()).put("seq", 2L));
    assertThat(seqs(log.nextBatch())).containsExactly(3L, 4L);
    log.written(published::add);
    assertThat(published.stream().map(c -> c.entry().seq()).toList()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(log.pendingCount()).isZero();
    assertThat(log.nextBatch()).isNull();
  }

  @Test
  @DisplayName("decides against commands being written but shows only what the store acknowledged")
  void workingAndDurable() {
    CommitPipeline log = created(10, 100);
    connect(log, "c1", SYSTEM, null, null, null);
    log.nextBatch();
    assertThat(log.working().participants().get("p1").online()).isTrue();
    assertThat(log.durable().participants().get("p1").online()).isFalse();
    assertThat(log.sync(null, "p1", NOW).getLong("seq")).isEqualTo(1L);

    log.written(published::add);
    assertThat(log.durable()).isSameAs(log.working());
    assertThat(log.sync(null, "p1", NOW).getLong("seq")).isEqualTo(2L);
  }

  @Test
  @DisplayName("answers a resend arriving while the original is written once, with the original's reply")
  void resendInFlight() {
    CommitPipeline log = created(10, 100);
    Replies original = new Replies();
    Replies resend = new Replies();
    connect(log, "c1", "p1", "tab", 7L, original);
    log.nextBatch();
    assertThat(log.answeredBefore("p1", "tab", 7, resend)).isTrue();
    assertThat(resend.got).as("no reply before the original is durable").isEmpty();

    log.written(published::add);
    assertThat(original.got).hasSize(1);
    assertThat(resend.got).isEqualTo(original.got);

    Replies late = new Replies();
    assertThat(log.answeredBefore("p1", "tab", 7, late)).isTrue();
    assertThat(late.got).isEqualTo(original.got);
  }

  @Test
  @DisplayName("treats the same client ids from another sender, or another client sequence number, as new")
  void resendIsPerSender() {
    CommitPipeline log = created(10, 100);
    connect(log, "c1", "p1", "tab", 7L, null);
    Replies other = new Replies();
    assertThat(log.answeredBefore("p9", "tab", 7, other)).isFalse();
    assertThat(log.answeredBefore("p1", "tab", 8, other)).isFalse();
    log.nextBatch();
    log.written(published::add);
    assertThat(log.answeredBefore("p9", "tab", 7, other)).isFalse();
    assertThat(other.got).isEmpty();
  }

  @Test
  @DisplayName("answers every pending command UNAVAILABLE when a write fails and falls back to the durable state")
  void storeFailure() {
    CommitPipeline log = created(10, 100);
    Replies writing = new Replies();
    Replies queued = new Replies();
    Replies resend = new Replies();
    connect(log, "c1", "p1", "tab", 1L, writing);
    log.nextBatch();
    connect(log, "c2", SYSTEM, null, null, queued);
    log.answeredBefore("p1", "tab", 1, resend);

    assertThat(seqs(log.writeFailed())).containsExactly(2L);
    assertThat(writing.code()).isEqualTo("UNAVAILABLE");
    assertThat(queued.code()).isEqualTo("UNAVAILABLE");
    assertThat(resend.got).hasSize(1);
    assertThat(writing.got.get(0).getJsonObject("error").getString("message")).isEqualTo(CommitPipeline.STORE_FAILED);
    assertThat(log.working()).isSameAs(log.durable());
    assertThat(log.pendingCount()).isZero();
    assertThat(log.answeredBefore("p1", "tab", 1, new Replies())).as("a lost command is not remembered").isFalse();

    connect(log, "c3", SYSTEM, null, null, null);
    assertThat(seqs(log.nextBatch())).as("the next command takes the lost one's number").containsExactly(2L);
    assertThat(published).hasSize(1);
  }

  @Test
  @DisplayName("refuses more once as many commands are unwritten as it may hold")
  void full() {
    CommitPipeline log = created(10, 2);
    connect(log, "c1", SYSTEM, null, null, null);
    assertThat(log.full()).isFalse();
    connect(log, "c2", SYSTEM, null, null, null);
    assertThat(log.full()).isTrue();
    log.nextBatch();
    log.written(published::add);
    assertThat(log.full()).isFalse();
  }

  @Test
  @DisplayName("replays from any sequence number from just before the oldest kept entry up to the durable one")
  void resyncWindow() {
    CommitPipeline log = created(3, 100);
    for (int i = 1; i <= 4; i++) {
      connect(log, "c" + i, SYSTEM, null, null, null);
      log.nextBatch();
      log.written(published::add);
    }
    // durable 5; the window keeps seq 3, 4 and 5
    assertThat(log.canReplayFrom(5)).isTrue();
    assertThat(log.canReplayFrom(6)).isFalse();
    assertThat(log.canReplayFrom(2)).isTrue();
    assertThat(log.canReplayFrom(1)).isFalse();

    JsonArray missed = log.sync(2L, "p1", NOW).getJsonArray("events");
    assertThat(missed.stream().map(e -> ((JsonObject) e).getLong("seq")).toList()).containsExactly(3L, 4L, 5L);
    assertThat(log.sync(5L, "p1", NOW).getJsonArray("events")).isEmpty();
    JsonObject tooOld = log.sync(1L, "p1", NOW);
    assertThat(tooOld.containsKey("events")).isFalse();
    assertThat(tooOld.getJsonObject("snapshot")).isNotNull();
    assertThat(tooOld.getLong("serverTime")).isEqualTo(NOW);
  }

  @Test
  @DisplayName("replays an empty room only from zero")
  void emptyRoom() {
    CommitPipeline log = pipeline(3, 100);
    assertThat(log.canReplayFrom(0)).isTrue();
    assertThat(log.canReplayFrom(-1)).isFalse();
    assertThat(log.canReplayFrom(1)).isFalse();
  }

  @Test
  @DisplayName("carries its reply cache and resync window across a snapshot and reload")
  void reload() {
    CommitPipeline log = created(10, 100);
    Replies original = new Replies();
    connect(log, "c1", "p1", "tab", 1L, original);
    List<LogEntry> entries = new ArrayList<>(published.stream().map(CommitPipeline.Committed::entry).toList());
    entries.addAll(log.nextBatch());
    log.written(published::add);
    assertThat(log.snapshotDue(2)).isTrue();
    Snapshot snapshot = log.takeSnapshot();
    assertThat(snapshot.seq()).isEqualTo(2);
    assertThat(log.takeSnapshot()).as("nothing new to snapshot").isNull();
    assertThat(log.snapshotDue(1)).isFalse();

    CommitPipeline reloaded = new CommitPipeline(ROOM, new StoredRoom(snapshot, entries), RoomState.empty(ROOM, 180), 10,
        100);
    Replies resend = new Replies();
    assertThat(reloaded.answeredBefore("p1", "tab", 1, resend)).isTrue();
    assertThat(resend.got).isEqualTo(original.got);
    assertThat(reloaded.durableSeq()).isEqualTo(2);
    assertThat(reloaded.canReplayFrom(0)).isTrue();
    assertThat(reloaded.snapshotDue(1)).isFalse();
  }

  @Test
  @DisplayName("refuses to load a log with a gap after the snapshot")
  void gap() {
    CommitPipeline log = created(10, 100);
    connect(log, "c1", SYSTEM, null, null, null);
    connect(log, "c2", SYSTEM, null, null, null);
    List<LogEntry> batch = log.nextBatch();
    StoredRoom gapped = new StoredRoom(null, List.of(published.get(0).entry(), batch.get(1)));
    assertThatThrownBy(() -> new CommitPipeline(ROOM, gapped, RoomState.empty(ROOM, 180), 10, 100))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("gap after seq 1");
  }
}
