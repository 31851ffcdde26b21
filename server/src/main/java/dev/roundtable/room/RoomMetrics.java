package dev.roundtable.room;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What rooms report about their work: each command's outcome and how long it took from arrival to reply
 * (which, for an accepted command, includes its durable write), and each grouped store write.
 */
public interface RoomMetrics {

  /** Outcome of a command: applied (events written), unchanged (accepted, nothing to write), rejected. */
  enum Outcome { APPLIED, UNCHANGED, REJECTED }

  void command(String type, Outcome outcome, long nanos);

  void storeWrite(int entries, long nanos);

  /** Records nothing (tests that do not look at metrics). */
  static RoomMetrics none() {
    return new RoomMetrics() {
      @Override
      public void command(String type, Outcome outcome, long nanos) {
      }

      @Override
      public void storeWrite(int entries, long nanos) {
      }
    };
  }

  /**
   * Micrometer meters: {@code roundtable_commands_total{type,outcome}} (rates give commands/s by type),
   * {@code roundtable_command_latency_seconds{outcome}} and {@code roundtable_store_write_seconds} (and the entries per write), the timers with
   * histogram buckets so that percentiles can be computed across nodes.
   */
  static RoomMetrics micrometer(MeterRegistry registry) {
    Map<String, Counter> counters = new ConcurrentHashMap<>();
    Map<Outcome, Timer> latencies = new ConcurrentHashMap<>();
    Timer writes = Timer.builder("roundtable.store.write")
        .description("time to durably write one grouped batch of commands")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    DistributionSummary batches = DistributionSummary.builder("roundtable.store.write.entries")
        .description("commands per grouped write: grows with load instead of latency").register(registry);
    return new RoomMetrics() {
      @Override
      public void command(String type, Outcome outcome, long nanos) {
        String tag = outcome.name().toLowerCase(java.util.Locale.ROOT);
        counters.computeIfAbsent(type + '/' + tag, k -> Counter.builder("roundtable.commands")
            .description("commands decided by rooms on this node").tag("type", type).tag("outcome", tag)
            .register(registry)).increment();
        latencies.computeIfAbsent(outcome, o -> Timer.builder("roundtable.command.latency")
            .description("from a command's arrival at its room to the reply, durable write included")
            .tag("outcome", tag).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(10)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
      }

      @Override
      public void storeWrite(int entries, long nanos) {
        writes.record(nanos, TimeUnit.NANOSECONDS);
        batches.record(entries);
      }
    };
  }
}
