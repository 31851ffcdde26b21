package dev.roundtable.room;

import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Sends a command to a room on behalf of someone the caller has already authenticated (the HTTP API, the
 * bridge's presence tracking). It activates the room first, then uses the room's ordinary command address,
 * so these commands are ordered with everyone else's.
 */
public final class RoomClient {
  private static final long TIMEOUT_MS = 15_000;

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
    return registry.activate(roomId)
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.commands(roomId), body, options))
        .map(Message::body);
  }

  public Future<JsonObject> sendAsSystem(String roomId, JsonObject command) {
    return send(roomId, Headers.SYSTEM_ACTOR, command);
  }
}
