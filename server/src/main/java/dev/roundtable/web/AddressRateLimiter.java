package dev.roundtable.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One token bucket per client address (the key {@link ClientAddress} gives): {@code burst} requests at once,
 * refilled at {@code perMinute}. Thread-safe (one instance serves every event loop, so an address cannot
 * multiply its allowance by landing on several).
 *
 * <p>Memory is bounded twice over. A bucket that has filled up again is worth nothing (a new one would be
 * the same), so each call first forgets the least recently used buckets that are full by now: only addresses
 * seen within the last {@code burst / perMinute} minutes are kept. And at most {@code maxAddresses} are kept
 * at all; past that the least recently used one is forgotten, which at worst hands that address a fresh
 * bucket early, never refuses anyone because of other addresses.
 */
final class AddressRateLimiter {
  /** About 200 bytes each: 100 000 addresses stay near 20 MB. */
  static final int DEFAULT_MAX_ADDRESSES = 100_000;

  private final int perMinute;
  private final int burst;
  private final int maxAddresses;
  /** Epoch milliseconds (the server's clock). */
  private final LongSupplier clock;
  /** In access order: the eldest entry is the least recently used bucket. */
  private final LinkedHashMap<String, RateLimiter> buckets = new LinkedHashMap<>(64, 0.75f, true);

  AddressRateLimiter(int perMinute, int burst, int maxAddresses, LongSupplier clock) {
    this.perMinute = perMinute;
    this.burst = burst;
    this.maxAddresses = maxAddresses;
    this.clock = clock;
  }

  /**
   * Takes one request's token for {@code address}: 0 when admitted, otherwise how many milliseconds until
   * one would be (nothing is taken then).
   */
  synchronized long tryAcquire(String address) {
    long now = clock.getAsLong();
    forgetFullBuckets(now);
    RateLimiter bucket = buckets.computeIfAbsent(address, a -> RateLimiter.perMinute(perMinute, burst, now));
    if (buckets.size() > maxAddresses) {
      Iterator<String> eldest = buckets.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return bucket.tryTake(now) ? 0 : bucket.millisUntilToken(now);
  }

  /** Addresses with a bucket right now (for tests and metrics). */
  synchronized int trackedAddresses() {
    forgetFullBuckets(clock.getAsLong());
    return buckets.size();
  }

  /** Amortised O(1): every entry removed here was added once; it stops at the first bucket still in use. */
  private void forgetFullBuckets(long now) {
    Iterator<Map.Entry<String, RateLimiter>> it = buckets.entrySet().iterator();
    while (it.hasNext() && it.next().getValue().fullAt(now)) {
      it.remove();
    }
  }
}
