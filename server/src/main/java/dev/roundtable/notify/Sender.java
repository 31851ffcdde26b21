package dev.roundtable.notify;

import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Hands one message to its service and reads the answer. Never fails its Future: a service that cannot be
 * reached is an {@link Outcome.RetryLater}. {@code now} is the signing time.
 */
interface Sender {
  Future<Outcome> send(Message message, Instant now);
}
