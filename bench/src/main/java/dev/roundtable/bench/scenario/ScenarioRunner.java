package dev.roundtable.bench.scenario;

import dev.roundtable.bench.BenchOptions;
import dev.roundtable.bench.load.Dialect;
import dev.roundtable.bench.load.LoadDriver;
import dev.roundtable.bench.load.Topology;
import dev.roundtable.bench.metrics.RunStats;
import dev.roundtable.bench.probe.TargetProbe;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Runs one scenario against one target and returns its result: {@code rows} (one per measurement window;
 * sweep has one per step) and {@code selected}, the row the report shows (sweep: the last good step).
 *
 * <p>steady (meeting, big-room, churn, cluster): open → warm-up → window → drain → loss check → memory.
 * sweep: one topology, the per-sender rate raised step by step until p99 exceeds the limit or anything is
 * lost, reordered or rejected. idle: open connections, let them settle, measure memory per connection.
 */
public final class ScenarioRunner {

  private final Loop loop;
  private final BenchOptions options;
  private final Dialect dialect;
  private final RunStats stats;
  private final TargetProbe probe;
  private final Topology topology;
  private final long clkTck;

  public ScenarioRunner(Loop loop, BenchOptions options, Dialect dialect, RunStats stats, TargetProbe probe,
      Topology topology) {
    this.loop = loop;
    this.options = options;
    this.dialect = dialect;
    this.stats = stats;
    this.probe = probe;
    this.topology = topology;
    this.clkTck = options.integer("clk-tck");
  }

  public JsonObject run() {
    String scenario = options.get("scenario");
    return switch (scenario) {
      case "sweep" -> sweep();
      case "idle" -> idle();
      default -> steady(scenario.equals("churn") ? options.number("churn-rate") : 0);
    };
  }

  private JsonObject steady(double churnRate) {
    long[] base = baseline();
    open();
    LoadDriver driver = new LoadDriver(loop.vertx(), dialect.senders(), options.integer("seed"));
    ChurnDriver churn = new ChurnDriver(loop.vertx(), dialect, stats);
    loop.run(() -> {
      driver.start(options.number("rate"));
      if (churnRate > 0) {
        churn.start(churnRate);
      }
    });
    Loop.sleep(options.number("warmup"));
    Measurement m = new Measurement(loop, stats, probe, clkTck);
    m.open();
    long churn0 = loop.call(churn::completed);
    Loop.sleep(options.number("duration"));
    m.close();
    long churned = loop.call(churn::completed) - churn0;
    loop.run(() -> {
      driver.stop();
      churn.stop();
    });
    Loop.sleep(options.number("drain"));
    JsonObject row = m.row().put("label", options.get("rate") + "/s per sender")
        .put("ratePerSender", options.number("rate")).put("skippedSends", loop.call(driver::skipped));
    if (churnRate > 0) {
      row.put("churnPerSec", Measurement.round(churned / row.getDouble("windowSeconds"), 1))
          .put("churnSkipped", loop.call(churn::skipped));
    }
    addLoss(row, settle(), new long[3]);
    addMemory(row, base);
    return finish(new JsonArray().add(row), 0);
  }

  /**
   * Waits (up to {@code --settle-max} s) until every request is answered and every member has reached its
   * room's last seq, then returns the loss counts with the end-of-run check. Whatever is still missing
   * then counts as lost; a server that is merely behind shows up as latency, not as loss.
   */
  private long[] settle() {
    long deadline = System.nanoTime() + (long) (options.number("settle-max") * 1e9);
    while (true) {
      long[] strict = loop.call(() -> dialect.lossCounts(true));
      long[] gaps = loop.call(() -> dialect.lossCounts(false));
      if ((strict[0] == gaps[0] && strict[2] == 0) || System.nanoTime() > deadline) {
        return strict;
      }
      Loop.sleep(0.5);
    }
  }

  private JsonObject sweep() {
    long[] base = baseline();
    open();
    double rate = options.number("start-rate");
    double factor = options.number("step-factor");
    double limit = options.number("p99-limit-ms");
    LoadDriver driver = new LoadDriver(loop.vertx(), dialect.senders(), options.integer("seed"));
    double first = rate;
    loop.run(() -> driver.start(first));
    JsonArray rows = new JsonArray();
    int lastGood = -1;
    boolean retried = false;
    for (int step = 0; step < options.integer("max-steps"); step++) {
      double r = rate;
      loop.run(() -> driver.setRate(r));
      Loop.sleep(rows.isEmpty() ? options.number("warmup") : 3);
      long[] loss0 = loop.call(() -> dialect.lossCounts(false));
      long errors0 = loop.call(stats::errorCount);
      long skipped0 = loop.call(driver::skipped);
      Measurement m = new Measurement(loop, stats, probe, clkTck);
      m.open();
      Loop.sleep(options.number("step-seconds"));
      m.close();
      Loop.sleep(1);
      JsonObject row = m.row().put("label", Measurement.round(r, 2) + "/s per sender").put("ratePerSender", r);
      long skipped = loop.call(driver::skipped) - skipped0;
      row.put("skippedSends", skipped);
      addLoss(row, loop.call(() -> dialect.lossCounts(false)), loss0);
      long newErrors = loop.call(stats::errorCount) - errors0;
      row.put("stepErrors", newErrors);
      Double p99 = row.getDouble("p99Ms");
      String verdict = p99 == null ? "no deliveries"
          : p99 > limit ? "p99 " + p99 + " ms > " + limit
          : row.getLong("lost") > 0 ? "lost " + row.getLong("lost")
          : row.getLong("reordered") > 0 ? "reordered " + row.getLong("reordered")
          : newErrors > 0 ? newErrors + " errors"
          : skipped > 0 ? "client could not keep the rate (" + skipped + " sends skipped)"
          : "good";
      row.put("verdict", verdict);
      rows.add(row);
      System.err.printf("[%s] sweep step %d: %s → %s deliveries/s p99 %s ms: %s%n", dialect.name(), step,
          row.getString("label"), row.getValue("deliveriesPerSec"), p99, verdict);
      if (!"good".equals(verdict)) {
        // One bad step can be a hiccup (a GC, another process); a rate fails when it fails twice in a row.
        if (retried) {
          break;
        }
        retried = true;
        step--;
        continue;
      }
      retried = false;
      lastGood = rows.size() - 1;
      rate *= factor;
    }
    loop.run(driver::stop);
    Loop.sleep(options.number("drain"));
    JsonObject last = rows.getJsonObject(rows.size() - 1);
    addMemory(last, base);
    if (lastGood >= 0 && lastGood != rows.size() - 1) {
      JsonObject good = rows.getJsonObject(lastGood);
      good.put("heapKbPerConn", last.getValue("heapKbPerConn")).put("rssKbPerConn", last.getValue("rssKbPerConn"))
          .put("maxGcPauseMs", last.getValue("maxGcPauseMs"));
    }
    return finish(rows, lastGood);
  }

  private JsonObject idle() {
    long[] base = baseline();
    open();
    Loop.sleep(options.number("settle-seconds"));
    JsonObject row = new JsonObject().put("label", dialect.connections() + " idle connections")
        .put("errors", new JsonObject(new java.util.LinkedHashMap<>(loop.call(stats::errors))))
        .put("errorCount", loop.call(stats::errorCount));
    addLoss(row, settle(), new long[3]);
    addMemory(row, base);
    String histogram = probe.heapHistogram(15);
    if (histogram != null) {
      row.put("heapHistogramTop", histogram);
    }
    return finish(new JsonArray().add(row), 0);
  }

  private void open() {
    long start = System.nanoTime();
    loop.await(() -> dialect.open(topology), 3600);
    System.err.printf("[%s] %d connections open in %.1f s%n", dialect.name(), loop.call(dialect::connections),
        (System.nanoTime() - start) / 1e9);
  }

  /** Heap after GC and RSS before any connection, to subtract from the readings at the end. */
  private long[] baseline() {
    return new long[] {probe.heapAfterGcKb(), probe.rssKb()};
  }

  private void addMemory(JsonObject row, long[] base) {
    int connections = loop.call(dialect::connections);
    long heap = probe.heapAfterGcKb();
    long rss = probe.rssKb();
    row.put("connections", connections);
    if (heap >= 0 && connections > 0) {
      row.put("heapKbPerConn", Measurement.round((double) (heap - base[0]) / connections, 2))
          .put("rssKbPerConn", Measurement.round((double) (rss - base[1]) / connections, 2))
          .put("heapAfterGcKb", heap).put("heapBaselineKb", base[0]).put("rssKb", rss).put("rssBaselineKb", base[1]);
    }
    double gc = probe.maxGcPauseMs();
    if (gc >= 0) {
      row.put("maxGcPauseMs", Measurement.round(gc, 2));
    }
  }

  /** Loss counters as the difference to {@code before}; requests never answered count as errors too. */
  private static void addLoss(JsonObject row, long[] now, long[] before) {
    row.put("lost", now[0] - before[0]).put("reordered", now[1] - before[1]);
    if (now[2] > 0) {
      row.getJsonObject("errors").put("NO_REPLY", now[2]);
      row.put("errorCount", row.getLong("errorCount") + now[2]);
    }
  }

  private JsonObject finish(JsonArray rows, int selected) {
    loop.await(dialect::close, 120);
    return new JsonObject().put("target", dialect.name()).put("scenario", options.get("scenario"))
        .put("options", new JsonObject(new java.util.LinkedHashMap<>(options.all())))
        .put("topology", new JsonObject().put("rooms", topology.rooms()).put("membersPerRoom", topology.membersPerRoom())
            .put("sendersPerRoom", topology.sendersPerRoom()).put("nodes", topology.nodes().size()))
        .put("rows", rows).put("selected", selected);
  }
}
