package dev.roundtable.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A per-address rate limiter")
class AddressRateLimiterTest {
  /** A clock that moves only when told. */
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final LongSupplier clock = now::get;

  @Test
  @DisplayName("admits a burst at once, then refuses with the time until the next token")
  void burstThenRefuse() {
    AddressRateLimiter limiter = new AddressRateLimiter(6, 3, 100, clock);  // one token every 10 s

    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isEqualTo(10_000);
    now.addAndGet(4_000);
    assertThat(limiter.tryAcquire("a")).isEqualTo(6_000);
  }

  @Test
  @DisplayName("refills at the configured rate per minute, never above the burst")
  void refills() {
    AddressRateLimiter limiter = new AddressRateLimiter(6, 3, 100, clock);
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("a");
    }
    now.addAndGet(10_000);
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();

    now.addAndGet(3_600_000);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).isZero();
    }
    assertThat(limiter.tryAcquire("a")).isPositive();
  }

  @Test
  @DisplayName("keeps one bucket per address: one address's flood does not refuse another")
  void perAddress() {
    AddressRateLimiter limiter = new AddressRateLimiter(1, 1, 100, clock);
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
    assertThat(limiter.tryAcquire("b")).isZero();
  }

  @Test
  @DisplayName("forgets an address once its bucket is full again, so idle addresses cost no memory")
  void forgetsIdle() {
    AddressRateLimiter limiter = new AddressRateLimiter(60, 2, 100, clock);  // one token a second
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    assertThat(limiter.trackedAddresses()).isEqualTo(2);

    now.addAndGet(999);
    assertThat(limiter.trackedAddresses()).isEqualTo(2);
    now.addAndGet(1);
    assertThat(limiter.trackedAddresses()).isZero();
  }

  @Test
  @DisplayName("keeps at most its maximum of addresses, dropping the least recently used")
  void bounded() {
    AddressRateLimiter limiter = new AddressRateLimiter(1, 1, 3, clock);
    for (int i = 0; i < 1_000; i++) {
      limiter.tryAcquire("addr" + i);
    }
    assertThat(limiter.trackedAddresses()).isEqualTo(3);
    assertThat(limiter.tryAcquire("addr999")).as("a recent address keeps its bucket").isPositive();
  }
}
