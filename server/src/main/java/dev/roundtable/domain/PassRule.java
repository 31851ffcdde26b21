package dev.roundtable.domain;

/**
 * When a motion passes, given that its quorum was met: more than half of the votes cast agree
 * ({@code SIMPLE_MAJORITY}, neutral votes count as cast); more than half of the participants present at
 * the close agree ({@code MAJORITY_OF_PRESENT}); or at least {@code threshold} agree ({@code AT_LEAST_N}).
 */
public enum PassRule {
  SIMPLE_MAJORITY, MAJORITY_OF_PRESENT, AT_LEAST_N
}
