package dev.roundtable.web;

/** A token bucket: {@code ratePerSecond} sustained, {@code burst} at once. Not thread-safe; one per socket. */
final class RateLimiter {
  private final double ratePerMs;
  private final double burst;
  private double tokens;
  private long last;

  RateLimiter(int ratePerSecond, int burst, long now) {
    this.ratePerMs = ratePerSecond / 1000.0;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  boolean tryTake(long now) {
    tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
