package dev.roundtable.bench.scenario;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The client's one event loop, seen from the scenario's main thread: scenarios are written as plain
 * sequential steps (open, wait, measure) and hop onto the loop for anything that touches connections or
 * the single-threaded statistics.
 */
public final class Loop {

  private final Vertx vertx;
  private final Context context;

  public Loop(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Runs {@code action} on the loop and waits for the future it returns. */
  public <T> T await(Supplier<Future<T>> action, long timeoutSeconds) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(ar -> {
          if (ar.succeeded()) {
            result.complete(ar.result());
          } else {
            result.completeExceptionally(ar.cause());
          }
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("step failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code action} on the loop and waits for its value. */
  public <T> T call(Supplier<T> action) {
    return await(() -> Future.succeededFuture(action.get()), 60);
  }

  public void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  public static void sleep(double seconds) {
    try {
      Thread.sleep((long) (seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
