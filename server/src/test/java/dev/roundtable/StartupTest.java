package dev.roundtable;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.cluster.Nodes;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A Roundtable node starting up")
class StartupTest {
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  @DisplayName("answers every HTTP request that reaches it while it starts, metrics on, none left hanging")
  void answersRequestsDuringStartUp(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    RoundtableConfig config = TestServer.config(dataDir).with(new JsonObject().put("httpPort", port));
    Nodes.Node node = result(Nodes.start(config));
    AtomicBoolean started = new AtomicBoolean();
    ConcurrentLinkedQueue<String> hung = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> answered = new ConcurrentLinkedQueue<>();
    List<Thread> hammers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread hammer = new Thread(() -> {
        // Until the server has started, and a moment after: a new connection for each request.
        long stopAt = Long.MAX_VALUE;
        while (System.nanoTime() < stopAt) {
          if (started.get() && stopAt == Long.MAX_VALUE) {
            stopAt = System.nanoTime() + 500_000_000L;
          }
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII)).readLine();
            if (status != null) {
              answered.add(Integer.parseInt(status.split(" ")[1]));
            }
          } catch (SocketTimeoutException e) {
            hung.add(e.toString());
          } catch (IOException e) {
            // not listening yet, or refused while binding: not a hang
          }
        }
      });
      hammer.start();
      hammers.add(hammer);
    }
    RoundtableServer server = result(RoundtableServer.start(node, config, Clock.systemUTC()));
    started.set(true);
    for (Thread hammer : hammers) {
      hammer.join(30_000);
    }
    result(server.stop());
    result(node.vertx().close());
    assertThat(hung).as("requests without an answer").isEmpty();
    assertThat(answered).isNotEmpty().allMatch(status -> status == 200 || status == 503);
  }

  @Test
  @DisplayName("starts three nodes at once, each on its own embedded store")
  void threeAtOnce(@TempDir Path dataDir) {
    List<Vertx> vertxes = List.of(Vertx.vertx(), Vertx.vertx(), Vertx.vertx());
    List<Future<RoundtableServer>> starting = new ArrayList<>();
    for (int i = 0; i < vertxes.size(); i++) {
      starting.add(RoundtableServer.start(vertxes.get(i), TestServer.config(dataDir.resolve("node" + i)),
          Clock.systemUTC()));
    }
    for (Future<RoundtableServer> server : starting) {
      result(result(server).stop());
    }
    vertxes.forEach(vertx -> result(vertx.close()));
  }
}
