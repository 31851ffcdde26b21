package dev.roundtable.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real {@link RoomStore} whose appends a test can hold back, as a store that falls behind would: held
 * appends are written, in the order they came and each on its caller's context, when released, and
 * {@link #backlogMillis} reports the age of the oldest one meanwhile (which is what the node's admission
 * reads). Everything else goes straight to the store underneath.
 */
public final class HoldableRoomStore implements RoomStore {
  private record Held(List<LogEntry> entries, Context context, Promise<Void> promise) {
  }

  private final RoomStore store;
  private final List<Held> held = new ArrayList<>();
  private boolean holding;
  private long heldSinceNanos;

  public HoldableRoomStore(RoomStore store) {
    this.store = store;
  }

  /** From now on appends wait (unanswered) until {@link #releaseAppends}. */
  public synchronized void holdAppends() {
    holding = true;
  }

  /** Writes every held append, in the order they came, and stops holding. */
  public void releaseAppends() {
    List<Held> released;
    synchronized (this) {
      holding = false;
      released = List.copyOf(held);
      held.clear();
    }
    for (Held h : released) {
      h.context().runOnContext(v -> store.append(h.entries()).onComplete(h.promise()));
    }
  }

  /** How many appends are held now. */
  public synchronized int heldAppends() {
    return held.size();
  }

  @Override
  public Future<Void> append(List<LogEntry> entries) {
    synchronized (this) {
      if (holding) {
        Context context = Vertx.currentContext();
        if (context == null) {
          throw new IllegalStateException("appends are made on a Vert.x context");
        }
        if (held.isEmpty()) {
          heldSinceNanos = System.nanoTime();
        }
        Promise<Void> promise = Promise.promise();
        held.add(new Held(List.copyOf(entries), context, promise));
        return promise.future();
      }
    }
    return store.append(entries);
  }

  @Override
  public long backlogMillis() {
    synchronized (this) {
      if (!held.isEmpty()) {
        return (System.nanoTime() - heldSinceNanos) / 1_000_000;
      }
    }
    return store.backlogMillis();
  }

  @Override
  public Future<StoredRoom> load(String roomId, int alsoBefore) {
    return store.load(roomId, alsoBefore);
  }

  @Override
  public Future<Void> saveSnapshot(Snapshot snapshot) {
    return store.saveSnapshot(snapshot);
  }

  @Override
  public Future<Boolean> registerRoom(String roomId, String joinCode, long createdAt) {
    return store.registerRoom(roomId, joinCode, createdAt);
  }

  @Override
  public Future<Optional<String>> roomByJoinCode(String joinCode) {
    return store.roomByJoinCode(joinCode);
  }

  @Override
  public Future<Optional<String>> joinCodeOf(String roomId) {
    return store.joinCodeOf(roomId);
  }

  @Override
  public Future<Void> ping() {
    return store.ping();
  }

  @Override
  public Future<Void> close() {
    releaseAppends();
    return store.close();
  }
}
