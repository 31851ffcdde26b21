package dev.roundtable.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB-compatible server in the test's own process, in memory, that several Roundtable nodes share
 * through {@code MONGO_URI} as they would share a real MongoDB. It outlives the nodes a test kills, and a
 * test can stop it to see what nodes do without their store.
 */
public final class SharedStore implements AutoCloseable {
  private final MongoServer server;
  private final InetSocketAddress address;

  private SharedStore(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  public static SharedStore start() {
    MongoServer server = new MongoServer(new H2Backend(MVStore.open(null)));
    server.bind("127.0.0.1", 0);
    return new SharedStore(server, server.getLocalAddress());
  }

  public String uri() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /** Stops listening and drops every connection: the store is gone for the nodes. */
  @Override
  public void close() {
    server.shutdownNow();
  }
}
