package dev.roundtable.bench.load;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Paces every sender at a fixed rate from one periodic timer (one timer instead of one per member keeps
 * the client's single core for I/O). Each sender has its own {@link RatePacer} with a random phase so the
 * sends of a room are spread out instead of arriving in bursts.
 */
public final class LoadDriver {

  private static final long TICK_MS = 2;
  private static final int MAX_BURST = 4;

  private final Vertx vertx;
  private final List<? extends Sender> senders;
  private final List<RatePacer> pacers = new ArrayList<>();
  private final Random random;
  private long timer = -1;

  public LoadDriver(Vertx vertx, List<? extends Sender> senders, long seed) {
    this.vertx = vertx;
    this.senders = senders;
    this.random = new Random(seed);
  }

  /** Starts sending at {@code ratePerSender} per second each. Call on the event loop. */
  public void start(double ratePerSender) {
    long now = System.nanoTime();
    pacers.clear();
    for (int i = 0; i < senders.size(); i++) {
      pacers.add(new RatePacer(ratePerSender, now, random.nextDouble()));
    }
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
  }

  public void setRate(double ratePerSender) {
    long now = System.nanoTime();
    pacers.forEach(p -> p.setRate(ratePerSender, now));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Sends the client could not make on time (it was overloaded) and dropped. */
  public long skipped() {
    return pacers.stream().mapToLong(RatePacer::skipped).sum();
  }

  private void tick() {
    long now = System.nanoTime();
    for (int i = 0; i < pacers.size(); i++) {
      int due = pacers.get(i).due(now, MAX_BURST);
      for (int k = 0; k < due; k++) {
        senders.get(i).sendNext();
      }
    }
  }
}
