package dev.roundtable.bench.metrics;

import java.util.TreeSet;

/**
 * Checks that one receiver sees one numbered stream (a room's {@code seq}, or one peer sender's own
 * sequence) strictly +1 each time. A jump counts the skipped numbers as lost; a number at or below the
 * last one is reordered (and, if it was one of the skipped ones, no longer lost). Pure.
 */
public final class SeqTracker {

  /** Skipped numbers remembered so a late arrival can be reclassified; beyond this they stay lost. */
  private static final int MAX_MISSING = 10_000;

  private long last;
  private long lost;
  private long reordered;
  private long received;
  private final TreeSet<Long> missing = new TreeSet<>();

  /** A tracker whose next expected number is {@code lastSeen + 1}. */
  public SeqTracker(long lastSeen) {
    this.last = lastSeen;
  }

  /** Records the arrival of {@code seq}. */
  public void accept(long seq) {
    received++;
    if (seq == last + 1) {
      last = seq;
    } else if (seq > last + 1) {
      for (long s = last + 1; s < seq && missing.size() < MAX_MISSING; s++) {
        missing.add(s);
      }
      lost += seq - last - 1;
      last = seq;
    } else {
      reordered++;
      if (missing.remove(seq)) {
        lost--;
      }
    }
  }

  /** Counts everything up to {@code expectedLast} that never arrived as lost (end-of-run check). */
  public long behind(long expectedLast) {
    return Math.max(0, expectedLast - last);
  }

  public long last() {
    return last;
  }

  public long lost() {
    return lost;
  }

  public long reordered() {
    return reordered;
  }

  public long received() {
    return received;
  }
}
