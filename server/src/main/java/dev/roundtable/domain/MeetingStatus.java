package dev.roundtable.domain;

/** Lifecycle of a meeting: only forward, {@code scheduled -> live -> ended}. */
public enum MeetingStatus {
  SCHEDULED, LIVE, ENDED
}
