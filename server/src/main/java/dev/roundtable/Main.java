package dev.roundtable;

import dev.roundtable.cluster.Nodes;
import dev.roundtable.config.InvalidConfigException;
import dev.roundtable.config.RoundtableConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Roundtable node from the configuration (defaults, file, environment), clustered or standalone,
 * and drains it on SIGTERM. No logger exists before the configuration is read, because the configuration
 * chooses the log format.
 */
public final class Main {
  /** System property the logback configuration reads to pick its appender. */
  static final String LOG_FORMAT_PROPERTY = "roundtable.logFormat";
  /** Within docker-compose's 30 s stop grace period: rooms first, then the cluster and Vert.x. */
  private static final long ROOMS_STOP_SECONDS = 20;
  private static final long VERTX_CLOSE_SECONDS = 8;

  private Main() {
  }

  /** Waits on this (non-Vert.x) thread for each step; a callback chain would not run once Vert.x is closed. */
  private static void stop(RoundtableServer server, Vertx vertx, Logger log) {
    log.info("draining: closing sockets, writing and handing over rooms");
    try {
      server.stop().await(ROOMS_STOP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("rooms did not stop cleanly: {}", e.toString());
    }
    try {
      vertx.close().await(VERTX_CLOSE_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    log.info("stopped");
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
    System.setProperty(LOG_FORMAT_PROPERTY, config.logFormat());
    Logger log = LoggerFactory.getLogger(Main.class);
    Nodes.Node node;
    RoundtableServer server;
    try {
      node = Nodes.start(config).await();
    } catch (Exception e) {
      log.error("roundtable could not start its node{}", config.clusterEnabled() ? " or join its cluster" : "", e);
      System.exit(1);
      return;
    }
    try {
      server = RoundtableServer.start(node, config, Clock.systemUTC()).await();
    } catch (Exception e) {
      log.error("roundtable failed to start: {}", e.getMessage(), e);
      node.vertx().close();
      System.exit(1);
      return;
    }
    log.info("node {} ready{}", node.membership().self(),
        config.clusterEnabled() ? " in cluster " + config.clusterName() + " of " + node.membership().members().size() : "");
    System.out.println("Roundtable is running at " + server.url());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, node.vertx(), log), "roundtable-shutdown"));
  }
}
