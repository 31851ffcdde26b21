package dev.roundtable.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Several Roundtable nodes in separate processes, clustered over Hazelcast on 127.0.0.1 (TCP-IP join, a
 * cluster name of their own so that concurrent test runs never meet), sharing one {@link SharedStore}.
 */
public final class TestCluster implements AutoCloseable {
  private final SharedStore store;
  private final List<NodeProcess> nodes;

  private TestCluster(SharedStore store, List<NodeProcess> nodes) {
    this.store = store;
    this.nodes = nodes;
  }

  /** Starts {@code size} nodes at once and returns when every one serves HTTP as a cluster member. */
  public static TestCluster start(int size, Path dataDir) throws Exception {
    return start(size, dataDir, Map.of(), "dev.roundtable.Main");
  }

  /** Starts {@code size} nodes through {@code mainClass}, with {@code extraEnv} on top of the cluster's settings. */
  public static TestCluster start(int size, Path dataDir, Map<String, String> extraEnv, String mainClass)
      throws Exception {
    SharedStore store = SharedStore.start();
    String clusterName = "test-" + UUID.randomUUID();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(NodeProcess.freePort());
    }
    String members = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Map<String, String> env = new HashMap<>();
      env.put("ROUNDTABLE_HTTP_HOST", "127.0.0.1");
      env.put("ROUNDTABLE_HTTP_PORT", "0");
      env.put("ROUNDTABLE_DATA_DIR", dataDir.resolve("node" + (i + 1)).toString());
      env.put("MONGO_URI", store.uri());
      env.put("ROUNDTABLE_JWT_SECRET", TestServer.SECRET);
      env.put("ROUNDTABLE_CLUSTER_ENABLED", "true");
      env.put("ROUNDTABLE_CLUSTER_NAME", clusterName);
      env.put("ROUNDTABLE_CLUSTER_HOST", "127.0.0.1");
      env.put("ROUNDTABLE_CLUSTER_PORT", Integer.toString(ports.get(i)));
      env.put("ROUNDTABLE_CLUSTER_PORT_COUNT", "1");
      env.put("ROUNDTABLE_CLUSTER_MEMBERS", members);
      // Every test client is 127.0.0.1: the per-address limits would otherwise count all of them as one.
      for (String limit : List.of("ROOM_CREATES_PER_MINUTE", "ROOM_CREATE_BURST", "JOINS_PER_MINUTE", "JOIN_BURST")) {
        env.put("ROUNDTABLE_" + limit, Integer.toString(TestServer.UNLIMITED));
      }
      env.putAll(extraEnv);
      String name = "node" + (i + 1);
      starting.add(CompletableFuture.supplyAsync(() -> {
        try {
          return NodeProcess.start(name, env, mainClass);
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }));
    }
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      for (CompletableFuture<NodeProcess> node : starting) {
        nodes.add(node.join());
      }
    } catch (CompletionException e) {
      for (CompletableFuture<NodeProcess> node : starting) {
        node.thenAccept(NodeProcess::kill);
      }
      store.close();
      throw e;
    }
    return new TestCluster(store, nodes);
  }

  public NodeProcess node(int index) {
    return nodes.get(index);
  }

  public List<NodeProcess> nodes() {
    return List.copyOf(nodes);
  }

  public SharedStore store() {
    return store;
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess node : nodes) {
      node.close();
    }
    store.close();
  }
}
