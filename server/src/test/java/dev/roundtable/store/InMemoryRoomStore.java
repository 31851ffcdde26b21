package dev.roundtable.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RoomStore} in memory that a test can make fail and whose calls it can count. It refuses any
 * repeated (room, seq), which is stricter than, and implies, the real store's contract.
 */
public final class InMemoryRoomStore implements RoomStore {
  private final Map<String, TreeMap<Long, LogEntry>> logs = new HashMap<>();
  private final Map<String, Snapshot> snapshots = new HashMap<>();
  private final Map<String, String> roomsByCode = new HashMap<>();
  public final AtomicInteger loads = new AtomicInteger();
  public final AtomicInteger appends = new AtomicInteger();
  private volatile boolean failing;
  private volatile long appendLatencyMs;
  private final List<Runnable> heldAppends = new ArrayList<>();
  private boolean holding;
  private long heldSinceNanos;

  /** While failing, every call fails as an unreachable store would. */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  /** Makes each append take this long, as a real write does, so that concurrent appends can be grouped. */
  public void appendLatency(long ms) {
    this.appendLatencyMs = ms;
  }

  /** Holds every append from now on, unanswered, as a store that has fallen behind does. */
  public synchronized void holdAppends() {
    holding = true;
  }

  /** Writes and answers every held append, in the order they came, and stops holding. */
  public void releaseAppends() {
    List<Runnable> held;
    synchronized (this) {
      holding = false;
      heldSinceNanos = 0;
      held = List.copyOf(heldAppends);
      heldAppends.clear();
    }
    held.forEach(Runnable::run);
  }

  /** The age of the oldest held append. */
  @Override
  public synchronized long backlogMillis() {
    return heldAppends.isEmpty() ? 0 : (System.nanoTime() - heldSinceNanos) / 1_000_000;
  }

  /** Writes as another owner would, behind the room's back. */
  public synchronized void appendBehindTheRoomsBack(LogEntry entry) {
    logs.computeIfAbsent(entry.roomId(), r -> new TreeMap<>()).put(entry.seq(), entry);
  }

  public synchronized List<LogEntry> log(String roomId) {
    return new ArrayList<>(logs.getOrDefault(roomId, new TreeMap<>()).values());
  }

  @Override
  public synchronized Future<StoredRoom> load(String roomId, int alsoBefore) {
    loads.incrementAndGet();
    if (failing) {
      return unreachable();
    }
    Snapshot snapshot = snapshots.get(roomId);
    long after = snapshot == null ? 0 : Math.max(0, snapshot.seq() - alsoBefore);
    List<LogEntry> entries = new ArrayList<>(logs.getOrDefault(roomId, new TreeMap<>()).tailMap(after, false).values());
    return Future.succeededFuture(new StoredRoom(snapshot, entries));
  }

  @Override
  public Future<Void> append(List<LogEntry> entries) {
    Context context = Vertx.currentContext();
    synchronized (this) {
      if (holding && context != null) {
        Promise<Void> answered = Promise.promise();
        if (heldAppends.isEmpty()) {
          heldSinceNanos = System.nanoTime();
        }
        heldAppends.add(() -> context.runOnContext(v -> write(entries).onComplete(answered)));
        return answered.future();
      }
    }
    Future<Void> written = write(entries);
    if (appendLatencyMs <= 0 || context == null) {
      return written;
    }
    Promise<Void> later = Promise.promise();
    context.owner().setTimer(appendLatencyMs, id -> written.onComplete(later));
    return later.future();
  }

  private synchronized Future<Void> write(List<LogEntry> entries) {
    appends.incrementAndGet();
    if (failing) {
      return unreachable();
    }
    for (LogEntry e : entries) {
      if (logs.getOrDefault(e.roomId(), new TreeMap<>()).containsKey(e.seq())) {
        return Future.failedFuture(new IllegalStateException("duplicate key: room " + e.roomId() + " seq " + e.seq()));
      }
    }
    entries.forEach(this::appendBehindTheRoomsBack);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> saveSnapshot(Snapshot snapshot) {
    if (failing) {
      return unreachable();
    }
    Snapshot existing = snapshots.get(snapshot.roomId());
    if (existing == null || existing.seq() < snapshot.seq()) {
      snapshots.put(snapshot.roomId(), snapshot);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Boolean> registerRoom(String roomId, String joinCode, long createdAt) {
    if (failing) {
      return unreachable();
    }
    return Future.succeededFuture(roomsByCode.putIfAbsent(joinCode, roomId) == null);
  }

  @Override
  public synchronized Future<Optional<String>> roomByJoinCode(String joinCode) {
    return failing ? unreachable() : Future.succeededFuture(Optional.ofNullable(roomsByCode.get(joinCode)));
  }

  @Override
  public synchronized Future<Optional<String>> joinCodeOf(String roomId) {
    return failing ? unreachable() : Future.succeededFuture(roomsByCode.entrySet().stream()
        .filter(e -> e.getValue().equals(roomId)).map(Map.Entry::getKey).findFirst());
  }

  @Override
  public Future<Void> ping() {
    return failing ? unreachable() : Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private static <T> Future<T> unreachable() {
    return Future.failedFuture(new IllegalStateException("store unreachable"));
  }
}
