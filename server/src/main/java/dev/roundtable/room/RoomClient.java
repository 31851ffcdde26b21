package dev.roundtable.room;

import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Sends a command to a room on behalf of someone the caller has already authenticated (the HTTP API, the
 * bridge's presence tracking). It activates the room first, then uses the room's ordinary command address,
 * so these commands are ordered with everyone else's.
 */
public final class RoomClient {
  private static final long TIMEOUT_MS = 15_000;
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
    JsonObject body = new JsonObject().put("command", command);
    DeliveryOptions options = new DeliveryOptions().addHeader(Headers.ACTOR, actor).setSendTimeout(TIMEOUT_MS);
    return send(roomId, body, options, NO_HANDLER_ATTEMPTS);
  }

  private Future<JsonObject> send(String roomId, JsonObject body, DeliveryOptions options, int attempts) {
    return registry.activate(roomId)
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.commands(roomId), body, options))
        .map(Message::body)
        .recover(e -> e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS && attempts > 1
            ? vertx.timer(NO_HANDLER_RETRY_MS).compose(t -> send(roomId, body, options, attempts - 1))
            : Future.failedFuture(e));
  }

  public Future<JsonObject> sendAsSystem(String roomId, JsonObject command) {
    return send(roomId, Headers.SYSTEM_ACTOR, command);
  }
}
