package dev.roundtable;

import dev.roundtable.cluster.Membership;
import dev.roundtable.cluster.Nodes;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.domain.Language;
import dev.roundtable.notify.NotificationStatus;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import dev.roundtable.room.EventLoopLagProbe;
import dev.roundtable.room.NodeAdmission;
import dev.roundtable.room.RoomClient;
import dev.roundtable.room.RoomMetrics;
import dev.roundtable.room.RoomRegistry;
import dev.roundtable.room.RoomService;
import dev.roundtable.room.RoomSettings;
import dev.roundtable.series.NoticeSender;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.RoomStore;
import dev.roundtable.store.Storage;
import dev.roundtable.web.HttpServerVerticle;
import dev.roundtable.web.NodeProbes;
import dev.roundtable.web.SeriesApi;
import dev.roundtable.web.Tokens;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Roundtable node, assembled: store, room registry, HTTP edge. Start order is store, rooms, edge;
 * stop order is the reverse, so no command is accepted that cannot be written, and every accepted command
 * is written before the store closes.
 */
public final class RoundtableServer {
  /** Vert.x's event loops for this machine: one lag probe watches each ({@link EventLoopLagProbe}). */
  private static final int EVENT_LOOPS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
  private final Vertx vertx;
  private final RoundtableConfig config;
  private final RoomStore store;
  private final RoomRegistry registry;
  private final HttpServerVerticle http;
  private final String httpDeployment;
  private final String lagProbes;

  private RoundtableServer(Vertx vertx, RoundtableConfig config, RoomStore store, RoomRegistry registry,
      HttpServerVerticle http, String httpDeployment, String lagProbes) {
    this.lagProbes = lagProbes;
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.registry = registry;
    this.http = http;
    this.httpDeployment = httpDeployment;
  }

  /**
   * Placeholder until the notifier is wired (wired by the lead): test messages and notification states answer
   * UNAVAILABLE, nothing is enqueued.
   */
  private static final Notifier NOTIFIER_NOT_WIRED = new Notifier() {
    @Override
    public Future<Boolean> enqueue(Message message) {
      return Future.failedFuture("no notifier connected");
    }

    @Override
    public Future<Outcome> sendTest(Destination destination, Language language) {
      return Future.failedFuture("no notifier connected");
    }

    @Override
    public Future<List<NotificationStatus>> statuses(String seriesId) {
      return Future.failedFuture("no notifier connected");
    }
  };

  public static Future<RoundtableServer> start(Vertx vertx, RoundtableConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  /** A standalone node on a Vert.x instance the caller made (tests); its metrics registry is its own. */
  public static Future<RoundtableServer> start(Vertx vertx, RoundtableConfig config, Clock clock) {
    return start(new Nodes.Node(vertx, Membership.standalone(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
        config, clock);
  }

  public static Future<RoundtableServer> start(Nodes.Node node, RoundtableConfig config, Clock clock) {
    return start(node, config, clock, NoticeSender.keepPending());
  }

  /** A standalone node whose series' notices go to {@code notices} (tests record them). */
  public static Future<RoundtableServer> start(Vertx vertx, RoundtableConfig config, Clock clock,
      NoticeSender notices) {
    return start(new Nodes.Node(vertx, Membership.standalone(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
        config, clock, notices);
  }

  /** A node whose series' notices go to {@code notices}; until a notifier is connected they stay pending. */
  public static Future<RoundtableServer> start(Nodes.Node node, RoundtableConfig config, Clock clock,
      NoticeSender notices) {
    Vertx vertx = node.vertx();
    MongoStores.Options storeOptions = new MongoStores.Options(config.embeddedStore() ? null : config.mongoUri(),
        config.mongoDatabase(), config.dataDir(), config.embeddedMongoHost(), config.embeddedMongoPort());
    return MongoStores.openStorage(vertx, storeOptions).compose(storage -> startOn(node, config, clock, storage, notices));
  }

  /** Rooms and the edge on an opened store; the aggregates beside rooms take their collections from it. */
  private static Future<RoundtableServer> startOn(Nodes.Node node, RoundtableConfig config, Clock clock,
      Storage storage, NoticeSender notices) {
    Vertx vertx = node.vertx();
    RoomStore store = storage.rooms();
    return RoomRegistry.create(vertx, store,
        RoomSettings.from(config), clock, node.membership(), RoomMetrics.micrometer(node.metrics()))
        .compose(registry -> {
      NodeAdmission admission = new NodeAdmission(NodeAdmission.Limits.from(config), store::backlogMillis,
          EVENT_LOOPS);
      RoomClient rooms = new RoomClient(vertx, registry, admission);
      String secret = config.jwtSecret().isEmpty() ? Secrets.loadOrCreate(config.dataDir()) : config.jwtSecret();
      Tokens tokens = new Tokens(vertx, secret, config.tokenTtlSeconds(), config.downloadTokenTtlSeconds());
      NodeProbes probes = new NodeProbes(registry::liveRooms, store::ping);
      AtomicReference<HttpServerVerticle> edge = new AtomicReference<>();
      // wired by the lead: the Notifier over the job queue replaces NOTIFIER_NOT_WIRED.
      SeriesApi series = SeriesApi.create(vertx, storage.database(), tokens, config, clock, notices,
          NOTIFIER_NOT_WIRED, () -> config.effectivePublicUrl(edge.get().actualPort()));
      HttpServerVerticle http = new HttpServerVerticle(config, probes, rooms,
          RoomService.create(rooms, store, clock), tokens, clock, node.membership(), node.metrics(),
          List.of(series));
      edge.set(http);
      return EventLoopLagProbe.deploy(vertx, admission, EVENT_LOOPS)
          .compose(lagProbes -> vertx.deployVerticle(http)
              .map(id -> new RoundtableServer(vertx, config, store, registry, http, id, lagProbes)))
          .recover(e -> store.close().transform(ignored -> Future.failedFuture(e)));
    });
  }

  public int port() {
    return http.actualPort();
  }

  public String url() {
    return config.effectivePublicUrl(port());
  }

  public RoomRegistry rooms() {
    return registry;
  }

  /**
   * Drains this node: readiness fails, every client socket is closed with a reason that tells the client
   * to reconnect (elsewhere), the HTTP server stops, every room writes what it accepted and is handed to
   * another node, then the store closes.
   */
  public Future<Void> stop() {
    http.drain();
    return vertx.undeploy(httpDeployment)
        .transform(ar -> registry.closeAll())
        .transform(ar -> store.close())
        .transform(ar -> vertx.undeploy(lagProbes).recover(e -> Future.succeededFuture()));
  }
}
