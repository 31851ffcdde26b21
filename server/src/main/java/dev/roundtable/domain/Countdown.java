package dev.roundtable.domain;

/**
 * The current topic's countdown, with absolute times so every screen and every server computes the same
 * remaining time. While running, {@code deadline} is the epoch millisecond at which time is up and
 * {@code runningSince} when this run began; while paused, {@code remainingMs} holds what is left (negative
 * once overrun). {@code timeUpFired} makes the time-up event happen once per run-out: it is cleared only
 * when an extension or reset puts the deadline back in the future.
 */
public record Countdown(
    String itemId,
    boolean running,
    long deadline,
    long remainingMs,
    long runningSince,
    boolean timeUpFired) {

  static Countdown start(String itemId, long now, long durationMs) {
    return new Countdown(itemId, true, now + durationMs, durationMs, now, false);
  }

  /** Milliseconds left at {@code now}; negative once overrun. */
  public long remainingAt(long now) {
    return running ? deadline - now : remainingMs;
  }

  /** Running time of this run so far, to add to the item's actual time when the run stops. */
  long elapsedAt(long now) {
    return running ? Math.max(0, now - runningSince) : 0;
  }

  boolean dueAt(long now) {
    return running && !timeUpFired && now >= deadline;
  }
}
