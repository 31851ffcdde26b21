package dev.roundtable.web;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One client connection as the bridge sees it, whatever transport carries it: what it has subscribed to (and
 * as whom; kept by {@link RoomSubscribers}), its rate limiter and the token it last proved (kept by
 * {@link BridgeAdmission}), when it last pinged. Subclasses only move frames. Confined to the bridge's event
 * loop.
 */
abstract class ClientSession {
  final String connectionId = UUID.randomUUID().toString();
  /** Events address → the identity whose token subscribed to it. */
  final Map<String, Identity> subscriptions = new HashMap<>(2);
  RateLimiter limiter;
  /** {@link System#nanoTime()} of the last ping: a timeout is real time passing, whatever the wall clock does. */
  long lastPingNanos;
  /** The last token verified on this connection and its identity, so a command does not re-verify it. */
  String verifiedToken;
  Identity verifiedIdentity;
  long verifiedAtMillis;
  /** This socket's commands not yet answered, and whether it fell too far behind ({@link SocketBudget}). */
  int commandsInFlight;
  boolean tooSlow;
  /** True while the transport holds more unwritten bytes than this socket may have waiting. */
  BooleanSupplier backlogged = () -> false;

  /** Queues a frame for this client; it leaves with the others queued in the same event-loop turn, in order. */
  abstract void deliver(Frame frame);

  /** Closes the connection, after what is queued, with a close code and reason the client can read. */
  abstract void close(int code, String reason);
}
