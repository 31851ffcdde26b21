package dev.roundtable.domain;

/** A vote on a motion. */
public enum Choice {
  AGREE, OPPOSE, NEUTRAL
}
