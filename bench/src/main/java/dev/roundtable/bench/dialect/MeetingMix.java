package dev.roundtable.bench.dialect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * The meeting workload's command mix (PROTOCOL §9): 60 % note moves (own note, random x/y), 20 % minutes
 * edits (a small insert at the start or the end, on the latest revision the member has seen; the server
 * transforms it over what it has not seen), 10 % votes (change own vote on the open motion), 10 % other
 * (raise/lower own hand; the facilitator edits the agenda item half of the time).
 */
public final class MeetingMix {

  /** What the mix needs to know about the member. */
  public interface State {
    String noteId();

    String motionId();

    String itemId();

    boolean facilitator();

    int minutesRevision();

    int minutesLength();

    /** The item version to send next (the facilitator tracks its own outstanding edits). */
    int nextItemVersion();

    /** Flips and returns whether the hand will be raised after this command. */
    boolean toggleHand();
  }

  private static final String[] CHOICES = {"agree", "oppose", "neutral"};
  private static final String INSERT = "ab ";

  private MeetingMix() {
  }

  public static JsonObject next(State m, Random r) {
    double x = r.nextDouble();
    if (x < 0.60) {
      return new JsonObject().put("type", "MoveNote").put("noteId", m.noteId())
          .put("x", r.nextInt(10_001)).put("y", r.nextInt(10_001));
    }
    if (x < 0.80) {
      return new JsonObject().put("type", "EditMinutes").put("baseRevision", m.minutesRevision())
          .put("ops", insert(m.minutesLength(), r.nextBoolean()));
    }
    if (x < 0.90) {
      return new JsonObject().put("type", "CastVote").put("motionId", m.motionId())
          .put("choice", CHOICES[r.nextInt(CHOICES.length)]);
    }
    if (m.facilitator() && r.nextBoolean()) {
      return new JsonObject().put("type", "EditItem").put("itemId", m.itemId())
          .put("version", m.nextItemVersion()).put("timeboxSeconds", 60 + r.nextInt(1200));
    }
    return new JsonObject().put("type", m.toggleHand() ? "RaiseHand" : "LowerHand");
  }

  /** An insert at the start or end of a text of {@code length} units; no zero retain (refused). */
  static JsonArray insert(int length, boolean atEnd) {
    JsonArray ops = new JsonArray();
    if (length == 0) {
      return ops.add(INSERT);
    }
    return atEnd ? ops.add(length).add(INSERT) : ops.add(INSERT).add(length);
  }
}
