package dev.roundtable.bench.dialect;

import dev.roundtable.bench.transport.EngineIoCodec;
import dev.roundtable.bench.transport.EngineIoCodec.Packet;
import dev.roundtable.bench.transport.Endpoint;
import dev.roundtable.bench.transport.Sockets;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

/**
 * Socket.IO v4 client over a raw WebSocket ({@code /socket.io/?EIO=4&transport=websocket}): waits for the
 * Engine.IO open packet, connects the default namespace ({@code 40}), answers pings, emits
 * {@code join} and {@code msg} events and receives {@code joined} and {@code msg}.
 */
final class SocketIoConnection implements PeerConnection {

  private final WebSocketClient client;
  private final Endpoint node;
  private ClientWebSocket ws;
  private final Promise<Void> connected = Promise.promise();
  private Promise<Void> joined;
  private MessageHandler onMessage = (m, n) -> { };
  private Handler<String> onError = e -> { };
  private boolean closing;

  SocketIoConnection(WebSocketClient client, Endpoint node) {
    this.client = client;
    this.node = node;
  }

  @Override
  public Future<Void> open(String room) {
    return Sockets.open(client, node, "/socket.io/?EIO=4&transport=websocket", this::onText,
        e -> onError.handle("socket:" + e.getClass().getSimpleName()), v -> {
          if (!closing) {
            onError.handle("socket-closed");
          }
        })
        .compose(socket -> {
          ws = socket;
          return connected.future();
        })
        .compose(v -> {
          joined = Promise.promise();
          ws.writeTextMessage(EngineIoCodec.event("join", room));
          return joined.future();
        });
  }

  @Override
  public void send(JsonObject message) {
    ws.writeTextMessage(EngineIoCodec.event("msg", message));
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
    Packet p;
    try {
      p = EngineIoCodec.parse(raw);
    } catch (IllegalArgumentException e) {
      onError.handle("bad-engine.io-packet");
      return;
    }
    switch (p.eio()) {
      case OPEN -> ws.writeTextMessage(EngineIoCodec.CONNECT);
      case PING -> ws.writeTextMessage(EngineIoCodec.PONG);
      case CLOSE -> onError.handle("engine.io-close");
      case MESSAGE -> onSocketIo(p, raw.length());
      default -> {
      }
    }
  }

  private void onSocketIo(Packet p, int size) {
    switch (p.sio()) {
      case CONNECT -> connected.tryComplete();
      case CONNECT_ERROR -> connected.tryFail("socket.io connect refused: " + p.json());
      case EVENT -> {
        if ("msg".equals(p.event()) && p.data() instanceof JsonObject m) {
          onMessage.handle(m, size);
        } else if ("joined".equals(p.event()) && joined != null) {
          joined.tryComplete();
        }
      }
      default -> {
      }
    }
  }
}
