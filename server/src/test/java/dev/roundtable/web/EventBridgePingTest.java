package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The bridge's ping timeout")
class EventBridgePingTest {
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock();
  private TestServer server;

  @AfterEach
  void stop() {
    result(server.stop());
    result(vertx.close());
  }

  @Test
  @DisplayName("closes a silent socket with 1001 between 10 and 10.25 s (plus scheduling), not when the wall clock jumps")
  void closesSilentSocket(@TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), clock));
    WebSocketClient client = vertx.createWebSocketClient();
    long opened = System.nanoTime();
    WebSocket ws = result(client.connect(server.port(), "127.0.0.1", "/eventbus/websocket"));
    AtomicLong closedAt = new AtomicLong();
    ws.closeHandler(v -> closedAt.set(System.nanoTime()));

    clock.advance(60_000);
    Eventually.until("the socket is closed", Duration.ofSeconds(15), () -> closedAt.get() != 0);
    long afterMs = (closedAt.get() - opened) / 1_000_000;
    assertThat(ws.closeStatusCode()).isEqualTo((short) 1001);
    assertThat(afterMs).isBetween(EventBridge.PING_TIMEOUT_MS - 50,
        EventBridge.PING_TIMEOUT_MS + EventBridge.PING_CHECK_MS + 1_000);
    client.close();
  }
}
