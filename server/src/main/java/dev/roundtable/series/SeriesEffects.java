package dev.roundtable.series;

import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.Series;
import io.vertx.core.Future;

/**
 * Hands one pending effect of a series to the world (the notice, an update, an alert). Succeeds once the
 * effect is taken over durably (the notification outbox has it); the owner then completes it. It may be called
 * again for the same effect (after a crash between hand-over and completion): the receiver deduplicates on
 * {@link PendingEffect#idempotencyKey}.
 */
@FunctionalInterface
public interface SeriesEffects {
  Future<Void> deliver(Series series, PendingEffect effect);
}
