package dev.roundtable.bench.dialect;

import dev.roundtable.bench.transport.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

/**
 * Plain JSON over a WebSocket to the ws relay: {@code {"t":"join","r":room}} answered by
 * {@code {"t":"joined"}}; {@code {"t":"msg",...}} is forwarded as is to the rest of the room.
 */
final class WsConnection extends RelaySocket {

  WsConnection(WebSocketClient client, Endpoint node) {
    super(client, node);
  }

  @Override
  public Future<Void> open(String room) {
    return connect("/").compose(socket -> join(new JsonObject().put("t", "join").put("r", room).encode()));
  }

  @Override
  public void send(JsonObject message) {
    ws.writeTextMessage(message.encode()); // already carries "t":"msg"
  }

  @Override
  protected void onText(String raw) {
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
