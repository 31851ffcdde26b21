package dev.roundtable.web;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reassembles a client WebSocket's messages from its frames, so that what Vert.x would drop or mangle without
 * a word is answered with a close code instead (docs/PROTOCOL.md §4): a message over {@link #MAX_MESSAGE_BYTES}
 * closes the socket with 1009, text that is not valid UTF-8 with 1007 (RFC 6455 §8.1), a binary message on a
 * transport that has none with 1003. Vert.x's own message handlers raise an exception nobody sees for the
 * first and decode the second with replacement characters. After a close nothing more is passed on.
 */
final class WebSocketMessages implements Handler<WebSocketFrame> {
  /**
   * The largest message (one frame, or all its frames together) a client may send, in bytes: four times
   * the largest command body. It is also the server's WebSocket frame size, so Vert.x splits what the server
   * sends into frames no larger, which every client accepts (Vert.x's own client refuses larger ones).
   */
  static final int MAX_MESSAGE_BYTES = 65_536;
  static final int CLOSE_UNSUPPORTED = 1003;
  static final int CLOSE_INVALID_DATA = 1007;
  static final int CLOSE_TOO_BIG = 1009;

  private final boolean binaryAllowed;
  private final Consumer<String> onMessage;
  private final BiConsumer<Integer, String> close;
  private Buffer partial;
  private boolean partialIsText;
  private boolean closed;

  private WebSocketMessages(boolean binaryAllowed, Consumer<String> onMessage, BiConsumer<Integer, String> close) {
    this.binaryAllowed = binaryAllowed;
    this.onMessage = onMessage;
    this.close = close;
  }

  /**
   * Passes each whole message of {@code ws} to {@code onMessage} as text; {@code close} closes the session
   * (with its transport's own framing) when a message breaks a rule. Binary messages carry UTF-8 text too,
   * where {@code binaryAllowed}.
   */
  static void read(ServerWebSocket ws, boolean binaryAllowed, Consumer<String> onMessage,
      BiConsumer<Integer, String> close) {
    WebSocketMessages messages = new WebSocketMessages(binaryAllowed, onMessage, close);
    ws.frameHandler(messages);
    // A single frame over the limit never reaches the frame handler: Netty's decoder refuses it first.
    ws.exceptionHandler(e -> {
      if (e instanceof CorruptedWebSocketFrameException corrupt && !messages.closed) {
        messages.refuse(corrupt.closeStatus().code(), corrupt.closeStatus().code() == CLOSE_TOO_BIG
            ? "message larger than " + MAX_MESSAGE_BYTES + " bytes" : corrupt.closeStatus().reasonText());
      }
    });
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (closed || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
      return;
    }
    if (!frame.isContinuation()) {
      partial = null;
      partialIsText = frame.isText();
    }
    Buffer data = frame.binaryData();
    int size = (partial == null ? 0 : partial.length()) + data.length();
    if (size > MAX_MESSAGE_BYTES) {
      refuse(CLOSE_TOO_BIG, "message larger than " + MAX_MESSAGE_BYTES + " bytes");
      return;
    }
    if (!frame.isFinal()) {
      partial = (partial == null ? Buffer.buffer(Math.min(4 * data.length(), MAX_MESSAGE_BYTES)) : partial)
          .appendBuffer(data);
      return;
    }
    Buffer message = partial == null ? data : partial.appendBuffer(data);
    partial = null;
    if (!partialIsText && !binaryAllowed) {
      refuse(CLOSE_UNSUPPORTED, "binary messages are not part of this transport");
      return;
    }
    String text = ClientJson.utf8(message);
    if (text == null) {
      refuse(CLOSE_INVALID_DATA, "message is not valid UTF-8");
      return;
    }
    onMessage.accept(text);
  }

  private void refuse(int code, String reason) {
    closed = true;
    partial = null;
    close.accept(code, reason);
  }
}
