package dev.roundtable.room;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Event;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.domain.Views;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Envelopes;
import dev.roundtable.protocol.Replies;
import dev.roundtable.store.LogEntry;
import dev.roundtable.store.Snapshot;
import dev.roundtable.store.StoredRoom;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A room's road from "accepted" to "durable", without the runtime: it numbers accepted commands, hands
 * them out in batches for the store to write, and takes the store's answer back. It holds no thread, timer
 * or event bus, so everything it promises is tested by calling it; the room verticle feeds it and writes.
 *
 * <p>Invariants. {@code working} is {@code durable} plus every accepted command not yet acknowledged, in
 * sequence order, and {@code workingSeq - durableSeq} is the number of such commands. At most one batch is
 * being written; commands accepted meanwhile queue for the next. A command's waiters are answered exactly
 * once: with its reply when its batch is acknowledged, or with UNAVAILABLE when a write fails, after which
 * {@code working} falls back to {@code durable}. A resend of a {@code (sender, clientId, clientSeq)} already
 * recorded is answered from the reply cache; one still being written joins the original's waiters. Only
 * durable commands are kept for resync and in the reply cache, so {@link #sync} never shows more than the
 * store holds.
 */
final class CommitPipeline {
  /** Whoever waits for the reply to a command (in the room, an event-bus message). */
  interface Waiter {
    void answer(JsonObject reply);
  }

  /** A command just made durable: its log entry, its events and what the room measures about it. */
  record Committed(LogEntry entry, List<Event> events, String type, long startedNanos) {
    /** The envelope to publish, with every viewer's copy (docs/ARCHITECTURE.md §8). */
    JsonObject envelope() {
      return CommitPipeline.envelope(entry, events);
    }
  }

  static final String STORE_FAILED = "the command could not be stored; retry";

  private final String roomId;
  private final int resyncWindow;
  private final int maxPending;

  private RoomState working;
  private long workingSeq;
  private RoomState durable;
  private long durableSeq;
  private long snapshotSeq;
  private final ArrayDeque<LogEntry> recent = new ArrayDeque<>();
  private final ReplyCache replies = new ReplyCache();
  private final Map<String, Pending> inFlight = new HashMap<>();
  private List<Pending> queued = new ArrayList<>();
  private List<Pending> writing;

  /**
   * The room as the store holds it: the snapshot, the entries after it folded in, and the resync window
   * rebuilt from entries before and after it. An empty store gives {@code empty}.
   *
   * @throws IllegalStateException if the log has a gap after the snapshot
   */
  CommitPipeline(String roomId, StoredRoom stored, RoomState empty, int resyncWindow, int maxPending) {
    this.roomId = roomId;
    this.resyncWindow = resyncWindow;
    this.maxPending = maxPending;
    RoomState state = empty;
    long seq = 0;
    if (stored.snapshot() != null) {
      state = Codec.state(stored.snapshot().state());
      seq = stored.snapshot().seq();
      replies.load(stored.snapshot().replies());
    }
    for (LogEntry entry : stored.entries()) {
      if (entry.seq() <= seq) {
        keepForResync(entry);
        continue;
      }
      if (entry.seq() != seq + 1) {
        throw new IllegalStateException("room " + roomId + " log has a gap after seq " + seq);
      }
      state = Room.fold(state, Codec.events(entry.events()));
      seq = entry.seq();
      remember(entry);
    }
    working = durable = state;
    workingSeq = durableSeq = seq;
    snapshotSeq = stored.snapshot() == null ? 0 : stored.snapshot().seq();
  }

  /** What the next command is decided against: the durable state plus every command still being written. */
  RoomState working() {
    return working;
  }

  /** What the store has acknowledged: all anyone outside sees. */
  RoomState durable() {
    return durable;
  }

  long durableSeq() {
    return durableSeq;
  }

  /** Accepted commands not yet acknowledged. */
  int pendingCount() {
    return queued.size() + (writing == null ? 0 : writing.size());
  }

  /** The room has as many unwritten commands as it may hold; a new one is answered UNAVAILABLE. */
  boolean full() {
    return pendingCount() >= maxPending;
  }

  /**
   * Answers a resend of a command already recorded (from the reply cache) or joins it to the original while
   * that is being written. False if this {@code (sender, clientId, clientSeq)} is new.
   */
  boolean answeredBefore(String sender, String clientId, long clientSeq, Waiter waiter) {
    JsonObject previous = replies.get(sender, clientId, clientSeq);
    if (previous != null) {
      waiter.answer(previous);
      return true;
    }
    Pending pending = inFlight.get(key(sender, clientId, clientSeq));
    if (pending != null) {
      pending.waiters.add(waiter);
      return true;
    }
    return false;
  }

  /**
   * Gives an applied command with events the next sequence number and queues it for writing; its waiter
   * (if any) is answered once it is durable. {@code working} becomes the command's resulting state at once.
   */
  void accept(String sender, String clientId, Long clientSeq, long at, Outcome.Applied applied, String type,
      long startedNanos, Waiter waiter) {
    working = applied.state();
    workingSeq++;
    LogEntry entry = new LogEntry(roomId, workingSeq, at, sender, clientId, clientSeq,
        Codec.eventsToJson(applied.events()), Replies.applied(workingSeq, applied.result()));
    Pending pending = new Pending(entry, applied.events(), working, type, startedNanos);
    if (waiter != null) {
      pending.waiters.add(waiter);
    }
    if (clientId != null) {
      inFlight.put(key(sender, clientId, clientSeq), pending);
    }
    queued.add(pending);
  }

  /**
   * The next batch to write: everything queued, unless a batch is being written already or nothing is
   * queued (then null). Exactly one of {@link #written} or {@link #writeFailed} must follow.
   */
  List<LogEntry> nextBatch() {
    if (writing != null || queued.isEmpty()) {
      return null;
    }
    writing = queued;
    queued = new ArrayList<>();
    return writing.stream().map(p -> p.entry).toList();
  }

  /**
   * The store acknowledged the batch: entry by entry in sequence order, it becomes durable, is remembered
   * (resync window, reply cache), its waiters get its reply, and then {@code onDurable} sees it.
   */
  void written(Consumer<Committed> onDurable) {
    List<Pending> batch = writing;
    writing = null;
    for (Pending p : batch) {
      durable = p.stateAfter;
      durableSeq = p.entry.seq();
      remember(p.entry);
      if (p.entry.clientId() != null) {
        inFlight.remove(key(p.entry.actor(), p.entry.clientId(), p.entry.clientSeq()));
      }
      p.waiters.forEach(w -> w.answer(p.entry.reply()));
      onDurable.accept(new Committed(p.entry, p.events, p.type, p.startedNanos));
    }
  }

  /**
   * The write failed: nothing after the last durable sequence number can be trusted. Every command still
   * pending (the failed batch and what queued behind it) is answered UNAVAILABLE and forgotten, and
   * {@code working} falls back to {@code durable}. Returns the batch that failed.
   */
  List<LogEntry> writeFailed() {
    List<Pending> lost = new ArrayList<>(writing);
    List<LogEntry> failed = writing.stream().map(p -> p.entry).toList();
    writing = null;
    lost.addAll(queued);
    queued = new ArrayList<>();
    JsonObject error = Replies.error(ErrorCode.UNAVAILABLE, STORE_FAILED);
    lost.forEach(p -> p.waiters.forEach(w -> w.answer(error)));
    inFlight.clear();
    working = durable;
    workingSeq = durableSeq;
    return failed;
  }

  // ---- snapshots

  /** At least {@code every} commands became durable since the last snapshot. */
  boolean snapshotDue(int every) {
    return durableSeq - snapshotSeq >= every;
  }

  /** A snapshot of the durable state and the reply cache, or null if the last one is still current. */
  Snapshot takeSnapshot() {
    if (durableSeq == snapshotSeq) {
      return null;
    }
    snapshotSeq = durableSeq;
    return new Snapshot(roomId, durableSeq, Codec.toJson(durable), replies.toJson());
  }

  // ---- resync

  /**
   * Answers a (re)joining client: the events after {@code sinceSeq} while they are still kept, otherwise
   * (or if {@code sinceSeq} is null) a snapshot. Either is as of the last durable command, so it lines up
   * with the published stream, and either is cut to what {@code viewer} may see.
   */
  JsonObject sync(Long sinceSeq, String viewer, long serverTime) {
    JsonObject reply = Replies.ok().put("seq", durableSeq).put("serverTime", serverTime);
    if (sinceSeq != null && canReplayFrom(sinceSeq)) {
      JsonArray missed = new JsonArray();
      recent.stream().filter(e -> e.seq() > sinceSeq)
          .forEach(e -> missed.add(Envelopes.forViewer(envelope(e, Codec.events(e.events())), viewer)));
      return reply.put("events", missed);
    }
    return reply.put("snapshot", Codec.toJson(Views.forViewer(durable, viewer)));
  }

  /** Every durable event after {@code sinceSeq} is still in the resync window. */
  boolean canReplayFrom(long sinceSeq) {
    long oldestKept = recent.isEmpty() ? durableSeq + 1 : recent.peekFirst().seq();
    return sinceSeq <= durableSeq && sinceSeq >= oldestKept - 1;
  }

  // ---- helpers

  private void remember(LogEntry entry) {
    keepForResync(entry);
    if (entry.clientId() != null) {
      replies.put(entry.actor(), entry.clientId(), entry.clientSeq(), entry.reply());
    }
  }

  private void keepForResync(LogEntry entry) {
    recent.addLast(entry);
    while (recent.size() > resyncWindow) {
      recent.removeFirst();
    }
  }

  private static JsonObject envelope(LogEntry e, List<Event> events) {
    return Envelopes.publish(e.seq(), e.at(), e.actor(), e.clientId(), e.clientSeq(), events, e.events());
  }

  private static String key(String sender, String clientId, long clientSeq) {
    return ReplyCache.key(sender, clientId) + '#' + clientSeq;
  }

  /** An accepted command on its way to the store, and who waits for its reply. */
  private static final class Pending {
    final LogEntry entry;
    final List<Event> events;
    final RoomState stateAfter;
    final String type;
    final long startedNanos;
    final List<Waiter> waiters = new ArrayList<>(1);

    Pending(LogEntry entry, List<Event> events, RoomState stateAfter, String type, long startedNanos) {
      this.entry = entry;
      this.events = events;
      this.stateAfter = stateAfter;
      this.type = type;
      this.startedNanos = startedNanos;
    }
  }
}
