package dev.roundtable.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage for rooms: an append-only event log per room plus snapshots, and the directory of join
 * codes. Every method returns a Future completed on the caller's context.
 *
 * <p>Contract relied on by the room runtime: when {@link #append} succeeds the entries are durable (they
 * survive a crash of this process). A writer appends a room's entries in sequence, each append continuing
 * from the last durable one; an append that starts a room's entries at a sequence number already written
 * fails instead of overwriting, which is what fences a second writer of the same room (it loaded from the
 * store's end, so its first append starts where the first writer's next one does).
 */
public interface RoomStore {

  /**
   * The latest snapshot and the entries after it, preceded by up to {@code alsoBefore} entries the snapshot
   * already covers (so a reloaded room can still answer reconnecting clients with events);
   * {@link StoredRoom#empty()} for a room never written.
   */
  Future<StoredRoom> load(String roomId, int alsoBefore);

  /** Writes entries (possibly of several rooms) durably. Writers may call concurrently; calls are grouped. */
  Future<Void> append(List<LogEntry> entries);

  /** Replaces the room's snapshot if {@code snapshot} is newer than the stored one. */
  Future<Void> saveSnapshot(Snapshot snapshot);

  /** Records a new room under a join code; succeeds with false when the code is already taken. */
  Future<Boolean> registerRoom(String roomId, String joinCode, long createdAt);

  /** The room a join code belongs to. */
  Future<Optional<String>> roomByJoinCode(String joinCode);

  /** The join code of a room. */
  Future<Optional<String>> joinCodeOf(String roomId);

  /** Succeeds when the store answers; used by readiness checks. */
  Future<Void> ping();

  /**
   * How far behind the store's writes are: the age in ms of the oldest append not yet acknowledged (0 when
   * none waits). Read from any thread, often: it must be cheap. The node refuses new commands while it is
   * high ({@code NodeAdmission}).
   */
  default long backlogMillis() {
    return 0;
  }

  Future<Void> close();
}
