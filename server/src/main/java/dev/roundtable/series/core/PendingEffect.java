package dev.roundtable.series.core;

import java.util.List;

/**
 * Something a change must cause outside the series (a notice to send, an alert to the coordinator), recorded
 * in the same document as the change so that nothing is lost without transactions. The notification outbox
 * takes it (keyed by {@link #idempotencyKey}) and then completes it with {@code CompleteEffect}.
 * {@code recipients} are member ids, or {@link #COORDINATOR} for the coordinator.
 */
public record PendingEffect(String id, Kind kind, String occurrenceId, List<String> recipients, int sequence,
    long at, String detail) {
  public static final String COORDINATOR = "coordinator";

  public PendingEffect {
    recipients = List.copyOf(recipients);
  }

  public enum Kind {
    /** The first notice of an occurrence, with its .ics invitation (METHOD:REQUEST). */
    NOTICE,
    /** The time or agenda changed after the notice: send the invitation again with the higher SEQUENCE. */
    UPDATE,
    /** A substitute was named: send them the notice and their personal link. */
    SUBSTITUTE_NOTICE,
    /** A decision maker declined without a substitute. */
    KEY_ABSENTEE_ALERT,
    /** A decline less than 24 h before the start. */
    LATE_DECLINE_ALERT
  }

  /** Unique across series and stable for one effect: what the outbox deduplicates on. */
  public String idempotencyKey(String seriesId) {
    return "series/" + seriesId + "/" + id;
  }
}
