package dev.roundtable.bench.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the clients were told was applied, and the check against what the room's log holds. A command is
 * keyed by {@code (clientId, clientSeq)}, the protocol's idempotency key: an acknowledged command must be in
 * the log exactly once, at the seq its reply gave; no command may be in the log twice (a resend after a lost
 * reply must be answered from the reply cache, not applied again). Confined to the client's event loop.
 */
final class Ledger {
  /** Room id → key → the seq its acknowledgement gave. */
  private final Map<String, Map<String, Long>> acked = new HashMap<>();

  void acked(String roomId, String clientId, long clientSeq, long seq) {
    Long before = acked.computeIfAbsent(roomId, r -> new HashMap<>()).put(key(clientId, clientSeq), seq);
    if (before != null && before != seq) {
      throw new IllegalStateException("two acknowledgements with different seqs for " + key(clientId, clientSeq));
    }
  }

  long ackedCount() {
    return acked.values().stream().mapToLong(Map::size).sum();
  }

  /** Result of comparing one room's acknowledgements with its whole log (a Sync's events from seq 0). */
  record Check(long acked, long lost, long appliedTwice, long wrongSeq, long logLength, List<String> examples) {
    Check plus(Check o) {
      List<String> ex = new ArrayList<>(examples);
      o.examples.stream().limit(Math.max(0, 5 - ex.size())).forEach(ex::add);
      return new Check(acked + o.acked, lost + o.lost, appliedTwice + o.appliedTwice, wrongSeq + o.wrongSeq,
          logLength + o.logLength, ex);
    }

    static Check none() {
      return new Check(0, 0, 0, 0, 0, List.of());
    }

    JsonObject toJson() {
      return new JsonObject().put("acknowledged", acked).put("lost", lost).put("appliedTwice", appliedTwice)
          .put("wrongSeq", wrongSeq).put("logEntries", logLength).put("examples", new JsonArray(examples));
    }
  }

  Check check(String roomId, JsonArray events) {
    Map<String, List<Long>> inLog = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      JsonObject e = events.getJsonObject(i);
      if (e.getString("clientId") != null && e.getLong("clientSeq") != null) {
        inLog.computeIfAbsent(key(e.getString("clientId"), e.getLong("clientSeq")), k -> new ArrayList<>())
            .add(e.getLong("seq"));
      }
    }
    List<String> examples = new ArrayList<>();
    long twice = inLog.entrySet().stream().filter(en -> en.getValue().size() > 1)
        .peek(en -> examples.add(roomId + " " + en.getKey() + " at seqs " + en.getValue())).count();
    long lost = 0;
    long wrong = 0;
    Map<String, Long> mine = acked.getOrDefault(roomId, Map.of());
    for (Map.Entry<String, Long> a : mine.entrySet()) {
      List<Long> seqs = inLog.get(a.getKey());
      if (seqs == null) {
        lost++;
        examples.add(roomId + " " + a.getKey() + " acknowledged at seq " + a.getValue() + ", not in the log");
      } else if (!seqs.contains(a.getValue())) {
        wrong++;
        examples.add(roomId + " " + a.getKey() + " acknowledged at seq " + a.getValue() + ", in the log at " + seqs);
      }
    }
    return new Check(mine.size(), lost, twice, wrong, events.size(), examples.stream().limit(5).toList());
  }

  private static String key(String clientId, long clientSeq) {
    return clientId + "#" + clientSeq;
  }
}
