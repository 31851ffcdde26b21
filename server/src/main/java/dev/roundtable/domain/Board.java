package dev.roundtable.domain;

/**
 * How the sticky-note wall works right now. During a {@code writingPhase} new notes are private to their
 * author until revealed. While {@code anonymous}, new notes are recorded as anonymous and their author is
 * never sent to any client. {@code dotLimit} is how many dot votes each participant may place (0: off).
 */
public record Board(BoardTemplate template, boolean writingPhase, boolean anonymous, int dotLimit) {
  static final Board DEFAULT = new Board(BoardTemplate.FREE, false, false, 0);
}
