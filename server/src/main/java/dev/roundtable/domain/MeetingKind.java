package dev.roundtable.domain;

/** The kind of meeting, which sets what the room is expected to produce. */
public enum MeetingKind {
  DECISION, DISCUSSION, INFORMATION
}
