package dev.roundtable.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the MongoDB-backed {@link RoomStore}: the configured MongoDB, or the embedded one when none is. */
public final class MongoStores {
  private static final Logger LOG = LoggerFactory.getLogger(MongoStores.class);

  private MongoStores() {
  }

  /** Where and how to store; {@code uri} null means the embedded server under {@code dataDir}. */
  public record Options(String uri, String database, Path dataDir, String embeddedHost, int embeddedPort) {
  }

  public static Future<RoomStore> open(Vertx vertx, Options options) {
    return openStorage(vertx, options).map(Storage::rooms);
  }

  /** Opens the store connection the whole node shares: rooms and the other aggregates' collections. */
  public static Future<Storage> openStorage(Vertx vertx, Options options) {
    return vertx.executeBlocking(() -> {
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
          .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
          .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
          .build();
      MongoRoomStore store = new MongoRoomStore(vertx, MongoClients.create(settings), options.database(), embedded);
      try {
        store.init();
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      return new Storage() {
        @Override
        public RoomStore rooms() {
          return store;
        }

        @Override
        public MongoDatabase database() {
          return store.database();
        }
      };
    });
  }
}
