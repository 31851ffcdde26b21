package dev.roundtable.web;

import dev.roundtable.protocol.Replies;
import io.vertx.core.json.JsonObject;

/**
 * One socket's share of the node: how many of its commands may be unanswered at once, and how many bytes
 * may wait to be written towards it. A socket over the first gets its next command answered
 * {@code UNAVAILABLE} with {@code retryAfterMs} at once (its earlier ones are still answered); a socket over
 * the second is a slow consumer: it is closed with {@link EventBridge#SLOW_CONSUMER_CODE}, so its client
 * reconnects and resyncs from its last {@code seq} rather than silently missing events, and it cannot make
 * the node hold an unbounded backlog for it. Confined to the bridge's event loop, like the sessions.
 */
final class SocketBudget {
  static final String TOO_MANY = "this connection has too many commands unanswered; retry after retryAfterMs";

  private final int maxCommandsInFlight;
  private final long retryAfterMs;

  SocketBudget(int maxCommandsInFlight, long retryAfterMs) {
    this.maxCommandsInFlight = maxCommandsInFlight;
    this.retryAfterMs = retryAfterMs;
  }

  /** Null if the session may send one more command (then {@link #release} once answered); else the reply. */
  JsonObject tryTake(ClientSession session) {
    if (session.commandsInFlight >= maxCommandsInFlight) {
      return Replies.retryLater(TOO_MANY, retryAfterMs);
    }
    session.commandsInFlight++;
    return null;
  }

  void release(ClientSession session) {
    session.commandsInFlight--;
  }

  /**
   * Whether an event may be queued for {@code session}: false if it is (or was just found) too slow, in
   * which case it is being closed with {@link EventBridge#SLOW_CONSUMER_CODE}.
   */
  static boolean keepsUp(ClientSession session) {
    if (session.tooSlow) {
      return false;
    }
    if (session.backlogged.getAsBoolean()) {
      session.tooSlow = true;
      session.close(EventBridge.SLOW_CONSUMER_CODE, EventBridge.SLOW_CONSUMER_REASON);
      return false;
    }
    return true;
  }
}
