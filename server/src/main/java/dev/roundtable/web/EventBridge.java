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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roundtable's event-bus bridge: the wire protocol of docs/PROTOCOL.md §4 (frames {@code send},
 * {@code register}, {@code unregister}, {@code ping} in; {@code rec}, {@code err} out) over any
 * {@link ClientSession}. It never touches room state: it checks each client message (token, that the
 * token's room is the address's room, role, size, rate), turns an accepted {@code send} into an event-bus
 * request to the room with the one trusted header (the verified sender), and answers a refusal with a
 * structured error on the client's reply address, keeping the connection.
 *
 * <p>Fan-out: a node holds one event-bus consumer per room its clients follow, however many they are.
 * A room publishes each envelope once with every copy already encoded ({@link Envelopes#wire}); for each
 * subscribed socket this bridge picks the public copy or the socket's participant's own and queues a
 * {@link Frame} built once per copy, so what is private to one participant never leaves towards another,
 * and no socket costs an encoding. Subscriptions become presence (Connect / Disconnect).
 *
 * <p>One instance per HTTP verticle; everything runs on that verticle's event loop.
 */
final class EventBridge {
  private static final Logger LOG = LoggerFactory.getLogger(EventBridge.class);
  /** Longest reply address a client may choose (a UUID fits). */
  static final int MAX_REPLY_ADDRESS = 36;
  /** A socket that has not pinged for this long is closed. */
  static final long PING_TIMEOUT_MS = 10_000;
  /** How long a room has to answer a command before the client gets a TIMEOUT error. */
  static final long REPLY_TIMEOUT_MS = 30_000;
  /** A verified token is trusted again on the same connection for this long before it is checked again. */
  private static final long TOKEN_REUSE_MS = 60_000;
  /** SockJS close code (application range 4000-4999) sent when this node shuts down: reconnect, elsewhere. */
  static final int SHUTDOWN_CODE = 4001;
  static final String SHUTDOWN_REASON = "node shutting down; reconnect";
  private static final int PING_TIMEOUT_CODE = 1001;

  private final Vertx vertx;
  private final Tokens tokens;
  private final RoomRegistry registry;
  private final RoomClient rooms;
  private final Clock clock;
  private final int maxCommandBytes;
  private final int commandsPerSecond;
  private final int commandBurst;
  private final Set<ClientSession> sessions = new LinkedHashSet<>();
  private final Map<String, RoomChannel> channels = new HashMap<>();

  EventBridge(Vertx vertx, Tokens tokens, RoomRegistry registry, RoomClient rooms, Clock clock, int maxCommandBytes,
      int commandsPerSecond, int commandBurst) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.registry = registry;
    this.rooms = rooms;
    this.clock = clock;
    this.maxCommandBytes = maxCommandBytes;
    this.commandsPerSecond = commandsPerSecond;
    this.commandBurst = commandBurst;
    vertx.setPeriodic(PING_TIMEOUT_MS / 5, id -> closeSilentSessions());
  }

  int openSockets() {
    return sessions.size();
  }

  // ---- connections

  void opened(ClientSession session) {
    session.limiter = new RateLimiter(commandsPerSecond, commandBurst, clock.millis());
    session.lastPingMillis = clock.millis();
    sessions.add(session);
  }

  /** The connection is gone: each of its subscriptions ends (presence Disconnect). */
  void closed(ClientSession session) {
    if (sessions.remove(session)) {
      List.copyOf(session.subscriptions.keySet()).forEach(address -> unsubscribe(session, address));
    }
  }

  /** Closes every client socket with {@link #SHUTDOWN_CODE}; each close unsubscribes it (presence Disconnect). */
  void closeAll() {
    List.copyOf(sessions).forEach(session -> session.close(SHUTDOWN_CODE, SHUTDOWN_REASON));
  }

  private void closeSilentSessions() {
    long now = clock.millis();
    List.copyOf(sessions).stream().filter(s -> now - s.lastPingMillis > PING_TIMEOUT_MS)
        .forEach(s -> s.close(PING_TIMEOUT_CODE, "no ping for " + PING_TIMEOUT_MS + " ms"));
  }

  // ---- inbound

  /** One frame from a client, as text. */
  void onMessage(ClientSession session, String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      session.deliver(Frame.notice("invalid_json"));
      return;
    }
    if (!(frame.getValue("type") instanceof String type)) {
      session.deliver(Frame.notice("invalid_type"));
      return;
    }
    if (type.equals("ping")) {
      session.lastPingMillis = clock.millis();
      return;
    }
    if (!(frame.getValue("address") instanceof String address)) {
      session.deliver(Frame.notice(isBridgeType(type) ? "missing_address" : "invalid_type"));
      return;
    }
    Object replyAddress = frame.getValue("replyAddress");
    if (replyAddress != null && (!(replyAddress instanceof String r) || r.length() > MAX_REPLY_ADDRESS)) {
      session.deliver(Frame.notice("invalid_reply_address"));
      return;
    }
    switch (type) {
      case "send" -> onSend(session, frame, address, (String) replyAddress, text.length());
      case "register" -> onRegister(session, frame, address);
      case "unregister" -> unsubscribe(session, address);
      case "publish" -> refuseFrame(session, address, ErrorCode.FORBIDDEN, "clients may not publish; send commands instead");
      default -> session.deliver(Frame.notice("invalid_type"));
    }
  }

  private static boolean isBridgeType(String type) {
    return switch (type) {
      case "send", "publish", "register", "unregister" -> true;
      default -> false;
    };
  }

  private void onSend(ClientSession session, JsonObject frame, String address, String replyAddress, int textLength) {
    Optional<String> room = Addresses.roomOfCommands(address);
    if (room.isEmpty()) {
      reply(session, replyAddress, Replies.error(ErrorCode.FORBIDDEN, "no such address"));
      return;
    }
    if (!session.limiter.tryTake(clock.millis())) {
      reply(session, replyAddress, Replies.error(ErrorCode.RATE_LIMITED, "too many messages; slow down"));
      return;
    }
    if (!(frame.getValue("body") instanceof JsonObject body)) {
      reply(session, replyAddress, Replies.error(ErrorCode.BAD_JSON, "the message body must be a JSON object"));
      return;
    }
    // A frame of n UTF-16 units encodes to at most 3n bytes; only a long one needs measuring.
    if ((long) textLength * 3 > maxCommandBytes && body.toBuffer().length() > maxCommandBytes) {
      reply(session, replyAddress, Replies.error(ErrorCode.TOO_LARGE,
          "the message is larger than " + maxCommandBytes + " bytes"));
      return;
    }
    String roomId = room.get();
    verify(session, tokenOf(frame)).onComplete(verified -> {
      if (verified.failed()) {
        reply(session, replyAddress, Replies.error(ErrorCode.UNAUTHORIZED, "missing or invalid token"));
        return;
      }
      Identity who = verified.result();
      if (!who.roomId().equals(roomId)) {
        reply(session, replyAddress, Replies.error(ErrorCode.WRONG_ROOM, "the token is for another room"));
      } else if (who.role() == Role.SCREEN && !isSync(body)) {
        reply(session, replyAddress, Replies.error(ErrorCode.FORBIDDEN, "a screen is read-only"));
      } else {
        forward(session, roomId, who, body, replyAddress);
      }
    });
  }

  private void forward(ClientSession session, String roomId, Identity who, JsonObject body, String replyAddress) {
    registry.activate(roomId)
        .compose(active -> vertx.eventBus().<JsonObject>request(Addresses.commands(roomId), body,
            new DeliveryOptions().addHeader(Headers.ACTOR, who.participantId()).setSendTimeout(REPLY_TIMEOUT_MS)))
        .onComplete(ar -> {
          if (replyAddress == null || !sessions.contains(session)) {
            return;
          }
          if (ar.succeeded()) {
            reply(session, replyAddress, ar.result().body());
          } else if (ar.cause() instanceof ReplyException failure) {
            session.deliver(Frame.of(new JsonObject().put("type", "err").put("address", replyAddress)
                .put("failureCode", failure.failureCode()).put("failureType", failure.failureType().name())
                .put("message", String.valueOf(failure.getMessage()))));
          } else {
            reply(session, replyAddress, Replies.error(ErrorCode.UNAVAILABLE,
                "the room cannot be loaded right now; retry"));
          }
        });
  }

  private void onRegister(ClientSession session, JsonObject frame, String address) {
    Optional<String> room = Addresses.roomOfEvents(address);
    if (room.isEmpty()) {
      refuseFrame(session, address, ErrorCode.FORBIDDEN, "no such address");
      return;
    }
    if (!session.limiter.tryTake(clock.millis())) {
      refuseFrame(session, address, ErrorCode.RATE_LIMITED, "too many messages; slow down");
      return;
    }
    if (session.subscriptions.containsKey(address)) {
      refuseFrame(session, address, ErrorCode.INVALID_STATE, "already subscribed to " + address);
      return;
    }
    verify(session, tokenOf(frame)).onComplete(verified -> {
      if (!sessions.contains(session)) {
        return;
      }
      if (verified.failed()) {
        refuseFrame(session, address, ErrorCode.UNAUTHORIZED, "missing or invalid token");
      } else if (!verified.result().roomId().equals(room.get())) {
        refuseFrame(session, address, ErrorCode.WRONG_ROOM, "the token is for another room");
      } else if (session.subscriptions.putIfAbsent(address, verified.result()) != null) {
        refuseFrame(session, address, ErrorCode.INVALID_STATE, "already subscribed to " + address);
      } else {
        subscribe(session, room.get(), verified.result());
      }
    });
  }

  /** Verifies a token, or trusts it again if this connection proved the same token a moment ago. */
  private Future<Identity> verify(ClientSession session, String token) {
    long now = clock.millis();
    if (token != null && token.equals(session.verifiedToken) && now - session.verifiedAtMillis < TOKEN_REUSE_MS) {
      return Future.succeededFuture(session.verifiedIdentity);
    }
    return tokens.verify(token).onSuccess(identity -> {
      session.verifiedToken = token;
      session.verifiedIdentity = identity;
      session.verifiedAtMillis = now;
    });
  }

  // ---- fan-out

  private void subscribe(ClientSession session, String roomId, Identity who) {
    RoomChannel channel = channels.computeIfAbsent(roomId, this::openChannel);
    channel.members.put(session, who);
    channel.ready.onComplete(ar -> {
      if (session.subscriptions.get(Addresses.events(roomId)) == who) {
        presence(who, session.connectionId, "Connect");
      }
    });
  }

  private RoomChannel openChannel(String roomId) {
    RoomChannel channel = new RoomChannel(Addresses.events(roomId));
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(channel.address, m -> fanOut(channel, m.body()));
    channel.consumer = consumer;
    channel.ready = consumer.completion();
    return channel;
  }

  private void unsubscribe(ClientSession session, String address) {
    Identity who = session.subscriptions.remove(address);
    if (who == null) {
      return;
    }
    Addresses.roomOfEvents(address).ifPresent(roomId -> {
      RoomChannel channel = channels.get(roomId);
      if (channel != null) {
        channel.members.remove(session);
        if (channel.members.isEmpty()) {
          channels.remove(roomId);
          channel.consumer.unregister();
        }
      }
    });
    presence(who, session.connectionId, "Disconnect");
  }

  /** Sends one envelope to every subscriber of the room on this node: one frame per distinct copy. */
  private void fanOut(RoomChannel channel, JsonObject wire) {
    Frame publicFrame = null;
    Map<String, Frame> ownFrames = null;
    JsonObject views = wire.getJsonObject("views");
    for (Map.Entry<ClientSession, Identity> member : channel.members.entrySet()) {
      String viewer = member.getValue().participantId();
      Frame frame;
      if (views != null && views.containsKey(viewer)) {
        if (ownFrames == null) {
          ownFrames = new HashMap<>();
        }
        frame = ownFrames.computeIfAbsent(viewer, v -> Frame.rec(channel.address, Envelopes.encodedFor(wire, v)));
      } else {
        if (publicFrame == null) {
          publicFrame = Frame.rec(channel.address, Envelopes.encodedFor(wire, null));
        }
        frame = publicFrame;
      }
      member.getKey().deliver(frame);
    }
  }

  /** Announces again every subscription this node holds to {@code roomId} (the room was just reloaded). */
  void recount(String roomId) {
    RoomChannel channel = channels.get(roomId);
    if (channel != null) {
      new ArrayList<>(channel.members.entrySet())
          .forEach(m -> presence(m.getValue(), m.getKey().connectionId, "Connect"));
    }
  }

  private void presence(Identity who, String connectionId, String type) {
    rooms.sendAsSystem(who.roomId(), new JsonObject().put("type", type).put("participantId", who.participantId())
            .put("connectionId", connectionId))
        .onFailure(e -> LOG.atWarn().addKeyValue("room", who.roomId())
            .log("{} of {} not recorded: {}", type, who.participantId(), e.toString()));
  }

  // ---- outbound helpers

  private static void reply(ClientSession session, String replyAddress, JsonObject body) {
    if (replyAddress != null) {
      session.deliver(Frame.of(new JsonObject().put("type", "rec").put("address", replyAddress).put("body", body)));
    }
  }

  /** Tells the client why its register or publish was refused, on the address it named, then the notice. */
  private static void refuseFrame(ClientSession session, String address, ErrorCode code, String message) {
    session.deliver(Frame.of(new JsonObject().put("type", "err").put("address", address)
        .put("body", Replies.error(code, message))));
    session.deliver(Frame.notice("rejected"));
  }

  private static String tokenOf(JsonObject frame) {
    Object headers = frame.getValue("headers");
    return headers instanceof JsonObject h && h.getValue(Headers.TOKEN) instanceof String token ? token : null;
  }

  private static boolean isSync(JsonObject body) {
    return body.getValue("command") instanceof JsonObject c && Codec.SYNC.equals(c.getValue("type"));
  }

  /** This node's subscribers to one room, and the one consumer that feeds them. */
  private static final class RoomChannel {
    final String address;
    final Map<ClientSession, Identity> members = new LinkedHashMap<>();
    MessageConsumer<JsonObject> consumer;
    Future<Void> ready;

    RoomChannel(String address) {
      this.address = address;
    }
  }
}
