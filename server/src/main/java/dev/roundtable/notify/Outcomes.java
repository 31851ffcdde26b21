package dev.roundtable.notify;

import dev.roundtable.notify.core.Outcome;
import io.vertx.core.json.JsonObject;

/** A service's answer as a client sees it (PROTOCOL §15.6): {@code outcome}, {@code errorCode}, {@code answer}. */
public final class Outcomes {
  private Outcomes() {
  }

  public static JsonObject toJson(Outcome outcome) {
    JsonObject json = new JsonObject();
    if (outcome instanceof Outcome.Sent) {
      json.put("outcome", "sent");
    } else if (outcome instanceof Outcome.RetryLater r) {
      json.put("outcome", "retry").put("errorCode", r.code());
    } else {
      json.put("outcome", "failed").put("errorCode", ((Outcome.Failed) outcome).code());
    }
    json.put("answer", outcome.answer());
    if (outcome instanceof Outcome.RetryLater r && r.rateLimited()) {
      json.put("rateLimited", true);
    }
    return json;
  }
}
