package dev.roundtable.bench.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Matches a room's envelopes to the commands that caused them. Roundtable envelopes carry only the room's
 * {@code seq}; the sender learns which {@code seq} its command got from its reply or from its own copy of
 * the envelope ({@code clientId}/{@code clientSeq}), which may arrive after other members already received
 * theirs. So receive times are parked per {@code seq} until the send time is known. Pure.
 */
public final class SeqLatency {

  private static final class Entry {
    long sendNanos = -1;
    final long createdNanos;
    int received;
    long[] parked = new long[4];
    int parkedCount;

    Entry(long createdNanos) {
      this.createdNanos = createdNanos;
    }
  }

  private final Map<Long, Entry> entries = new HashMap<>();
  private final RunStats stats;
  private int receivers;
  private long unmatched;

  /** @param receivers how many members other than the sender receive each envelope */
  public SeqLatency(RunStats stats, int receivers) {
    this.stats = stats;
    this.receivers = receivers;
  }

  public void receivers(int receivers) {
    this.receivers = receivers;
  }

  /** The command sent at {@code sendNanos} became {@code seq}. Idempotent (reply and own copy both tell). */
  public void sent(long seq, long sendNanos, long nowNanos) {
    Entry e = entries.computeIfAbsent(seq, s -> new Entry(nowNanos));
    if (e.sendNanos >= 0) {
      return;
    }
    e.sendNanos = sendNanos;
    for (int i = 0; i < e.parkedCount; i++) {
      stats.delivery(sendNanos, e.parked[i]);
    }
    e.parked = null;
    e.parkedCount = 0;
    done(seq, e);
  }

  /** A member other than the sender received {@code seq} at {@code nowNanos}. */
  public void received(long seq, long nowNanos) {
    Entry e = entries.computeIfAbsent(seq, s -> new Entry(nowNanos));
    e.received++;
    if (e.sendNanos >= 0) {
      stats.delivery(e.sendNanos, nowNanos);
      done(seq, e);
      return;
    }
    if (e.parkedCount == e.parked.length) {
      e.parked = java.util.Arrays.copyOf(e.parked, e.parked.length * 2);
    }
    e.parked[e.parkedCount++] = nowNanos;
  }

  /** Drops entries older than {@code maxAgeNanos} (envelopes no bench command caused, lost replies). */
  public void purge(long nowNanos, long maxAgeNanos) {
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (nowNanos - e.createdNanos > maxAgeNanos) {
        if (e.sendNanos < 0) {
          unmatched += e.parkedCount;
        }
        it.remove();
      }
    }
  }

  /** Receipts whose command was never identified (should stay 0 for bench-caused envelopes). */
  public long unmatched() {
    return unmatched;
  }

  public int size() {
    return entries.size();
  }

  private void done(long seq, Entry e) {
    if (e.received >= receivers) {
      entries.remove(seq);
    }
  }

  /** For tests: the seqs still waiting. */
  List<Long> pending() {
    return new ArrayList<>(entries.keySet());
  }
}
