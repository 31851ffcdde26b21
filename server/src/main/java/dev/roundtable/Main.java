package dev.roundtable;

import dev.roundtable.config.InvalidConfigException;
import dev.roundtable.config.RoundtableConfig;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a Roundtable node from the configuration (defaults, file, environment) and stops it on SIGTERM. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long STOP_SECONDS = 20;

  private Main() {
  }

  /** Waits on this (non-Vert.x) thread for each step; a callback chain would not run once Vert.x is closed. */
  private static void stop(RoundtableServer server, Vertx vertx) {
    LOG.info("stopping");
    try {
      server.stop().await(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("rooms did not stop cleanly: {}", e.toString());
    }
    try {
      vertx.close().await(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }

  public static void main(String[] args) {
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
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, vertx), "roundtable-shutdown"));
  }
}
