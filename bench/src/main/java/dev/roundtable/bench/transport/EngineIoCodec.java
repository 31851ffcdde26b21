package dev.roundtable.bench.transport;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Engine.IO v4 / Socket.IO v4 packets over a raw WebSocket (one packet per text message), enough for a
 * room relay: Engine.IO {@code 0{...}} open, {@code 2} ping, {@code 3} pong, {@code 4<socket.io>} message;
 * Socket.IO {@code 0} connect, {@code 2["event",data]} event (default namespace, optional ack id).
 * Pure, no I/O.
 */
public final class EngineIoCodec {

  /** Engine.IO packet types (the first character). */
  public enum EioType { OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP }

  /** Socket.IO packet types (the character after an Engine.IO MESSAGE). */
  public enum SioType { CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK }

  /**
   * One decoded packet. {@code sio} is null unless {@code eio} is MESSAGE; {@code event} and {@code data}
   * are set for EVENT; {@code json} is the packet's JSON payload (open handshake, connect answer), else null.
   */
  public record Packet(EioType eio, SioType sio, String event, Object data, JsonObject json) {
  }

  /** The client's Socket.IO connect to the default namespace. */
  public static final String CONNECT = "40";
  /** The client's answer to a server ping. */
  public static final String PONG = "3";

  private EngineIoCodec() {
  }

  /** Decodes one WebSocket text message; throws {@link IllegalArgumentException} on anything malformed. */
  public static Packet parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("empty Engine.IO packet");
    }
    int e = raw.charAt(0) - '0';
    if (e < 0 || e >= EioType.values().length) {
      throw new IllegalArgumentException("unknown Engine.IO packet type '" + raw.charAt(0) + "'");
    }
    EioType eio = EioType.values()[e];
    if (eio == EioType.OPEN) {
      return new Packet(eio, null, null, null, object(raw.substring(1)));
    }
    if (eio != EioType.MESSAGE) {
      return new Packet(eio, null, null, null, null);
    }
    if (raw.length() < 2) {
      throw new IllegalArgumentException("Engine.IO message without a Socket.IO packet");
    }
    int s = raw.charAt(1) - '0';
    if (s < 0 || s >= SioType.values().length) {
      throw new IllegalArgumentException("unknown Socket.IO packet type '" + raw.charAt(1) + "'");
    }
    SioType sio = SioType.values()[s];
    int i = 2;
    if (i < raw.length() && raw.charAt(i) == '/') {
      // A namespace other than "/" ends at the first comma; the relay only uses the default one.
      int comma = raw.indexOf(',', i);
      i = comma < 0 ? raw.length() : comma + 1;
    }
    while (i < raw.length() && Character.isDigit(raw.charAt(i))) {
      i++; // ack id
    }
    String payload = raw.substring(i);
    switch (sio) {
      case EVENT: {
        JsonArray args = array(payload);
        if (args.isEmpty() || !(args.getValue(0) instanceof String name)) {
          throw new IllegalArgumentException("Socket.IO event without a name");
        }
        return new Packet(eio, sio, name, args.size() > 1 ? args.getValue(1) : null, null);
      }
      case CONNECT:
      case CONNECT_ERROR:
        return new Packet(eio, sio, null, null, payload.isEmpty() ? null : object(payload));
      default:
        return new Packet(eio, sio, null, null, null);
    }
  }

  /** Encodes a Socket.IO event with one argument on the default namespace: {@code 42["name",data]}. */
  public static String event(String name, Object data) {
    return "42" + new JsonArray().add(name).add(data).encode();
  }

  private static JsonObject object(String json) {
    try {
      return new JsonObject(json);
    } catch (DecodeException ex) {
      throw new IllegalArgumentException("malformed Engine.IO JSON: " + ex.getMessage(), ex);
    }
  }

  private static JsonArray array(String json) {
    try {
      return new JsonArray(json);
    } catch (DecodeException ex) {
      throw new IllegalArgumentException("malformed Socket.IO event: " + ex.getMessage(), ex);
    }
  }
}
