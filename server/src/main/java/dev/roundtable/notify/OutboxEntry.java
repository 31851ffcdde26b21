package dev.roundtable.notify;

import dev.roundtable.notify.core.Message;
import java.time.Instant;

/** One outbox document as the notifier reads it; {@code claimNode} is null for no claim (or one from before nodes were recorded). */
record OutboxEntry(Message message, DeliveryState state, boolean held, int attempts, String claim,
    Instant claimUntil, String claimNode) {
}
