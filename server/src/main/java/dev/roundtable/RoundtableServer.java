package dev.roundtable;

import dev.roundtable.cluster.Membership;
import dev.roundtable.cluster.Nodes;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.jobs.DurableJobQueue;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.NotifyOptions;
import dev.roundtable.review.ReviewService;
import dev.roundtable.review.ReviewStore;
import dev.roundtable.series.NotifiedNotices;
import java.util.function.Function;
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
import dev.roundtable.tracker.TrackerOwner;
import dev.roundtable.tracker.TrackerStore;
import dev.roundtable.web.ActionsApi;
import dev.roundtable.web.SeriesReviewApi;
import dev.roundtable.web.ReviewApi;
import dev.roundtable.web.SeriesApi;
import dev.roundtable.web.Tokens;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Roundtable node, assembled: store, room registry, job queue, HTTP edge. Start order is store, rooms,
 * jobs, edge; stop order is the reverse, so no command is accepted that cannot be written, every accepted
 * command is written before the store closes, and no job runs against a closed store. The job queue is
 * created before the aggregates that register its handlers and started once they have.
 */
public final class RoundtableServer {
  /** Vert.x's event loops for this machine: one lag probe watches each ({@link EventLoopLagProbe}). */
  private static final int EVENT_LOOPS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
  private final Vertx vertx;
  private final RoundtableConfig config;
  private final RoomStore store;
  private final RoomRegistry registry;
  private final DurableJobQueue jobs;
  private final HttpServerVerticle http;
  private final String httpDeployment;
  private final String lagProbes;

  private RoundtableServer(Vertx vertx, RoundtableConfig config, RoomStore store, RoomRegistry registry,
      DurableJobQueue jobs, HttpServerVerticle http, String httpDeployment, String lagProbes) {
    this.jobs = jobs;
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
  public static Future<RoundtableServer> start(Vertx vertx, RoundtableConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  /** A standalone node on a Vert.x instance the caller made (tests); its metrics registry is its own. */
  public static Future<RoundtableServer> start(Vertx vertx, RoundtableConfig config, Clock clock) {
    return openStorage(vertx, config)
        .compose(storage -> start(standalone(vertx), config, clock, storage, NotifiedNotices::create));
  }

  /** A standalone node whose series' notices go to {@code notices} (tests record them). */
  public static Future<RoundtableServer> start(Vertx vertx, RoundtableConfig config, Clock clock,
      NoticeSender notices) {
    return openStorage(vertx, config)
        .compose(storage -> start(standalone(vertx), config, clock, storage, notifier -> notices));
  }

  /**
   * A standalone node on a store the caller opened ({@link #openStorage}) and may have wrapped: tests hold
   * the rooms' writes this way to make the node fall behind.
   */
  public static Future<RoundtableServer> start(Vertx vertx, RoundtableConfig config, Clock clock,
      Storage storage) {
    return start(standalone(vertx), config, clock, storage, NotifiedNotices::create);
  }

  public static Future<RoundtableServer> start(Nodes.Node node, RoundtableConfig config, Clock clock) {
    return openStorage(node.vertx(), config)
        .compose(storage -> start(node, config, clock, storage, NotifiedNotices::create));
  }

  /** The node's one store connection, as the configuration names it (an external MongoDB or the embedded store). */
  public static Future<Storage> openStorage(Vertx vertx, RoundtableConfig config) {
    MongoStores.Options storeOptions = new MongoStores.Options(config.embeddedStore() ? null : config.mongoUri(),
        config.mongoDatabase(), config.dataDir(), config.embeddedMongoHost(), config.embeddedMongoPort(),
        Duration.ofSeconds(config.storeStartTimeoutSeconds()));
    return MongoStores.openStorage(vertx, storeOptions);
  }

  private static Nodes.Node standalone(Vertx vertx) {
    return new Nodes.Node(vertx, Membership.standalone(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * Rooms, jobs, notifications, series and the edge on an opened store; the aggregates beside rooms take
   * their collections from it, and a series' notices leave through what {@code notices} makes of the node's
   * notifier ({@link NotifiedNotices#create}; tests record them instead).
   */
  public static Future<RoundtableServer> start(Nodes.Node node, RoundtableConfig config, Clock clock,
      Storage storage, Function<Notifier, NoticeSender> notices) {
    Vertx vertx = node.vertx();
    RoomStore store = storage.rooms();
    DurableJobQueue jobs = DurableJobQueue.create(vertx, storage, node.membership(), clock,
        DurableJobQueue.Options.from(config));
    return RoomRegistry.create(vertx, store,
        RoomSettings.from(config), clock, node.membership(), RoomMetrics.micrometer(node.metrics()))
        .compose(registry -> Notifier.create(vertx, storage.database(), jobs, node.membership(),
            NotifyOptions.from(config), clock)
            .compose(notifier -> ReviewStore.open(vertx, storage.database()).compose(reviewStore -> {
      NodeAdmission admission = new NodeAdmission(NodeAdmission.Limits.from(config), store::backlogMillis,
          EVENT_LOOPS);
      RoomClient rooms = new RoomClient(vertx, registry, admission);
      String secret = config.jwtSecret().isEmpty() ? Secrets.loadOrCreate(config.dataDir()) : config.jwtSecret();
      Tokens tokens = new Tokens(vertx, secret, config.tokenTtlSeconds(), config.downloadTokenTtlSeconds());
      NodeProbes probes = new NodeProbes(registry::liveRooms, store::ping);
      AtomicReference<HttpServerVerticle> edge = new AtomicReference<>();
      RoomService roomService = RoomService.create(rooms, store, clock);
      ReviewService reviews = new ReviewService(reviewStore, roomService, clock);
      TrackerOwner tracker = new TrackerOwner(TrackerStore.create(vertx, storage.database()), clock);
      SeriesApi series = SeriesApi.create(vertx, storage.database(), tokens, config, clock,
          notices.apply(notifier), notifier, jobs, () -> config.effectivePublicUrl(edge.get().actualPort()),
          roomService, reviews, tracker.openItems());
      ActionsApi actions = ActionsApi.create(tracker, clock, series, roomService, jobs, notifier);
      HttpServerVerticle http = new HttpServerVerticle(config, probes, rooms, roomService, tokens, clock,
          node.membership(), node.metrics(), List.of(series, actions, new ReviewApi(reviews, tokens),
          new SeriesReviewApi(series, actions, reviews, roomService, clock)));
      edge.set(http);
      // Aggregates register their job handlers here, before the queue starts.
      return jobs.start()
          .compose(v -> EventLoopLagProbe.deploy(vertx, admission, EVENT_LOOPS))
          .compose(lagProbes -> vertx.deployVerticle(http)
              .map(id -> new RoundtableServer(vertx, config, store, registry, jobs, http, id, lagProbes)))
          .recover(e -> jobs.close().transform(ignored -> store.close())
              .transform(ignored -> Future.failedFuture(e)));
    })));
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
   * This node's job queue, for what schedules jobs once the node runs. Handlers are registered in
   * {@link #startOn}, before the queue starts, so every node knows every kind from its first claim.
   */
  public JobQueue jobs() {
    return jobs;
  }

  /**
   * Drains this node: readiness fails, every client socket is closed with a reason that tells the client
   * to reconnect (elsewhere), the HTTP server stops, every room writes what it accepted and is handed to
   * another node, then the store closes. The job queue stops before the rooms: it claims nothing more and
   * frees the jobs still running for another node.
   */
  public Future<Void> stop() {
    http.drain();
    return vertx.undeploy(httpDeployment)
        .transform(ar -> jobs.close())
        .transform(ar -> registry.closeAll())
        .transform(ar -> store.close())
        .transform(ar -> vertx.undeploy(lagProbes).recover(e -> Future.succeededFuture()));
  }
}
