package dev.roundtable.bench.chaos;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the clients saw during one phase of the chaos run: commands acknowledged, errors by code (reply
 * codes, bridge {@code err} codes, socket closes), reconnects and resyncs. The orchestrator swaps in a new
 * instance at each phase; members count into whichever is current. Thread-safe.
 */
final class Counters {
  private long acked;
  private long resyncs;
  private long reconnects;
  private final Map<String, Long> errors = new TreeMap<>();

  synchronized void acked() {
    acked++;
  }

  synchronized void error(String code) {
    errors.merge(code, 1L, Long::sum);
  }

  synchronized void reconnect() {
    reconnects++;
  }

  synchronized void resync() {
    resyncs++;
  }

  synchronized long errors(String code) {
    return errors.getOrDefault(code, 0L);
  }

  synchronized JsonObject toJson() {
    JsonObject e = new JsonObject();
    errors.forEach(e::put);
    return new JsonObject().put("acknowledged", acked).put("reconnects", reconnects).put("resyncs", resyncs)
        .put("errors", e);
  }
}
