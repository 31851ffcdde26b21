package dev.roundtable.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * The in-process MongoDB-compatible server used when no {@code MONGO_URI} is configured, so that one command
 * starts a working server. Roundtable still talks to it through the official driver over the wire protocol.
 *
 * <p>H2's MVStore normally commits in the background once a second, which would let a crash lose writes
 * already acknowledged. We open it with auto-commit off and {@link #makeDurable()} commits and syncs the
 * file; the store calls it after every grouped write, before acknowledging.
 */
final class EmbeddedMongo implements AutoCloseable {
  private final MVStore mvStore;
  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MVStore mvStore, MongoServer server, InetSocketAddress address) {
    this.mvStore = mvStore;
    this.server = server;
    this.address = address;
  }

  static EmbeddedMongo start(Path dataDir, String host, int port) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    MVStore store = new MVStore.Builder()
        .fileName(dataDir.resolve("roundtable.mv").toString())
        .autoCommitDisabled()
        .open();
    MongoServer server = new MongoServer(new H2Backend(store));
    server.bind(host, port);
    InetSocketAddress bound = server.getLocalAddress();
    return new EmbeddedMongo(store, server, bound);
  }

  String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  /** Commits pending changes and forces them to disk. */
  synchronized void makeDurable() {
    mvStore.commit();
    mvStore.sync();
  }

  @Override
  public synchronized void close() {
    server.shutdownNow();
    if (!mvStore.isClosed()) {
      mvStore.close();
    }
  }
}
