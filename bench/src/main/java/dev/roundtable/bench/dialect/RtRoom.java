package dev.roundtable.bench.dialect;

import dev.roundtable.bench.metrics.SeqLatency;
import java.util.ArrayList;
import java.util.List;

/** What the client knows of one Roundtable room: its addresses, ids made during setup, its members. */
final class RtRoom {

  private final int index;
  private final String roomId;
  private final String joinCode;
  private final SeqLatency latency;
  private final List<RtMember> members = new ArrayList<>();
  private String motionId;
  private String itemId;
  private long lastSeq;

  RtRoom(int index, String roomId, String joinCode, SeqLatency latency) {
    this.index = index;
    this.roomId = roomId;
    this.joinCode = joinCode;
    this.latency = latency;
  }

  int index() {
    return index;
  }

  String joinCode() {
    return joinCode;
  }

  String eventsAddress() {
    return "rt.room." + roomId + ".events";
  }

  String commandAddress() {
    return "rt.room." + roomId + ".cmd";
  }

  SeqLatency latency() {
    return latency;
  }

  List<RtMember> members() {
    return members;
  }

  String motionId() {
    return motionId;
  }

  String itemId() {
    return itemId;
  }

  void setup(String itemId, String motionId) {
    this.itemId = itemId;
    this.motionId = motionId;
  }

  /** Highest seq any member received: every member must reach it by the end of a run. */
  void seen(long seq) {
    lastSeq = Math.max(lastSeq, seq);
  }

  long lastSeq() {
    return lastSeq;
  }
}
