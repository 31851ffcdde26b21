package dev.roundtable.protocol;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The shape of every reply the server sends to a command: {@code {"ok":true,...}} or
 * {@code {"ok":false,"error":{"code":"...","message":"..."}}}. Errors are data, never a failed
 * event-bus reply, so every client reads them the same way.
 */
public final class Replies {
  private Replies() {
  }

  public static JsonObject ok() {
    return new JsonObject().put("ok", true);
  }

  public static JsonObject applied(long seq, Map<String, Object> result) {
    return unchanged(result).put("seq", seq);
  }

  /** Accepted but nothing changed, so no sequence number was used. */
  public static JsonObject unchanged(Map<String, Object> result) {
    return ok().put("result", new JsonObject(new java.util.LinkedHashMap<>(result)));
  }

  /** The rejection's error object; its {@code reason}, when it has one, goes with the code and message. */
  public static JsonObject error(Rejection rejection) {
    JsonObject reply = error(rejection.code(), rejection.message());
    if (rejection.reason() != null) {
      reply.getJsonObject("error").put("reason", rejection.reason());
    }
    return reply;
  }

  public static JsonObject error(ErrorCode code, String message) {
    return new JsonObject().put("ok", false)
        .put("error", new JsonObject().put("code", code.name()).put("message", message));
  }

  /** A refusal for overload: UNAVAILABLE with {@code retryAfterMs}, how long to wait before resending (§4.5). */
  public static JsonObject retryLater(String message, long retryAfterMs) {
    JsonObject reply = error(ErrorCode.UNAVAILABLE, message);
    reply.getJsonObject("error").put("retryAfterMs", retryAfterMs);
    return reply;
  }

  public static boolean isOk(JsonObject reply) {
    return reply != null && reply.getBoolean("ok", false);
  }
}
