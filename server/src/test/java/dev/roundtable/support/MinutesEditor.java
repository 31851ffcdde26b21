package dev.roundtable.support;

import dev.roundtable.domain.text.TextOperation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A co-editor of the minutes, written the way a browser client is: the classic ot.js client state machine
 * (synchronized, awaiting confirmation of one outstanding operation, awaiting with a buffer of further local
 * edits composed into one) on top of a {@link BusClient}.
 *
 * <ul>
 *   <li>Local edits apply to the local text at once. With nothing outstanding the edit is sent as
 *       {@code EditMinutes {baseRevision, ops}} with this editor's {@code clientId} and a new
 *       {@code clientSeq}; otherwise it is composed into the buffer.</li>
 *   <li>The acknowledgement is the envelope carrying this editor's own {@code clientId}/{@code clientSeq}
 *       (the sender's copy of an envelope names them). An edit that the server rebased into a no-op is
 *       answered without an envelope ({@code ok} without {@code seq}); it counts as acknowledged once the
 *       editor has caught up to the revision in that reply.</li>
 *   <li>Remote {@code MinutesEdited} operations are transformed against the outstanding operation and
 *       then the buffer with the <b>server's operation first</b> ({@code transform(serverOp, pendingOp)}),
 *       the convention the server uses when it rebases an edit.</li>
 *   <li>Envelopes are applied strictly in {@code seq} order; ephemeral frames (no {@code seq}) are ignored.
 *       On reconnect it registers again, resends its outstanding operation under the same
 *       {@code clientId}/{@code clientSeq} and replays what it missed with {@code Sync {sinceSeq}}.</li>
 * </ul>
 *
 * <p>All state is guarded by this object's monitor: frames, replies and timers arrive on event-loop threads,
 * the test reads from its own thread.
 */
public final class MinutesEditor {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCXYZ.,;\né—";

  private final Vertx vertx;
  private final String roomId;
  private final String token;
  private final String clientId;
  private final Random random;

  private BusClient client;
  private boolean online;
  private int readIndex;
  private final TreeMap<Long, JsonObject> waiting = new TreeMap<>();
  private long lastSeq;
  private long poller = -1;

  private String text;
  private int revision;
  private TextOperation outstanding;
  private long outstandingSeq = -1;
  private Integer noopAckRevision;
  private TextOperation buffer;
  private long nextClientSeq = 1;

  private int localEdits;
  private int ownRevisions;
  private int noopAcks;
  private int maxAckedRevision;
  private final Map<Integer, List<Object>> seenOps = new HashMap<>();
  private final List<String> failures = new ArrayList<>();

  private MinutesEditor(Vertx vertx, String roomId, String token, String clientId, long seed) {
    this.vertx = vertx;
    this.roomId = roomId;
    this.token = token;
    this.clientId = clientId;
    this.random = new Random(seed);
  }

  /** Joins the room on {@code client} (register, then a Sync snapshot) and starts following its events. */
  public static Future<MinutesEditor> open(Vertx vertx, BusClient client, String roomId, String token,
      String clientId, long seed) {
    MinutesEditor editor = new MinutesEditor(vertx, roomId, token, clientId, seed);
    return client.join(roomId, token).map(reply -> {
      editor.start(client, reply);
      return editor;
    });
  }

  private synchronized void start(BusClient busClient, JsonObject sync) {
    if (!sync.getBoolean("ok", false) || sync.getJsonObject("snapshot") == null) {
      throw new AssertionError(clientId + ": join failed: " + sync.encode());
    }
    JsonObject minutes = sync.getJsonObject("snapshot").getJsonObject("minutes");
    client = busClient;
    online = true;
    text = minutes.getString("text", "");
    revision = minutes.getInteger("revision");
    lastSeq = sync.getLong("seq");
    poller = vertx.setPeriodic(5, id -> poll());
  }

  // ---- the local user

  /** Makes one local edit (applied at once) and sends or buffers it. */
  public synchronized void edit(TextOperation op) {
    text = op.apply(text);
    localEdits++;
    if (outstanding == null) {
      outstanding = op;
      outstandingSeq = nextClientSeq++;
      send();
    } else {
      buffer = buffer == null ? op : buffer.compose(op);
    }
  }

  /** Inserts {@code inserted} at {@code position} of the local text. */
  public synchronized void insert(int position, String inserted) {
    edit(TextOperation.builder().retain(position).insert(inserted).retain(text.length() - position).build());
  }

  /** A random insert (two out of three) or delete of a few characters at a random position of the local text. */
  public synchronized void randomEdit() {
    int length = text.length();
    if (length == 0 || random.nextInt(3) < 2) {
      int position = random.nextInt(length + 1);
      StringBuilder word = new StringBuilder();
      for (int i = 1 + random.nextInt(4); i > 0; i--) {
        word.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      insert(position, word.toString());
    } else {
      int position = random.nextInt(length);
      int count = 1 + random.nextInt(Math.min(3, length - position));
      edit(TextOperation.builder().retain(position).delete(count).retain(length - position - count).build());
    }
  }

  /** Types {@code edits} random edits, each after a random pause of 0 to {@code maxPauseMs} ms. */
  public Future<Void> typeRandomly(int edits, int maxPauseMs) {
    Promise<Void> done = Promise.promise();
    typeNext(edits, maxPauseMs, done);
    return done.future();
  }

  private void typeNext(int left, int maxPauseMs, Promise<Void> done) {
    if (left == 0) {
      done.complete();
      return;
    }
    long pause;
    synchronized (this) {
      pause = 1 + random.nextInt(maxPauseMs + 1);
    }
    vertx.setTimer(pause, id -> {
      randomEdit();
      typeNext(left - 1, maxPauseMs, done);
    });
  }

  // ---- talking to the server

  /** Sends the outstanding operation; the future completes with the reply once it has been handled. */
  private Future<Void> send() {
    if (!online || client.isClosed()) {
      return Future.succeededFuture(); // sent again on reconnect
    }
    long seq = outstandingSeq;
    JsonObject command = new JsonObject().put("type", "EditMinutes").put("baseRevision", revision)
        .put("ops", new JsonArray(new ArrayList<>(outstanding.toComponents())));
    try {
      return client.command(roomId, token, clientId, seq, command).map(reply -> {
        onReply(seq, reply);
        return null;
      });
    } catch (RuntimeException e) {
      // The socket closed under us; the operation stays outstanding and is resent on reconnect.
      return Future.succeededFuture();
    }
  }

  private synchronized void onReply(long seq, JsonObject reply) {
    if (seq != outstandingSeq || outstanding == null) {
      return; // a late reply to an operation already acknowledged by its envelope
    }
    if (reply.getBoolean("ok", false)) {
      int replied = reply.getJsonObject("result").getInteger("revision");
      if (reply.getValue("seq") == null) {
        noopAckRevision = replied;
        noopAcks++;
        settleNoop();
      } else {
        maxAckedRevision = Math.max(maxAckedRevision, replied);
      }
      return;
    }
    // A bridge err frame instead of a reply (seen while a server shuts down) is no answer at all: resend.
    String code = reply.getJsonObject("error") == null ? "no reply: " + reply.getValue("failureType")
        : reply.getJsonObject("error").getString("code");
    if ("RATE_LIMITED".equals(code) || "UNAVAILABLE".equals(code) || reply.containsKey("type")) {
      vertx.setTimer(100, id -> {
        synchronized (this) {
          if (seq == outstandingSeq && outstanding != null && noopAckRevision == null) {
            send();
          }
        }
      });
    } else {
      failures.add(clientId + ": edit " + seq + " refused: " + reply.encode());
    }
  }

  private void poll() {
    List<JsonObject> frames;
    synchronized (this) {
      frames = client.roomEvents(roomId);
      for (int i = readIndex; i < frames.size(); i++) {
        JsonObject frame = frames.get(i);
        if (frame.getValue("seq") != null) {
          waiting.put(frame.getLong("seq"), frame);
        }
      }
      readIndex = frames.size();
      drain();
    }
  }

  private void drain() {
    while (!waiting.isEmpty() && waiting.firstKey() <= lastSeq + 1) {
      Map.Entry<Long, JsonObject> next = waiting.pollFirstEntry();
      if (next.getKey() == lastSeq + 1) {
        apply(next.getValue());
        lastSeq = next.getKey();
      }
    }
  }

  private void apply(JsonObject envelope) {
    boolean mine = clientId.equals(envelope.getString("clientId"));
    for (Object e : envelope.getJsonArray("events")) {
      JsonObject event = (JsonObject) e;
      if (!"MinutesEdited".equals(event.getString("type"))) {
        continue;
      }
      int rev = event.getInteger("revision");
      List<Object> ops = event.getJsonArray("ops").getList();
      seenOps.put(rev, List.copyOf(ops));
      if (rev != revision + 1) {
        failures.add(clientId + ": revision " + rev + " arrived at revision " + revision);
      }
      TextOperation op = TextOperation.of(ops);
      if (mine) {
        acknowledge(envelope.getLong("clientSeq"), op, rev);
      } else {
        applyRemote(op, rev);
      }
    }
    settleNoop();
  }

  private void acknowledge(long seq, TextOperation applied, int rev) {
    if (outstanding == null || seq != outstandingSeq) {
      failures.add(clientId + ": envelope of own clientSeq " + seq + " while awaiting " + outstandingSeq);
      return;
    }
    if (!applied.equals(outstanding)) {
      failures.add(clientId + ": server applied " + applied + " but the outstanding operation is " + outstanding);
    }
    revision = rev;
    ownRevisions++;
    maxAckedRevision = Math.max(maxAckedRevision, rev);
    outstanding = null;
    noopAckRevision = null;
    sendBuffer();
  }

  private void applyRemote(TextOperation op, int rev) {
    TextOperation remote = op;
    if (outstanding != null) {
      TextOperation.Pair pair = TextOperation.transform(remote, outstanding);
      outstanding = pair.bPrime();
      remote = pair.aPrime();
      if (buffer != null) {
        TextOperation.Pair second = TextOperation.transform(remote, buffer);
        buffer = second.bPrime();
        remote = second.aPrime();
      }
    }
    try {
      text = remote.apply(text);
    } catch (IllegalArgumentException e) {
      failures.add(clientId + ": cannot apply revision " + rev + ": " + e.getMessage());
    }
    revision = rev;
  }

  /** An edit the server answered as a no-op is done once this editor has seen every revision before it. */
  private void settleNoop() {
    if (noopAckRevision != null && outstanding != null && revision >= noopAckRevision) {
      if (!outstanding.isNoop()) {
        failures.add(clientId + ": the server called " + outstandingSeq + " a no-op at revision "
            + noopAckRevision + " but it is " + outstanding);
      }
      outstanding = null;
      noopAckRevision = null;
      sendBuffer();
    }
  }

  private void sendBuffer() {
    if (buffer != null) {
      outstanding = buffer;
      buffer = null;
      outstandingSeq = nextClientSeq++;
      send();
    }
  }

  /** The connection is gone (e.g. the server stopped): keep typing locally, send nothing until reconnected. */
  public synchronized void offline() {
    online = false;
  }

  /**
   * Reconnects on a new socket as PROTOCOL §13.4 says: registers, resends the outstanding operation under
   * its original {@code clientId}/{@code clientSeq} (the server answers a duplicate with the original reply
   * and applies it once) and waits for the reply, then replays what it missed with {@code Sync {sinceSeq}}.
   */
  public Future<Void> reconnect(BusClient newClient) {
    long since;
    synchronized (this) {
      client = newClient;
      readIndex = 0;
      online = true;
      since = lastSeq;
    }
    newClient.register("rt.room." + roomId + ".events", token);
    return vertx.timer(200).compose(v -> {
      synchronized (this) {
        return outstanding != null && noopAckRevision == null ? send() : Future.<Void>succeededFuture();
      }
    }).compose(v -> newClient.sync(roomId, token, since)).map(reply -> {
      synchronized (this) {
        JsonArray missed = reply.getJsonArray("events");
        if (missed == null) {
          failures.add(clientId + ": expected to replay from seq " + since + " but got " + reply.encode());
          return null;
        }
        missed.forEach(e -> waiting.put(((JsonObject) e).getLong("seq"), (JsonObject) e));
        drain();
        return null;
      }
    });
  }

  public Future<Void> close() {
    synchronized (this) {
      vertx.cancelTimer(poller);
    }
    return client.close();
  }

  // ---- what the test looks at

  /** Nothing outstanding and nothing buffered: every local edit is acknowledged. */
  public synchronized boolean settled() {
    return outstanding == null && buffer == null;
  }

  public synchronized String text() {
    return text;
  }

  public synchronized int revision() {
    return revision;
  }

  public synchronized long lastSeq() {
    return lastSeq;
  }

  public synchronized BusClient client() {
    return client;
  }

  public synchronized int localEdits() {
    return localEdits;
  }

  /** Revisions this editor's own operations produced (acknowledged by their envelope). */
  public synchronized int ownRevisions() {
    return ownRevisions;
  }

  /** Edits the server acknowledged as no-ops (rebased onto text a concurrent edit had already removed). */
  public synchronized int noopAcks() {
    return noopAcks;
  }

  /** The highest revision this editor knows to be its own and durable (from a reply or its envelope). */
  public synchronized int maxAckedRevision() {
    return maxAckedRevision;
  }

  /** Every MinutesEdited operation this editor applied, by revision. */
  public synchronized Map<Integer, List<Object>> seenOps() {
    return new HashMap<>(seenOps);
  }

  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  public String clientId() {
    return clientId;
  }

  @Override
  public synchronized String toString() {
    return clientId + "{rev " + revision + ", seq " + lastSeq + ", outstanding " + outstanding + " #" + outstandingSeq
        + ", buffer " + buffer + ", " + text.length() + " chars}";
  }
}
