package dev.roundtable.series.core;

/** A member's part in a series. Informed members get the minutes but are not invited. */
public enum Part {
  DECISION_MAKER, EXECUTOR, SUPPORT, INFORMED;

  public boolean invited() {
    return this != INFORMED;
  }
}
