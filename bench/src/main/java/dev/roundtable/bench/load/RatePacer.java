package dev.roundtable.bench.load;

/**
 * Open-loop pacing of one sender at a fixed rate: sends are due at {@code start + phase + k * interval}
 * whether or not earlier ones were answered, so a slow server shows up as latency rather than as a lower
 * send rate. When the caller falls far behind (client overloaded), at most {@code maxBurst} overdue sends
 * are released at once and the rest are dropped and counted as {@link #skipped()}. Pure.
 */
public final class RatePacer {

  private double intervalNanos;
  private double next;
  private long skipped;

  /**
   * @param ratePerSecond sends per second (> 0)
   * @param startNanos    time of the first possible send
   * @param phase         0 … 1: fraction of an interval before the first send, to spread senders out
   */
  public RatePacer(double ratePerSecond, long startNanos, double phase) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.intervalNanos = 1e9 / ratePerSecond;
    this.next = startNanos + phase * intervalNanos;
  }

  /** How many sends are due at {@code nowNanos}; advances the schedule past them. */
  public int due(long nowNanos, int maxBurst) {
    int n = 0;
    while (next <= nowNanos && n < maxBurst) {
      n++;
      next += intervalNanos;
    }
    if (next <= nowNanos) {
      long dropped = (long) ((nowNanos - next) / intervalNanos) + 1;
      skipped += dropped;
      next += dropped * intervalNanos;
    }
    return n;
  }

  /** Changes the rate from {@code nowNanos} on (sweep steps). */
  public void setRate(double ratePerSecond, long nowNanos) {
    double newInterval = 1e9 / ratePerSecond;
    double remaining = Math.max(0, next - nowNanos);
    next = nowNanos + remaining * (newInterval / intervalNanos);
    intervalNanos = newInterval;
  }

  public long skipped() {
    return skipped;
  }
}
