package dev.roundtable.room;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.Command;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Limits;
import dev.roundtable.domain.Event;
import dev.roundtable.domain.MeetingCommands.ResetPresence;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Participant;
import dev.roundtable.domain.Rejection;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.domain.TimerCommands.Tick;
import dev.roundtable.domain.Views;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Envelopes;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.Replies;
import dev.roundtable.store.LogEntry;
import dev.roundtable.store.RoomStore;
import dev.roundtable.store.Snapshot;
import dev.roundtable.store.StoredRoom;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one owner of a live room: every command for the room passes through this verticle, on its one
 * event-loop thread, in arrival order. For each command it decides ({@link Room#apply}), gives an accepted
 * command the next room sequence number, has it written durably, and only then replies to the sender and
 * publishes the events on the room's events address, in sequence order.
 *
 * <p>Two states are kept: {@code working} includes commands still being written, so that commands arriving
 * meanwhile are decided against them; {@code durable} includes only what the store has acknowledged, and is
 * all anyone outside ever sees (snapshots, resync). Writes are grouped: while one batch is being written,
 * newly accepted commands collect into the next one. If a write fails, nothing after the last durable
 * sequence number can be trusted: the pending commands are answered UNAVAILABLE and the room unloads
 * itself, so the next command reloads it from the store, which is the truth.
 *
 * <p>Deadlines are the server's: a timer is set for the earliest unannounced run-out and a {@link Tick}
 * announces it once. On load, a Tick runs at once, so a countdown that ran out while no server held the
 * room is announced exactly once.
 */
final class RoomVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RoomVerticle.class);
  private static final int MAX_CLIENT_ID_CHARS = 64;
  /** A room whose meeting was never created (a refused creation) holds nothing worth keeping loaded. */
  private static final long UNCREATED_IDLE_MS = 5_000;

  private final String roomId;
  private final RoomStore store;
  private final RoomSettings settings;
  private final Clock clock;
  private final RoomMetrics metrics;
  private final Consumer<RoomVerticle> onClosed;

  private RoomState working;
  private long workingSeq;
  private RoomState durable;
  private long durableSeq;
  private long snapshotSeq;
  private final ArrayDeque<LogEntry> recent = new ArrayDeque<>();
  private final ReplyCache replies = new ReplyCache();
  private final Map<String, Pending> inFlight = new HashMap<>();
  private List<Pending> queued = new ArrayList<>();
  private List<Pending> writing;
  private Promise<Void> drained;

  private MessageConsumer<Object> consumer;
  private long deadlineTimer = -1;
  private long idleTimer = -1;
  private long lastActivity;
  private boolean closing;

  RoomVerticle(String roomId, RoomStore store, RoomSettings settings, Clock clock, RoomMetrics metrics,
      Consumer<RoomVerticle> onClosed) {
    this.roomId = roomId;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.onClosed = onClosed;
  }

  String roomId() {
    return roomId;
  }

  @Override
  public Future<?> start() {
    return store.load(roomId, settings.resyncWindow())
        .map(this::replay)
        .compose(v -> announceMissedWhileUnloaded())
        .compose(v -> listen())
        .onSuccess(v -> {
          vertx.eventBus().publish(Addresses.PRESENCE_RECOUNT, roomId);
          watchIdleness();
          log(Level.INFO).log("room loaded at seq {}", durableSeq);
        });
  }

  /** Undeploying (shutdown or hand-over) first lets every accepted command reach the store. */
  @Override
  public Future<?> stop() {
    closing = true;
    vertx.cancelTimer(deadlineTimer);
    vertx.cancelTimer(idleTimer);
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.compose(v -> whenDrained()).compose(v -> saveSnapshot()).recover(e -> {
      log(Level.WARN).log("room stopped with an incomplete flush: {}", e.toString());
      return Future.succeededFuture();
    });
  }

  // ---- loading

  private Void replay(StoredRoom stored) {
    RoomState state = RoomState.empty(roomId, settings.speakerLimitSeconds());
    long seq = 0;
    if (stored.snapshot() != null) {
      state = Codec.state(stored.snapshot().state());
      seq = stored.snapshot().seq();
      replies.load(stored.snapshot().replies());
    }
    for (LogEntry entry : stored.entries()) {
      if (entry.seq() <= seq) {
        keepForResync(entry);
        continue;
      }
      if (entry.seq() != seq + 1) {
        throw new IllegalStateException("room " + roomId + " log has a gap after seq " + seq);
      }
      state = Room.fold(state, Codec.events(entry.events()));
      seq = entry.seq();
      remember(entry);
    }
    working = durable = state;
    workingSeq = durableSeq = seq;
    snapshotSeq = stored.snapshot() == null ? 0 : stored.snapshot().seq();
    lastActivity = clock.millis();
    return null;
  }

  private Future<Void> listen() {
    consumer = vertx.eventBus().consumer(Addresses.commands(roomId), this::onMessage);
    return consumer.completion();
  }

  /** Before anyone is served: presence from a gone process is cleared, and run-outs missed are announced. */
  private Future<Void> announceMissedWhileUnloaded() {
    execute(Actor.system(), new ResetPresence(), null, null, null);
    execute(Actor.system(), new Tick(), null, null, null);
    return whenDrained();
  }

  // ---- commands

  private void onMessage(Message<Object> message) {
    lastActivity = clock.millis();
    if (closing) {
      reply(message, Replies.error(ErrorCode.UNAVAILABLE, "the room is being unloaded; retry"));
      return;
    }
    if (!(message.body() instanceof JsonObject body)) {
      reply(message, Replies.error(ErrorCode.BAD_JSON, "the message body must be a JSON object"));
      return;
    }
    Actor actor = actorOf(message);
    if (actor == null) {
      reply(message, Replies.error(ErrorCode.UNAUTHORIZED, "the message carries no verified sender"));
      return;
    }
    Object command = body.getValue("command");
    if (!(command instanceof JsonObject commandJson)) {
      reply(message, Replies.error(ErrorCode.INVALID_FIELD, "command must be a JSON object"));
      return;
    }
    if (Codec.SYNC.equals(commandJson.getValue("type"))) {
      reply(message, sync(commandJson, actor));
      return;
    }
    if (Codec.CURSOR.equals(commandJson.getValue("type"))) {
      reply(message, relayCursor(commandJson, actor));
      return;
    }
    Object clientId = body.getValue("clientId");
    Object clientSeq = body.getValue("clientSeq");
    if (clientId != null || clientSeq != null) {
      if (!(clientId instanceof String id) || id.isEmpty() || id.length() > MAX_CLIENT_ID_CHARS
          || !(clientSeq instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
        reply(message, Replies.error(ErrorCode.INVALID_FIELD,
            "clientId must be a string of 1 to " + MAX_CLIENT_ID_CHARS
                + " characters and clientSeq a non-negative whole number, both or neither"));
        return;
      }
    }
    String cid = (String) clientId;
    Long cseq = clientSeq == null ? null : ((Number) clientSeq).longValue();
    if (cid != null && answeredBefore(actorName(actor), cid, cseq, message)) {
      return;
    }
    Codec.Result<Command> decoded = Codec.command(commandJson);
    if (!decoded.ok()) {
      reply(message, Replies.error(decoded.rejection()));
      return;
    }
    if (pendingCount() >= settings.maxPendingCommands()) {
      reply(message, Replies.error(ErrorCode.UNAVAILABLE, "the room is busy; retry shortly"));
      return;
    }
    execute(actor, decoded.value(), cid, cseq, message);
  }

  /** A resend of a command already applied (or being written) gets the original reply, once written. */
  private boolean answeredBefore(String actor, String clientId, long clientSeq, Message<Object> message) {
    JsonObject previous = replies.get(actor, clientId, clientSeq);
    if (previous != null) {
      reply(message, previous);
      return true;
    }
    Pending pending = inFlight.get(key(actor, clientId, clientSeq));
    if (pending != null) {
      pending.waiters.add(message);
      return true;
    }
    return false;
  }

  private void execute(Actor actor, Command command, String clientId, Long clientSeq, Message<Object> message) {
    long now = clock.millis();
    long started = System.nanoTime();
    String type = command.getClass().getSimpleName();
    Outcome outcome;
    try {
      outcome = Room.apply(working, actor, command, now);
    } catch (RuntimeException e) {
      log(Level.ERROR).setCause(e).log("{} failed", command.getClass().getSimpleName());
      reply(message, Replies.error(ErrorCode.INTERNAL, "the server failed to apply the command"));
      return;
    }
    if (outcome instanceof Rejection rejection) {
      reply(message, Replies.error(rejection));
      metrics.command(type, RoomMetrics.Outcome.REJECTED, System.nanoTime() - started);
      return;
    }
    Outcome.Applied applied = (Outcome.Applied) outcome;
    if (applied.events().isEmpty()) {
      reply(message, Replies.unchanged(applied.result()));
      metrics.command(type, RoomMetrics.Outcome.UNCHANGED, System.nanoTime() - started);
      return;
    }
    working = applied.state();
    workingSeq++;
    LogEntry entry = new LogEntry(roomId, workingSeq, now, actorName(actor), clientId, clientSeq,
        Codec.eventsToJson(applied.events()), Replies.applied(workingSeq, applied.result()));
    Pending pending = new Pending(entry, applied.events(), working, type, started);
    if (message != null) {
      pending.waiters.add(message);
    }
    if (clientId != null) {
      inFlight.put(key(entry.actor(), clientId, clientSeq), pending);
    }
    queued.add(pending);
    flush();
    scheduleDeadline();
  }

  // ---- writing

  private void flush() {
    if (writing != null || queued.isEmpty()) {
      return;
    }
    writing = queued;
    queued = new ArrayList<>();
    long started = System.nanoTime();
    store.append(writing.stream().map(p -> p.entry).toList()).onComplete(ar -> {
      List<Pending> batch = writing;
      writing = null;
      if (ar.succeeded()) {
        metrics.storeWrite(batch.size(), System.nanoTime() - started);
        batch.forEach(this::commit);
        maybeSnapshot();
        flush();
        signalDrained();
      } else {
        storeFailed(batch, ar.cause());
      }
    });
  }

  private void commit(Pending p) {
    durable = p.stateAfter;
    durableSeq = p.entry.seq();
    remember(p.entry);
    if (p.entry.clientId() != null) {
      inFlight.remove(key(p.entry.actor(), p.entry.clientId(), p.entry.clientSeq()));
    }
    p.waiters.forEach(m -> reply(m, p.entry.reply()));
    metrics.command(p.type, RoomMetrics.Outcome.APPLIED, System.nanoTime() - p.startedNanos);
    vertx.eventBus().publish(Addresses.events(roomId), Envelopes.wire(envelope(p.entry, p.events)));
  }

  private void storeFailed(List<Pending> batch, Throwable cause) {
    log(Level.ERROR).log("write of seq {}..{} failed; unloading the room: {}", batch.get(0).entry.seq(),
        batch.get(batch.size() - 1).entry.seq(), cause.toString());
    JsonObject error = Replies.error(ErrorCode.UNAVAILABLE, "the command could not be stored; retry");
    List<Pending> lost = new ArrayList<>(batch);
    lost.addAll(queued);
    queued = new ArrayList<>();
    lost.forEach(p -> p.waiters.forEach(m -> reply(m, error)));
    inFlight.clear();
    working = durable;
    workingSeq = durableSeq;
    signalDrained();
    unload();
  }

  private void remember(LogEntry entry) {
    keepForResync(entry);
    if (entry.clientId() != null) {
      replies.put(entry.actor(), entry.clientId(), entry.clientSeq(), entry.reply());
    }
  }

  private void keepForResync(LogEntry entry) {
    recent.addLast(entry);
    while (recent.size() > settings.resyncWindow()) {
      recent.removeFirst();
    }
  }

  private void maybeSnapshot() {
    if (durableSeq - snapshotSeq >= settings.snapshotEvery()) {
      saveSnapshot();
    }
  }

  private Future<Void> saveSnapshot() {
    if (durableSeq == snapshotSeq) {
      return Future.succeededFuture();
    }
    long seq = durableSeq;
    snapshotSeq = seq;
    return store.saveSnapshot(new Snapshot(roomId, seq, Codec.toJson(durable), replies.toJson()))
        .onFailure(e -> log(Level.WARN).log("snapshot at seq {} failed: {}", seq, e.toString()));
  }

  private int pendingCount() {
    return queued.size() + (writing == null ? 0 : writing.size());
  }

  private Future<Void> whenDrained() {
    if (pendingCount() == 0) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  private void signalDrained() {
    if (drained != null && pendingCount() == 0) {
      Promise<Void> p = drained;
      drained = null;
      p.complete();
    }
  }

  // ---- reading

  /**
   * Answers a (re)joining client: the events after {@code sinceSeq} while they are still kept, otherwise a
   * snapshot. Either is as of the last durable command, so it lines up with the published stream, and
   * either is cut to what this client may see.
   */
  private JsonObject sync(JsonObject command, Actor actor) {
    String viewer = actor.participantId();
    Object since = command.getValue("sinceSeq");
    JsonObject reply = Replies.ok().put("seq", durableSeq).put("serverTime", clock.millis());
    if (since instanceof Number n && canReplayFrom(n.longValue())) {
      JsonArray missed = new JsonArray();
      recent.stream().filter(e -> e.seq() > n.longValue())
          .forEach(e -> missed.add(Envelopes.forViewer(envelope(e, Codec.events(e.events())), viewer)));
      return reply.put("events", missed);
    }
    return reply.put("snapshot", Codec.toJson(Views.forViewer(durable, viewer)));
  }

  private boolean canReplayFrom(long sinceSeq) {
    long oldestKept = recent.isEmpty() ? durableSeq + 1 : recent.peekFirst().seq();
    return sinceSeq <= durableSeq && sinceSeq >= oldestKept - 1;
  }

  private static JsonObject envelope(LogEntry e, List<Event> events) {
    return Envelopes.publish(e.seq(), e.at(), e.actor(), e.clientId(), e.clientSeq(), events, e.events());
  }

  /**
   * Passes a participant's minutes cursor or selection to the room's subscribers. Cursors are ephemeral:
   * not stored, not numbered, not replayed; a client that misses one sees the next.
   */
  private JsonObject relayCursor(JsonObject command, Actor actor) {
    Object revision = command.getValue("revision");
    Object anchor = command.getValue("anchor");
    Object head = command.getValue("head");
    // Positions refer to the text at the sender's revision, which may be older than the room's: only bounds.
    if (actor.isSystem() || !(revision instanceof Integer r) || !(anchor instanceof Integer a)
        || !(head instanceof Integer h) || command.size() != 4
        || r < 0 || r > durable.minutes().revision() || a < 0 || h < 0
        || a > Limits.MINUTES_CHARS || h > Limits.MINUTES_CHARS) {
      return Replies.error(ErrorCode.INVALID_FIELD, "a cursor is {type, revision, anchor, head}: a known revision"
          + " and positions within the minutes' size limit, from a participant");
    }
    if (durable.participant(actor.participantId()).map(p -> p.role() == Role.SCREEN).orElse(true)) {
      return Replies.error(ErrorCode.FORBIDDEN, "only participants have a cursor");
    }
    vertx.eventBus().publish(Addresses.events(roomId), Envelopes.wire(new JsonObject().put("ephemeral", "cursor")
        .put("participantId", actor.participantId()).put("revision", revision).put("anchor", a).put("head", h)));
    return Replies.ok();
  }

  // ---- timers and lifecycle

  private void scheduleDeadline() {
    vertx.cancelTimer(deadlineTimer);
    deadlineTimer = -1;
    working.nextDeadline().ifPresent(deadline -> {
      long delay = Math.max(1, deadline - clock.millis());
      deadlineTimer = vertx.setTimer(delay, id -> {
        deadlineTimer = -1;
        if (!closing) {
          execute(Actor.system(), new Tick(), null, null, null);
          scheduleDeadline();
        }
      });
    });
  }

  private void watchIdleness() {
    scheduleDeadline();
    long period = Math.max(1_000, Math.min(settings.idleTimeoutMs() / 4, UNCREATED_IDLE_MS));
    idleTimer = vertx.setPeriodic(period, id -> {
      if (isIdle()) {
        log(Level.INFO).log("room idle; unloading at seq {}", durableSeq);
        saveSnapshot().onComplete(ar -> {
          if (isIdle()) {
            unload();
          }
        });
      }
    });
  }

  private boolean isIdle() {
    long idleFor = durable.created() ? settings.idleTimeoutMs() : Math.min(settings.idleTimeoutMs(), UNCREATED_IDLE_MS);
    return !closing && pendingCount() == 0
        && clock.millis() - lastActivity >= idleFor
        && durable.participants().values().stream().noneMatch(Participant::online);
  }

  /**
   * Stops taking commands at once and asks the registry to retire this room: it forgets the room (so the
   * next command loads a fresh owner), undeploys it (which flushes and snapshots in {@link #stop}), and
   * only then releases the ownership, so the next owner cannot start before this one has finished writing.
   */
  private void unload() {
    if (closing) {
      return;
    }
    closing = true;
    onClosed.accept(this);
  }

  // ---- helpers

  /** Every line about this room carries its id as a key-value pair (a field of its own in JSON logs). */
  private LoggingEventBuilder log(Level level) {
    return LOG.atLevel(level).addKeyValue("room", roomId);
  }

  private static Actor actorOf(Message<Object> message) {
    String actor = message.headers().get(Headers.ACTOR);
    if (actor == null || actor.isEmpty()) {
      return null;
    }
    return Headers.SYSTEM_ACTOR.equals(actor) ? Actor.system() : Actor.participant(actor);
  }

  private static void reply(Message<Object> message, JsonObject reply) {
    if (message != null && message.replyAddress() != null) {
      message.reply(reply);
    }
  }

  private static String key(String actor, String clientId, long clientSeq) {
    return ReplyCache.key(actor, clientId) + '#' + clientSeq;
  }

  private static String actorName(Actor actor) {
    return actor.isSystem() ? Headers.SYSTEM_ACTOR : actor.participantId();
  }

  /** An accepted command on its way to the store, and who waits for its reply. */
  private static final class Pending {
    final LogEntry entry;
    final List<Event> events;
    final RoomState stateAfter;
    final String type;
    final long startedNanos;
    final List<Message<Object>> waiters = new ArrayList<>(1);

    Pending(LogEntry entry, List<Event> events, RoomState stateAfter, String type, long startedNanos) {
      this.entry = entry;
      this.events = events;
      this.stateAfter = stateAfter;
      this.type = type;
      this.startedNanos = startedNanos;
    }
  }
}
