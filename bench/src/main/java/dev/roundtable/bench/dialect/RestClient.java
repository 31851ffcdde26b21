package dev.roundtable.bench.dialect;

import dev.roundtable.bench.transport.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;

/** Roundtable's REST API (PROTOCOL §2): create a room, join one by code. */
public final class RestClient {

  private final HttpClient http;

  public RestClient(Vertx vertx) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(16));
  }

  /** {@code POST /api/rooms}: {@code roomId, participantId, role, token, joinCode}. */
  public Future<JsonObject> createRoom(Endpoint node, String title) {
    return post(node, "/api/rooms", new JsonObject().put("title", title).put("goal", "Measure the latency")
        .put("kind", "discussion").put("facilitatorName", "Fac").put("plannedMinutes", 60));
  }

  /** {@code POST /api/join}: {@code roomId, participantId, role, token}. */
  public Future<JsonObject> join(Endpoint node, String code, String name) {
    return post(node, "/api/join", new JsonObject().put("code", code).put("name", name));
  }

  public Future<Void> close() {
    return http.close();
  }

  private Future<JsonObject> post(Endpoint node, String path, JsonObject body) {
    return http.request(HttpMethod.POST, node.port(), node.host(), path)
        .compose(req -> req.putHeader("content-type", "application/json").send(body.toBuffer()))
        .compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " → " + resp.statusCode() + " " + b);
          }
          return b.toJsonObject();
        }));
  }
}
