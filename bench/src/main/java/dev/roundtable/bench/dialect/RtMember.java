package dev.roundtable.bench.dialect;

import dev.roundtable.bench.load.Sender;
import dev.roundtable.bench.metrics.RunStats;
import dev.roundtable.bench.metrics.SeqTracker;
import dev.roundtable.bench.transport.Endpoint;
import dev.roundtable.bench.transport.SockJsCodec;
import dev.roundtable.bench.transport.Sockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One Roundtable participant on its own SockJS WebSocket, speaking the event-bus bridge exactly as the
 * browser client does (PROTOCOL §4–§8): register on the room's events address with its token, Sync,
 * merge envelopes by {@code seq}, send commands with {@code clientId}/{@code clientSeq} and a
 * {@code replyAddress}. It checks its envelope stream is gap-free and in order, reports the {@code seq} its
 * own commands got (reply or own copy) and the receive time of everyone else's to the room's
 * {@link dev.roundtable.bench.metrics.SeqLatency}, and counts every rejection by error code.
 */
final class RtMember implements Sender {

  /** Envelopes the server records on its own; they have no sender to measure from. */
  private static final Set<String> SYSTEM_EVENTS =
      Set.of("Connected", "Disconnected", "PresenceReset", "TopicTimeUp", "SpeakerTimeUp");

  private record Pending(long sendNanos, String type, Promise<JsonObject> reply) {
  }

  private final RtRoom room;
  private final JsonObject credentials;
  private final MemberView view;
  private final boolean tracked;
  private final RunStats stats;
  private final Random random;
  private final String clientId;
  private final Map<Long, Pending> pending = new HashMap<>();
  private final Map<String, Promise<JsonObject>> syncs = new HashMap<>();
  private long clientSeq;
  private ClientWebSocket ws;
  private boolean closing;
  private Promise<Void> opened;

  private SeqTracker tracker;
  /** The seq of the Sync snapshot this member started from. */
  private long syncedSeq;
  private List<JsonObject> buffered = new ArrayList<>();

  /**
   * @param credentials the REST answer ({@code token}, {@code participantId}, …)
   * @param tracked     false for churn members: they only connect, sync and leave
   */
  RtMember(RtRoom room, JsonObject credentials, boolean tracked, RunStats stats, Random random) {
    this.room = room;
    this.credentials = credentials;
    this.view = new MemberView(room, credentials);
    this.tracked = tracked;
    this.stats = stats;
    this.random = random;
    this.clientId = "bench-" + room.index() + "-" + credentials.getString("participantId") + "-"
        + Integer.toHexString(random.nextInt());
  }

  /** Opens the SockJS WebSocket; completes on the SockJS {@code o} frame. */
  Future<Void> connect(WebSocketClient client, Endpoint node) {
    opened = Promise.promise();
    String uri = "/eventbus/" + String.format("%03d", random.nextInt(1000)) + "/" + session() + "/websocket";
    return Sockets.open(client, node, uri, this::onText, e -> stats.error("socket:" + e.getClass().getSimpleName()),
        v -> onClose())
        .compose(socket -> {
          ws = socket;
          return opened.future();
        });
  }

  /** Registers on the events address, then Syncs (PROTOCOL §7.1); completes when the snapshot is in. */
  Future<Void> join() {
    write(BridgeFrames.register(room.eventsAddress(), credentials.getString("token")));
    return sync().map(reply -> {
      view.fromSnapshot(reply.getJsonObject("snapshot"));
      syncedSeq = reply.getLong("seq");
      tracker = new SeqTracker(syncedSeq);
      // Envelopes that arrived while the Sync was answered: those at or below its seq are in the snapshot.
      List<JsonObject> early = buffered;
      buffered = null;
      early.sort(Comparator.comparingLong(e -> e.getLong("seq")));
      for (JsonObject envelope : early) {
        if (envelope.getLong("seq") > tracker.last()) {
          apply(envelope);
        }
      }
      return null;
    });
  }

  /** Sends a command and completes with its reply (rejections complete too; they are counted here). */
  Future<JsonObject> command(JsonObject command) {
    long seq = ++clientSeq;
    long now = System.nanoTime();
    Promise<JsonObject> reply = Promise.promise();
    pending.put(seq, new Pending(now, command.getString("type"), reply));
    stats.commandSent(now);
    write(BridgeFrames.send(room.commandAddress(), credentials.getString("token"),
        new JsonObject().put("clientId", clientId).put("clientSeq", seq).put("command", command), "r" + seq));
    return reply.future();
  }

  @Override
  public void sendNext() {
    if (ws == null || closing || tracker == null) {
      return;
    }
    command(MeetingMix.next(view, random));
  }

  /** Bridge keep-alive (PROTOCOL §4.1: at least every 10 s). */
  void ping() {
    if (ws != null && !closing) {
      write(BridgeFrames.ping());
    }
  }

  Future<Void> close() {
    closing = true;
    return ws == null ? Future.succeededFuture() : ws.close().recover(e -> Future.succeededFuture());
  }

  SeqTracker tracker() {
    return tracker;
  }

  void noteId(String noteId) {
    view.noteId(noteId);
  }

  private Future<JsonObject> sync() {
    String address = "s" + (++clientSeq);
    Promise<JsonObject> reply = Promise.promise();
    syncs.put(address, reply);
    write(BridgeFrames.send(room.commandAddress(), credentials.getString("token"),
        new JsonObject().put("command", new JsonObject().put("type", "Sync")), address));
    return reply.future().map(r -> {
      if (!r.getBoolean("ok", false)) {
        throw new IllegalStateException("Sync refused: " + r.encode());
      }
      return r;
    });
  }

  private void write(JsonObject frame) {
    ws.writeTextMessage(SockJsCodec.encode(frame.encode()));
  }

  private void onText(String raw) {
    SockJsCodec.Frame frame;
    try {
      frame = SockJsCodec.parse(raw);
    } catch (IllegalArgumentException e) {
      stats.error("bad-sockjs-frame");
      return;
    }
    switch (frame.kind()) {
      case OPEN -> opened.tryComplete();
      case CLOSE -> {
        if (!closing) {
          stats.error("sockjs-close:" + frame.closeCode());
        }
      }
      case MESSAGES -> {
        // Wire size per message: the frame's share, SockJS escaping included (peers are sized alike).
        int size = raw.length() / Math.max(1, frame.messages().size());
        for (String message : frame.messages()) {
          onMessage(message, size);
        }
      }
      default -> {
      }
    }
  }

  private void onMessage(String message, int wireSize) {
    JsonObject frame = new JsonObject(message);
    String address = frame.getString("address");
    if ("err".equals(frame.getString("type"))) {
      onErr(frame, address);
      return;
    }
    JsonObject body = frame.getJsonObject("body");
    if (room.eventsAddress().equals(address)) {
      onEnvelope(body, wireSize);
    } else if (address != null && address.startsWith("r")) {
      onReply(Long.parseLong(address.substring(1)), body);
    } else if (address != null && syncs.containsKey(address)) {
      syncs.remove(address).complete(body);
    }
  }

  /**
   * A bridge {@code err} frame: a refused register (body with an error code), a malformed frame (body is
   * the bridge's code) or a send whose reply never came ({@code failureType}, e.g. TIMEOUT after 30 s).
   */
  private void onErr(JsonObject frame, String address) {
    String code = BridgeFrames.errorCode(frame);
    stats.error("bridge:" + code);
    if (address != null && address.startsWith("r")) {
      Pending p = pending.remove(Long.parseLong(address.substring(1)));
      if (p != null) {
        p.reply().tryFail("bridge " + code);
      }
    }
  }

  private void onEnvelope(JsonObject envelope, int size) {
    if (envelope.containsKey("ephemeral") || !tracked) {
      return;
    }
    if (tracker == null) {
      buffered.add(envelope);
      return;
    }
    if (envelope.getLong("seq") <= syncedSeq) {
      // Already in the Sync snapshot: in a cluster the Sync reply can overtake the room's last envelopes
      // before it (a reply is sent straight back, a publish waits for the cluster's subscription lookup).
      return;
    }
    stats.frameSize(size);
    apply(envelope);
  }

  private void apply(JsonObject envelope) {
    long now = System.nanoTime();
    long seq = envelope.getLong("seq");
    tracker.accept(seq);
    room.seen(seq);
    JsonArray events = envelope.getJsonArray("events", new JsonArray());
    if (clientId.equals(envelope.getString("clientId"))) {
      Pending p = pending.get(envelope.getLong("clientSeq"));
      if (p != null) {
        room.latency().sent(seq, p.sendNanos(), now);
      }
    } else if (!events.isEmpty() && !SYSTEM_EVENTS.contains(events.getJsonObject(0).getString("type"))) {
      room.latency().received(seq, now);
    }
    view.apply(events);
  }

  private void onReply(long seq, JsonObject body) {
    Pending p = pending.remove(seq);
    if (p == null) {
      stats.error("unexpected-reply");
      return;
    }
    if (body.getBoolean("ok", false)) {
      Long roomSeq = body.getLong("seq");
      if (roomSeq != null) {
        room.latency().sent(roomSeq, p.sendNanos(), System.nanoTime());
      }
    } else {
      String code = body.getJsonObject("error", new JsonObject()).getString("code", "?");
      stats.error(code);
      view.undo(p.type());
    }
    p.reply().complete(body);
  }

  private void onClose() {
    if (!closing) {
      stats.error("socket-closed");
    }
    for (Pending p : pending.values()) {
      p.reply().tryFail("socket closed");
    }
    pending.clear();
  }

  /** Requests whose reply has not come (reported as errors at the end of a run). */
  int unanswered() {
    return pending.size();
  }

  private String session() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
