package dev.roundtable.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal event-bus bridge client over the raw WebSocket endpoint ({@code /eventbus/websocket}), speaking
 * the frame protocol the browser client speaks: {@code send} with a reply address, {@code register},
 * {@code ping}; it collects {@code rec} frames per address and {@code err} frames.
 */
public final class BusClient {
  private final Vertx vertx;
  private final WebSocketClient client;
  private final WebSocket socket;
  private final Map<String, Promise<JsonObject>> replies = new HashMap<>();
  private final Map<String, List<JsonObject>> received = new HashMap<>();
  private final List<JsonObject> errors = new CopyOnWriteArrayList<>();
  private final long pinger;
  private volatile boolean closed;
  private volatile Short closeStatus;

  private BusClient(Vertx vertx, WebSocketClient client, WebSocket socket) {
    this.vertx = vertx;
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(this::onFrame);
    socket.binaryMessageHandler(buffer -> onFrame(buffer.toString()));
    socket.closeHandler(v -> {
      closeStatus = socket.closeStatusCode();
      closed = true;
    });
    this.pinger = vertx.setPeriodic(4_000, id -> {
      if (!closed) {
        socket.writeTextMessage(new JsonObject().put("type", "ping").encode());
      }
    });
  }

  public static Future<BusClient> connect(Vertx vertx, int port) {
    return connect(vertx, port, new WebSocketClientOptions());
  }

  /** With these client options, e.g. a larger message size for a Sync reply of many events. */
  public static Future<BusClient> connect(Vertx vertx, int port, WebSocketClientOptions options) {
    // Held by the BusClient: Vert.x closes a WebSocketClient nobody references any more, and its sockets with it.
    WebSocketClient client = vertx.createWebSocketClient(options);
    return client.connect(port, "localhost", "/eventbus/websocket").map(ws -> new BusClient(vertx, client, ws));
  }


  /** Sends a frame as-is (for malformed-input tests). */
  public void sendRaw(String frame) {
    socket.writeTextMessage(frame);
  }

  /** Sends {@code body} to {@code address} with a reply address and returns the reply body (or an err frame). */
  public Future<JsonObject> request(String address, JsonObject body, String token) {
    String replyAddress = UUID.randomUUID().toString();
    Promise<JsonObject> promise = Promise.promise();
    synchronized (this) {
      replies.put(replyAddress, promise);
    }
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("body", body)
        .put("replyAddress", replyAddress);
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    socket.writeTextMessage(frame.encode());
    return promise.future();
  }

  public Future<JsonObject> command(String roomId, String token, String clientId, long clientSeq, JsonObject command) {
    return request("rt.room." + roomId + ".cmd",
        new JsonObject().put("clientId", clientId).put("clientSeq", clientSeq).put("command", command), token);
  }

  public Future<JsonObject> sync(String roomId, String token, Long sinceSeq) {
    JsonObject sync = new JsonObject().put("type", "Sync");
    if (sinceSeq != null) {
      sync.put("sinceSeq", sinceSeq);
    }
    return request("rt.room." + roomId + ".cmd", new JsonObject().put("command", sync), token);
  }

  public void register(String address, String token) {
    JsonObject frame = new JsonObject().put("type", "register").put("address", address);
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    socket.writeTextMessage(frame.encode());
  }

  /** Subscribes to a room's events and returns the Sync snapshot taken after subscribing. */
  public Future<JsonObject> join(String roomId, String token) {
    register("rt.room." + roomId + ".events", token);
    return vertx.timer(200).compose(v -> sync(roomId, token, null));
  }

  public synchronized List<JsonObject> received(String address) {
    return new ArrayList<>(received.getOrDefault(address, List.of()));
  }

  public List<JsonObject> roomEvents(String roomId) {
    return received("rt.room." + roomId + ".events");
  }

  public List<JsonObject> errors() {
    return List.copyOf(errors);
  }

  public boolean isClosed() {
    return closed;
  }

  /** The status code of the server's close frame, once closed (null if none came). */
  public Short closeStatus() {
    return closeStatus;
  }

  public Future<Void> close() {
    vertx.cancelTimer(pinger);
    return (closed ? Future.<Void>succeededFuture() : socket.close()).transform(ar -> client.close());
  }

  private void onFrame(String text) {
    JsonObject frame = new JsonObject(text);
    String type = frame.getString("type");
    String address = frame.getString("address");
    Promise<JsonObject> waiting;
    synchronized (this) {
      waiting = address == null ? null : replies.remove(address);
      if (waiting == null && "rec".equals(type)) {
        received.computeIfAbsent(address, a -> new ArrayList<>()).add(frame.getJsonObject("body"));
      }
    }
    if (waiting != null) {
      waiting.complete("rec".equals(type) ? frame.getJsonObject("body") : frame);
    } else if ("err".equals(type)) {
      errors.add(frame);
    }
  }
}
