package dev.roundtable.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ServerDescription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the MongoDB-backed {@link RoomStore}: the configured MongoDB, or the embedded one when none is.
 *
 * <p>A store that does not answer yet at start-up (its host starting beside this node, as when several
 * nodes start at once against one store, or a store restarting) is waited for: each attempt is bounded by
 * the driver's server-selection timeout, a line is logged after each, and after {@link Options#startTimeout}
 * start-up fails with one message naming the store and the last reason. A store that answers with an error
 * is not waited for. No request is served meanwhile: the HTTP edge starts only on an opened store.
 */
public final class MongoStores {
  private static final Logger LOG = LoggerFactory.getLogger(MongoStores.class);
  /** One attempt's bound; also what the driver waits for a store before failing a command later on. */
  public static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(5);

  private MongoStores() {
  }

  /**
   * Where and how to store; {@code uri} null means the embedded server under {@code dataDir}.
   * {@code startTimeout}: how long start-up waits for a store that does not answer yet.
   */
  public record Options(String uri, String database, Path dataDir, String embeddedHost, int embeddedPort,
      Duration startTimeout) {
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    public Options(String uri, String database, Path dataDir, String embeddedHost, int embeddedPort) {
      this(uri, database, dataDir, embeddedHost, embeddedPort, DEFAULT_START_TIMEOUT);
    }
  }

  public static Future<RoomStore> open(Vertx vertx, Options options) {
    return openStorage(vertx, options).map(Storage::rooms);
  }

  /** Opens the store connection the whole node shares: rooms and the other aggregates' collections. */
  public static Future<Storage> openStorage(Vertx vertx, Options options) {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    return vertx.executeBlocking(() -> connect(vertx, options))
        .compose(store -> initialize(vertx, store, deadline, options.startTimeout(), 1)
            .recover(e -> store.close().transform(ignored -> Future.failedFuture(e))))
        .map(store -> new Storage() {
          @Override
          public RoomStore rooms() {
            return store;
          }

          @Override
          public MongoDatabase database() {
            return store.database();
          }
        });
  }

  private static MongoRoomStore connect(Vertx vertx, Options options) {
    EmbeddedMongo embedded = null;
    String uri = options.uri();
    if (uri == null) {
      embedded = EmbeddedMongo.start(options.dataDir(), options.embeddedHost(), options.embeddedPort());
      uri = embedded.connectionString();
      LOG.info("embedded MongoDB-compatible store in {} at {}", options.dataDir().toAbsolutePath(), uri);
    } else {
      LOG.info("using MongoDB at {}", new ConnectionString(uri).getHosts());
    }
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applyToClusterSettings(b -> b.serverSelectionTimeout(SERVER_SELECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
        .build();
    return new MongoRoomStore(vertx, MongoClients.create(settings), options.database(), embedded);
  }

  /** The first commands (indexes), retried while the store cannot be reached and time is left. */
  private static Future<MongoRoomStore> initialize(Vertx vertx, MongoRoomStore store, long deadline,
      Duration timeout, int attempt) {
    return vertx.executeBlocking(() -> {
      store.init();
      return store;
    }).recover(e -> {
      if (!(e instanceof MongoTimeoutException || e instanceof MongoSocketException)) {
        return Future.failedFuture(new StoreUnavailableException("the store at " + store.hosts()
            + " refused the first commands: " + e.getMessage(), e));
      }
      String reason = reason(store.client(), e);
      long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
      if (left <= 0) {
        return Future.failedFuture(new StoreUnavailableException("the store at " + store.hosts()
            + " did not answer within " + timeout.toSeconds() + " s of start-up (" + attempt + " attempts; last: "
            + reason + "); is it running, and is MONGO_URI right?", e));
      }
      LOG.warn("store at {} not answering yet (attempt {}: {}); retrying, giving up in {} s", store.hosts(), attempt,
          reason, left);
      return initialize(vertx, store, deadline, timeout, attempt + 1);
    });
  }

  /** Why the driver could not reach the store, in a few words (its timeout message is a page long). */
  private static String reason(MongoClient client, Throwable e) {
    for (ServerDescription server : client.getClusterDescription().getServerDescriptions()) {
      Throwable cause = server.getException();
      if (cause != null) {
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  /** Start-up could not open the store; the message says which store and why, for the operator. */
  public static final class StoreUnavailableException extends RuntimeException {
    StoreUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
