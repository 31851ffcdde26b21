package dev.roundtable.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.Json;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The transports a {@link ClientSession} can ride on. The browser's path is the SockJS WebSocket transport,
 * served here rather than by vertx-web, so that every frame queued for a socket in one event-loop turn
 * leaves in one SockJS array frame, {@code a["…","…"]}, built from literals encoded once for all sockets:
 * batching grows with load, and no socket costs an encoding. SockJS's fallbacks (XHR streaming, polling …)
 * stay with vertx-web's SockJS handler, and the raw WebSocket endpoint sends one frame per message. Both
 * WebSocket transports read their messages through {@link WebSocketMessages}, which answers an oversize
 * message or broken UTF-8 with a close code.
 */
final class Sessions {
  /** SockJS servers send a heartbeat frame this often; clients and proxies see the connection alive. */
  static final long SOCKJS_HEARTBEAT_MS = 25_000;

  private Sessions() {
  }

  /**
   * Serves the SockJS WebSocket transport ({@code /eventbus/<server>/<session>/websocket}) on an upgraded
   * socket: {@code o} on open, {@code h} heartbeats, {@code a[...]} batches out, {@code ["…", …]} in.
   */
  static ClientSession sockJs(Vertx vertx, Flusher flusher, ServerWebSocket ws,
      BiConsumer<ClientSession, String> onMessage, Consumer<ClientSession> onClose) {
    SockJsWebSocketSession session = new SockJsWebSocketSession(flusher, ws);
    ws.writeTextMessage("o");
    long heartbeat = vertx.setPeriodic(SOCKJS_HEARTBEAT_MS, id -> ws.writeTextMessage("h"));
    WebSocketMessages.read(ws, false, text -> {
      for (String message : sockJsMessages(text)) {
        onMessage.accept(session, message);
      }
    }, session::close);
    ws.closeHandler(v -> {
      vertx.cancelTimer(heartbeat);
      onClose.accept(session);
    });
    return session;
  }

  /** The raw WebSocket endpoint ({@code /eventbus/websocket}): one bridge frame per message, both ways. */
  static ClientSession raw(ServerWebSocket ws, BiConsumer<ClientSession, String> onMessage,
      Consumer<ClientSession> onClose) {
    ClientSession session = session(frame -> ws.writeBinaryMessage(frame.bytes()),
        (code, reason) -> ws.close(code.shortValue(), reason));
    WebSocketMessages.read(ws, true, text -> onMessage.accept(session, text), session::close);
    ws.closeHandler(v -> onClose.accept(session));
    return session;
  }

  /** A SockJS fallback transport, through vertx-web's SockJS session: one SockJS message per frame. */
  static ClientSession fallback(SockJSSocket socket, BiConsumer<ClientSession, String> onMessage,
      Consumer<ClientSession> onClose) {
    ClientSession session = session(frame -> socket.write(frame.json()), socket::close);
    socket.handler(buffer -> onMessage.accept(session, buffer.toString()));
    socket.endHandler(v -> onClose.accept(session));
    return session;
  }

  /** A session that writes each frame at once, as its transport has no batching of its own. */
  private static ClientSession session(Consumer<Frame> write, BiConsumer<Integer, String> close) {
    return new ClientSession() {
      @Override
      void deliver(Frame frame) {
        write.accept(frame);
      }

      @Override
      void close(int code, String reason) {
        close.accept(code, reason);
      }
    };
  }

  /**
   * The messages of one inbound SockJS frame: a JSON array of strings (or one string). A malformed frame is
   * passed on whole, as one message, so the bridge answers it as invalid JSON and the socket stays open.
   */
  static List<String> sockJsMessages(String text) {
    Object parsed = ClientJson.value(text);
    if (parsed instanceof String one) {
      return List.of(one);
    }
    if (parsed instanceof List<?> list) {
      List<String> messages = new ArrayList<>(list.size());
      for (Object item : list) {
        // A non-string element is passed on as text, so the bridge answers it as invalid JSON.
        messages.add(item instanceof String s ? s : String.valueOf(item));
      }
      return messages;
    }
    return List.of(text);
  }

  /**
   * Flushes every socket that has frames queued, once per event-loop turn: one task for all of them,
   * scheduled by the first frame queued in the turn, so a thousand subscribers cost one task, not a thousand.
   */
  static final class Flusher {
    private final Context context;
    private final List<SockJsWebSocketSession> dirty = new ArrayList<>();
    private boolean scheduled;

    Flusher(Context context) {
      this.context = context;
    }

    void dirty(SockJsWebSocketSession session) {
      dirty.add(session);
      if (!scheduled) {
        scheduled = true;
        context.runOnContext(v -> flushAll());
      }
    }

    private void flushAll() {
      scheduled = false;
      for (int i = 0; i < dirty.size(); i++) {
        dirty.get(i).flush();
      }
      dirty.clear();
    }
  }

  /** Batches one event-loop turn's frames into one SockJS array frame. */
  private static final class SockJsWebSocketSession extends ClientSession {
    private final Flusher flusher;
    private final ServerWebSocket ws;
    private final List<Frame> queued = new ArrayList<>(4);

    SockJsWebSocketSession(Flusher flusher, ServerWebSocket ws) {
      this.flusher = flusher;
      this.ws = ws;
    }

    @Override
    void deliver(Frame frame) {
      if (queued.isEmpty()) {
        flusher.dirty(this);
      }
      queued.add(frame);
    }

    void flush() {
      if (queued.isEmpty() || ws.isClosed()) {
        queued.clear();
        return;
      }
      String out;
      if (queued.size() == 1) {
        out = queued.get(0).sockJsArray();
      } else {
        int size = 2;
        for (Frame f : queued) {
          size += f.sockJsLiteral().length() + 1;
        }
        StringBuilder batch = new StringBuilder(size).append("a[");
        for (int i = 0; i < queued.size(); i++) {
          if (i > 0) {
            batch.append(',');
          }
          batch.append(queued.get(i).sockJsLiteral());
        }
        out = batch.append(']').toString();
      }
      queued.clear();
      ws.writeTextMessage(out);
    }

    @Override
    void close(int code, String reason) {
      flush();
      if (!ws.isClosed()) {
        ws.writeTextMessage("c[" + code + "," + Json.encode(reason) + "]");
        ws.close((short) code, reason);
      }
    }
  }
}
