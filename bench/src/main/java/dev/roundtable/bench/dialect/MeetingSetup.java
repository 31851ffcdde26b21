package dev.roundtable.bench.dialect;

import io.vertx.core.json.JsonObject;

/**
 * The commands that make a room ready for the meeting mix (PROTOCOL §9): the meeting started, one agenda
 * item, a motion open on it, and a note for each member that sends; and the check that each was accepted.
 */
public final class MeetingSetup {
  private MeetingSetup() {
  }

  public static JsonObject startMeeting() {
    return new JsonObject().put("type", "StartMeeting");
  }

  public static JsonObject addItem() {
    return new JsonObject().put("type", "AddItem").put("title", "Open floor").put("kind", "open_discussion")
        .put("owner", "Fac");
  }

  public static JsonObject openMotion(String itemId) {
    return new JsonObject().put("type", "OpenMotion").put("text", "Adopt the plan").put("itemId", itemId);
  }

  public static JsonObject addNote(int x, int y) {
    return new JsonObject().put("type", "AddNote").put("text", "Note of member").put("x", x).put("y", y);
  }

  /** The reply's {@code result}; a refused setup command ends the run. */
  public static JsonObject ok(JsonObject reply) {
    if (!reply.getBoolean("ok", false)) {
      throw new IllegalStateException("setup command refused: " + reply.encode());
    }
    return reply.getJsonObject("result", new JsonObject());
  }
}
