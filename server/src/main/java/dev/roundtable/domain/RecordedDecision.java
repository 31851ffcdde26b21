package dev.roundtable.domain;

/**
 * A decision as the minutes record it: decided by a motion ({@code motionId} set) or recorded by the
 * facilitator.
 */
public record RecordedDecision(String id, String text, String itemId, DecidedBy decidedBy, String motionId,
    long at) {

  /** How a decision was reached. */
  public enum DecidedBy {
    MOTION, FACILITATOR
  }
}
