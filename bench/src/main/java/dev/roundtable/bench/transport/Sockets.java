package dev.roundtable.bench.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;

/** Opens client WebSockets with every handler in place before the handshake, so no early frame is missed. */
public final class Sockets {

  private Sockets() {
  }

  /**
   * Connects to {@code ws://endpoint/uri}. Text and binary messages both go to {@code onText} (binary
   * ones decoded as UTF-8); {@code onClose} runs once when the socket closes for any reason.
   */
  public static Future<ClientWebSocket> open(WebSocketClient client, Endpoint endpoint, String uri,
      Handler<String> onText, Handler<Throwable> onError, Handler<Void> onClose) {
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(onText);
    ws.binaryMessageHandler(b -> onText.handle(b.toString(StandardCharsets.UTF_8)));
    ws.exceptionHandler(onError);
    ws.closeHandler(onClose);
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(endpoint.host()).setPort(endpoint.port()).setURI(uri).setConnectTimeout(30_000);
    return ws.connect(options).map(ws);
  }
}
