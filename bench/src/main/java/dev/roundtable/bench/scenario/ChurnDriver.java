package dev.roundtable.bench.scenario;

import dev.roundtable.bench.load.Dialect;
import dev.roundtable.bench.load.RatePacer;
import dev.roundtable.bench.metrics.RunStats;
import io.vertx.core.Vertx;

/**
 * Extra members that connect, join, sync and disconnect at a fixed rate on top of a running workload.
 * Failed cycles are counted as errors ({@code churn:<reason>}).
 */
final class ChurnDriver {

  /** Cycles allowed in flight; beyond it a due cycle is skipped (and counted) rather than piling up. */
  private static final int MAX_IN_FLIGHT = 2_000;

  private final Vertx vertx;
  private final Dialect dialect;
  private final RunStats stats;
  private RatePacer pacer;
  private long timer = -1;
  private int inFlight;
  private long completed;
  private long skipped;

  ChurnDriver(Vertx vertx, Dialect dialect, RunStats stats) {
    this.vertx = vertx;
    this.dialect = dialect;
    this.stats = stats;
  }

  void start(double perSecond) {
    pacer = new RatePacer(perSecond, System.nanoTime(), 0);
    timer = vertx.setPeriodic(5, id -> {
      int due = pacer.due(System.nanoTime(), 20);
      for (int i = 0; i < due; i++) {
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped++;
          continue;
        }
        inFlight++;
        dialect.churnOnce().onComplete(ar -> {
          inFlight--;
          if (ar.succeeded()) {
            completed++;
          } else {
            stats.error("churn:" + ar.cause().getMessage());
          }
        });
      }
    });
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  long completed() {
    return completed;
  }

  long skipped() {
    return skipped + (pacer == null ? 0 : pacer.skipped());
  }
}
