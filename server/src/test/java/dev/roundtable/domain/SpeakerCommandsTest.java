package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.ANA_ID;
import static dev.roundtable.domain.Rooms.BEN;
import static dev.roundtable.domain.Rooms.BEN_ID;
import static dev.roundtable.domain.Rooms.CLEO;
import static dev.roundtable.domain.Rooms.CLEO_ID;
import static dev.roundtable.domain.Rooms.DEFAULT_SPEAKER_LIMIT;
import static dev.roundtable.domain.Rooms.ENGINEERING;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.FACILITATOR_ID;
import static dev.roundtable.domain.Rooms.PRODUCT;
import static dev.roundtable.domain.Rooms.SALES;
import static dev.roundtable.domain.Rooms.SCREEN;
import static dev.roundtable.domain.Rooms.SCREEN_ID;
import static dev.roundtable.domain.Rooms.STRANGER;
import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.UNKNOWN_ID;
import static dev.roundtable.domain.Rooms.accepted;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.empty;
import static dev.roundtable.domain.Rooms.ended;
import static dev.roundtable.domain.Rooms.refused;
import static dev.roundtable.domain.Rooms.rejected;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.MeetingCommands.HandOff;
import dev.roundtable.domain.SpeakerCommands.EndFloor;
import dev.roundtable.domain.SpeakerCommands.GiveFloor;
import dev.roundtable.domain.SpeakerCommands.LowerHand;
import dev.roundtable.domain.SpeakerCommands.RaiseHand;
import dev.roundtable.domain.SpeakerCommands.SetSpeakerLimit;
import dev.roundtable.domain.SpeakerEvents.FloorEnded;
import dev.roundtable.domain.SpeakerEvents.FloorGiven;
import dev.roundtable.domain.SpeakerEvents.HandLowered;
import dev.roundtable.domain.SpeakerEvents.HandRaised;
import dev.roundtable.domain.SpeakerEvents.SpeakerLimitSet;
import dev.roundtable.domain.TimerCommands.Tick;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Speaker commands")
class SpeakerCommandsTest {
  private static final long LIMIT_MS = DEFAULT_SPEAKER_LIMIT * 1000L;

  /** Ana, then Ben, have raised their hands. */
  private static RoomState queued() {
    RoomState s = after(room(), ANA, new RaiseHand(), T0);
    return after(s, BEN, new RaiseHand(), T0 + 1_000);
  }

  /** Ana has had the floor since T0; Ben is waiting. */
  private static RoomState speaking() {
    return after(queued(), FACILITATOR, new GiveFloor(null), T0);
  }

  @Nested
  @DisplayName("RaiseHand")
  class RaiseHandTest {

    @Test
    @DisplayName("puts the sender at the end of the queue")
    void raisesHand() {
      Outcome.Applied first = accepted(room(), ANA, new RaiseHand(), T0);
      Outcome.Applied second = accepted(first.state(), CLEO, new RaiseHand(), T0);

      assertThat(first.events()).containsExactly(new HandRaised(ANA_ID));
      assertThat(second.events()).containsExactly(new HandRaised(CLEO_ID));
      assertThat(second.state().queue()).containsExactly(ANA_ID, CLEO_ID);
    }

    @Test
    @DisplayName("lets the facilitator ask for the floor too")
    void facilitatorRaisesHand() {
      assertThat(after(room(), FACILITATOR, new RaiseHand(), T0).queue()).containsExactly(FACILITATOR_ID);
    }

    @Test
    @DisplayName("lets a speaker whose turn ended ask again")
    void raisesAgainAfterTurn() {
      RoomState s = after(speaking(), FACILITATOR, new EndFloor(), T0 + 1_000);

      assertThat(after(s, ANA, new RaiseHand(), T0 + 2_000).queue()).containsExactly(BEN_ID, ANA_ID);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return Stream.of(
          refused("a hand before the meeting exists", empty(), ANA, new RaiseHand(), ErrorCode.ROOM_NOT_FOUND),
          refused("a hand after the meeting ended", ended(), ANA, new RaiseHand(), ErrorCode.MEETING_ENDED),
          refused("a hand from a screen", room(), SCREEN, new RaiseHand(), ErrorCode.FORBIDDEN),
          refused("a hand from someone not in the room", room(), STRANGER, new RaiseHand(), ErrorCode.FORBIDDEN),
          refused("a hand from the server", room(), SYSTEM, new RaiseHand(), ErrorCode.FORBIDDEN),
          refused("a hand from the server in a queue with hands up", queued(), SYSTEM, new RaiseHand(),
              ErrorCode.FORBIDDEN),
          refused("a hand that is already raised", queued(), BEN, new RaiseHand(), ErrorCode.INVALID_STATE),
          refused("a hand from the current speaker", speaking(), ANA, new RaiseHand(), ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("LowerHand")
  class LowerHandTest {

    @Test
    @DisplayName("takes the sender's own hand out of the queue")
    void lowersOwnHand() {
      Outcome.Applied outcome = accepted(queued(), ANA, new LowerHand(null), T0);

      assertThat(outcome.events()).containsExactly(new HandLowered(ANA_ID));
      assertThat(outcome.state().queue()).containsExactly(BEN_ID);
    }

    @Test
    @DisplayName("lets a participant name themself")
    void lowersOwnHandByName() {
      assertThat(after(queued(), BEN, new LowerHand(BEN_ID), T0).queue()).containsExactly(ANA_ID);
    }

    @Test
    @DisplayName("lets the facilitator lower someone else's hand")
    void facilitatorLowersHand() {
      Outcome.Applied outcome = accepted(queued(), FACILITATOR, new LowerHand(BEN_ID), T0);

      assertThat(outcome.events()).containsExactly(new HandLowered(BEN_ID));
      assertThat(outcome.state().queue()).containsExactly(ANA_ID);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState q = queued();
      return Stream.of(
          refused("lowering before the meeting exists", empty(), ANA, new LowerHand(null), ErrorCode.ROOM_NOT_FOUND),
          refused("lowering after the meeting ended", ended(), ANA, new LowerHand(null), ErrorCode.MEETING_ENDED),
          refused("a participant lowering someone else's hand", q, CLEO, new LowerHand(ANA_ID), ErrorCode.FORBIDDEN),
          refused("a screen lowering someone's hand", q, SCREEN, new LowerHand(ANA_ID), ErrorCode.FORBIDDEN),
          refused("lowering a hand that is not raised", q, CLEO, new LowerHand(null), ErrorCode.INVALID_STATE),
          refused("the facilitator lowering a hand that is not raised", q, FACILITATOR, new LowerHand(CLEO_ID),
              ErrorCode.INVALID_STATE),
          refused("the server lowering a hand without naming whose", q, SYSTEM, new LowerHand(null),
              ErrorCode.INVALID_FIELD));
    }
  }

  @Nested
  @DisplayName("GiveFloor")
  class GiveFloorTest {

    @Test
    @DisplayName("gives the floor to the first in the queue until the speaker limit runs out")
    void givesToFirstInQueue() {
      Outcome.Applied outcome = accepted(queued(), FACILITATOR, new GiveFloor(null), T0 + 5_000);

      assertThat(outcome.events()).containsExactly(new FloorGiven(ANA_ID, T0 + 5_000, T0 + 5_000 + LIMIT_MS));
      RoomState s = outcome.state();
      assertThat(s.floor()).isEqualTo(new Floor(ANA_ID, T0 + 5_000, T0 + 5_000 + LIMIT_MS, false));
      assertThat(s.queue()).containsExactly(BEN_ID);
      assertThat(s.nextDeadline()).hasValue(T0 + 5_000 + LIMIT_MS);
    }

    @Test
    @DisplayName("gives the floor to a named participant, taking them out of the queue if they were in it")
    void givesToNamedParticipant() {
      RoomState notQueued = after(queued(), FACILITATOR, new GiveFloor(CLEO_ID), T0);
      RoomState queuedSecond = after(queued(), FACILITATOR, new GiveFloor(BEN_ID), T0);

      assertThat(notQueued.floor().speakerId()).isEqualTo(CLEO_ID);
      assertThat(notQueued.queue()).containsExactly(ANA_ID, BEN_ID);
      assertThat(queuedSecond.floor().speakerId()).isEqualTo(BEN_ID);
      assertThat(queuedSecond.queue()).containsExactly(ANA_ID);
    }

    @Test
    @DisplayName("ends the current speaker's turn first and adds it to their totals")
    void endsCurrentTurn() {
      Outcome.Applied outcome = accepted(speaking(), FACILITATOR, new GiveFloor(null), T0 + 42_000);

      assertThat(outcome.events()).containsExactly(
          new FloorEnded(ANA_ID, ENGINEERING, T0 + 42_000, 42_000),
          new FloorGiven(BEN_ID, T0 + 42_000, T0 + 42_000 + LIMIT_MS));
      RoomState s = outcome.state();
      assertThat(s.floor().speakerId()).isEqualTo(BEN_ID);
      assertThat(s.queue()).isEmpty();
      assertThat(s.speakingMs()).containsExactly(Map.entry(ANA_ID, 42_000L));
      assertThat(s.departmentSpeakingMs()).containsExactly(Map.entry(ENGINEERING, 42_000L));
    }

    @Test
    @DisplayName("lets the facilitator take the floor")
    void facilitatorTakesFloor() {
      assertThat(after(room(), FACILITATOR, new GiveFloor(FACILITATOR_ID), T0).floor().speakerId())
          .isEqualTo(FACILITATOR_ID);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState q = queued();
      return Stream.of(
          refused("giving the floor before the meeting exists", empty(), SYSTEM, new GiveFloor(ANA_ID),
              ErrorCode.ROOM_NOT_FOUND),
          refused("giving the floor after the meeting ended", ended(), FACILITATOR, new GiveFloor(ANA_ID),
              ErrorCode.MEETING_ENDED),
          refused("a participant giving the floor", q, ANA, new GiveFloor(ANA_ID), ErrorCode.FORBIDDEN),
          refused("a screen giving the floor", q, SCREEN, new GiveFloor(ANA_ID), ErrorCode.FORBIDDEN),
          refused("giving the floor to nobody when the queue is empty", room(), FACILITATOR, new GiveFloor(null),
              ErrorCode.INVALID_STATE),
          refused("giving the floor to an unknown participant", q, FACILITATOR, new GiveFloor(UNKNOWN_ID),
              ErrorCode.PARTICIPANT_NOT_FOUND),
          refused("giving the floor to a screen", q, FACILITATOR, new GiveFloor(SCREEN_ID), ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("EndFloor")
  class EndFloorTest {

    @Test
    @DisplayName("ends the turn and adds the time spoken to the speaker and their department")
    void endsTurn() {
      Outcome.Applied outcome = accepted(speaking(), FACILITATOR, new EndFloor(), T0 + 75_000);

      assertThat(outcome.events()).containsExactly(new FloorEnded(ANA_ID, ENGINEERING, T0 + 75_000, 75_000));
      RoomState s = outcome.state();
      assertThat(s.floor()).isNull();
      assertThat(s.queue()).containsExactly(BEN_ID);
      assertThat(s.speakingMs()).containsExactly(Map.entry(ANA_ID, 75_000L));
      assertThat(s.departmentSpeakingMs()).containsExactly(Map.entry(ENGINEERING, 75_000L));
      assertThat(s.nextDeadline()).isEmpty();
    }

    @Test
    @DisplayName("lets the speaker end their own turn")
    void speakerEndsOwnTurn() {
      assertThat(after(speaking(), ANA, new EndFloor(), T0 + 1_000).floor()).isNull();
    }

    @Test
    @DisplayName("counts the whole turn even when it ran past the speaker limit")
    void countsOverrun() {
      RoomState s = after(speaking(), SYSTEM, new Tick(), T0 + LIMIT_MS);

      assertThat(accepted(s, ANA, new EndFloor(), T0 + LIMIT_MS + 30_000).events())
          .containsExactly(new FloorEnded(ANA_ID, ENGINEERING, T0 + LIMIT_MS + 30_000, LIMIT_MS + 30_000));
    }

    @Test
    @DisplayName("adds speaking time up per participant and per department over many turns")
    void accumulatesTotals() {
      RoomState s = room();
      s = turn(s, ANA_ID, T0, 30_000);
      s = turn(s, CLEO_ID, T0 + 40_000, 45_000);
      s = turn(s, BEN_ID, T0 + 100_000, 10_000);
      s = turn(s, ANA_ID, T0 + 200_000, 20_000);
      s = turn(s, FACILITATOR_ID, T0 + 300_000, 5_000);

      assertThat(s.speakingMs()).isEqualTo(Map.of(ANA_ID, 50_000L, CLEO_ID, 45_000L, BEN_ID, 10_000L,
          FACILITATOR_ID, 5_000L));
      assertThat(s.departmentSpeakingMs()).isEqualTo(Map.of(ENGINEERING, 95_000L, SALES, 10_000L, PRODUCT, 5_000L));
    }

    @Test
    @DisplayName("lets a new facilitator end someone's turn at once after a hand-off")
    void newFacilitatorEndsTurn() {
      RoomState s = after(speaking(), FACILITATOR, new HandOff(CLEO_ID), T0 + 1_000);

      assertThat(after(s, CLEO, new EndFloor(), T0 + 2_000).floor()).isNull();
      rejected(s, FACILITATOR, new EndFloor(), ErrorCode.FORBIDDEN);
    }

    private RoomState turn(RoomState s, String speaker, long from, long length) {
      RoomState given = after(s, FACILITATOR, new GiveFloor(speaker), from);
      return after(given, FACILITATOR, new EndFloor(), from + length);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState sp = speaking();
      return Stream.of(
          refused("ending the floor before the meeting exists", empty(), SYSTEM, new EndFloor(),
              ErrorCode.ROOM_NOT_FOUND),
          refused("ending the floor after the meeting ended", ended(), FACILITATOR, new EndFloor(),
              ErrorCode.MEETING_ENDED),
          refused("ending the floor when nobody has it", room(), FACILITATOR, new EndFloor(),
              ErrorCode.INVALID_STATE),
          refused("a participant ending someone else's turn", sp, BEN, new EndFloor(), ErrorCode.FORBIDDEN),
          refused("a screen ending someone's turn", sp, SCREEN, new EndFloor(), ErrorCode.FORBIDDEN));
    }
  }

  @Nested
  @DisplayName("SetSpeakerLimit")
  class SetSpeakerLimitTest {

    @Test
    @DisplayName("changes the limit for the next turns, not the current one")
    void setsLimit() {
      Outcome.Applied outcome = accepted(speaking(), FACILITATOR, new SetSpeakerLimit(60), T0 + 10_000);

      assertThat(outcome.events()).containsExactly(new SpeakerLimitSet(60));
      RoomState s = outcome.state();
      assertThat(s.speakerLimitSeconds()).isEqualTo(60);
      assertThat(s.floor().deadline()).isEqualTo(T0 + LIMIT_MS);
      RoomState next = after(s, FACILITATOR, new GiveFloor(null), T0 + 20_000);
      assertThat(next.floor().deadline()).isEqualTo(T0 + 20_000 + 60_000);
    }

    @Test
    @DisplayName("accepts the smallest and the largest limit")
    void acceptsLimits() {
      assertThat(after(room(), FACILITATOR, new SetSpeakerLimit(Limits.MIN_SPEAKER_LIMIT_SECONDS), T0)
          .speakerLimitSeconds()).isEqualTo(Limits.MIN_SPEAKER_LIMIT_SECONDS);
      assertThat(after(room(), FACILITATOR, new SetSpeakerLimit(Limits.MAX_SPEAKER_LIMIT_SECONDS), T0)
          .speakerLimitSeconds()).isEqualTo(Limits.MAX_SPEAKER_LIMIT_SECONDS);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("a limit before the meeting exists", empty(), SYSTEM, new SetSpeakerLimit(60),
              ErrorCode.ROOM_NOT_FOUND),
          refused("a limit after the meeting ended", ended(), FACILITATOR, new SetSpeakerLimit(60),
              ErrorCode.MEETING_ENDED),
          refused("a participant setting the limit", s, ANA, new SetSpeakerLimit(60), ErrorCode.FORBIDDEN),
          refused("a screen setting the limit", s, SCREEN, new SetSpeakerLimit(60), ErrorCode.FORBIDDEN),
          refused("a limit without seconds", s, FACILITATOR, new SetSpeakerLimit(null), ErrorCode.INVALID_FIELD),
          refused("a limit below the minimum", s, FACILITATOR,
              new SetSpeakerLimit(Limits.MIN_SPEAKER_LIMIT_SECONDS - 1), ErrorCode.INVALID_FIELD),
          refused("a limit above the maximum", s, FACILITATOR,
              new SetSpeakerLimit(Limits.MAX_SPEAKER_LIMIT_SECONDS + 1), ErrorCode.INVALID_FIELD));
    }
  }
}
