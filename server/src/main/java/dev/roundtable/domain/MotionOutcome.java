package dev.roundtable.domain;

/** How a closed motion ended. */
public enum MotionOutcome {
  PASSED, FAILED, NO_QUORUM
}
