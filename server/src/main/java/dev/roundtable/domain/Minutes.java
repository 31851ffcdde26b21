package dev.roundtable.domain;

import java.util.List;

/**
 * The co-edited minutes text (Markdown) at {@code revision}, and the most recent operations that led to it,
 * so an edit made against an older revision can be transformed over those it had not seen. An edit based
 * on a revision older than the history is refused and its client resyncs. Once {@code finalized}, nothing
 * of the minutes changes any more.
 */
public record Minutes(String text, int revision, List<MinutesRevision> history, boolean finalized,
    Long finalizedAt) {
  static final Minutes EMPTY = new Minutes("", 0, List.of(), false, null);

  public Minutes {
    history = List.copyOf(history);
  }

  /** One applied operation, in the compact form of {@code TextOperation}, and who typed it. */
  public record MinutesRevision(int revision, String authorId, List<Object> ops) {
    public MinutesRevision {
      ops = List.copyOf(ops);
    }
  }
}
