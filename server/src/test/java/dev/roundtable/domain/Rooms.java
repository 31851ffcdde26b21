package dev.roundtable.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.roundtable.domain.AgendaCommands.AddItem;
import dev.roundtable.domain.MeetingCommands.CreateMeeting;
import dev.roundtable.domain.MeetingCommands.EndMeeting;
import dev.roundtable.domain.MeetingCommands.Connect;
import dev.roundtable.domain.MeetingCommands.Join;
import dev.roundtable.domain.MinutesCommands.FinalizeMinutes;
import dev.roundtable.protocol.Codec;
import org.junit.jupiter.api.DynamicTest;

/**
 * A created room to test commands against: the facilitator (p1, Product), three participants from two
 * departments (Ana p2 and Cleo p4 from Engineering, Ben p3 from Sales), a screen (p5), and three pending
 * agenda items (i6: 5 min, i7: 10 min, i8: 2 min). Everything happens at {@link #T0}; the meeting is still
 * scheduled.
 */
final class Rooms {
  static final String ROOM_ID = "room-1";
  static final int DEFAULT_SPEAKER_LIMIT = 180;
  static final long T0 = 1_700_000_000_000L;

  static final String FACILITATOR_ID = "p1";
  static final String ANA_ID = "p2";
  static final String BEN_ID = "p3";
  static final String CLEO_ID = "p4";
  static final String SCREEN_ID = "p5";
  static final String UNKNOWN_ID = "p404";

  static final Actor SYSTEM = Actor.system();
  static final Actor FACILITATOR = Actor.participant(FACILITATOR_ID);
  static final Actor ANA = Actor.participant(ANA_ID);
  static final Actor BEN = Actor.participant(BEN_ID);
  static final Actor CLEO = Actor.participant(CLEO_ID);
  static final Actor SCREEN = Actor.participant(SCREEN_ID);
  static final Actor STRANGER = Actor.participant(UNKNOWN_ID);

  static final String PRODUCT = "Product";
  static final String ENGINEERING = "Engineering";
  static final String SALES = "Sales";

  static final String ITEM_1 = "i6";
  static final String ITEM_2 = "i7";
  static final String ITEM_3 = "i8";
  static final String UNKNOWN_ITEM = "i404";
  static final int ITEM_1_SECONDS = 300;
  static final int ITEM_2_SECONDS = 600;
  static final int ITEM_3_SECONDS = 120;

  private Rooms() {
  }

  static RoomState empty() {
    return RoomState.empty(ROOM_ID, DEFAULT_SPEAKER_LIMIT);
  }

  static CreateMeeting createMeeting() {
    return new CreateMeeting("Q3 launch", "Decide the Q3 launch date", MeetingKind.DECISION, T0 + 3_600_000L, 45,
        null, "Fran", PRODUCT);
  }

  /** Just the created meeting and its facilitator. */
  static RoomState created() {
    return after(empty(), SYSTEM, createMeeting(), T0);
  }

  /** The full fixture described on the class. */
  static RoomState room() {
    RoomState s = created();
    s = after(s, SYSTEM, new Join("Ana", ENGINEERING, Role.PARTICIPANT), T0);
    s = after(s, SYSTEM, new Join("Ben", SALES, Role.PARTICIPANT), T0);
    s = after(s, SYSTEM, new Join("Cleo", ENGINEERING, Role.PARTICIPANT), T0);
    s = after(s, SYSTEM, new Join("Wall screen", null, Role.SCREEN), T0);
    s = after(s, FACILITATOR, new AddItem("Status", "Ana", ITEM_1_SECONDS, "Shared status", ItemKind.INFORM, null), T0);
    s = after(s, FACILITATOR, new AddItem("Launch date", "Ben", ITEM_2_SECONDS, "A date", ItemKind.DECIDE, null), T0);
    return after(s, FACILITATOR, new AddItem("Open floor", null, ITEM_3_SECONDS, null, ItemKind.OPEN_DISCUSSION, null),
        T0);
  }

  /** The full fixture after the facilitator ended the meeting. */
  static RoomState ended() {
    return after(room(), FACILITATOR, new EndMeeting(), T0);
  }

  static Outcome.Applied accepted(RoomState s, Actor a, Command c, long now) {
    Outcome outcome = Room.apply(s, a, c, now);
    assertThat(outcome).as("outcome of %s", c).isInstanceOf(Outcome.Applied.class);
    return (Outcome.Applied) outcome;
  }

  static RoomState after(RoomState s, Actor a, Command c, long now) {
    return accepted(s, a, c, now).state();
  }

  static Rejection rejected(RoomState s, Actor a, Command c, ErrorCode expected) {
    Outcome outcome = Room.apply(s, a, c, T0);
    assertThat(outcome).as("outcome of %s", c).isInstanceOf(Rejection.class);
    Rejection rejection = (Rejection) outcome;
    assertThat(rejection.code()).as("code of %s", rejection).isEqualTo(expected);
    assertThat(rejection.message()).isNotBlank();
    return rejection;
  }

  static DynamicTest refused(String name, RoomState s, Actor a, Command c, ErrorCode expected) {
    return dynamicTest(name, () -> rejected(s, a, c, expected));
  }

  static String chars(int n) {
    return "x".repeat(n);
  }

  /** The full fixture after the facilitator made the minutes final; the meeting itself is still open. */
  static RoomState finalized() {
    return after(room(), FACILITATOR, new FinalizeMinutes(), T0);
  }

  /** Marks participants online, each with one subscription, as the server does when their sockets subscribe. */
  static RoomState online(RoomState s, String... participantIds) {
    RoomState out = s;
    for (String id : participantIds) {
      out = after(out, SYSTEM, new Connect(id, "c-" + id), T0);
    }
    return out;
  }

  /** The JSON text a client would receive for a domain value (an event, a state, a view). */
  static String json(Object value) {
    return Codec.toJson(value).encode();
  }
}
