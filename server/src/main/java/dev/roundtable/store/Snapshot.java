package dev.roundtable.store;

import io.vertx.core.json.JsonObject;

/**
 * A room's state as of sequence number {@code seq}, with the runtime's table of recent replies per client
 * ({@code replies}) so that deduplication survives a reload that skips the older log.
 */
public record Snapshot(String roomId, long seq, JsonObject state, JsonObject replies) {

  public JsonObject toJson() {
    return new JsonObject().put("_id", roomId).put("seq", seq).put("state", state).put("replies", replies);
  }

  public static Snapshot fromJson(JsonObject json) {
    return new Snapshot(json.getString("_id"), json.getLong("seq"), json.getJsonObject("state"),
        json.getJsonObject("replies", new JsonObject()));
  }
}
