package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Role;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Envelopes;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.Replies;
import dev.roundtable.room.RoomClient;
import dev.roundtable.room.RoomRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS bridge's gatekeeper. Before any client message reaches the event bus it checks the token, that
 * the token's room is the address's room, the sender's role, the size and the rate. An accepted command
 * leaves with its client headers replaced by the one trusted header, the verified sender. A refused command
 * is redirected to {@link Addresses#REJECTED}, which answers on the client's reply address with a
 * structured error, so the client gets an error reply rather than silence; a refused subscription gets an
 * {@code err} frame naming the address. It turns subscriptions into presence (Connect / Disconnect), and
 * gives each subscriber its own copy of a room envelope ({@link Envelopes#forViewer}), so what is private
 * to one participant never leaves the server towards another.
 *
 * <p>It never touches room state. One instance per HTTP verticle, used on that verticle's event loop only.
 */
final class BridgeGuard implements Handler<BridgeEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);

  /** SockJS close code (application range 4000-4999) sent when this node shuts down: reconnect, elsewhere. */
  static final int SHUTDOWN_CODE = 4001;
  static final String SHUTDOWN_REASON = "node shutting down; reconnect";

  private final Tokens tokens;
  private final RoomRegistry registry;
  private final RoomClient rooms;
  private final Clock clock;
  private final int maxCommandBytes;
  private final int commandsPerSecond;
  private final int commandBurst;
  private final Map<SockJSSocket, SocketState> sockets = new HashMap<>();

  BridgeGuard(Tokens tokens, RoomRegistry registry, RoomClient rooms, Clock clock, int maxCommandBytes,
      int commandsPerSecond, int commandBurst) {
    this.tokens = tokens;
    this.registry = registry;
    this.rooms = rooms;
    this.clock = clock;
    this.maxCommandBytes = maxCommandBytes;
    this.commandsPerSecond = commandsPerSecond;
    this.commandBurst = commandBurst;
  }

  int openSockets() {
    return sockets.size();
  }

  /** Closes every client socket with {@link #SHUTDOWN_CODE}; each close unsubscribes it (presence Disconnect). */
  void closeAll() {
    List.copyOf(sockets.keySet()).forEach(socket -> socket.close(SHUTDOWN_CODE, SHUTDOWN_REASON));
  }

  @Override
  public void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SOCKET_CREATED -> {
        sockets.put(event.socket(),
            new SocketState(UUID.randomUUID().toString(), new RateLimiter(commandsPerSecond, commandBurst, clock.millis())));
        event.complete(true);
      }
      case SEND -> onSend(event);
      case PUBLISH -> refuseFrame(event, ErrorCode.FORBIDDEN, "clients may not publish; send commands instead");
      case REGISTER -> onRegister(event);
      case UNREGISTER -> {
        onUnregister(event);
        event.complete(true);
      }
      case RECEIVE -> {
        cutViewFor(event);
        event.complete(true);
      }
      case SOCKET_CLOSED -> {
        sockets.remove(event.socket());
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  private void onSend(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    Optional<String> room = Addresses.roomOfCommands(raw.getString("address"));
    if (room.isEmpty()) {
      redirect(event, ErrorCode.FORBIDDEN, "no such address");
      return;
    }
    if (!allowed(event)) {
      redirect(event, ErrorCode.RATE_LIMITED, "too many messages; slow down");
      return;
    }
    if (!(raw.getValue("body") instanceof JsonObject body)) {
      redirect(event, ErrorCode.BAD_JSON, "the message body must be a JSON object");
      return;
    }
    if (body.toBuffer().length() > maxCommandBytes) {
      redirect(event, ErrorCode.TOO_LARGE, "the message is larger than " + maxCommandBytes + " bytes");
      return;
    }
    String roomId = room.get();
    tokens.verify(tokenOf(raw)).onComplete(verified -> {
      if (verified.failed()) {
        redirect(event, ErrorCode.UNAUTHORIZED, "missing or invalid token");
        return;
      }
      Identity who = verified.result();
      if (!who.roomId().equals(roomId)) {
        redirect(event, ErrorCode.WRONG_ROOM, "the token is for another room");
        return;
      }
      if (who.role() == Role.SCREEN && !isSync(body)) {
        redirect(event, ErrorCode.FORBIDDEN, "a screen is read-only");
        return;
      }
      registry.activate(roomId).onComplete(active -> {
        if (active.failed()) {
          redirect(event, ErrorCode.UNAVAILABLE, "the room cannot be loaded right now; retry");
          return;
        }
        raw.put("headers", new JsonObject().put(Headers.ACTOR, who.participantId()));
        event.complete(true);
      });
    });
  }

  private void onRegister(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    String address = raw.getString("address");
    Optional<String> room = Addresses.roomOfEvents(address);
    SocketState socket = sockets.get(event.socket());
    if (room.isEmpty() || socket == null) {
      refuseFrame(event, ErrorCode.FORBIDDEN, "no such address");
      return;
    }
    if (!allowed(event)) {
      refuseFrame(event, ErrorCode.RATE_LIMITED, "too many messages; slow down");
      return;
    }
    if (socket.subscriptions.containsKey(address)) {
      refuseFrame(event, ErrorCode.INVALID_STATE, "already subscribed to " + address);
      return;
    }
    tokens.verify(tokenOf(raw)).onComplete(verified -> {
      if (verified.failed()) {
        refuseFrame(event, ErrorCode.UNAUTHORIZED, "missing or invalid token");
      } else if (!verified.result().roomId().equals(room.get())) {
        refuseFrame(event, ErrorCode.WRONG_ROOM, "the token is for another room");
      } else {
        Identity who = verified.result();
        socket.subscriptions.put(address, who);
        event.complete(true);
        presence(who, socket.connectionId, "Connect");
      }
    });
  }

  private void onUnregister(BridgeEvent event) {
    SocketState socket = sockets.get(event.socket());
    Identity who = socket == null ? null : socket.subscriptions.remove(event.getRawMessage().getString("address"));
    if (who != null) {
      presence(who, socket.connectionId, "Disconnect");
    }
  }

  /** Gives this socket its own copy of a room envelope: the public one, or its subscriber's private view. */
  private void cutViewFor(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    if (raw.getValue("body") instanceof JsonObject body) {
      SocketState socket = sockets.get(event.socket());
      Identity who = socket == null ? null : socket.subscriptions.get(raw.getString("address"));
      JsonObject copy = Envelopes.forViewer(body, who == null ? null : who.participantId());
      if (copy != body) {
        raw.put("body", copy);
      }
    }
  }

  /** Announces again every subscription this bridge holds to {@code roomId} (the room was just reloaded). */
  void recount(String roomId) {
    String address = Addresses.events(roomId);
    sockets.values().forEach(socket -> {
      Identity who = socket.subscriptions.get(address);
      if (who != null) {
        presence(who, socket.connectionId, "Connect");
      }
    });
  }

  private void presence(Identity who, String connectionId, String type) {
    rooms.sendAsSystem(who.roomId(), new JsonObject().put("type", type).put("participantId", who.participantId())
            .put("connectionId", connectionId))
        .onFailure(e -> LOG.warn("room {}: {} of {} not recorded: {}", who.roomId(), type, who.participantId(),
            e.toString()));
  }

  private boolean allowed(BridgeEvent event) {
    SocketState socket = sockets.get(event.socket());
    return socket != null && socket.limiter.tryTake(clock.millis());
  }

  /** Sends the refused command to {@link Addresses#REJECTED}, which replies with this error. */
  private static void redirect(BridgeEvent event, ErrorCode code, String message) {
    event.getRawMessage()
        .put("address", Addresses.REJECTED)
        .put("headers", new JsonObject().put(Headers.ERROR_CODE, code.name()).put(Headers.ERROR_MESSAGE, message))
        .remove("body");
    event.complete(true);
  }

  /** Tells the client why, on the address it asked for, then lets the bridge refuse. */
  private static void refuseFrame(BridgeEvent event, ErrorCode code, String message) {
    JsonObject frame = new JsonObject().put("type", "err")
        .put("address", event.getRawMessage().getString("address"))
        .put("body", Replies.error(code, message));
    event.socket().write(frame.toBuffer());
    event.complete(false);
  }

  private static String tokenOf(JsonObject raw) {
    Object headers = raw.getValue("headers");
    return headers instanceof JsonObject h && h.getValue(Headers.TOKEN) instanceof String token ? token : null;
  }

  private static boolean isSync(JsonObject body) {
    return body.getValue("command") instanceof JsonObject c && Codec.SYNC.equals(c.getValue("type"));
  }

  private static final class SocketState {
    final String connectionId;
    final RateLimiter limiter;
    final Map<String, Identity> subscriptions = new HashMap<>();

    SocketState(String connectionId, RateLimiter limiter) {
      this.connectionId = connectionId;
      this.limiter = limiter;
    }
  }
}
