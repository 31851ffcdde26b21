package dev.roundtable.bench.chaos;

import dev.roundtable.bench.dialect.RoundtableRoom;

/**
 * One room of the chaos run, with a watch the orchestrator sets on it (after a kill or the store's return)
 * that records when the room first answers a command again through another node.
 */
final class ChaosRoom extends RoundtableRoom {
  private long watchSince = -1;
  private int watchExcluding = -1;
  private long answeredAfterNanos = -1;

  ChaosRoom(String roomId, String joinCode) {
    super(roomId, joinCode);
  }

  /** From now, waits for the first acknowledgement that does not come through node {@code excluding} (-1: any). */
  synchronized void watch(long sinceNanos, int excluding) {
    watchSince = sinceNanos;
    watchExcluding = excluding;
    answeredAfterNanos = -1;
  }

  /** A member of this room had a command acknowledged through node {@code node}. */
  synchronized void answered(int node, long atNanos) {
    if (watchSince >= 0 && answeredAfterNanos < 0 && node != watchExcluding && atNanos > watchSince) {
      answeredAfterNanos = atNanos - watchSince;
    }
  }

  /** Nanoseconds from the watch's start to the first acknowledgement, or -1 while none came. */
  synchronized long answeredAfterNanos() {
    return answeredAfterNanos;
  }
}
