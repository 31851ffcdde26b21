package dev.roundtable.room;

import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.RoomRequest;
import io.vertx.core.Future;
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
 * {@link ReplyException}.
 */
public final class RoomClient {
  /** How long a room has to answer before the sender gets a TIMEOUT failure (docs/PROTOCOL.md §4.2). */
  public static final long REPLY_TIMEOUT_MS = 15_000;
  /** A room that was just unloaded or lost its node has no consumer until it is activated again. */
  private static final int NO_HANDLER_ATTEMPTS = 3;
  private static final long NO_HANDLER_RETRY_MS = 200;

  private final Vertx vertx;
  private final RoomRegistry registry;

  public RoomClient(Vertx vertx, RoomRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /** Sends {@code {"command": command}} as {@code actor} (a participant id or the system) and returns the reply. */
  public Future<JsonObject> send(String roomId, String actor, JsonObject command) {
    return deliver(roomId, actor, new JsonObject().put("command", command));
  }

  /** Sends a request already read ({@link RoomRequest#parse}) as its sender, and returns the reply. */
  public Future<JsonObject> send(String roomId, RoomRequest request) {
    return deliver(roomId, request.senderHeader(), request.toBody());
  }

  private Future<JsonObject> deliver(String roomId, String actor, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions().addHeader(Headers.ACTOR, actor).setSendTimeout(REPLY_TIMEOUT_MS);
    return deliver(roomId, body, options, NO_HANDLER_ATTEMPTS);
  }

  private Future<JsonObject> deliver(String roomId, JsonObject body, DeliveryOptions options, int attempts) {
    return registry.activate(roomId)
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.commands(roomId), body, options))
        .map(Message::body)
        .recover(e -> e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS && attempts > 1
            ? vertx.timer(NO_HANDLER_RETRY_MS).compose(t -> deliver(roomId, body, options, attempts - 1))
            : Future.failedFuture(e));
  }

  public Future<JsonObject> sendAsSystem(String roomId, JsonObject command) {
    return send(roomId, Headers.SYSTEM_ACTOR, command);
  }
}
