package dev.roundtable.support;

import dev.roundtable.RoundtableServer;
import dev.roundtable.cluster.Membership;
import dev.roundtable.cluster.Nodes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.mongodb.client.MongoDatabase;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.store.RoomStore;
import dev.roundtable.store.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real Roundtable node for end-to-end tests: embedded store in a test folder, any free port, a clock the
 * test can move. Several instances started one after another on the same folder model a restart.
 */
public final class TestServer {
  public static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";

  private final Vertx vertx;
  private final RoundtableServer server;
  private final Api api;
  private final MongoDatabase database;

  private TestServer(Vertx vertx, RoundtableServer server) {
    this(vertx, server, null);
  }

  private TestServer(Vertx vertx, RoundtableServer server, MongoDatabase database) {
    this.vertx = vertx;
    this.server = server;
    this.api = new Api(vertx, server.port());
    this.database = database;
  }

  /** The node's database, for a test that checks what was (not) stored; null unless started with notices or wrapped rooms. */
  public MongoDatabase database() {
    return database;
  }

  /**
   * Every test client comes from 127.0.0.1, so the per-address limits of room creation and joining are raised
   * far above what tests use; the tests of those limits set their own.
   */
  public static RoundtableConfig config(Path dataDir) {
    return RoundtableConfig.defaults().with(new JsonObject()
        .put("httpHost", "127.0.0.1").put("httpPort", 0).put("dataDir", dataDir.toString())
        .put("jwtSecret", SECRET)
        .put("roomCreatesPerMinute", UNLIMITED).put("roomCreateBurst", UNLIMITED)
        .put("joinsPerMinute", UNLIMITED).put("joinBurst", UNLIMITED));
  }

  /** A per-address rate no test reaches. */
  public static final int UNLIMITED = 1_000_000;

  public static Future<TestServer> start(Vertx vertx, RoundtableConfig config, MutableClock clock) {
    return RoundtableServer.start(vertx, config, clock).map(s -> new TestServer(vertx, s));
  }

  /** A node whose series' notices go to {@code notices} (a recording fake). */
  public static Future<TestServer> start(Vertx vertx, RoundtableConfig config, MutableClock clock,
      dev.roundtable.series.NoticeSender notices) {
    return RoundtableServer.openStorage(vertx, config).compose(storage -> RoundtableServer.start(
        new Nodes.Node(vertx, Membership.standalone(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
        config, clock, storage, notifier -> notices).map(s -> new TestServer(vertx, s, storage.database())));
  }

  /**
   * A node whose rooms' store is the embedded one of {@code config} wrapped by {@code wrapRooms} (e.g. in a
   * {@code HoldableRoomStore}, so the test can make the store fall behind).
   */
  public static Future<TestServer> startWrappingRooms(Vertx vertx, RoundtableConfig config, MutableClock clock,
      UnaryOperator<RoomStore> wrapRooms) {
    return RoundtableServer.openStorage(vertx, config).compose(storage -> {
      RoomStore rooms = wrapRooms.apply(storage.rooms());
      Storage wrapped = new Storage() {
        @Override
        public RoomStore rooms() {
          return rooms;
        }

        @Override
        public MongoDatabase database() {
          return storage.database();
        }
      };
      return RoundtableServer.start(vertx, config, clock, wrapped).map(s -> new TestServer(vertx, s, storage.database()));
    });
  }

  /** A node on a store the caller opened, so the test can read the collections the node writes. */
  public static Future<TestServer> start(Vertx vertx, RoundtableConfig config, MutableClock clock, Storage storage) {
    return RoundtableServer.start(vertx, config, clock, storage).map(s -> new TestServer(vertx, s));
  }

  public int port() {
    return server.port();
  }

  public RoundtableServer server() {
    return server;
  }

  public Future<Void> stop() {
    api.close();
    return server.stop();
  }

  public Future<BusClient> connect() {
    return BusClient.connect(vertx, port());
  }

  /** Creates a decision meeting facilitated by Ana of Operations; returns the 201 body. */
  public Future<JsonObject> createRoom() {
    return api.createRoom();
  }

  public Future<JsonObject> join(String code, String name, String department, String role) {
    return api.join(code, name, department, role);
  }

  public Future<HttpResponse<io.vertx.core.buffer.Buffer>> post(String path, Object body) {
    return api.post(path, body);
  }

  public Future<HttpResponse<io.vertx.core.buffer.Buffer>> get(String path, String token) {
    return api.get(path, token);
  }
}
