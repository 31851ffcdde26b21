package dev.roundtable.bench.dialect;

import dev.roundtable.bench.transport.EngineIoCodec;
import dev.roundtable.bench.transport.EngineIoCodec.Packet;
import dev.roundtable.bench.transport.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

/**
 * Socket.IO v4 client over a raw WebSocket ({@code /socket.io/?EIO=4&transport=websocket}): waits for the
 * Engine.IO open packet, connects the default namespace ({@code 40}), answers pings, emits
 * {@code join} and {@code msg} events and receives {@code joined} and {@code msg}.
 */
final class SocketIoConnection extends RelaySocket {
  private final Promise<Void> connected = Promise.promise();

  SocketIoConnection(WebSocketClient client, Endpoint node) {
    super(client, node);
  }

  @Override
  public Future<Void> open(String room) {
    return connect("/socket.io/?EIO=4&transport=websocket")
        .compose(socket -> connected.future())
        .compose(v -> join(EngineIoCodec.event("join", room)));
  }

  @Override
  public void send(JsonObject message) {
    ws.writeTextMessage(EngineIoCodec.event("msg", message));
  }

  @Override
  protected void onText(String raw) {
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
