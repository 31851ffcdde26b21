package dev.roundtable.domain;

/** What a participant may do in a room. A screen is a read-only shared display. */
public enum Role {
  FACILITATOR, PARTICIPANT, SCREEN
}
