package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.Replies;
import dev.roundtable.protocol.RoomRequest;
import dev.roundtable.room.RoomClient;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Roundtable's event-bus bridge: the wire protocol of docs/PROTOCOL.md §4 (frames {@code send},
 * {@code register}, {@code unregister}, {@code ping} in; {@code rec}, {@code err} out) over any
 * {@link ClientSession}. This class only dispatches frames: whether a frame may go on, and as whom, is
 * {@link BridgeAdmission}'s to say; an admitted {@code send} goes to its room through {@link RoomClient},
 * the one road into a room (which alone sets the trusted sender header); an admitted {@code register}
 * joins {@link RoomSubscribers}, which fans the room's events out and turns subscriptions into presence.
 * A refusal is answered with a structured error on the client's reply address, keeping the connection,
 * so every {@code send} with a reply address gets exactly one answer. It never touches room state. How
 * many commands one socket may have unanswered, and how far behind its reader may fall, is
 * {@link SocketBudget}'s to say.
 *
 * <p>One instance per HTTP verticle; everything runs on that verticle's event loop.
 */
final class EventBridge {
  /** Longest reply address a client may choose (a UUID fits). */
  static final int MAX_REPLY_ADDRESS = 36;
  /** A socket that has not pinged for this long is closed, within {@link #PING_CHECK_MS} more. */
  static final long PING_TIMEOUT_MS = 10_000;
  /** How often silent sockets are looked for: the bound on how late after the timeout one is closed. */
  static final long PING_CHECK_MS = 250;
  /** SockJS close code (application range 4000-4999) sent when this node shuts down: reconnect, elsewhere. */
  static final int SHUTDOWN_CODE = 4001;
  static final String SHUTDOWN_REASON = "node shutting down; reconnect";
  /** Close code (docs/PROTOCOL.md §4.5) for a socket too slow to read its events: reconnect and resync. */
  static final int SLOW_CONSUMER_CODE = 4002;
  static final String SLOW_CONSUMER_REASON = "too far behind; reconnect and resync";
  private static final int PING_TIMEOUT_CODE = 1001;

  private final BridgeAdmission admission;
  private final RoomSubscribers subscribers;
  private final RoomClient rooms;
  private final SocketBudget budget;
  private final Set<ClientSession> sessions = new LinkedHashSet<>();

  EventBridge(Vertx vertx, BridgeAdmission admission, RoomSubscribers subscribers, RoomClient rooms,
      SocketBudget budget) {
    this.admission = admission;
    this.subscribers = subscribers;
    this.rooms = rooms;
    this.budget = budget;
    vertx.setPeriodic(PING_CHECK_MS, id -> closeSilentSessions());
  }

  int openSockets() {
    return sessions.size();
  }

  // ---- connections

  void opened(ClientSession session) {
    admission.opened(session);
    session.lastPingNanos = System.nanoTime();
    sessions.add(session);
  }

  /** The connection is gone: each of its subscriptions ends (presence Disconnect). */
  void closed(ClientSession session) {
    if (sessions.remove(session)) {
      subscribers.unsubscribeAll(session);
    }
  }

  /** Closes every client socket with {@link #SHUTDOWN_CODE}; each close unsubscribes it (presence Disconnect). */
  void closeAll() {
    List.copyOf(sessions).forEach(session -> session.close(SHUTDOWN_CODE, SHUTDOWN_REASON));
  }

  /** Announces again every subscription this node holds to {@code roomId} (the room was just reloaded). */
  void recount(String roomId) {
    subscribers.recount(roomId);
  }

  private void closeSilentSessions() {
    long now = System.nanoTime();
    List.copyOf(sessions).stream().filter(s -> now - s.lastPingNanos >= PING_TIMEOUT_MS * 1_000_000)
        .forEach(s -> s.close(PING_TIMEOUT_CODE, "no ping for " + PING_TIMEOUT_MS + " ms"));
  }

  // ---- inbound

  /** One frame from a client, as text. */
  void onMessage(ClientSession session, String text) {
    JsonObject frame = ClientJson.object(text);
    if (frame == null) {
      session.deliver(Frame.notice("invalid_json"));
      return;
    }
    if (!(frame.getValue("type") instanceof String type)) {
      session.deliver(Frame.notice("invalid_type"));
      return;
    }
    if (type.equals("ping")) {
      session.lastPingNanos = System.nanoTime();
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
      case "unregister" -> subscribers.unsubscribe(session, address);
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
    admission.send(session, address, frame.getValue("body"), tokenOf(frame), textLength).onSuccess(verdict -> {
      if (verdict instanceof BridgeAdmission.Verdict.Refused<BridgeAdmission.Send> refused) {
        reply(session, replyAddress, Replies.error(refused.code(), refused.message()));
      } else {
        forward(session, ((BridgeAdmission.Verdict.Admitted<BridgeAdmission.Send>) verdict).value(), replyAddress);
      }
    });
  }

  /** Sends an admitted request to its room and passes the room's answer (or why there is none) back. */
  private void forward(ClientSession session, BridgeAdmission.Send send, String replyAddress) {
    // A Sync is how a member catches up: it is never refused for the socket's budget.
    boolean counted = !(send.request() instanceof RoomRequest.Sync);
    JsonObject refused = counted ? budget.tryTake(session) : null;
    if (refused != null) {
      reply(session, replyAddress, refused);
      return;
    }
    rooms.send(send.who().roomId(), send.request()).onComplete(ar -> {
      if (counted) {
        budget.release(session);
      }
      if (replyAddress == null || !sessions.contains(session)) {
        return;
      }
      if (ar.succeeded()) {
        reply(session, replyAddress, ar.result());
      } else if (ar.cause() instanceof ReplyException failure) {
        session.deliver(Frame.of(new JsonObject().put("type", "err").put("address", replyAddress)
            .put("failureCode", failure.failureCode()).put("failureType", failure.failureType().name())
            .put("message", String.valueOf(failure.getMessage()))));
      } else {
        reply(session, replyAddress, Replies.error(ErrorCode.UNAVAILABLE, "the room cannot be loaded right now; retry"));
      }
    });
  }

  private void onRegister(ClientSession session, JsonObject frame, String address) {
    admission.register(session, address, tokenOf(frame)).onSuccess(verdict -> {
      if (!sessions.contains(session)) {
        return;
      }
      if (verdict instanceof BridgeAdmission.Verdict.Refused<Identity> refused) {
        refuseFrame(session, address, refused.code(), refused.message());
        return;
      }
      Identity who = ((BridgeAdmission.Verdict.Admitted<Identity>) verdict).value();
      if (!subscribers.subscribe(session, who.roomId(), who)) {
        refuseFrame(session, address, ErrorCode.INVALID_STATE, "already subscribed to " + address);
      }
    });
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
}
