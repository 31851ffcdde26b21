package dev.roundtable.bench.dialect;

import io.vertx.core.json.JsonObject;

/** The event-bus bridge frames the bench's Roundtable clients send (PROTOCOL §4), and what an {@code err} says. */
public final class BridgeFrames {
  private BridgeFrames() {
  }

  public static JsonObject send(String address, String token, JsonObject body, String replyAddress) {
    return new JsonObject().put("type", "send").put("address", address)
        .put("headers", new JsonObject().put("token", token)).put("body", body).put("replyAddress", replyAddress);
  }

  public static JsonObject register(String address, String token) {
    return new JsonObject().put("type", "register").put("address", address)
        .put("headers", new JsonObject().put("token", token));
  }

  /** Bridge keep-alive (PROTOCOL §4.1: at least every 10 s). */
  public static JsonObject ping() {
    return new JsonObject().put("type", "ping");
  }

  /**
   * The code of an {@code err} frame: a refused register's error code (in its body), a malformed frame's
   * bridge code (the body itself) or, for a send whose reply never came, its {@code failureType}.
   */
  public static String errorCode(JsonObject frame) {
    Object body = frame.getValue("body");
    return body instanceof JsonObject b ? b.getJsonObject("error", new JsonObject()).getString("code", "?")
        : body != null ? body.toString() : frame.getString("failureType", "unknown");
  }
}
