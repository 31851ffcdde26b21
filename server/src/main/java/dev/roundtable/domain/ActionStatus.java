package dev.roundtable.domain;

/** Where an action item stands. */
public enum ActionStatus {
  OPEN, IN_PROGRESS, DONE, BLOCKED
}
