package dev.roundtable.bench.dialect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What one member knows of its room for the meeting mix: the minutes' revision and length, the agenda
 * item's version, its own hand and note, kept from the snapshot and envelopes it receives and put back
 * after a refusal, so that one refusal does not cascade. Confined to the member's event loop.
 */
public final class MemberView implements MeetingMix.State {
  private final RoundtableRoom room;
  private final boolean facilitator;
  private int minutesRevision;
  private int minutesLength;
  private int seenItemVersion;
  private int nextItemVersion;
  private boolean handRaised;
  private String noteId;

  /** @param credentials the REST answer that made the member ({@code role} among it) */
  public MemberView(RoundtableRoom room, JsonObject credentials) {
    this.room = room;
    this.facilitator = "facilitator".equals(credentials.getString("role"));
  }

  /** A Sync snapshot (PROTOCOL §7.1). */
  public void fromSnapshot(JsonObject snapshot) {
    if (snapshot == null) {
      return;
    }
    JsonObject minutes = snapshot.getJsonObject("minutes");
    if (minutes != null) {
      minutesRevision = minutes.getInteger("revision", 0);
      minutesLength = minutes.getString("text", "").length();
    }
    snapshot.getJsonArray("agenda", new JsonArray()).forEach(i -> {
      JsonObject item = (JsonObject) i;
      if (item.getString("id", "").equals(room.itemId())) {
        seenItemVersion = Math.max(seenItemVersion, item.getInteger("version", 0));
      }
    });
  }

  /** The events of one envelope, in order. */
  public void apply(JsonArray events) {
    for (int i = 0; i < events.size(); i++) {
      JsonObject event = events.getJsonObject(i);
      switch (event.getString("type")) {
        case "MinutesEdited" -> {
          minutesRevision = event.getInteger("revision");
          // An operation spans the whole text, so its retains plus inserts are the new length.
          minutesLength = OtLength.after(event.getJsonArray("ops"));
        }
        case "ItemAdded", "ItemEdited" -> seenItemVersion =
            Math.max(seenItemVersion, event.getJsonObject("item").getInteger("version"));
        default -> {
        }
      }
    }
  }

  /** A command of this type was refused for good: what the member assumed of its outcome is undone. */
  public void undo(String type) {
    switch (type) {
      case "RaiseHand", "LowerHand" -> handRaised = !handRaised;
      case "EditItem" -> nextItemVersion = seenItemVersion;
      default -> {
      }
    }
  }

  public void noteId(String noteId) {
    this.noteId = noteId;
  }

  @Override
  public String noteId() {
    return noteId;
  }

  @Override
  public String motionId() {
    return room.motionId();
  }

  @Override
  public String itemId() {
    return room.itemId();
  }

  @Override
  public boolean facilitator() {
    return facilitator;
  }

  @Override
  public int minutesRevision() {
    return minutesRevision;
  }

  @Override
  public int minutesLength() {
    return minutesLength;
  }

  @Override
  public int nextItemVersion() {
    nextItemVersion = Math.max(nextItemVersion, seenItemVersion);
    return nextItemVersion++;
  }

  @Override
  public boolean toggleHand() {
    handRaised = !handRaised;
    return handRaised;
  }
}
