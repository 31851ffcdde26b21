package dev.roundtable.bench.dialect;

import dev.roundtable.bench.metrics.SeqLatency;
import java.util.ArrayList;
import java.util.List;

/** A room of the load scenarios: besides its ids, its index, its members and their latency record. */
final class RtRoom extends RoundtableRoom {

  private final int index;
  private final SeqLatency latency;
  private final List<RtMember> members = new ArrayList<>();
  private long lastSeq;

  RtRoom(int index, String roomId, String joinCode, SeqLatency latency) {
    super(roomId, joinCode);
    this.index = index;
    this.latency = latency;
  }

  int index() {
    return index;
  }

  SeqLatency latency() {
    return latency;
  }

  List<RtMember> members() {
    return members;
  }

  /** Highest seq any member received: every member must reach it by the end of a run. */
  void seen(long seq) {
    lastSeq = Math.max(lastSeq, seq);
  }

  long lastSeq() {
    return lastSeq;
  }
}
