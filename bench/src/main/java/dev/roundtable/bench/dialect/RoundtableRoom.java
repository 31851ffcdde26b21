package dev.roundtable.bench.dialect;

/**
 * What every bench client knows of one Roundtable room: its id and join code, its bridge addresses
 * (PROTOCOL §4.3) and the ids its meeting setup made. Scenarios extend it with what they track per room.
 */
public class RoundtableRoom {
  private final String roomId;
  private final String joinCode;
  private volatile String itemId;
  private volatile String motionId;

  public RoundtableRoom(String roomId, String joinCode) {
    this.roomId = roomId;
    this.joinCode = joinCode;
  }

  public final String roomId() {
    return roomId;
  }

  public final String joinCode() {
    return joinCode;
  }

  public final String eventsAddress() {
    return "rt.room." + roomId + ".events";
  }

  public final String commandAddress() {
    return "rt.room." + roomId + ".cmd";
  }

  public final String itemId() {
    return itemId;
  }

  public final String motionId() {
    return motionId;
  }

  /** The agenda item and the open motion the meeting setup made (MeetingSetup). */
  public final void setup(String itemId, String motionId) {
    this.itemId = itemId;
    this.motionId = motionId;
  }
}
