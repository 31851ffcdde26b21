package dev.roundtable.room;

import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.protocol.Replies;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The node's admission budget: whether one more client command may enter this node now, or must be refused
 * at once. Without it a node offered more than it can write accepts everything, queues it (per room up to
 * {@code maxPendingCommands}, so across rooms without bound) and answers ever later until it answers no
 * more. With it the work in flight is bounded, so what was accepted keeps a bounded latency (about
 * {@code maxInFlight} divided by what the store writes per second), and what comes beyond is answered
 * {@code UNAVAILABLE} with a {@code retryAfterMs} hint, in microseconds and without touching a room.
 *
 * <p>A command is refused when any of three signals is over its limit: commands admitted and not yet
 * answered (across all rooms), the age of the oldest append the store has not acknowledged (the store falls
 * behind), and the lateness of the event loops' periodic probes (the loops fall behind). Invariant: every
 * {@link #tryAdmit} that returns null is followed by exactly one {@link #release}. Only client commands pass
 * here; what the system itself sends (presence, ticks) and Sync requests are never refused, so every member
 * can always catch up. Thread-safe: rooms and the HTTP edge run on several event loops.
 */
public final class NodeAdmission {
  /** The limits; every one is a positive number. */
  /** The limits; every one is a positive number (checked by the configuration). */
  public record Limits(int maxInFlight, long maxStoreBacklogMs, long maxEventLoopLagMs, long retryAfterMs) {
    public static Limits from(RoundtableConfig c) {
      return new Limits(c.maxCommandsInFlight(), c.maxStoreBacklogMs(), c.maxEventLoopLagMs(), c.retryAfterMs());
    }
  }

  /** Why a command was refused: the message and when to try again, as the reply carries them. */
  public record Refusal(String message, long retryAfterMs) {
    /** {@code {ok:false, error:{code:"UNAVAILABLE", message, retryAfterMs}}} (docs/PROTOCOL.md §4.5). */
    public JsonObject reply() {
      return Replies.retryLater(message, retryAfterMs);
    }
  }

  static final String BUSY = "the server is busy; retry after retryAfterMs";
  static final String STORE_BEHIND = "the store is falling behind; retry after retryAfterMs";
  static final String LOOPS_BEHIND = "the server is falling behind; retry after retryAfterMs";

  private final Limits limits;
  private final LongSupplier storeBacklogMs;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLongArray lagMs;
  private final LongAdder refused = new LongAdder();

  /**
   * @param storeBacklogMs the age of the store's oldest unacknowledged append, in ms (0 when none)
   * @param probes how many event-loop lag probes report ({@link #lag}); their worst report counts
   */
  public NodeAdmission(Limits limits, LongSupplier storeBacklogMs, int probes) {
    this.limits = limits;
    this.storeBacklogMs = storeBacklogMs;
    this.lagMs = new AtomicLongArray(Math.max(1, probes));
  }

  /** Null if the command may go on (then {@link #release} once it is answered); otherwise why not. */
  public Refusal tryAdmit() {
    long backlog = storeBacklogMs.getAsLong();
    if (backlog > limits.maxStoreBacklogMs()) {
      return refuse(STORE_BEHIND, Math.max(limits.retryAfterMs(), backlog));
    }
    long lag = worstLag();
    if (lag > limits.maxEventLoopLagMs()) {
      return refuse(LOOPS_BEHIND, Math.max(limits.retryAfterMs(), lag));
    }
    if (inFlight.incrementAndGet() > limits.maxInFlight()) {
      inFlight.decrementAndGet();
      return refuse(BUSY, limits.retryAfterMs());
    }
    return null;
  }

  /** An admitted command was answered (whatever the answer, or its failure). */
  public void release() {
    inFlight.decrementAndGet();
  }

  /** Probe {@code probe} found its event loop {@code ms} late on its last tick. */
  public void lag(int probe, long ms) {
    lagMs.set(probe % lagMs.length(), Math.max(0, ms));
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Commands refused since start. */
  public long refusals() {
    return refused.sum();
  }

  private long worstLag() {
    long worst = 0;
    for (int i = 0; i < lagMs.length(); i++) {
      worst = Math.max(worst, lagMs.get(i));
    }
    return worst;
  }

  private Refusal refuse(String message, long retryAfterMs) {
    refused.increment();
    return new Refusal(message, retryAfterMs);
  }
}
