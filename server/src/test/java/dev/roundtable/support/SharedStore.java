package dev.roundtable.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB-compatible server in the test's own process, in memory, that several Roundtable nodes share
 * through {@code MONGO_URI} as they would share a real MongoDB. It outlives the nodes a test kills, and a
 * test can stop it to see what nodes do without their store.
 */
public final class SharedStore implements AutoCloseable {
  /** Null for a store in memory; a file for one that can {@link #comeBack} with its data. */
  private final Path file;
  private MongoServer server;
  private final InetSocketAddress address;

  private SharedStore(Path file, MongoServer server, InetSocketAddress address) {
    this.file = file;
    this.server = server;
    this.address = address;
  }

  public static SharedStore start() {
    MongoServer server = new MongoServer(new H2Backend(MVStore.open(null)));
    server.bind("127.0.0.1", 0);
    return new SharedStore(null, server, server.getLocalAddress());
  }

  /** A store in memory on a given port (one a node was told to use before the store existed). */
  public static SharedStore startOn(int port) {
    MongoServer server = new MongoServer(new H2Backend(MVStore.open(null)));
    server.bind("127.0.0.1", port);
    return new SharedStore(null, server, server.getLocalAddress());
  }

  /** A store kept in {@code file}, so that it can go away and come back on the same port with its data. */
  public static SharedStore onDisk(Path file) {
    MongoServer server = new MongoServer(new H2Backend(MVStore.open(file.toString())));
    server.bind("127.0.0.1", 0);
    return new SharedStore(file, server, server.getLocalAddress());
  }

  /**
   * Stops listening and drops every connection, keeping the data: the store is gone for the nodes until
   * {@link #comeBack}.
   */
  public synchronized void goAway() {
    server.shutdownNow();
  }

  /** Listens again on the same port with the data it held before {@link #goAway}. */
  public synchronized void comeBack() {
    server = new MongoServer(new H2Backend(MVStore.open(file.toString())));
    server.bind(address.getHostString(), address.getPort());
  }

  public String uri() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /** Stops listening and drops every connection: the store is gone for the nodes. */
  @Override
  public synchronized void close() {
    server.shutdownNow();
  }
}
