package dev.roundtable.series.core;

/**
 * A member's answer to an occurrence's invitation. {@code late}: given less than 24 h before the start (a late
 * decline is flagged to the coordinator). {@code substituteId}: who comes instead (a member of the same
 * department).
 */
public record Rsvp(String memberId, Response response, String reason, String substituteId, long at, boolean late) {
  public enum Response {
    ACCEPTED, DECLINED
  }
}
