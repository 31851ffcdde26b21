package dev.roundtable.bench.transport;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * SockJS framing as the browser's sockjs-client sees it on the WebSocket transport: the server sends
 * {@code o} (open), {@code h} (heartbeat), {@code a[...]} (one or more messages, each a JSON string) and
 * {@code c[code,"reason"]} (close); the client sends {@code ["<message>", ...]}. Pure, no I/O.
 */
public final class SockJsCodec {

  /** What a server frame is. */
  public enum Kind { OPEN, HEARTBEAT, MESSAGES, CLOSE }

  /** One decoded server frame; {@code messages} is empty unless {@code kind} is MESSAGES. */
  public record Frame(Kind kind, List<String> messages, int closeCode, String closeReason) {
    static Frame of(Kind kind) {
      return new Frame(kind, List.of(), 0, "");
    }
  }

  private SockJsCodec() {
  }

  /** Decodes one server frame; throws {@link IllegalArgumentException} for anything SockJS does not send. */
  public static Frame parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("empty SockJS frame");
    }
    char kind = raw.charAt(0);
    switch (kind) {
      case 'o':
        return Frame.of(Kind.OPEN);
      case 'h':
        return Frame.of(Kind.HEARTBEAT);
      case 'a': {
        JsonArray array = array(raw);
        List<String> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
          Object item = array.getValue(i);
          if (!(item instanceof String)) {
            throw new IllegalArgumentException("SockJS message " + i + " is not a string");
          }
          messages.add((String) item);
        }
        return new Frame(Kind.MESSAGES, messages, 0, "");
      }
      case 'c': {
        JsonArray array = array(raw);
        int code = array.size() > 0 && array.getValue(0) instanceof Number n ? n.intValue() : 0;
        String reason = array.size() > 1 && array.getValue(1) instanceof String s ? s : "";
        return new Frame(Kind.CLOSE, List.of(), code, reason);
      }
      default:
        throw new IllegalArgumentException("unknown SockJS frame type '" + kind + "'");
    }
  }

  /** Encodes client messages as one SockJS frame: a JSON array of JSON strings. */
  public static String encode(String... messages) {
    JsonArray array = new JsonArray();
    for (String message : messages) {
      array.add(message);
    }
    return array.encode();
  }

  private static JsonArray array(String raw) {
    try {
      return new JsonArray(raw.substring(1));
    } catch (DecodeException e) {
      throw new IllegalArgumentException("malformed SockJS frame: " + e.getMessage(), e);
    }
  }
}
