package dev.roundtable.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The in-process MongoDB-compatible server used when no {@code MONGO_URI} is configured, so that one command
 * starts a working server. Roundtable still talks to it through the official driver over the wire protocol,
 * and other nodes may share it through its port.
 *
 * <p>H2's MVStore normally commits in the background once a second, which would let a crash lose writes
 * already acknowledged. We open it with auto-commit off, and the server itself commits and syncs the file
 * after every write command before answering it, whichever connection sent it: a write acknowledged to a
 * node writing through the port survives a crash of this process as one of this process's own does. A
 * commit that fails (a full disk) fails the write; MVStore then closes itself, and from then on the store
 * answers every command but the connection handshake, {@code ping} included, with an error that says so,
 * and readiness with 503, until the process is restarted on a disk with room.
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
    MongoServer server = new MongoServer(new DurableBackend(store));
    server.bind(host, port);
    InetSocketAddress bound = server.getLocalAddress();
    return new EmbeddedMongo(store, server, bound);
  }

  String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  @Override
  public synchronized void close() {
    server.shutdownNow();
    if (!mvStore.isClosed()) {
      mvStore.close();
    }
  }

  /** The H2 backend, made durable per write command and honest about a store that closed itself. */
  private static final class DurableBackend extends H2Backend {
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
        "createindexes", "dropindexes", "drop", "create", "dropdatabase");
    /**
     * The driver's connection handshake, answered even by a closed store: it arrives as a legacy query, on
     * which an error closes the connection, and the client would see only "Prematurely reached end of
     * stream" instead of the reason its next command gets.
     */
    private static final Set<String> HANDSHAKE = Set.of("hello", "ismaster", "buildinfo");
    private final MVStore mvStore;

    DurableBackend(MVStore mvStore) {
      super(mvStore);
      this.mvStore = mvStore;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      if (mvStore.isClosed() && !HANDSHAKE.contains(command.toLowerCase(Locale.ROOT))) {
        throw new MongoServerError(91, "ShutdownInProgress", "the embedded store closed itself after a failed write ("
            + "disk full?); restart the server");
      }
      Document reply = super.handleCommand(channel, database, command, query);
      if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
        makeDurable();
      }
      return reply;
    }

    /** Commits pending changes and forces them to disk; one at a time, whoever wrote them. */
    private synchronized void makeDurable() {
      mvStore.commit();
      mvStore.sync();
    }
  }
}
