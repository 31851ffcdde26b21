package dev.roundtable.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One accepted command as the room log keeps it: its room sequence number, when and by whom, the events it
 * produced, and the reply its sender got (kept so that a resend with the same {@code clientId} and
 * {@code clientSeq} is answered with the original reply, also after a restart).
 */
public record LogEntry(String roomId, long seq, long at, String actor, String clientId, Long clientSeq,
    JsonArray events, JsonObject reply) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("room", roomId).put("seq", seq).put("at", at).put("actor", actor)
        .put("events", events).put("reply", reply);
    if (clientId != null) {
      json.put("clientId", clientId).put("clientSeq", clientSeq);
    }
    return json;
  }

  public static LogEntry fromJson(JsonObject json) {
    return new LogEntry(json.getString("room"), json.getLong("seq"), json.getLong("at"), json.getString("actor"),
        json.getString("clientId"), json.getLong("clientSeq"), json.getJsonArray("events"),
        json.getJsonObject("reply"));
  }
}
