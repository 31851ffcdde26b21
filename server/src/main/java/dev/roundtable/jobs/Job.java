package dev.roundtable.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A durable scheduled job: run {@code kind} with {@code payload} at {@code dueAt}. {@code id} is the job's
 * identity and idempotency key: scheduling the same id again replaces its due time and payload (a notice
 * moved to another time) instead of adding a second job. {@code attempt} counts runs so far (0 before the
 * first), so a handler can tell a retry.
 */
public record Job(String id, String kind, Instant dueAt, JsonObject payload, int attempt) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dueAt, "dueAt");
    payload = payload == null ? new JsonObject() : payload.copy();
  }

  public static Job of(String id, String kind, Instant dueAt, JsonObject payload) {
    return new Job(id, kind, dueAt, payload, 0);
  }
}
