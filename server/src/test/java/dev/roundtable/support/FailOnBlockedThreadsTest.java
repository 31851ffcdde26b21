package dev.roundtable.support;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The test suite's blocked-thread guard")
class FailOnBlockedThreadsTest {
  @Test
  @DisplayName("catches Vert.x's blocked-thread warning and fails the test it was logged in")
  void failsOnABlockedEventLoop() throws InterruptedException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(20)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    CountDownLatch done = new CountDownLatch(1);
    vertx.runOnContext(v -> {
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.countDown();
    });
    done.await(5, TimeUnit.SECONDS);
    result(vertx.close());
    // The guard's own check, as it runs after each test; it takes the warning, so this test itself passes.
    assertThatThrownBy(() -> FailOnBlockedThreads.check("this test"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("has been blocked for");
  }
}
