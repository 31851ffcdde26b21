package dev.roundtable.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Supplier;

/** Runs many asynchronous tasks with at most {@code parallel} in flight; fails on the first failure. */
public final class Batches {

  private Batches() {
  }

  public static Future<Void> run(List<Supplier<Future<?>>> tasks, int parallel) {
    Promise<Void> done = Promise.promise();
    if (tasks.isEmpty()) {
      done.complete();
      return done.future();
    }
    int[] next = {0};
    int[] finished = {0};
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      if (next[0] >= tasks.size() || done.future().isComplete()) {
        return;
      }
      Supplier<Future<?>> task = tasks.get(next[0]++);
      task.get().onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        if (++finished[0] == tasks.size()) {
          done.tryComplete();
        } else {
          launch[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(parallel, tasks.size()); i++) {
      launch[0].run();
    }
    return done.future();
  }
}
