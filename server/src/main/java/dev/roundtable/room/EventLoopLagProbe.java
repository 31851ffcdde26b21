package dev.roundtable.room;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures how late an event loop runs what is queued on it: a timer set every {@link #PERIOD_MS} should
 * fire on time on a loop that keeps up, so its lateness is the loop's backlog. One instance is deployed per
 * event loop (Vert.x places instances round robin over the loops), and each reports its lateness to the
 * node's {@link NodeAdmission}, which refuses new commands while the worst loop is too far behind.
 */
public final class EventLoopLagProbe extends VerticleBase {
  /** Often enough to notice a backlog within a fraction of a second; cheap enough to cost nothing. */
  static final long PERIOD_MS = 100;

  private final NodeAdmission admission;
  private final int index;
  private long timer;

  private EventLoopLagProbe(NodeAdmission admission, int index) {
    this.admission = admission;
    this.index = index;
  }

  /** Deploys {@code loops} probes, one per event loop. */
  public static Future<String> deploy(Vertx vertx, NodeAdmission admission, int loops) {
    AtomicInteger next = new AtomicInteger();
    return vertx.deployVerticle(() -> new EventLoopLagProbe(admission, next.getAndIncrement()),
        new DeploymentOptions().setInstances(loops));
  }

  @Override
  public Future<?> start() {
    schedule(System.nanoTime() + PERIOD_MS * 1_000_000);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    admission.lag(index, 0);
    return Future.succeededFuture();
  }

  private void schedule(long dueNanos) {
    timer = vertx.setTimer(PERIOD_MS, id -> {
      long now = System.nanoTime();
      admission.lag(index, Math.max(0, (now - dueNanos) / 1_000_000));
      schedule(now + PERIOD_MS * 1_000_000);
    });
  }
}
