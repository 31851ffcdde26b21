package dev.roundtable.store;

import com.mongodb.client.MongoDatabase;
import io.vertx.core.Future;

/**
 * The node's one connection to its store, opened once: the rooms' store, and the database the other
 * aggregates (series, jobs, outbox, …) keep their own collections in. Each aggregate's store class names its
 * collections and talks to them only through its own Future-returning interface; nothing else reaches the
 * database. Writes are journaled (majority, journal) like the rooms'.
 */
public interface Storage {

  RoomStore rooms();

  /** The database, for an aggregate's own store class. Its driver calls block: run them on a worker. */
  MongoDatabase database();

  /** Closes the rooms' store and with it the connection (and the embedded server, if this node holds it). */
  default Future<Void> close() {
    return rooms().close();
  }
}
