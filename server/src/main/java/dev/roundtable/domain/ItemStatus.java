package dev.roundtable.domain;

/** Where an agenda item stands. At most one item of a room is {@code ACTIVE}. */
public enum ItemStatus {
  PENDING, ACTIVE, DONE, DEFERRED
}
