package dev.roundtable.web;

/**
 * A token bucket: {@code ratePerSecond} sustained, {@code burst} at once. Not thread-safe: one per socket, or
 * guarded by its owner ({@link AddressRateLimiter}).
 */
final class RateLimiter {
  private final double ratePerMs;
  private final double burst;
  private double tokens;
  private long last;

  RateLimiter(int ratePerSecond, int burst, long now) {
    this(ratePerSecond / 1000.0, burst, now);
  }

  private RateLimiter(double ratePerMs, int burst, long now) {
    this.ratePerMs = ratePerMs;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  /** A bucket refilled at {@code ratePerMinute}: for rare, costly requests (creating a room, joining one). */
  static RateLimiter perMinute(int ratePerMinute, int burst, long now) {
    return new RateLimiter(ratePerMinute / 60_000.0, burst, now);
  }

  boolean tryTake(long now) {
    refill(now);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** Milliseconds from {@code now} until one token is there again; 0 when one is there now. */
  long millisUntilToken(long now) {
    refill(now);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerMs);
  }

  /** Whether the bucket is full again at {@code now}: then forgetting it changes nothing. */
  boolean fullAt(long now) {
    return tokens + Math.max(0, now - last) * ratePerMs >= burst;
  }

  private void refill(long now) {
    if (now > last) {
      tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
      last = now;
    }
  }
}
