package dev.roundtable.room;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.Command;
import dev.roundtable.domain.Cursors;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.MeetingCommands.ResetPresence;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Participant;
import dev.roundtable.domain.Rejection;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.domain.TimerCommands.Tick;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Envelopes;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.Replies;
import dev.roundtable.protocol.RoomRequest;
import dev.roundtable.store.LogEntry;
import dev.roundtable.store.RoomStore;
import dev.roundtable.store.Snapshot;
import dev.roundtable.store.StoredRoom;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one owner of a live room: every message for the room passes through this verticle, on its one
 * event-loop thread, in arrival order. It reads each message once ({@link RoomRequest}); a command it
 * decides ({@link Room#apply}) and hands to its {@link CommitPipeline}, which numbers it, batches it for the
 * store and, once the store has acknowledged it, answers the sender; only then does this verticle publish
 * the events on the room's events address, in sequence order. A {@code Sync} is answered from the
 * pipeline's durable state, a cursor checked ({@link Cursors}) and relayed.
 *
 * <p>What stays here is the runtime: the consumer, the one write in flight against the store, timers and
 * idleness. If a write fails, nothing after the last durable sequence number can be trusted: the pipeline
 * answers the pending commands UNAVAILABLE and the room unloads itself, so the next command reloads it from
 * the store, which is the truth.
 *
 * <p>Deadlines are the server's: a timer is set for the earliest unannounced run-out and a {@link Tick}
 * announces it once. On load, a Tick runs at once, so a countdown that ran out while no server held the
 * room is announced exactly once.
 */
final class RoomVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RoomVerticle.class);
  /** A room whose meeting was never created (a refused creation) holds nothing worth keeping loaded. */
  private static final long UNCREATED_IDLE_MS = 5_000;

  private final String roomId;
  private final RoomStore store;
  private final RoomSettings settings;
  private final Clock clock;
  private final RoomMetrics metrics;
  private final Consumer<RoomVerticle> onClosed;

  private CommitPipeline log;
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
          log(Level.INFO).log("room loaded at seq {}", log.durableSeq());
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
    log = new CommitPipeline(roomId, stored, RoomState.empty(roomId, settings.speakerLimitSeconds()),
        settings.resyncWindow(), settings.maxPendingCommands());
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
    Codec.Result<RoomRequest> parsed = RoomRequest.parse(message.headers().get(Headers.ACTOR), message.body());
    if (!parsed.ok()) {
      reply(message, Replies.error(parsed.rejection()));
    } else if (parsed.value() instanceof RoomRequest.Sync sync) {
      reply(message, log.sync(sync.sinceSeq(), sync.sender().participantId(), clock.millis()));
    } else if (parsed.value() instanceof RoomRequest.Cursor cursor) {
      reply(message, relayCursor(cursor));
    } else {
      command((RoomRequest.Command) parsed.value(), message);
    }
  }

  private void command(RoomRequest.Command request, Message<Object> message) {
    CommitPipeline.Waiter waiter = waiter(message);
    if (request.clientId() != null
        && log.answeredBefore(request.senderHeader(), request.clientId(), request.clientSeq(), waiter)) {
      return;
    }
    Codec.Result<Command> decoded = Codec.command(request.command());
    if (!decoded.ok()) {
      reply(message, Replies.error(decoded.rejection()));
      return;
    }
    if (log.full()) {
      reply(message, Replies.error(ErrorCode.UNAVAILABLE, "the room is busy; retry shortly"));
      return;
    }
    execute(request.sender(), decoded.value(), request.clientId(), request.clientSeq(), waiter);
  }

  private void execute(Actor actor, Command command, String clientId, Long clientSeq, CommitPipeline.Waiter waiter) {
    long now = clock.millis();
    long started = System.nanoTime();
    String type = command.getClass().getSimpleName();
    Outcome outcome;
    try {
      outcome = Room.apply(log.working(), actor, command, now);
    } catch (RuntimeException e) {
      log(Level.ERROR).setCause(e).log("{} failed", command.getClass().getSimpleName());
      answer(waiter, Replies.error(ErrorCode.INTERNAL, "the server failed to apply the command"));
      return;
    }
    if (outcome instanceof Rejection rejection) {
      answer(waiter, Replies.error(rejection));
      metrics.command(type, RoomMetrics.Outcome.REJECTED, System.nanoTime() - started);
      return;
    }
    Outcome.Applied applied = (Outcome.Applied) outcome;
    if (applied.events().isEmpty()) {
      answer(waiter, Replies.unchanged(applied.result()));
      metrics.command(type, RoomMetrics.Outcome.UNCHANGED, System.nanoTime() - started);
      return;
    }
    log.accept(actorName(actor), clientId, clientSeq, now, applied, type, started, waiter);
    flush();
    scheduleDeadline();
  }

  // ---- writing

  private void flush() {
    List<LogEntry> batch = log.nextBatch();
    if (batch == null) {
      return;
    }
    long started = System.nanoTime();
    store.append(batch).onComplete(ar -> {
      if (ar.succeeded()) {
        metrics.storeWrite(batch.size(), System.nanoTime() - started);
        log.written(this::publish);
        maybeSnapshot();
        flush();
        signalDrained();
      } else {
        storeFailed(ar.cause());
      }
    });
  }

  private void publish(CommitPipeline.Committed c) {
    metrics.command(c.type(), RoomMetrics.Outcome.APPLIED, System.nanoTime() - c.startedNanos());
    vertx.eventBus().publish(Addresses.events(roomId), Envelopes.wire(c.envelope()));
  }

  private void storeFailed(Throwable cause) {
    List<LogEntry> batch = log.writeFailed();
    log(Level.ERROR).log("write of seq {}..{} failed; unloading the room: {}", batch.get(0).seq(),
        batch.get(batch.size() - 1).seq(), cause.toString());
    signalDrained();
    unload();
  }

  private void maybeSnapshot() {
    if (log.snapshotDue(settings.snapshotEvery())) {
      saveSnapshot();
    }
  }

  private Future<Void> saveSnapshot() {
    Snapshot snapshot = log.takeSnapshot();
    if (snapshot == null) {
      return Future.succeededFuture();
    }
    return store.saveSnapshot(snapshot)
        .onFailure(e -> log(Level.WARN).log("snapshot at seq {} failed: {}", snapshot.seq(), e.toString()));
  }

  private Future<Void> whenDrained() {
    if (log.pendingCount() == 0) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  private void signalDrained() {
    if (drained != null && log.pendingCount() == 0) {
      Promise<Void> p = drained;
      drained = null;
      p.complete();
    }
  }

  // ---- cursors

  /**
   * Passes a participant's minutes cursor or selection to the room's subscribers. Cursors are ephemeral:
   * not stored, not numbered, not replayed; a client that misses one sees the next.
   */
  private JsonObject relayCursor(RoomRequest.Cursor c) {
    Optional<Rejection> refused = Cursors.check(log.durable(), c.sender(), c.revision(), c.anchor(), c.head());
    if (refused.isPresent()) {
      return Replies.error(refused.get());
    }
    vertx.eventBus().publish(Addresses.events(roomId), Envelopes.wire(new JsonObject().put("ephemeral", "cursor")
        .put("participantId", c.sender().participantId()).put("revision", c.revision()).put("anchor", c.anchor())
        .put("head", c.head())));
    return Replies.ok();
  }

  // ---- timers and lifecycle

  private void scheduleDeadline() {
    vertx.cancelTimer(deadlineTimer);
    deadlineTimer = -1;
    log.working().nextDeadline().ifPresent(deadline -> {
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
        log(Level.INFO).log("room idle; unloading at seq {}", log.durableSeq());
        saveSnapshot().onComplete(ar -> {
          if (isIdle()) {
            unload();
          }
        });
      }
    });
  }

  private boolean isIdle() {
    RoomState durable = log.durable();
    long idleFor = durable.created() ? settings.idleTimeoutMs() : Math.min(settings.idleTimeoutMs(), UNCREATED_IDLE_MS);
    return !closing && log.pendingCount() == 0
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

  /** The message's sender waits for the reply, if it asked for one. */
  private static CommitPipeline.Waiter waiter(Message<Object> message) {
    return message.replyAddress() == null ? reply -> { } : message::reply;
  }

  private static void answer(CommitPipeline.Waiter waiter, JsonObject reply) {
    if (waiter != null) {
      waiter.answer(reply);
    }
  }

  private static void reply(Message<Object> message, JsonObject reply) {
    answer(waiter(message), reply);
  }

  private static String actorName(Actor actor) {
    return actor.isSystem() ? Headers.SYSTEM_ACTOR : actor.participantId();
  }
}
