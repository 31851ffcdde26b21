package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.support.HostileInputs;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * 100 000 hostile inputs against a real server over real sockets: bridge frames on two raw WebSockets and two
 * SockJS WebSockets, and REST requests on four parallel connections. Randomized with a printed seed; replay one
 * with {@code -Dfuzz.seed=<seed>}. What must hold: every send with a reply address gets exactly one
 * structured reply, every frame and every error response is structured ({@code {code, message}} with the
 * status of its code), nothing the server must refuse is accepted, the sockets stay open and answer at the
 * end, room A's state is what it was, and the server logs no error.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A server fed 100 000 hostile frames and requests")
class HostileInputFuzzTest {
  private static final int FRAMES_PER_SOCKET = 21_000;   // 4 sockets: 84 000 bridge frames
  private static final int REQUESTS = 16_000;            // REST: 16 000 requests; 100 000 inputs in all
  private static final int SOCKET_WINDOW = 200;           // owed replies in flight per socket
  private static final int HTTP_WINDOW = 4;               // requests in flight in all
  private static final long REPLY_WAIT_MS = 20_000;
  private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
  private static final Set<String> NOTICES = Set.of("invalid_json", "missing_address", "invalid_type",
      "invalid_reply_address", "access_denied", "max_address_length_reached", "max_handlers_reached", "rejected");

  private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final AtomicInteger sockJsSessions = new AtomicInteger();
  private TestServer server;
  private AppenderBase<ILoggingEvent> logWatch;

  @AfterEach
  void stop() {
    if (logWatch != null) {
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .detachAppender(logWatch);
    }
    if (server != null) {
      result(server.stop());
    }
  }

  private Thread started(Thread thread) {
    thread.setUncaughtExceptionHandler((t, e) -> fail("the fuzzer itself failed in " + t.getName() + ": " + e, "?"));
    thread.start();
    return thread;
  }

  private void fail(String what, String input) {
    if (failures.size() < 20) {
      failures.add(what + "\n    input: " + input);
    }
  }

  @Test
  @DisplayName("answers every one in structure, accepts none it must refuse, keeps every socket and the room as they were")
  void hostileInput(Vertx vertx, @TempDir Path dataDir) throws Exception {
    System.out.println("HostileInputFuzzTest seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
    watchLog();
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject()
        .put("commandsPerSecond", 1_000_000).put("commandBurst", 1_000_000)), new MutableClock()));
    HostileInputs.Rooms rooms = rooms();
    System.out.println("HostileInputFuzzTest rooms: A " + rooms.roomA() + ", B " + rooms.roomB());
    JsonObject before = roomA(vertx, rooms);
    long started = System.nanoTime();

    List<FuzzSocket> sockets = List.of(openRaw(vertx), openRaw(vertx), openSockJs(vertx), openSockJs(vertx));
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < sockets.size(); i++) {
      FuzzSocket socket = sockets.get(i);
      HostileInputs inputs = new HostileInputs(new Random(seed + i), rooms, "r" + i + "-");
      senders.add(started(new Thread(() -> feed(socket, inputs), "fuzz-socket-" + i)));
    }
    Thread rest = started(new Thread(
        () -> feedRest(vertx, new HostileInputs(new Random(seed + 100), rooms, "h-")), "fuzz-rest"));
    for (Thread t : senders) {
      t.join();
    }
    rest.join();
    for (FuzzSocket socket : sockets) {
      awaitReplies(socket);
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    int frames = sockets.stream().mapToInt(s -> s.sent.get()).sum();

    for (FuzzSocket socket : sockets) {
      checkAlive(socket, rooms);
    }
    JsonObject after = roomA(vertx, rooms);
    if (!after.equals(before)) {
      fail("room A changed: before " + before.encode().length() + " chars, seq " + before.getLong("seq")
          + "; after seq " + after.getLong("seq"), after.encode());
    }
    logged.forEach(line -> fail("the server logged", line));
    System.out.printf("HostileInputFuzzTest seed %d: %d frames, %d requests in %d ms%n", seed, frames, REQUESTS,
        elapsedMs);
    sockets.forEach(FuzzSocket::close);

    assertThat(failures).as("failures with seed %d (replay with -Dfuzz.seed=%d)", seed, seed).isEmpty();
    assertThat(frames + REQUESTS).isEqualTo(100_000);
  }

  // ---- the bridge

  private void feed(FuzzSocket socket, HostileInputs inputs) {
    try {
      for (int i = 0; i < FRAMES_PER_SOCKET; i++) {
        HostileInputs.Frame frame = inputs.frame(socket.raw);
        if (frame.replyAddress() != null) {
          if (!socket.window.tryAcquire(REPLY_WAIT_MS, TimeUnit.MILLISECONDS)) {
            fail("no reply within " + REPLY_WAIT_MS + " ms to any of " + socket.owed.size() + " sends, e.g.",
                socket.owed.values().stream().findFirst().map(HostileInputs.Frame::describe).orElse("?"));
            return;
          }
          socket.owed.put(frame.replyAddress(), frame);
        }
        socket.send(frame);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReplies(FuzzSocket socket) throws InterruptedException {
    long deadline = System.currentTimeMillis() + REPLY_WAIT_MS;
    while (!socket.owed.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    socket.owed.values().stream().limit(5).forEach(f -> fail("no reply", f.describe()));
  }

  /** A frame from the server: is it structured, owed, and the only one on its address? */
  private void onFrame(FuzzSocket socket, String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (RuntimeException e) {
      fail("a frame that is not a JSON object", text);
      return;
    }
    String type = frame.getString("type");
    String address = frame.getValue("address") instanceof String a ? a : null;
    if ("err".equals(type) && address == null) {
      if (!(frame.getValue("body") instanceof String notice) || !NOTICES.contains(notice)) {
        fail("an unknown bridge notice", text);
      }
      return;
    }
    if (address == null || !("rec".equals(type) || "err".equals(type))) {
      fail("a frame without an address or of an unknown type", text);
      return;
    }
    if ("err".equals(type) && !socket.owed.containsKey(address) && !address.matches("r[0-9]+-[0-9]+")) {
      // A refused register or publish names the address the client gave (§4.2), whatever it was.
      if (!(frame.getValue("body") instanceof JsonObject body) || !Boolean.FALSE.equals(body.getValue("ok"))
          || !structuredError(body.getValue("error"))) {
        fail("an unstructured refusal of a register or publish", text);
      }
      return;
    }
    if (address.startsWith("rt.room.")) {
      fail("an event on a room nobody may have registered for", text);
      return;
    }
    HostileInputs.Frame owed = socket.owed.remove(address);
    if (owed != null) {
      socket.window.release();
    } else if (!address.startsWith("j-") || !socket.answeredRandom.add(address)) {
      fail("a reply nobody was owed, or a second one", text);
      return;
    }
    String input = owed == null ? "(random JSON with reply address " + address + ")" : owed.describe();
    if ("err".equals(type)) {
      JsonObject body = frame.getJsonObject("body");
      boolean refusal = body != null && Boolean.FALSE.equals(body.getValue("ok")) && structuredError(body.getValue("error"));
      if (!refusal) {
        fail("an err frame that is no refusal (a delivery failure or timeout)", text + "\n    for " + input);
      }
      return;
    }
    if (!(frame.getValue("body") instanceof JsonObject body) || !(body.getValue("ok") instanceof Boolean ok)) {
      fail("a reply without ok", text + "\n    for " + input);
    } else if (!ok && !structuredError(body.getValue("error"))) {
      fail("a refusal without {code, message}", text + "\n    for " + input);
    } else if (ok && owed != null && !owed.mayBeAccepted()) {
      fail("an input the server must refuse was accepted", text + "\n    for " + input);
    } else if (ok && owed == null && body.containsKey("seq") && !body.containsKey("snapshot") && !body.containsKey("events")) {
      fail("random input was accepted as a command", text + "\n    for " + input);
    }
  }

  private static boolean structuredError(Object error) {
    return error instanceof JsonObject e && e.getValue("code") instanceof String code && CODES.contains(code)
        && e.getValue("message") instanceof String message && !message.isBlank();
  }

  private void checkAlive(FuzzSocket socket, HostileInputs.Rooms rooms) throws Exception {
    if (socket.ws.isClosed()) {
      fail("a socket was closed by the server: " + socket.ws.closeStatusCode() + " " + socket.ws.closeReason(),
          socket.name);
      return;
    }
    java.util.concurrent.CompletableFuture<Void> pong = new java.util.concurrent.CompletableFuture<>();
    socket.ws.pongHandler(b -> pong.complete(null));
    socket.ws.writePing(Buffer.buffer("alive?"));
    try {
      pong.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      fail("no pong", socket.name);
    }
    String reply = "alive-" + socket.name;
    HostileInputs.Frame sync = new HostileInputs.Frame("sync", new JsonObject().put("type", "send")
        .put("address", "rt.room." + rooms.roomA() + ".cmd").put("replyAddress", reply)
        .put("headers", new JsonObject().put("token", rooms.participantA()))
        .put("body", new JsonObject().put("command", new JsonObject().put("type", "Sync"))).encode(), null, reply, true);
    socket.window.acquire();
    socket.owed.put(reply, sync);
    socket.send(sync);
    awaitReplies(socket);
  }

  // ---- REST

  private void feedRest(Vertx vertx, HostileInputs inputs) {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(HTTP_WINDOW));
    Semaphore window = new Semaphore(HTTP_WINDOW);
    AtomicInteger done = new AtomicInteger();
    try {
      for (int i = 0; i < REQUESTS; i++) {
        HostileInputs.Request request = inputs.request();
        window.acquire();
        // An idle timeout, not timeout(): a connect timeout arms the pool's waiter timer, whose race with a
        // recycled connection makes Vert.x 5.0's client log "Promise already completed" (eclipse-vertx/vert.x#6169),
        // which this test would take for the server's.
        var call = http.request(HttpMethod.valueOf(request.method()), server.port(), "127.0.0.1", request.path())
            .idleTimeout(REPLY_WAIT_MS);
        if (request.authorization() != null) {
          call.putHeader("Authorization", request.authorization());
        }
        if (request.contentType() != null) {
          call.putHeader("Content-Type", request.contentType().replaceAll("[\\p{Cntrl}\\x{80}-\\x{10FFFF}]", "x"));
        }
        (request.body() == null ? call.send() : call.sendBuffer(Buffer.buffer(request.body()))).onComplete(ar -> {
          if (ar.failed()) {
            fail("no HTTP response: " + ar.cause(), request.describe());
          } else {
            checkResponse(request, ar.result());
          }
          done.incrementAndGet();
          window.release();
        });
      }
      window.acquire(HTTP_WINDOW);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      http.close();
    }
  }

  private void checkResponse(HostileInputs.Request request, io.vertx.ext.web.client.HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status < 400) {
      if (request.mustFail()) {
        fail("a request the server must refuse was answered " + status + ": " + response.bodyAsString(),
            request.describe());
      }
      return;
    }
    if (request.method().equals("HEAD")) {
      return;  // a HEAD response has no body to check
    }
    JsonObject error;
    try {
      error = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      fail("an error response that is not JSON: " + status + " " + response.bodyAsString(), request.describe());
      return;
    }
    if (!structuredError(error)) {
      fail("an error response without {code, message}: " + status + " " + error, request.describe());
    } else if (HttpErrors.status(ErrorCode.valueOf(error.getString("code"))) != status) {
      fail("status " + status + " does not fit " + error.getString("code"), request.describe());
    } else if (status >= 500 && !"UNAVAILABLE".equals(error.getString("code"))) {
      fail("a server error: " + error, request.describe());
    }
  }

  // ---- the rooms and the log

  private HostileInputs.Rooms rooms() {
    JsonObject a = result(server.createRoom());
    String code = a.getString("joinCode");
    String participant = result(server.join(code, "Ben", "Sales", "participant")).getString("token");
    String screen = result(server.join(code, "Wall", "", "screen")).getString("token");
    JsonObject b = result(server.createRoom());
    return new HostileInputs.Rooms(a.getString("roomId"), code, a.getString("token"), participant, screen,
        b.getString("roomId"), b.getString("token"));
  }

  /** Room A as its facilitator's Sync shows it: the last seq and the snapshot. */
  private JsonObject roomA(Vertx vertx, HostileInputs.Rooms rooms) {
    var client = dev.roundtable.support.Sockets.open(server);
    try {
      JsonObject sync = result(client.sync(rooms.roomA(), rooms.facilitatorA(), null));
      return new JsonObject().put("seq", sync.getLong("seq")).put("snapshot", sync.getJsonObject("snapshot"));
    } finally {
      result(client.close());
    }
  }

  /** Collects every ERROR, and every event carrying a runtime exception, that the server logs meanwhile. */
  private void watchLog() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logWatch = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        boolean uncaught = thrown != null && !thrown.getClassName().contains("IOException")
            && !thrown.getClassName().contains("ClosedChannel");
        if (logged.size() < 20 && (event.getLevel().isGreaterOrEqual(Level.ERROR) || uncaught)) {
          logged.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
              + (thrown == null ? "" : " " + thrown.getClassName() + ": " + thrown.getMessage()));
        }
      }
    };
    logWatch.setContext(context);
    logWatch.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logWatch);
  }

  // ---- one client socket, raw or SockJS

  private FuzzSocket openRaw(Vertx vertx) {
    WebSocketClient client = vertx.createWebSocketClient();
    return new FuzzSocket(vertx, "raw", true, client,
        result(client.connect(server.port(), "127.0.0.1", "/eventbus/websocket")));
  }

  private FuzzSocket openSockJs(Vertx vertx) {
    WebSocketClient client = vertx.createWebSocketClient();
    String session = "fuzz" + sockJsSessions.incrementAndGet();
    return new FuzzSocket(vertx, "sockjs", false, client,
        result(client.connect(server.port(), "127.0.0.1", "/eventbus/000/" + session + "/websocket")));
  }

  /** A WebSocket to the bridge, raw ({@code /eventbus/websocket}) or SockJS-framed, that checks what it receives. */
  private final class FuzzSocket {
    final String name;
    final boolean raw;
    final WebSocketClient client;
    final WebSocket ws;
    final Map<String, HostileInputs.Frame> owed = new ConcurrentHashMap<>();
    final Set<String> answeredRandom = ConcurrentHashMap.newKeySet();
    final Semaphore window = new Semaphore(SOCKET_WINDOW);
    final AtomicInteger sent = new AtomicInteger();

    final Vertx vertx;
    final long pinger;

    private FuzzSocket(Vertx vertx, String name, boolean raw, WebSocketClient client, WebSocket ws) {
      this.vertx = vertx;
      this.name = name;
      this.raw = raw;
      this.client = client;
      this.ws = ws;
      // The bridge closes a socket without a ping for 10 s; a sender waiting on its window sends none.
      this.pinger = vertx.setPeriodic(3_000, id -> ping());
      ws.textMessageHandler(this::onText);
      ws.binaryMessageHandler(b -> onText(b.toString()));
    }

    void send(HostileInputs.Frame frame) {
      sent.incrementAndGet();
      if (raw) {
        if (frame.bytes() != null) {
          ws.writeBinaryMessage(Buffer.buffer(frame.bytes()));
        } else {
          ws.writeTextMessage(frame.text());
        }
      } else if (frame.kind().equals("random-text") && frame.text().hashCode() % 3 == 0) {
        ws.writeTextMessage(frame.text());  // not even SockJS framing
      } else {
        ws.writeTextMessage(new JsonArray().add(frame.text()).encode());
      }
    }

    void ping() {
      String ping = new JsonObject().put("type", "ping").encode();
      ws.writeTextMessage(raw ? ping : new JsonArray().add(ping).encode());
    }

    private void onText(String text) {
      if (raw) {
        onFrame(this, text);
      } else if (text.equals("o") || text.equals("h")) {
        return;
      } else if (text.startsWith("a[")) {
        for (Object frame : new JsonArray(text.substring(1))) {
          onFrame(this, String.valueOf(frame));
        }
      } else {
        fail(text.startsWith("c[") ? "the server closed the SockJS session" : "a SockJS frame that is not o, h, a[…]",
            text);
      }
    }

    void close() {
      vertx.cancelTimer(pinger);
      ws.close().transform(ar -> client.close());
    }
  }
}
