package dev.roundtable.series;

import com.mongodb.client.MongoDatabase;
import dev.roundtable.series.core.Series;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Where series are kept: one document per series holding its whole state (members, occurrences and the
 * effects it still owes), so that a change and the effects it causes are written together; the embedded
 * store has no transactions. Each document carries a {@code version} that every write checks and raises: a
 * write against an older version than the stored one is refused ({@link #save} answers false), which is
 * what keeps two owners from both applying. Blocking driver calls run on a worker.
 */
public interface SeriesStore {

  /** A stored series, its document version, and the version of its coordinator link. */
  record Stored(Series series, long version, int coordinatorVersion) {
  }

  /** Opens the store on the node's database (its collection: {@code series}). */
  static SeriesStore create(Vertx vertx, MongoDatabase database) {
    return new MongoSeriesStore(vertx, database);
  }

  Future<Optional<Stored>> load(String seriesId);

  /** Writes a new series at version 1 with coordinator link version 1; fails when the id is taken. */
  Future<Stored> insert(Series series);

  /** Writes {@code series} when the stored version is still {@code expectedVersion}; false when it moved on. */
  Future<Boolean> save(Series series, long expectedVersion);

  /** Raises the coordinator link's version (revoking the older links); empty when there is no such series. */
  Future<Optional<Stored>> rotateCoordinator(String seriesId);
}
