package dev.roundtable.bench.chaos;

import dev.roundtable.bench.dialect.BridgeFrames;
import dev.roundtable.bench.dialect.MeetingMix;
import dev.roundtable.bench.dialect.MemberView;
import dev.roundtable.bench.transport.Endpoint;
import dev.roundtable.bench.transport.SockJsCodec;
import dev.roundtable.bench.transport.Sockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A participant that behaves as the web client does when things break (PROTOCOL §6-§7): one command at a
 * time with {@code clientId}/{@code clientSeq}; when the socket closes it reconnects to the next node,
 * registers, Syncs from the last seq it saw (a resync) and resends the unanswered command with the same
 * {@code clientSeq}; an {@code UNAVAILABLE} reply, a bridge {@code err} or no answer within
 * {@value #ANSWER_TIMEOUT_MS} ms is retried the same way after a pause. Every acknowledgement goes to the
 * {@link Ledger}, every error to the phase's {@link Counters}. Confined to the client's one event loop.
 */
final class ChaosMember {
  private static final long ANSWER_TIMEOUT_MS = 40_000;
  private static final long RETRY_MS = 500;
  private static final long RECONNECT_MS = 300;
  /** Bridge keep-alive (PROTOCOL §4.1: at least every 10 s). */
  private static final long PING_MS = 5_000;
  private static final Set<String> RETRYABLE = Set.of("UNAVAILABLE", "INTERNAL", "RATE_LIMITED");

  private record Pending(long clientSeq, JsonObject command, Promise<JsonObject> promise) {
  }

  private final Vertx vertx;
  private final WebSocketClient client;
  private final List<Endpoint> nodes;
  private final ChaosRoom room;
  private final JsonObject credentials;
  private final Ledger ledger;
  private final Supplier<Counters> counters;
  private final Random random;
  private final String clientId;
  private int node;
  private ClientWebSocket ws;
  private boolean ready;
  private boolean stopped;
  private boolean everSynced;
  private long clientSeq;
  private int attempt;
  private Pending pending;
  private long answerTimer = -1;
  private long pingTimer = -1;
  private long lastSeq;
  private Promise<Void> synced = Promise.promise();
  private final MemberView view;

  ChaosMember(Vertx vertx, WebSocketClient client, List<Endpoint> nodes, int home, ChaosRoom room,
      JsonObject credentials, Ledger ledger, Supplier<Counters> counters, Random random) {
    this.vertx = vertx;
    this.client = client;
    this.nodes = nodes;
    this.node = home;
    this.room = room;
    this.credentials = credentials;
    this.ledger = ledger;
    this.counters = counters;
    this.random = random;
    this.view = new MemberView(room, credentials);
    this.clientId = "chaos-" + credentials.getString("participantId") + "-" + Integer.toHexString(random.nextInt());
  }

  /** Connects to its home node, registers and Syncs. */
  Future<Void> start() {
    pingTimer = vertx.setPeriodic(PING_MS, id -> {
      if (ws != null) {
        write(BridgeFrames.ping());
      }
    });
    connect();
    return synced.future();
  }

  /** Sends one command and completes with its final answer (acknowledged, or refused for good). */
  Future<JsonObject> submit(JsonObject command) {
    if (pending != null) {
      return Future.failedFuture("a command is already pending");
    }
    pending = new Pending(++clientSeq, command, Promise.promise());
    transmit();
    return pending.promise().future();
  }

  /** The meeting workload, one command at a time, about every {@code thinkMs}. */
  void run(long thinkMs) {
    if (stopped) {
      return;
    }
    vertx.setTimer(Math.max(1, thinkMs / 2 + random.nextInt((int) Math.max(1, thinkMs))), id -> {
      if (stopped) {
        return;
      }
      submit(MeetingMix.next(view, random)).onComplete(ar -> run(thinkMs));
    });
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(answerTimer);
    vertx.cancelTimer(pingTimer);
    if (ws != null) {
      ws.close();
    }
  }

  void noteId(String noteId) {
    view.noteId(noteId);
  }

  /** Where this member stands, for the run's log when a room is slow to answer again. */
  String describe() {
    return clientId + " node" + (node + 1) + (ws == null ? " no socket" : ready ? " synced" : " syncing")
        + (pending == null ? " idle" : " waiting on #" + pending.clientSeq() + " " + pending.command().getString("type"));
  }

  /** The node this member is connected to now. */
  int node() {
    return node;
  }

  // ---- connection

  private void connect() {
    if (stopped) {
      return;
    }
    String uri = "/eventbus/" + random.nextInt(1000) + "/" + Long.toHexString(random.nextLong()) + "/websocket";
    Sockets.open(client, nodes.get(node), uri, this::onText, e -> { }, v -> onClose())
        .onSuccess(socket -> ws = socket)
        .onFailure(e -> {
          node = (node + 1) % nodes.size();
          vertx.setTimer(RECONNECT_MS, id -> connect());
        });
  }

  private void onOpen() {
    write(BridgeFrames.register(room.eventsAddress(), credentials.getString("token")));
    requestSync();
  }

  private void requestSync() {
    JsonObject sync = new JsonObject().put("type", "Sync");
    if (everSynced) {
      sync.put("sinceSeq", lastSeq);
    }
    write(send(new JsonObject().put("command", sync), "s" + (++attempt)));
    ClientWebSocket socket = ws;
    vertx.setTimer(ANSWER_TIMEOUT_MS, id -> {
      if (!ready && ws == socket && socket != null) {
        counters.get().error("sync:no-answer");
        socket.close();
      }
    });
  }

  private void onSynced(JsonObject reply) {
    if (!reply.getBoolean("ok", false)) {
      counters.get().error("sync:" + reply.getJsonObject("error", new JsonObject()).getString("code", "?"));
      syncLater();
      return;
    }
    if (everSynced) {
      counters.get().resync();
    }
    everSynced = true;
    JsonObject snapshot = reply.getJsonObject("snapshot");
    if (snapshot != null) {
      view.fromSnapshot(snapshot);
      lastSeq = reply.getLong("seq");
    } else {
      reply.getJsonArray("events", new JsonArray()).forEach(e -> onEnvelope((JsonObject) e));
    }
    ready = true;
    synced.tryComplete();
    if (pending != null) {
      transmit();
    }
  }

  /** A refused or failed Sync is asked again after a pause, on the same socket. */
  private void syncLater() {
    ClientWebSocket socket = ws;
    vertx.setTimer(RETRY_MS + random.nextInt((int) RETRY_MS), id -> {
      if (!ready && ws == socket && socket != null) {
        requestSync();
      }
    });
  }

  String token() {
    return credentials.getString("token");
  }

  ChaosRoom room() {
    return room;
  }

  private void onClose() {
    ws = null;
    ready = false;
    vertx.cancelTimer(answerTimer);
    if (stopped) {
      return;
    }
    counters.get().error("socket-closed");
    counters.get().reconnect();
    node = (node + 1) % nodes.size();
    vertx.setTimer(RECONNECT_MS, id -> connect());
  }

  // ---- commands

  private void transmit() {
    if (!ready || pending == null) {
      return;
    }
    JsonObject body = new JsonObject().put("clientId", clientId).put("clientSeq", pending.clientSeq())
        .put("command", pending.command());
    write(send(body, "r" + pending.clientSeq() + "." + (++attempt)));
    vertx.cancelTimer(answerTimer);
    long seq = pending.clientSeq();
    answerTimer = vertx.setTimer(ANSWER_TIMEOUT_MS, id -> {
      if (pending != null && pending.clientSeq() == seq) {
        counters.get().error("no-answer");
        transmit();
      }
    });
  }

  private void retryLater() {
    vertx.cancelTimer(answerTimer);
    long seq = pending.clientSeq();
    vertx.setTimer(RETRY_MS + random.nextInt((int) RETRY_MS), id -> {
      if (pending != null && pending.clientSeq() == seq) {
        transmit();
      }
    });
  }

  private void onReply(String address, JsonObject body) {
    if (pending == null || !address.startsWith("r" + pending.clientSeq() + ".")) {
      return;
    }
    if (body.getBoolean("ok", false)) {
      vertx.cancelTimer(answerTimer);
      Pending done = pending;
      pending = null;
      Long seq = body.getLong("seq");
      if (seq != null) {
        ledger.acked(room.roomId(), clientId, done.clientSeq(), seq);
      }
      counters.get().acked();
      room.answered(node, System.nanoTime());
      done.promise().complete(body);
      return;
    }
    String code = body.getJsonObject("error", new JsonObject()).getString("code", "?");
    counters.get().error(code);
    if (RETRYABLE.contains(code)) {
      retryLater();
      return;
    }
    vertx.cancelTimer(answerTimer);
    Pending done = pending;
    pending = null;
    view.undo(done.command().getString("type"));
    done.promise().complete(body);
  }

  private void onErr(JsonObject frame) {
    String address = frame.getString("address");
    String code = BridgeFrames.errorCode(frame);
    counters.get().error("bridge:" + code);
    if (address != null && address.startsWith("s")) {
      syncLater();
      return;
    }
    if (pending != null && address != null && address.startsWith("r" + pending.clientSeq() + ".")) {
      retryLater();
    }
  }

  // ---- frames

  private JsonObject send(JsonObject body, String replyAddress) {
    return BridgeFrames.send(room.commandAddress(), credentials.getString("token"), body, replyAddress);
  }

  private void write(JsonObject frame) {
    if (ws != null) {
      ws.writeTextMessage(SockJsCodec.encode(frame.encode()));
    }
  }

  private void onText(String raw) {
    SockJsCodec.Frame frame;
    try {
      frame = SockJsCodec.parse(raw);
    } catch (IllegalArgumentException e) {
      counters.get().error("bad-sockjs-frame");
      return;
    }
    switch (frame.kind()) {
      case OPEN -> onOpen();
      case MESSAGES -> frame.messages().forEach(this::onMessage);
      default -> {
      }
    }
  }

  private void onMessage(String message) {
    JsonObject frame = new JsonObject(message);
    if ("err".equals(frame.getString("type"))) {
      onErr(frame);
      return;
    }
    String address = frame.getString("address", "");
    JsonObject body = frame.getJsonObject("body");
    if (address.equals(room.eventsAddress())) {
      if (!body.containsKey("ephemeral")) {
        onEnvelope(body);
      }
    } else if (address.startsWith("s")) {
      onSynced(body);
    } else if (address.startsWith("r")) {
      onReply(address, body);
    }
  }

  private void onEnvelope(JsonObject envelope) {
    long seq = envelope.getLong("seq");
    if (seq <= lastSeq) {
      return;
    }
    lastSeq = seq;
    view.apply(envelope.getJsonArray("events", new JsonArray()));
  }
}
