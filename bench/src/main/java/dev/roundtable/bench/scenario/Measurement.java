package dev.roundtable.bench.scenario;

import dev.roundtable.bench.metrics.RunStats;
import dev.roundtable.bench.probe.ProcFs;
import dev.roundtable.bench.probe.TargetProbe;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * One measurement window: CPU of the server(s) and of this client between {@link #open} and
 * {@link #close}, and the client's statistics of the commands sent inside it, turned into a result row.
 */
final class Measurement {

  private final Loop loop;
  private final RunStats stats;
  private final TargetProbe probe;
  private final long clkTck;
  private long t0;
  private long t1;
  private long cpu0;
  private long cpu1;
  private long self0;
  private long self1;
  private long machine0;
  private long machine1;

  Measurement(Loop loop, RunStats stats, TargetProbe probe, long clkTck) {
    this.loop = loop;
    this.stats = stats;
    this.probe = probe;
    this.clkTck = clkTck;
  }

  void open() {
    cpu0 = probe.cpuNanos();
    self0 = ProcFs.cpuNanos(ProcessHandle.current().pid(), clkTck);
    machine0 = ProcFs.machineBusyNanos(clkTck);
    t0 = loop.call(() -> {
      long now = System.nanoTime();
      stats.openWindow(now);
      return now;
    });
  }

  void close() {
    t1 = loop.call(() -> {
      long now = System.nanoTime();
      stats.closeWindow(now);
      return now;
    });
    cpu1 = probe.cpuNanos();
    self1 = ProcFs.cpuNanos(ProcessHandle.current().pid(), clkTck);
    machine1 = ProcFs.machineBusyNanos(clkTck);
  }

  /** The row of this window (call after the drain, so late deliveries are in). */
  JsonObject row() {
    return loop.call(() -> {
      double seconds = (t1 - t0) / 1e9;
      Histogram h = stats.latencyMicros();
      long deliveries = stats.deliveries();
      JsonObject row = new JsonObject()
          .put("windowSeconds", round(seconds, 1))
          .put("commandsSent", stats.commandsSent())
          .put("commandsPerSec", round(stats.commandsSent() / seconds, 1))
          .put("deliveries", deliveries)
          .put("deliveriesPerSec", round(deliveries / seconds, 0))
          .put("p50Ms", ms(h, 50))
          .put("p99Ms", ms(h, 99))
          .put("p999Ms", ms(h, 99.9))
          .put("maxMs", round(h.getMaxValue() / 1000.0, 2))
          .put("avgFrameBytes", round(stats.averageFrameBytes(), 0))
          .put("clientCpuPct", round(100.0 * (self1 - self0) / (t1 - t0), 0))
          .put("errors", new JsonObject(new java.util.LinkedHashMap<>(stats.errors())))
          .put("errorCount", stats.errorCount());
      if (cpu0 >= 0) {
        row.put("serverCpuPct", round(100.0 * (cpu1 - cpu0) / (t1 - t0), 0));
        // CPU used by processes that are neither the target nor this client (100 = one core's worth):
        // when it is high the machine was shared and the row is not a clean measurement.
        long other = (machine1 - machine0) - (cpu1 - cpu0) - (self1 - self0);
        row.put("otherCpuPct", round(Math.max(0, 100.0 * other / (t1 - t0)), 0));
        row.put("serverCpuUsPerDelivery", deliveries == 0 ? null : round((cpu1 - cpu0) / 1000.0 / deliveries, 2));
      }
      return row;
    });
  }

  private static Double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? null : round(h.getValueAtPercentile(percentile) / 1000.0, 2);
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
