package dev.roundtable.web;

import dev.roundtable.cluster.Membership;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.room.RoomClient;
import dev.roundtable.room.RoomService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The network edge: HTTP API, health, Prometheus metrics, static web client, and the SockJS event-bus
 * bridge at {@code /eventbus}. It translates between the wire and room commands and holds no room state.
 */
public final class HttpServerVerticle extends VerticleBase {
  private static final String WEBROOT = "webroot";
  /** Versioned library files from WebJars (the SockJS client); their paths change with the version. */
  private static final String WEBJARS = "META-INF/resources/webjars";
  private static final String SOCKJS_CLIENT = "/webjars/sockjs-client/1.5.1/sockjs.min.js";

  /** An HTTP request not answered within this long is answered 503 UNAVAILABLE (above the rooms' 15 s reply wait). */
  static final long HTTP_TIMEOUT_MS = 20_000;

  /** The longest body read only to be refused; a longer one is refused without reading it (the connection closes). */
  private static final long DRAINED_BYTES = 1 << 20;

  private final RoundtableConfig config;
  private final RoomClient rooms;
  private final RoomService roomService;
  private final NodeProbes probes;
  private final Tokens tokens;
  private final Clock clock;
  private final Membership membership;
  private final PrometheusMeterRegistry metrics;
  private final List<ApiRoutes> apis;
  private EventBridge bridge;
  private HttpServer server;
  private volatile boolean draining;

  public HttpServerVerticle(RoundtableConfig config, NodeProbes probes, RoomClient rooms,
      RoomService roomService, Tokens tokens, Clock clock, Membership membership,
      PrometheusMeterRegistry metrics, List<ApiRoutes> apis) {
    this.config = config;
    this.apis = List.copyOf(apis);
    this.probes = probes;
    this.rooms = rooms;
    this.roomService = roomService;
    this.tokens = tokens;
    this.clock = clock;
    this.membership = membership;
    this.metrics = metrics;
  }

  /**
   * The first step of a graceful stop: readiness fails from now on (so a load balancer sends nobody new),
   * and every client socket is closed with {@link EventBridge#SHUTDOWN_CODE}, which clients take as "reconnect
   * now" rather than as a network failure to back off from.
   */
  public void drain() {
    draining = true;
    context.runOnContext(v -> bridge.closeAll());
  }

  /** The port the server listens on (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    mountHealth(router);
    mountMetrics(router);
    mountApi(router);
    mountEventBusBridge(router);
    mountWebClient(router);
    router.route().failureHandler(this::onFailure);
    return warmUp().compose(v -> listen(router));
  }

  /** Before listening, so that nothing a request needs is loaded for the first time on an event loop. */
  private Future<Void> warmUp() {
    return vertx.executeBlocking(() -> {
      Warmup.run(tokens);
      return null;
    });
  }

  private void mountHealth(Router router) {
    router.route("/health/*").handler(TimeoutHandler.create(HTTP_TIMEOUT_MS, 503));
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/health/ready").handler(this::readiness);
  }

  /** Ready only when this node can do its work: not draining, in its cluster, and its store answers. */
  private void readiness(RoutingContext ctx) {
    JsonObject status = new JsonObject().put("rooms", probes.liveRooms().getAsInt())
        .put("cluster", new JsonObject().put("node", membership.self()).put("members", membership.members().size())
            .put("reachable", membership.reachable()));
    if (draining || !membership.reachable()) {
      notReady(ctx, status.put("reason", draining ? "draining" : "not in the cluster"));
      return;
    }
    probes.storePing().get()
        .onSuccess(v -> ctx.json(status.put("status", "ready").put("store", "up")))
        .onFailure(e -> notReady(ctx, status.put("reason", "store unreachable").put("store", e.getMessage())));
  }

  private static void notReady(RoutingContext ctx, JsonObject status) {
    ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
        .end(status.put("status", "unavailable").encode());
  }

  private void mountMetrics(Router router) {
    Gauge.builder("roundtable.rooms.live", probes, p -> p.liveRooms().getAsInt())
        .description("rooms owned by this node").register(metrics);
    Gauge.builder("roundtable.sockets.connected", this, v -> v.bridge == null ? 0 : v.bridge.openSockets())
        .description("client sockets open on this node").register(metrics);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
  }

  private void mountApi(Router router) {
    RestApi api = new RestApi(roomService, tokens, config.publicUrl());
    router.route("/api/*").handler(TimeoutHandler.create(HTTP_TIMEOUT_MS, 503));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxCommandBytes());
    // The routes anyone may call without a token, limited per client address before the body is read.
    ClientAddress clients = new ClientAddress(config.trustedProxyRanges());
    RateLimitHandler creates = new RateLimitHandler(new AddressRateLimiter(config.roomCreatesPerMinute(),
        config.roomCreateBurst(), AddressRateLimiter.DEFAULT_MAX_ADDRESSES, clock::millis), clients, "room creations");
    RateLimitHandler joins = new RateLimitHandler(new AddressRateLimiter(config.joinsPerMinute(),
        config.joinBurst(), AddressRateLimiter.DEFAULT_MAX_ADDRESSES, clock::millis), clients, "joins");
    router.post("/api/rooms").handler(creates).handler(body).handler(api::createRoom);
    router.post("/api/join").handler(joins).handler(body).handler(api::join);
    router.get("/api/rooms/:roomId").handler(api::summary);
    router.post("/api/rooms/:roomId/downloads").handler(api::download);
    router.get("/api/rooms/:roomId/minutes.md").handler(api::minutesMarkdown);
    router.get("/api/rooms/:roomId/minutes.html").handler(api::minutesHtml);
    router.get("/api/join/:code/qr.svg").handler(joins).handler(api::joinQrCode);
    apis.forEach(group -> group.mount(router));
    router.route("/api/*").handler(ctx -> HttpErrors.send(ctx, ErrorCode.NOT_FOUND,
        "no such API route: " + ctx.request().method() + " " + ctx.request().path()));
  }

  /**
   * The bridge at {@code /eventbus}: the SockJS WebSocket transport and the raw WebSocket endpoint are served
   * by {@link Sessions} (the batching fast path); SockJS's info endpoint and fallback transports by vertx-web.
   * The two WebSocket routes come first, so they shadow vertx-web's own.
   */
  private void mountEventBusBridge(Router router) {
    bridge = new EventBridge(vertx, new BridgeAdmission(tokens, clock, config.maxCommandBytes(),
        config.commandsPerSecond(), config.commandBurst()), new RoomSubscribers(vertx, rooms), rooms,
        new SocketBudget(config.maxSocketCommandsInFlight(), config.retryAfterMs()));
    vertx.eventBus().<String>consumer(Addresses.PRESENCE_RECOUNT, m -> bridge.recount(m.body()));
    router.get("/eventbus/websocket")
        .handler(ctx -> upgrade(ctx, ws -> Sessions.raw(ws, bridge::onMessage, bridge::closed)));
    Sessions.Flusher flusher = new Sessions.Flusher(context);
    router.get("/eventbus/:server/:session/websocket")
        .handler(ctx -> upgrade(ctx, ws -> Sessions.sockJs(vertx, flusher, ws, bridge::onMessage, bridge::closed)));
    SockJSHandler sockJs = SockJSHandler.create(vertx, new SockJSHandlerOptions().setLibraryURL(SOCKJS_CLIENT));
    // vertx-web's XHR transports read a POST's body only after a BodyHandler: the same size limit as a
    // WebSocket message (413 TOO_LARGE beyond it), and the same strict UTF-8 (400 BAD_JSON otherwise).
    router.post("/eventbus/*").handler(RequestParts.refuseLonger(WebSocketMessages.MAX_MESSAGE_BYTES, DRAINED_BYTES,
        "the request is too large"));
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(WebSocketMessages.MAX_MESSAGE_BYTES))
        .handler(HttpServerVerticle::strictUtf8);
    router.route("/eventbus/*").subRouter(sockJs.socketHandler(socket -> {
      socket.setWriteQueueMaxSize(config.maxSocketOutboundBytes());
      ClientSession session = Sessions.fallback(socket, bridge::onMessage, bridge::closed);
      session.backlogged = socket::writeQueueFull;
      bridge.opened(session);
    }));
  }

  private static void strictUtf8(RoutingContext ctx) {
    if (ctx.body().buffer() != null && ClientJson.utf8(ctx.body().buffer()) == null) {
      HttpErrors.send(ctx, ErrorCode.BAD_JSON, "the request is not valid UTF-8");
      return;
    }
    ctx.next();
  }

  private void upgrade(RoutingContext ctx, Function<ServerWebSocket, ClientSession> transport) {
    ctx.request().toWebSocket()
        .onSuccess(ws -> {
          ws.setWriteQueueMaxSize(config.maxSocketOutboundBytes());
          ClientSession session = transport.apply(ws);
          session.backlogged = ws::writeQueueFull;
          bridge.opened(session);
        })
        .onFailure(e -> {
          if (!ctx.response().ended()) {
            ctx.response().setStatusCode(400).end("Can \"Upgrade\" only to \"WebSocket\".");
          }
        });
  }

  private void mountWebClient(Router router) {
    // No fingerprinted file names yet: let browsers revalidate rather than keep a stale module for a day.
    router.route("/webjars/*").handler(StaticHandler.create(WEBJARS));
    // A series link is <base>series#<token> (PROTOCOL.md §14.1): the path names the page, the token stays client-side.
    router.get("/series").handler(ctx -> ctx.reroute("/series.html"));
    router.route("/*").handler(StaticHandler.create(WEBROOT).setCachingEnabled(false));
  }

  private Future<HttpServer> listen(Router router) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.httpHost())
        .setPort(config.httpPort())
        .setCompressionSupported(true)
        // One limit for a frame and a message: a larger single frame is refused by Netty's decoder (1009).
        .setMaxWebSocketFrameSize(WebSocketMessages.MAX_MESSAGE_BYTES)
        .setMaxWebSocketMessageSize(WebSocketMessages.MAX_MESSAGE_BYTES);
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  private void onFailure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    ErrorCode code = switch (status) {
      case 400 -> ErrorCode.BAD_JSON;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 413 -> ErrorCode.TOO_LARGE;
      case 503 -> ErrorCode.UNAVAILABLE;
      default -> ErrorCode.INTERNAL;
    };
    if (status == 404 || status == 405) {
      ctx.response().setStatusCode(status).end();
      return;
    }
    HttpErrors.send(ctx, code, switch (status) {
      case 413 -> "the request is too large";
      case 503 -> "the server could not answer in time; retry";
      default -> "the request failed";
    });
  }
}
