package dev.roundtable.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.roundtable.config.RoundtableConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Creates the Vert.x instance a node runs on: clustered through Hazelcast when the configuration says so,
 * standalone otherwise, with Micrometer metrics going to one Prometheus registry either way. Everything
 * above this class runs the same code in both modes.
 */
public final class Nodes {
  /** Seconds between Hazelcast heartbeats; a member is declared dead after {@code clusterFailureSeconds}. */
  private static final int HEARTBEAT_SECONDS = 1;

  private Nodes() {
  }

  /** A started node runtime: its Vert.x, who else is alive, and where its metrics go. */
  public record Node(Vertx vertx, Membership membership, PrometheusMeterRegistry metrics) {
  }

  public static Future<Node> start(RoundtableConfig config) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(metricsOptions());
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(metrics));
    if (!config.clusterEnabled()) {
      return Future.succeededFuture(new Node(builder.with(options).build(), Membership.standalone(), metrics));
    }
    String host;
    try {
      host = InetAddress.getByName(config.clusterHost()).getHostAddress();
    } catch (UnknownHostException e) {
      return Future.failedFuture(new IllegalStateException("clusterHost " + config.clusterHost() + " does not resolve"));
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(config, host));
    options.setEventBusOptions(new EventBusOptions().setHost(host).setPort(config.eventBusPort()));
    return builder.with(options).withClusterManager(manager).buildClustered()
        .map(vertx -> new Node(vertx, new HazelcastMembership(manager.getHazelcastInstance()), metrics));
  }

  /**
   * Vert.x's meters, without its HTTP server meters. Vert.x 5 binds the listening socket before it creates
   * the server's metrics (NetServerImpl.bind), so a connection accepted in between has no socket metric;
   * Micrometer's HTTP server metrics then throw a NullPointerException on its request ("socketMetric" is
   * null) and the request is never answered. Roundtable's own meters do not depend on them.
   */
  public static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
  }

  /** TCP-IP join on the configured members only (no multicast, no cloud discovery), fast failure detection. */
  static Config hazelcastConfig(RoundtableConfig config, String bindAddress) {
    Config hz = new Config();
    hz.setClusterName(config.clusterName());
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(HEARTBEAT_SECONDS));
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(config.clusterFailureSeconds()));
    // Joining waits this long for more members before forming a cluster; the default 5 s slows every start.
    hz.setProperty("hazelcast.wait.seconds.before.join", "1");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.clusterPort()).setPortCount(config.clusterPortCount()).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface(bindAddress);
    network.setPublicAddress(bindAddress);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(config.clusterMemberList());
    return hz;
  }
}
