package dev.roundtable.bench.dialect;

import dev.roundtable.bench.transport.Endpoint;
import dev.roundtable.bench.transport.Sockets;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;

/**
 * What the two relay connections share: the WebSocket, the handlers the load driver installs, the pending
 * join, and an orderly close that is not reported as an error. Subclasses speak their relay's framing.
 */
abstract class RelaySocket implements PeerConnection {
  private final WebSocketClient client;
  private final Endpoint node;
  protected ClientWebSocket ws;
  protected Promise<Void> joined;
  protected MessageHandler onMessage = (m, n) -> { };
  protected Handler<String> onError = e -> { };
  private boolean closing;

  RelaySocket(WebSocketClient client, Endpoint node) {
    this.client = client;
    this.node = node;
  }

  /** Opens the WebSocket at {@code path}; every text message goes to {@link #onText}. */
  protected Future<ClientWebSocket> connect(String path) {
    return Sockets.open(client, node, path, this::onText,
        e -> onError.handle("socket:" + e.getClass().getSimpleName()), v -> {
          if (!closing) {
            onError.handle("socket-closed");
          }
        })
        .onSuccess(socket -> ws = socket);
  }

  /** Sends the relay's join frame; completes when the relay confirms it (the subclass completes {@link #joined}). */
  protected Future<Void> join(String frame) {
    joined = Promise.promise();
    ws.writeTextMessage(frame);
    return joined.future();
  }

  protected abstract void onText(String raw);

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
}
