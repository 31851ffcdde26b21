package dev.roundtable.bench.dialect;

import dev.roundtable.bench.transport.Endpoint;
import dev.roundtable.bench.transport.Sockets;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

/**
 * Plain JSON over a WebSocket to the ws relay: {@code {"t":"join","r":room}} answered by
 * {@code {"t":"joined"}}; {@code {"t":"msg",...}} is forwarded as is to the rest of the room.
 */
final class WsConnection implements PeerConnection {

  private final WebSocketClient client;
  private final Endpoint node;
  private ClientWebSocket ws;
  private Promise<Void> joined;
  private MessageHandler onMessage = (m, n) -> { };
  private Handler<String> onError = e -> { };
  private boolean closing;

  WsConnection(WebSocketClient client, Endpoint node) {
    this.client = client;
    this.node = node;
  }

  @Override
  public Future<Void> open(String room) {
    return Sockets.open(client, node, "/", this::onText,
        e -> onError.handle("socket:" + e.getClass().getSimpleName()), v -> {
          if (!closing) {
            onError.handle("socket-closed");
          }
        })
        .compose(socket -> {
          ws = socket;
          joined = Promise.promise();
          ws.writeTextMessage(new JsonObject().put("t", "join").put("r", room).encode());
          return joined.future();
        });
  }

  @Override
  public void send(JsonObject message) {
    ws.writeTextMessage(message.encode()); // already carries "t":"msg"
  }

  @Override
  public void onMessage(MessageHandler handler) {
    this.onMessage = handler;
  }

  @Override
  public void onError(Handler<String> handler) {
    this.onError = handler;
  }

  @Override
  public Future<Void> close() {
    closing = true;
    return ws == null ? Future.succeededFuture() : ws.close().recover(e -> Future.succeededFuture());
  }

  private void onText(String raw) {
    JsonObject m;
    try {
      m = new JsonObject(raw);
    } catch (RuntimeException e) {
      onError.handle("bad-json");
      return;
    }
    String t = m.getString("t");
    if ("msg".equals(t)) {
      onMessage.handle(m, raw.length());
    } else if ("joined".equals(t) && joined != null) {
      joined.tryComplete();
    }
  }
}
