package dev.roundtable.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("matching envelopes to the commands that caused them")
class SeqLatencyTest {

  @Test
  @DisplayName("receipts before the sender learns its seq are parked, then measured")
  void parkedUntilSent() {
    RunStats stats = new RunStats();
    stats.openWindow(0);
    SeqLatency l = new SeqLatency(stats, 2);
    l.received(7, 3_000_000);
    l.sent(7, 1_000_000, 3_500_000);
    l.received(7, 5_000_000);
    assertThat(stats.deliveries()).isEqualTo(2);
    assertThat(stats.latencyMicros().getMinValue()).isEqualTo(2000);
    assertThat(stats.latencyMicros().getMaxValue()).isBetween(3990L, 4010L);
    assertThat(l.size()).isZero();
  }

  @Test
  @DisplayName("the reply and the own copy both report the seq; it is measured once")
  void idempotentSent() {
    RunStats stats = new RunStats();
    stats.openWindow(0);
    SeqLatency l = new SeqLatency(stats, 1);
    l.sent(3, 100, 200);
    l.sent(3, 100, 300);
    l.received(3, 1_100);
    assertThat(stats.deliveries()).isEqualTo(1);
  }

  @Test
  @DisplayName("commands sent outside the window are not measured; receipts nobody sent are purged")
  void windowAndPurge() {
    RunStats stats = new RunStats();
    stats.openWindow(1_000);
    SeqLatency l = new SeqLatency(stats, 1);
    l.sent(1, 500, 600);
    l.received(1, 2_000);
    l.received(2, 2_000);
    assertThat(stats.deliveries()).isZero();
    l.purge(10_000, 1_000);
    assertThat(l.unmatched()).isEqualTo(1);
    assertThat(l.size()).isZero();
  }
}
