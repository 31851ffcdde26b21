package dev.roundtable.room;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replies a room gave to recent commands, by sender and {@code (clientId, clientSeq)}, so that a resend
 * after a lost reply is answered with the original reply instead of being applied again. Keyed by sender
 * too, so one participant reusing another's client id can neither see nor block the other's commands.
 * Bounded: the last {@value #PER_CLIENT} commands of each of the last {@value #CLIENTS} clients. It travels
 * in snapshots.
 */
final class ReplyCache {
  static final int PER_CLIENT = 64;
  static final int CLIENTS = 10_000;

  private final Map<String, Map<Long, JsonObject>> byClient = lru(CLIENTS);

  JsonObject get(String actor, String clientId, long clientSeq) {
    Map<Long, JsonObject> replies = byClient.get(key(actor, clientId));
    return replies == null ? null : replies.get(clientSeq);
  }

  void put(String actor, String clientId, long clientSeq, JsonObject reply) {
    byClient.computeIfAbsent(key(actor, clientId), id -> lru(PER_CLIENT)).put(clientSeq, reply);
  }

  /** Also the key of a command waiting to be written, so a resend joins it. */
  static String key(String actor, String clientId) {
    return actor + '/' + clientId;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    byClient.forEach((client, replies) -> {
      JsonObject r = new JsonObject();
      replies.forEach((seq, reply) -> r.put(Long.toString(seq), reply));
      json.put(client, r);
    });
    return json;
  }

  void load(JsonObject json) {
    for (String client : json.fieldNames()) {
      JsonObject replies = json.getJsonObject(client);
      for (String seq : replies.fieldNames()) {
        byClient.computeIfAbsent(client, id -> lru(PER_CLIENT)).put(Long.parseLong(seq), replies.getJsonObject(seq));
      }
    }
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }
}
