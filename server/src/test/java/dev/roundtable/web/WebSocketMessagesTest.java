package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Client messages on every bridge transport")
class WebSocketMessagesTest {
  private static final String RAW = "/eventbus/websocket";
  private static final String SOCKJS = "/eventbus/123/frames01/websocket";
  private static final int LIMIT = WebSocketMessages.MAX_MESSAGE_BYTES;

  private final Vertx vertx = Vertx.vertx();
  private TestServer server;
  private WebClient http;

  @BeforeEach
  void start(@TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), new MutableClock()));
    // A connection per request: the server closes one after refusing a body, and reuse would race that.
    http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
  }

  @AfterEach
  void stop() {
    http.close();
    result(server.stop());
    result(vertx.close());
  }

  /** A {@code send} frame of exactly {@code bytes} bytes whose body is too large for a room. */
  private static String sendOf(int bytes) {
    String head = "{\"type\":\"send\",\"address\":\"rt.room.aaaaaaaaaaaa.cmd\",\"replyAddress\":\"r1\",\"body\":{\"pad\":\"";
    String tail = "\"}}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }

  /** A client socket that records what it receives and how it was closed. */
  private final class Client {
    final WebSocketClient client;
    final WebSocket ws;
    final List<String> received = new CopyOnWriteArrayList<>();

    Client(String path, int maxFrameSize) {
      client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(maxFrameSize)
          .setMaxMessageSize(4 * LIMIT));
      ws = result(client.connect(server.port(), "127.0.0.1", path));
      ws.textMessageHandler(received::add);
      ws.binaryMessageHandler(b -> received.add(b.toString()));
    }

    Short closedWith() {
      Eventually.until("the server closes the socket", Duration.ofSeconds(10), () -> ws.isClosed());
      return ws.closeStatusCode();
    }

    void sendTextBytes(byte[] bytes) {
      ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, true));
    }
  }

  @Test
  @DisplayName("answer a raw WebSocket message at the limit with TOO_LARGE, and close on one byte more with 1009")
  void rawLimit() {
    Client client = new Client(RAW, 65_536);
    client.ws.writeTextMessage(sendOf(LIMIT));
    Eventually.until("the TOO_LARGE reply", Duration.ofSeconds(10),
        () -> client.received.stream().anyMatch(f -> f.contains("TOO_LARGE")));
    client.ws.writeTextMessage(sendOf(LIMIT + 1));
    assertThat(client.closedWith()).isEqualTo((short) 1009);
  }

  @Test
  @DisplayName("close a raw WebSocket with 1009 when one frame alone is over the limit, text or binary")
  void rawSingleFrame() {
    Client text = new Client(RAW, 4 * LIMIT);
    text.ws.writeTextMessage(sendOf(LIMIT + 1));
    assertThat(text.closedWith()).isEqualTo((short) 1009);
    Client binary = new Client(RAW, 4 * LIMIT);
    binary.ws.writeBinaryMessage(Buffer.buffer(sendOf(LIMIT + 1)));
    assertThat(binary.closedWith()).isEqualTo((short) 1009);
  }

  @Test
  @DisplayName("close a SockJS WebSocket over the limit with c[1009,…] and close code 1009")
  void sockJsLimit() {
    Client client = new Client(SOCKJS, 65_536);
    client.ws.writeTextMessage(new io.vertx.core.json.JsonArray().add(sendOf(LIMIT / 2)).encode());
    Eventually.until("the TOO_LARGE reply", Duration.ofSeconds(10),
        () -> client.received.stream().anyMatch(f -> f.contains("TOO_LARGE")));
    client.ws.writeTextMessage(new io.vertx.core.json.JsonArray().add(sendOf(LIMIT)).encode());
    assertThat(client.closedWith()).isEqualTo((short) 1009);
    assertThat(client.received).anyMatch(f -> f.startsWith("c[1009,"));
  }

  @Test
  @DisplayName("close with 1007 on text that is not valid UTF-8, raw and SockJS")
  void invalidUtf8() {
    byte[] broken = "{\"type\":\"send\",\"address\":\"rt.room.aaaaaaaaaaaa.cmd\",\"replyAddress\":\"u?\",\"body\":{}}"
        .getBytes(StandardCharsets.UTF_8);
    broken[70] = (byte) 0xff;
    Client raw = new Client(RAW, 65_536);
    raw.sendTextBytes(broken);
    assertThat(raw.closedWith()).isEqualTo((short) 1007);
    assertThat(raw.received).noneMatch(f -> f.contains("\uFFFD"));

    Client binary = new Client(RAW, 65_536);
    binary.ws.writeBinaryMessage(Buffer.buffer(broken));
    assertThat(binary.closedWith()).isEqualTo((short) 1007);

    Client sockJs = new Client(SOCKJS, 65_536);
    sockJs.sendTextBytes(new byte[] {'[', '"', 'x', (byte) 0xc3, '"', ']'});
    assertThat(sockJs.closedWith()).isEqualTo((short) 1007);
    assertThat(sockJs.received).anyMatch(f -> f.startsWith("c[1007,"));
  }

  @Test
  @DisplayName("refuse JSON with comments, a second value or a repeated key as invalid_json and keep the socket")
  void strictJson() {
    Client client = new Client(RAW, 65_536);
    for (String lenient : List.of("{/*c*/\"type\":\"ping\"}", "{\"type\":\"ping\"} {}", "// c\n{\"type\":\"ping\"}",
        "{'type':'ping'}", "{\"type\":\"ping\",\"type\":\"send\"}")) {
      client.ws.writeTextMessage(lenient);
    }
    Eventually.until("five answers", Duration.ofSeconds(10), () -> client.received.size() == 5);
    assertThat(client.received).containsOnly("{\"type\":\"err\",\"body\":\"invalid_json\"}");
    assertThat(client.ws.isClosed()).isFalse();
  }

  @Test
  @DisplayName("serve the XHR fallback: frames reach the bridge; too large a POST gets 413, broken UTF-8 400")
  void xhrFallback() {
    String session = "/eventbus/123/xhr00001";
    assertThat(post(session + "/xhr", Buffer.buffer()).bodyAsString()).isEqualTo("o\n");
    HttpResponse<Buffer> sent = post(session + "/xhr_send", Buffer.buffer("[\"{/*c*/\\\"type\\\":\\\"ping\\\"}\"]"));
    assertThat(sent.statusCode()).isEqualTo(204);
    assertThat(post(session + "/xhr", Buffer.buffer()).bodyAsString())
        .isEqualTo("a[\"{\\\"type\\\":\\\"err\\\",\\\"body\\\":\\\"invalid_json\\\"}\"]\n");

    HttpResponse<Buffer> broken = post(session + "/xhr_send", Buffer.buffer(new byte[] {'[', '"', (byte) 0xff, '"', ']'}));
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.bodyAsJsonObject().getString("code")).isEqualTo("BAD_JSON");

    // Last: the server closes the connection after refusing a body it did not read to the end.
    HttpResponse<Buffer> tooLarge = post(session + "/xhr_send", Buffer.buffer("[\"" + "x".repeat(LIMIT) + "\"]"));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.bodyAsJsonObject().getString("code")).isEqualTo("TOO_LARGE");
  }

  private HttpResponse<Buffer> post(String path, Buffer body) {
    return result(http.post(server.port(), "127.0.0.1", path).sendBuffer(body));
  }
}
