package dev.roundtable.room;

import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.RoomRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * The one road into a room: sends a message to a room on behalf of someone the caller has already
 * authenticated (the bridge for its clients and their presence, the HTTP API). It activates the room first,
 * then uses the room's ordinary command address, so these messages are ordered with everyone else's. A
 * room that has no consumer for a moment (just unloaded, or its node lost) is tried again a few times; a
 * delivery that still fails, or gets no reply in {@link #REPLY_TIMEOUT_MS}, fails with the event bus's
 * {@link ReplyException}. A request to a room on another node also fails at once, as a {@code TIMEOUT}, when
 * that node leaves the cluster before answering: the clustered event bus would only time it out, and the
 * room is taken over elsewhere in a second or two, so its sender resends (same {@code clientSeq}) there.
 * A room that cannot be activated (its store unreachable, here or on the node asked to load it) fails with
 * {@link NotLoadedException}, never with the forwarding node's {@link ReplyException}: either way the
 * sender is told {@code UNAVAILABLE} and retries.
 *
 * <p>A client's command or cursor first asks the node's {@link NodeAdmission}: when the node is over its
 * budget the command is answered {@code UNAVAILABLE} with {@code retryAfterMs} at once, without reaching the
 * room; an admitted one holds its place in the budget until its reply (or failure) comes back. A Sync and
 * what the system sends are never refused, so members can always catch up and presence is always recorded.
 */
public final class RoomClient {
  /** How long a room has to answer before the sender gets a TIMEOUT failure (docs/PROTOCOL.md §4.2). */
  public static final long REPLY_TIMEOUT_MS = 15_000;
  /** A room that was just unloaded or lost its node has no consumer until it is activated again. */
  private static final int NO_HANDLER_ATTEMPTS = 3;
  private static final long NO_HANDLER_RETRY_MS = 200;
  /** {@code failureCode} of the TIMEOUT failure given when the room's node leaves before answering. */
  public static final int OWNER_LEFT_CODE = -2;
  /**
   * Whatever a request waits on (activating the room: ownership map, store load, another node; then the
   * reply), its sender has an answer within this: a TIMEOUT failure if nothing else came.
   */
  public static final long ANSWER_WITHIN_MS = 2 * REPLY_TIMEOUT_MS;

  private final Vertx vertx;
  private final RoomRegistry registry;
  private final NodeAdmission admission;
  private final long answerWithinMs;

  /** A client with the default budget and no store or event-loop signal (tests that do not overload). */
  public RoomClient(Vertx vertx, RoomRegistry registry) {
    this(vertx, registry, new NodeAdmission(NodeAdmission.Limits.from(RoundtableConfig.defaults()), () -> 0, 1));
  }

  public RoomClient(Vertx vertx, RoomRegistry registry, NodeAdmission admission) {
    this(vertx, registry, admission, ANSWER_WITHIN_MS);
  }

  RoomClient(Vertx vertx, RoomRegistry registry, NodeAdmission admission, long answerWithinMs) {
    this.vertx = vertx;
    this.registry = registry;
    this.admission = admission;
    this.answerWithinMs = answerWithinMs;
  }

  /** Sends {@code {"command": command}} as {@code actor} (a participant id or the system) and returns the reply. */
  public Future<JsonObject> send(String roomId, String actor, JsonObject command) {
    return deliver(roomId, actor, new JsonObject().put("command", command));
  }

  /** Sends a request already read ({@link RoomRequest#parse}) as its sender, and returns the reply. */
  public Future<JsonObject> send(String roomId, RoomRequest request) {
    if (request instanceof RoomRequest.Sync) {
      return deliver(roomId, request.senderHeader(), request.toBody());
    }
    NodeAdmission.Refusal refusal = admission.tryAdmit();
    if (refusal != null) {
      return Future.succeededFuture(refusal.reply());
    }
    return deliver(roomId, request.senderHeader(), request.toBody()).onComplete(ar -> admission.release());
  }

  private Future<JsonObject> deliver(String roomId, String actor, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions().addHeader(Headers.ACTOR, actor).setSendTimeout(REPLY_TIMEOUT_MS);
    Promise<JsonObject> answer = Promise.promise();
    long timer = vertx.setTimer(answerWithinMs, id -> answer.tryFail(new ReplyException(ReplyFailure.TIMEOUT, -1,
        "the room did not answer within " + answerWithinMs / 1000 + " s; resend with the same clientSeq")));
    deliver(roomId, body, options, NO_HANDLER_ATTEMPTS).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        answer.tryComplete(ar.result());
      } else {
        answer.tryFail(ar.cause());
      }
    });
    return answer.future();
  }

  private Future<JsonObject> deliver(String roomId, JsonObject body, DeliveryOptions options, int attempts) {
    return registry.activate(roomId)
        .recover(e -> Future.failedFuture(new NotLoadedException(roomId, e)))
        .compose(v -> unlessOwnerLeaves(roomId,
            vertx.eventBus().<JsonObject>request(Addresses.commands(roomId), body, options).map(Message::body)))
        .recover(e -> e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS && attempts > 1
            ? vertx.timer(NO_HANDLER_RETRY_MS).compose(t -> deliver(roomId, body, options, attempts - 1))
            : Future.failedFuture(e));
  }

  private Future<JsonObject> unlessOwnerLeaves(String roomId, Future<JsonObject> reply) {
    Promise<JsonObject> first = Promise.promise();
    Runnable cancel = registry.onOwnerLeft(roomId, () -> first.tryFail(new ReplyException(ReplyFailure.TIMEOUT,
        OWNER_LEFT_CODE, "the room's node left before answering; resend with the same clientSeq")));
    reply.onComplete(ar -> {
      cancel.run();
      if (ar.succeeded()) {
        first.tryComplete(ar.result());
      } else {
        first.tryFail(ar.cause());
      }
    });
    return first.future();
  }

  public Future<JsonObject> sendAsSystem(String roomId, JsonObject command) {
    return send(roomId, Headers.SYSTEM_ACTOR, command);
  }

  /** The room could not be activated (loaded here, or on the node asked to own it): retry later. */
  public static final class NotLoadedException extends RuntimeException {
    NotLoadedException(String roomId, Throwable cause) {
      super("room " + roomId + " cannot be loaded now: " + cause.getMessage(), cause);
    }
  }
}
