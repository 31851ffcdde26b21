package dev.roundtable.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * One outbound bridge frame, encoded once and shared by every socket it goes to: as JSON text, as the JSON
 * string literal a SockJS array frame carries, and as UTF-8 bytes, each computed on first use. Confined to
 * the bridge's event loop.
 */
final class Frame {
  private final String json;
  private String sockJsLiteral;
  private String sockJsArray;
  private Buffer bytes;

  private Frame(String json) {
    this.json = json;
  }

  /** {@code {"type":"rec","address":address,"body":<bodyJson>}} without decoding the body. */
  static Frame rec(String address, String bodyJson) {
    return new Frame("{\"type\":\"rec\",\"address\":" + Json.encode(address) + ",\"body\":" + bodyJson + "}");
  }

  static Frame of(JsonObject frame) {
    return new Frame(frame.encode());
  }

  /** The bridge's own short notices: {@code {"type":"err","body":"<code>"}}. */
  static Frame notice(String code) {
    return of(new JsonObject().put("type", "err").put("body", code));
  }

  String json() {
    return json;
  }

  /** The frame as one element of a SockJS {@code a[...]} frame. */
  String sockJsLiteral() {
    if (sockJsLiteral == null) {
      sockJsLiteral = Json.encode(json);
    }
    return sockJsLiteral;
  }

  /** A SockJS array frame carrying this frame alone: what most sockets get when the server is not busy. */
  String sockJsArray() {
    if (sockJsArray == null) {
      sockJsArray = "a[" + sockJsLiteral() + "]";
    }
    return sockJsArray;
  }

  Buffer bytes() {
    if (bytes == null) {
      bytes = Buffer.buffer(json);
    }
    return bytes;
  }
}
