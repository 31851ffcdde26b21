package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The SockJS WebSocket transport")
class FanOutTest {
  private static final int COMMANDS = 30;

  private final Vertx vertx = Vertx.vertx();
  @TempDir
  Path dataDir;
  private TestServer server;

  @BeforeEach
  void setUp() {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), new MutableClock()));
  }

  @AfterEach
  void tearDown() {
    // Draining closes every socket first; without it the HTTP server would wait for them to go.
    result(server.stop());
    result(vertx.close());
  }

  @Test
  @DisplayName("batches the envelopes ready in one moment into one array frame, in order, the same on every socket")
  void batchesInOrder() {
    JsonObject room = result(server.createRoom());
    String roomId = room.getString("roomId");
    String token = room.getString("token");
    List<SockJsSocket> sockets = IntStream.range(0, 3).mapToObj(i -> SockJsSocket.open(vertx, server.port())).toList();
    String events = "rt.room." + roomId + ".events";
    sockets.forEach(s -> s.send(new JsonObject().put("type", "register").put("address", events)
        .put("headers", new JsonObject().put("token", token))));
    Eventually.until("all three sockets are online", Duration.ofSeconds(10),
        () -> sockets.get(0).messages().size() >= 3);
    BusClient sender = result(BusClient.connect(vertx, server.port()));

    result(Future.all(IntStream.range(0, COMMANDS).mapToObj(i -> sender.command(roomId, token, "fac", i,
        new JsonObject().put("type", "AddItem").put("title", "Item " + i))).toList()));

    for (SockJsSocket socket : sockets) {
      Eventually.until("every envelope arrives", Duration.ofSeconds(10), () -> socket.seqs().size() >= COMMANDS + 3);
    }
    List<Long> order = sockets.get(0).seqs();
    assertThat(order).isSorted().doesNotHaveDuplicates();
    assertThat(order.get(order.size() - 1) - order.get(0)).isEqualTo(order.size() - 1);
    for (SockJsSocket socket : sockets) {
      assertThat(socket.seqs()).isEqualTo(order);
      assertThat(socket.messages()).isEqualTo(sockets.get(0).messages());
      assertThat(socket.largestBatch()).as("messages in the largest a[...] frame").isGreaterThan(1);
    }
  }

  @Test
  @DisplayName("answers a malformed SockJS frame as invalid JSON and keeps the session")
  void malformedFrame() {
    SockJsSocket socket = SockJsSocket.open(vertx, server.port());
    socket.sendRaw("[not json");
    Eventually.until("an invalid_json notice", Duration.ofSeconds(5),
        () -> socket.messages().contains(new JsonObject().put("type", "err").put("body", "invalid_json")));
    assertThat(socket.closed).isFalse();
  }

  /** A SockJS WebSocket-transport client, as sockjs-client speaks it, recording every message. */
  private static final class SockJsSocket {
    final WebSocket ws;
    final List<JsonArray> batches = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    private SockJsSocket(WebSocket ws) {
      this.ws = ws;
      ws.textMessageHandler(text -> {
        if (text.startsWith("a")) {
          batches.add(new JsonArray(text.substring(1)));
        }
      });
      ws.closeHandler(v -> closed = true);
    }

    static SockJsSocket open(Vertx vertx, int port) {
      WebSocketClient client = vertx.createWebSocketClient();
      WebSocket ws = result(client.connect(port, "localhost", "/eventbus/123/" + java.util.UUID.randomUUID() + "/websocket"));
      return new SockJsSocket(ws);
    }

    void send(JsonObject frame) {
      sendRaw(new JsonArray().add(frame.encode()).encode());
    }

    void sendRaw(String text) {
      ws.writeTextMessage(text);
    }

    List<JsonObject> messages() {
      return batches.stream().flatMap(b -> b.stream().map(m -> new JsonObject((String) m))).toList();
    }

    List<Long> seqs() {
      return messages().stream().map(m -> m.getJsonObject("body")).filter(b -> b != null && b.containsKey("seq"))
          .map(b -> b.getLong("seq")).toList();
    }

    int largestBatch() {
      return batches.stream().mapToInt(JsonArray::size).max().orElse(0);
    }
  }
}
