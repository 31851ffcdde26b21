package dev.roundtable.aggregate;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous work one after another per key (an aggregate's id) on this node: the work given for a key
 * starts once everything given for that key before it has completed, whether it succeeded or failed. Work for
 * different keys runs independently. Owners of aggregates that are written with optimistic versions
 * ({@code series.SeriesOwner}, {@code tracker.TrackerOwner}) use it so that one node never races itself;
 * across nodes the conditional write decides.
 *
 * <p>Invariant: a key is held only while work for it is pending, so idle aggregates cost nothing.
 */
public final class InOrder {
  private final Map<String, Future<?>> tails = new HashMap<>();

  /** Runs {@code work} after the work already given for {@code key}; its future is {@code work}'s. */
  public synchronized <T> Future<T> run(String key, Supplier<Future<T>> work) {
    Future<?> tail = tails.getOrDefault(key, Future.succeededFuture());
    Future<T> next = tail.transform(ignored -> {
      try {
        Future<T> f = work.get();
        return f == null ? Future.failedFuture("no answer") : f;
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tails.put(key, next);
    next.onComplete(ar -> {
      synchronized (this) {
        tails.remove(key, next);
      }
    });
    return next;
  }

  /** Keys with work pending (for tests). */
  synchronized int pending() {
    return tails.size();
  }
}
