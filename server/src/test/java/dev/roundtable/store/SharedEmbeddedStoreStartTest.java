package dev.roundtable.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.NodeProcess;
import dev.roundtable.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes started together, two of them on the embedded store the third one hosts (issue 12:
 * start-up once failed with {@code MongoTimeoutException} when three servers started at once). The two start
 * first, so the store is not listening when they first try it, for longer than one server-selection attempt.
 */
@DisplayName("Three servers starting at once on one embedded store")
class SharedEmbeddedStoreStartTest {
  @TempDir
  Path dir;
  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void tearDown() {
    nodes.forEach(NodeProcess::close);
  }

  @Test
  @DisplayName("all start and are ready, whichever comes up first, the store's host last")
  void allStart() throws Exception {
    int storePort = NodeProcess.freePort();
    List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
    for (int i = 2; i <= 3; i++) {
      starting.add(start("shared-store-node" + i, Map.of("MONGO_URI", "mongodb://127.0.0.1:" + storePort)));
    }
    Thread.sleep(MongoStores.SERVER_SELECTION_TIMEOUT.toMillis() + 3_000);
    starting.add(start("shared-store-node1", Map.of("ROUNDTABLE_EMBEDDED_MONGO_PORT", Integer.toString(storePort))));

    for (CompletableFuture<NodeProcess> node : starting) {
      nodes.add(node.join());
    }
    HttpClient http = HttpClient.newHttpClient();
    for (NodeProcess node : nodes) {
      HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.httpPort() + "/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(ready.statusCode()).as(node.name()).isEqualTo(200);
    }
    assertThat(nodes.get(0).log()).contains("not answering yet");
  }

  private CompletableFuture<NodeProcess> start(String name, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("ROUNDTABLE_HTTP_HOST", "127.0.0.1");
    env.put("ROUNDTABLE_HTTP_PORT", "0");
    env.put("ROUNDTABLE_DATA_DIR", dir.resolve(name).toString());
    env.put("ROUNDTABLE_JWT_SECRET", TestServer.SECRET);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return NodeProcess.start(name, env);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
  }
}
