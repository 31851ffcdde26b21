package dev.roundtable;

import dev.roundtable.config.InvalidConfigException;
import dev.roundtable.config.RoundtableConfig;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a Roundtable node from the configuration (defaults, file, environment) and stops it on SIGTERM. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    RoundtableConfig config;
    try {
      config = RoundtableConfig.load(System.getenv());
    } catch (InvalidConfigException e) {
      System.err.println("roundtable: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    RoundtableServer server;
    try {
      server = RoundtableServer.start(vertx, config).await();
    } catch (Exception e) {
      LOG.error("roundtable failed to start", e);
      vertx.close();
      System.exit(1);
      return;
    }
    System.out.println("Roundtable is running at " + server.url());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      server.stop().transform(ar -> vertx.close()).onComplete(ar -> stopped.countDown());
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "roundtable-shutdown"));
  }
}
