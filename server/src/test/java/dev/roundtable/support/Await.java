package dev.roundtable.support;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocks a test thread on a future, with a bound, so a lost reply fails the test instead of hanging it. */
public final class Await {
  private static final long SECONDS = 20;

  private Await() {
  }

  public static <T> T result(Future<T> future) {
    try {
      return future.await(SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + SECONDS + " s");
    }
  }
}
