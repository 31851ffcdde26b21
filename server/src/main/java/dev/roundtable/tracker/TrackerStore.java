package dev.roundtable.tracker;

import com.mongodb.client.MongoDatabase;
import dev.roundtable.tracker.core.Tracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Where the series' action trackers are kept: one document per series holding its whole tracker, with a
 * {@code version} that every write checks and raises, so of two writers of the same version exactly one wins
 * ({@link #save} answers false to the other). A series whose tracker was never written has no document.
 * Blocking driver calls run on a worker.
 */
public interface TrackerStore {

  /** A stored tracker and its document version (0: not written yet). */
  record Stored(Tracker tracker, long version) {
  }

  /** Opens the store on the node's database (its collection: {@code actions}). */
  static TrackerStore create(Vertx vertx, MongoDatabase database) {
    return new MongoTrackerStore(vertx, database);
  }

  /** The series' tracker, or an empty one at version 0 when nothing was written yet. */
  Future<Stored> load(String seriesId);

  /**
   * Writes {@code tracker} when the stored version is still {@code expectedVersion} (0: inserts it, when no
   * document exists); false when another writer got there first.
   */
  Future<Boolean> save(Tracker tracker, long expectedVersion);
}
