package dev.roundtable.bench.dialect;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/** One connection to a stateless room relay (Socket.IO or ws): join a room, send to it, receive from it. */
interface PeerConnection {

  /** Connects and joins {@code room}; completes when the relay confirms the join. */
  Future<Void> open(String room);

  /** Sends {@code message} to everyone else in the joined room. */
  void send(JsonObject message);

  /** Receives the messages the relay forwards: the message and its size on the wire. */
  void onMessage(MessageHandler handler);

  Future<Void> close();

  /** A forwarded message and how many characters it took on the wire. */
  interface MessageHandler {
    void handle(JsonObject message, int wireSize);
  }

  /** Protocol failures worth reporting (unexpected close, malformed packet). */
  void onError(Handler<String> handler);
}
