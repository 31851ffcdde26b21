package dev.roundtable.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** The REST API of one node at {@code 127.0.0.1:port}, for tests, in-process or in another process. */
public final class Api {
  private final WebClient http;
  private final int port;

  public Api(Vertx vertx, int port) {
    this.http = WebClient.create(vertx);
    this.port = port;
  }

  public int port() {
    return port;
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

  public Future<HttpResponse<Buffer>> post(String path, Object body) {
    var request = http.post(port, "127.0.0.1", path);
    return body instanceof JsonObject json ? request.sendJsonObject(json)
        : request.sendBuffer(Buffer.buffer(String.valueOf(body)));
  }

  public Future<HttpResponse<Buffer>> get(String path, String token) {
    var request = http.get(port, "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send();
  }

  public void close() {
    http.close();
  }

  private static JsonObject expect(HttpResponse<Buffer> r, int status) {
    if (r.statusCode() != status) {
      throw new AssertionError("expected HTTP " + status + " but got " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }
}
