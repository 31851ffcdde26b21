package dev.roundtable.support;

import dev.roundtable.RoundtableServer;
import dev.roundtable.config.RoundtableConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;

/**
 * A real Roundtable node for end-to-end tests: embedded store in a test folder, any free port, a clock the
 * test can move. Several instances started one after another on the same folder model a restart.
 */
public final class TestServer {
  public static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";

  private final Vertx vertx;
  private final RoundtableServer server;
  private final WebClient http;

  private TestServer(Vertx vertx, RoundtableServer server) {
    this.vertx = vertx;
    this.server = server;
    this.http = WebClient.create(vertx);
  }

  public static RoundtableConfig config(Path dataDir) {
    return RoundtableConfig.defaults().with(new JsonObject()
        .put("httpHost", "127.0.0.1").put("httpPort", 0).put("dataDir", dataDir.toString())
        .put("jwtSecret", SECRET));
  }

  public static Future<TestServer> start(Vertx vertx, RoundtableConfig config, MutableClock clock) {
    return RoundtableServer.start(vertx, config, clock).map(s -> new TestServer(vertx, s));
  }

  public int port() {
    return server.port();
  }

  public RoundtableServer server() {
    return server;
  }

  public Future<Void> stop() {
    http.close();
    return server.stop();
  }

  public Future<BusClient> connect() {
    return BusClient.connect(vertx, port());
  }

  /** Creates a decision meeting facilitated by Ana of Operations; returns the 201 body. */
  public Future<JsonObject> createRoom() {
    return post("/api/rooms", new JsonObject().put("title", "Q3 launch").put("goal", "Decide the launch date")
        .put("kind", "decision").put("facilitatorName", "Ana").put("department", "Operations"))
        .map(r -> expect(r, 201));
  }

  public Future<JsonObject> join(String code, String name, String department, String role) {
    return post("/api/join", new JsonObject().put("code", code).put("name", name).put("department", department)
        .put("role", role)).map(r -> expect(r, 200));
  }

  public Future<HttpResponse<io.vertx.core.buffer.Buffer>> post(String path, Object body) {
    var request = http.post(port(), "127.0.0.1", path);
    return body instanceof JsonObject json ? request.sendJsonObject(json)
        : request.sendBuffer(io.vertx.core.buffer.Buffer.buffer(String.valueOf(body)));
  }

  public Future<HttpResponse<io.vertx.core.buffer.Buffer>> get(String path, String token) {
    var request = http.get(port(), "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send();
  }

  private static JsonObject expect(HttpResponse<io.vertx.core.buffer.Buffer> r, int status) {
    if (r.statusCode() != status) {
      throw new AssertionError("expected HTTP " + status + " but got " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }
}
