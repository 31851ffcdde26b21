package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.ANA_ID;
import static dev.roundtable.domain.Rooms.BEN;
import static dev.roundtable.domain.Rooms.BEN_ID;
import static dev.roundtable.domain.Rooms.CLEO;
import static dev.roundtable.domain.Rooms.CLEO_ID;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.FACILITATOR_ID;
import static dev.roundtable.domain.Rooms.ITEM_2;
import static dev.roundtable.domain.Rooms.SCREEN;
import static dev.roundtable.domain.Rooms.SCREEN_ID;
import static dev.roundtable.domain.Rooms.STRANGER;
import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.UNKNOWN_ITEM;
import static dev.roundtable.domain.Rooms.accepted;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.chars;
import static dev.roundtable.domain.Rooms.empty;
import static dev.roundtable.domain.Rooms.ended;
import static dev.roundtable.domain.Rooms.finalized;
import static dev.roundtable.domain.Rooms.json;
import static dev.roundtable.domain.Rooms.online;
import static dev.roundtable.domain.Rooms.refused;
import static dev.roundtable.domain.Rooms.rejected;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.MeetingCommands.EndMeeting;
import dev.roundtable.domain.MinutesCommands.FinalizeMinutes;
import dev.roundtable.domain.MinutesEvents.DecisionRecorded;
import dev.roundtable.domain.VoteCommands.CastVote;
import dev.roundtable.domain.VoteCommands.CloseMotion;
import dev.roundtable.domain.VoteCommands.OpenMotion;
import dev.roundtable.domain.VoteEvents.MotionClosed;
import dev.roundtable.domain.VoteEvents.MotionOpened;
import dev.roundtable.domain.VoteEvents.VoteCast;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Vote commands")
class VoteCommandsTest {
  /** The first id the room hands out after the fixture (serial 8). */
  private static final String MOTION = "m9";
  private static final String UNKNOWN_MOTION = "m404";
  private static final String TEXT = "Ship in May";

  /** An open, named, visible motion m9 under the simple-majority rule, without votes. */
  private static RoomState motion() {
    return open(new OpenMotion(TEXT, null, null, null, null, null, null));
  }

  private static RoomState open(OpenMotion command) {
    return after(room(), FACILITATOR, command, T0);
  }

  /** {@code s} after the participants voted, in order: Ana, Ben, Cleo, the facilitator; null skips one. */
  private static RoomState voted(RoomState s, Choice ana, Choice ben, Choice cleo, Choice facilitator) {
    RoomState out = s;
    Actor[] voters = {ANA, BEN, CLEO, FACILITATOR};
    Choice[] choices = {ana, ben, cleo, facilitator};
    for (int i = 0; i < voters.length; i++) {
      if (choices[i] != null) {
        out = after(out, voters[i], new CastVote(MOTION, choices[i]), T0);
      }
    }
    return out;
  }

  private static MotionOutcome closedWith(RoomState s) {
    return after(s, FACILITATOR, new CloseMotion(MOTION), T0).motions().get(MOTION).outcome();
  }

  @Nested
  @DisplayName("OpenMotion")
  class OpenMotionTest {

    @Test
    @DisplayName("opens a named, visible simple-majority motion by default, with the next serial id")
    void opensMotion() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR,
          new OpenMotion("  " + TEXT + " ", null, null, null, null, null, null), T0 + 3);

      Motion expected = new Motion(MOTION, TEXT, null, false, false, 0, PassRule.SIMPLE_MAJORITY, null, true, Map.of(),
          Tally.NONE, T0 + 3, null, null, null);
      assertThat(outcome.events()).containsExactly(new MotionOpened(expected, 9));
      assertThat(outcome.result()).isEqualTo(Map.of("motionId", MOTION));
      assertThat(outcome.state().motions()).containsExactly(Map.entry(MOTION, expected));
      assertThat(outcome.state().serial()).isEqualTo(9);
    }

    @Test
    @DisplayName("keeps every setting it is given")
    void keepsSettings() {
      Motion m = open(new OpenMotion(TEXT, ITEM_2, true, true, 3, PassRule.AT_LEAST_N, 2)).motions().get(MOTION);

      assertThat(m.itemId()).isEqualTo(ITEM_2);
      assertThat(m.anonymous()).isTrue();
      assertThat(m.hiddenResults()).isTrue();
      assertThat(m.quorum()).isEqualTo(3);
      assertThat(m.rule()).isEqualTo(PassRule.AT_LEAST_N);
      assertThat(m.threshold()).isEqualTo(2);
      assertThat(m.open()).isTrue();
    }

    @Test
    @DisplayName("accepts text and numbers at their limits, and motions from the server")
    void acceptsLimits() {
      Motion m = after(room(), SYSTEM, new OpenMotion(chars(Limits.MOTION_TEXT_CHARS), null, false, false,
          Limits.MAX_PARTICIPANTS, PassRule.AT_LEAST_N, Limits.MAX_PARTICIPANTS), T0).motions().get(MOTION);

      assertThat(m.text()).hasSize(Limits.MOTION_TEXT_CHARS);
      assertThat(m.quorum()).isEqualTo(Limits.MAX_PARTICIPANTS);
      assertThat(after(room(), FACILITATOR, new OpenMotion(TEXT, null, null, null, 0, PassRule.AT_LEAST_N, 1), T0)
          .motions().get(MOTION).threshold()).isEqualTo(1);
    }

    @Test
    @DisplayName("opens motions up to the room's limit and then refuses")
    void refusesWhenFull() {
      RoomState s = room();
      for (int i = 0; i < Limits.MAX_MOTIONS; i++) {
        s = after(s, FACILITATOR, new OpenMotion("Motion " + i, null, null, null, null, null, null), T0);
      }
      assertThat(s.motions()).hasSize(Limits.MAX_MOTIONS);

      rejected(s, FACILITATOR, new OpenMotion("One too many", null, null, null, null, null, null),
          ErrorCode.LIMIT_REACHED);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("a motion before the meeting exists", empty(), SYSTEM, text(TEXT), ErrorCode.ROOM_NOT_FOUND),
          refused("a motion after the meeting ended", ended(), FACILITATOR, text(TEXT), ErrorCode.MEETING_ENDED),
          refused("a motion once the minutes are final", finalized(), FACILITATOR, text(TEXT),
              ErrorCode.MINUTES_FINALIZED),
          refused("a participant opening a motion", s, ANA, text(TEXT), ErrorCode.FORBIDDEN),
          refused("a screen opening a motion", s, SCREEN, text(TEXT), ErrorCode.FORBIDDEN),
          refused("someone not in the room opening a motion", s, STRANGER, text(TEXT), ErrorCode.FORBIDDEN),
          refused("a missing text", s, FACILITATOR, text(null), ErrorCode.INVALID_FIELD),
          refused("a blank text", s, FACILITATOR, text(" "), ErrorCode.INVALID_FIELD),
          refused("a text with half a character", s, FACILITATOR, text("\uDE00 Ship"), ErrorCode.INVALID_FIELD),
          refused("a text over the limit", s, FACILITATOR, text(chars(Limits.MOTION_TEXT_CHARS + 1)),
              ErrorCode.TOO_LARGE),
          refused("a negative quorum", s, FACILITATOR, new OpenMotion(TEXT, null, null, null, -1, null, null),
              ErrorCode.INVALID_FIELD),
          refused("a quorum over the room's size", s, FACILITATOR,
              new OpenMotion(TEXT, null, null, null, Limits.MAX_PARTICIPANTS + 1, null, null), ErrorCode.INVALID_FIELD),
          refused("the at-least-n rule without a threshold", s, FACILITATOR,
              new OpenMotion(TEXT, null, null, null, null, PassRule.AT_LEAST_N, null), ErrorCode.INVALID_FIELD),
          refused("a threshold of zero", s, FACILITATOR,
              new OpenMotion(TEXT, null, null, null, null, PassRule.AT_LEAST_N, 0), ErrorCode.INVALID_FIELD),
          refused("a threshold over the room's size", s, FACILITATOR,
              new OpenMotion(TEXT, null, null, null, null, PassRule.AT_LEAST_N, Limits.MAX_PARTICIPANTS + 1),
              ErrorCode.INVALID_FIELD),
          refused("a threshold for the simple-majority rule", s, FACILITATOR,
              new OpenMotion(TEXT, null, null, null, null, PassRule.SIMPLE_MAJORITY, 2), ErrorCode.INVALID_FIELD),
          refused("a threshold without a rule", s, FACILITATOR, new OpenMotion(TEXT, null, null, null, null, null, 2),
              ErrorCode.INVALID_FIELD),
          refused("a threshold for the majority-of-present rule", s, FACILITATOR,
              new OpenMotion(TEXT, null, null, null, null, PassRule.MAJORITY_OF_PRESENT, 2), ErrorCode.INVALID_FIELD),
          refused("an unknown agenda item", s, FACILITATOR,
              new OpenMotion(TEXT, UNKNOWN_ITEM, null, null, null, null, null), ErrorCode.ITEM_NOT_FOUND));
    }

    private OpenMotion text(String text) {
      return new OpenMotion(text, null, null, null, null, null, null);
    }
  }

  @Nested
  @DisplayName("CastVote")
  class CastVoteTest {

    @Test
    @DisplayName("records the sender's vote, tallies it and answers with the choice")
    void castsVote() {
      Outcome.Applied outcome = accepted(motion(), ANA, new CastVote(MOTION, Choice.AGREE), T0);

      VoteCast event = new VoteCast(MOTION, ANA_ID, Choice.AGREE, false, false, new Tally(1, 0, 0, 1));
      assertThat(outcome.events()).containsExactly(event);
      assertThat(outcome.result()).isEqualTo(Map.of("motionId", MOTION, "choice", "agree"));
      Motion m = outcome.state().motions().get(MOTION);
      assertThat(m.votes()).isEqualTo(Map.of(ANA_ID, Choice.AGREE));
      assertThat(m.tally()).isEqualTo(new Tally(1, 0, 0, 1));
    }

    @Test
    @DisplayName("shows a named, visible vote to everyone as it is")
    void namedVoteIsPublic() {
      Event event = accepted(motion(), ANA, new CastVote(MOTION, Choice.AGREE), T0).events().get(0);

      assertThat(event.viewFor(null)).contains(event);
      assertThat(event.viewFor(BEN_ID)).contains(event);
      assertThat(event.viewFor(ANA_ID)).contains(event);
      assertThat(event.privileged()).containsExactly(ANA_ID);
    }

    @Test
    @DisplayName("counts one vote per participant and lets them change it until the close")
    void changesVote() {
      RoomState s = voted(motion(), Choice.AGREE, Choice.OPPOSE, Choice.NEUTRAL, null);

      Outcome.Applied outcome = accepted(s, ANA, new CastVote(MOTION, Choice.OPPOSE), T0);

      assertThat(outcome.events()).containsExactly(
          new VoteCast(MOTION, ANA_ID, Choice.OPPOSE, false, false, new Tally(0, 2, 1, 3)));
      Motion m = outcome.state().motions().get(MOTION);
      assertThat(m.votes()).isEqualTo(Map.of(ANA_ID, Choice.OPPOSE, BEN_ID, Choice.OPPOSE, CLEO_ID, Choice.NEUTRAL));
      assertThat(m.tally()).isEqualTo(new Tally(0, 2, 1, 3));
    }

    @Test
    @DisplayName("lets the facilitator vote too")
    void facilitatorVotes() {
      assertThat(voted(motion(), null, null, null, Choice.NEUTRAL).motions().get(MOTION).votes())
          .isEqualTo(Map.of(FACILITATOR_ID, Choice.NEUTRAL));
    }

    @Test
    @DisplayName("on a motion with hidden results, shows others only how many voted and the voter their own choice")
    void hiddenResults() {
      RoomState s = open(new OpenMotion(TEXT, null, false, true, null, null, null));
      s = after(s, BEN, new CastVote(MOTION, Choice.OPPOSE), T0);

      Outcome.Applied outcome = accepted(s, ANA, new CastVote(MOTION, Choice.AGREE), T0);

      VoteCast event = (VoteCast) outcome.events().get(0);
      assertThat(event.tally()).isEqualTo(new Tally(1, 1, 0, 2));
      Tally hidden = new Tally(null, null, null, 2);
      VoteCast publicView = new VoteCast(MOTION, null, null, false, true, hidden);
      assertThat(event.viewFor(null)).contains(publicView);
      assertThat(event.viewFor(BEN_ID)).contains(publicView);
      assertThat(event.viewFor(SCREEN_ID)).contains(publicView);
      assertThat(event.viewFor(ANA_ID)).contains(new VoteCast(MOTION, ANA_ID, Choice.AGREE, false, true, hidden));
      assertThat(json(publicView)).doesNotContain(ANA_ID).doesNotContain("agree").doesNotContain("oppose");

      Motion seen = Views.forViewer(outcome.state(), BEN_ID).motions().get(MOTION);
      assertThat(seen.votes()).isEqualTo(Map.of(BEN_ID, Choice.OPPOSE));
      assertThat(seen.tally()).isEqualTo(hidden);
      assertThat(Views.forViewer(outcome.state(), null).motions().get(MOTION).votes()).isEmpty();
      assertThat(Views.forViewer(outcome.state(), CLEO_ID).motions().get(MOTION).tally()).isEqualTo(hidden);
    }

    @Test
    @DisplayName("on an anonymous motion, shows the count to all but the voter's name and choice to the voter only")
    void anonymousVote() {
      RoomState s = open(new OpenMotion(TEXT, null, true, false, null, null, null));

      Outcome.Applied outcome = accepted(s, ANA, new CastVote(MOTION, Choice.AGREE), T0);

      Event event = outcome.events().get(0);
      Tally tally = new Tally(1, 0, 0, 1);
      VoteCast publicView = new VoteCast(MOTION, null, null, true, false, tally);
      assertThat(event.viewFor(null)).contains(publicView);
      assertThat(event.viewFor(BEN_ID)).contains(publicView);
      assertThat(event.viewFor(FACILITATOR_ID)).contains(publicView);
      assertThat(event.viewFor(ANA_ID)).contains(new VoteCast(MOTION, ANA_ID, Choice.AGREE, true, false, tally));
      assertThat(json(event.viewFor(BEN_ID).orElseThrow())).doesNotContain(ANA_ID);

      RoomState withBen = after(outcome.state(), BEN, new CastVote(MOTION, Choice.OPPOSE), T0);
      assertThat(Views.forViewer(withBen, ANA_ID).motions().get(MOTION).votes())
          .isEqualTo(Map.of(ANA_ID, Choice.AGREE));
      assertThat(Views.forViewer(withBen, BEN_ID).motions().get(MOTION).votes())
          .isEqualTo(Map.of(BEN_ID, Choice.OPPOSE));
      assertThat(Views.forViewer(withBen, FACILITATOR_ID).motions().get(MOTION).votes()).isEmpty();
      assertThat(Views.forViewer(withBen, null).motions().get(MOTION).tally()).isEqualTo(new Tally(1, 1, 0, 2));
    }

    @Test
    @DisplayName("on an anonymous motion with hidden results, shows others only how many voted")
    void anonymousHiddenVote() {
      RoomState s = open(new OpenMotion(TEXT, null, true, true, null, null, null));

      Event event = accepted(s, ANA, new CastVote(MOTION, Choice.NEUTRAL), T0).events().get(0);

      Tally hidden = new Tally(null, null, null, 1);
      assertThat(event.viewFor(BEN_ID)).contains(new VoteCast(MOTION, null, null, true, true, hidden));
      assertThat(event.viewFor(ANA_ID)).contains(new VoteCast(MOTION, ANA_ID, Choice.NEUTRAL, true, true, hidden));
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = motion();
      RoomState closed = after(s, FACILITATOR, new CloseMotion(MOTION), T0);
      CastVote vote = new CastVote(MOTION, Choice.AGREE);
      return Stream.of(
          refused("a vote before the meeting exists", empty(), ANA, vote, ErrorCode.ROOM_NOT_FOUND),
          refused("a vote after the meeting ended", after(s, FACILITATOR, new EndMeeting(), T0), ANA, vote,
              ErrorCode.MEETING_ENDED),
          refused("a vote from a screen", s, SCREEN, vote, ErrorCode.FORBIDDEN),
          refused("a vote from someone not in the room", s, STRANGER, vote, ErrorCode.FORBIDDEN),
          refused("a vote from the server", s, SYSTEM, vote, ErrorCode.FORBIDDEN),
          refused("a vote without a choice", s, ANA, new CastVote(MOTION, null), ErrorCode.INVALID_FIELD),
          refused("a vote on an unknown motion", s, ANA, new CastVote(UNKNOWN_MOTION, Choice.AGREE),
              ErrorCode.MOTION_NOT_FOUND),
          refused("a vote without a motion", s, ANA, new CastVote(null, Choice.AGREE), ErrorCode.MOTION_NOT_FOUND),
          refused("a vote on a closed motion", closed, ANA, vote, ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("CloseMotion")
  class CloseMotionTest {

    @Test
    @DisplayName("closes the motion with its outcome and records it as a decision of the motion")
    void closesMotion() {
      RoomState s = voted(open(new OpenMotion(TEXT, ITEM_2, null, null, null, null, null)), Choice.AGREE,
          Choice.AGREE, Choice.OPPOSE, null);
      s = online(s, ANA_ID, BEN_ID);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new CloseMotion(MOTION), T0 + 7);

      Tally tally = new Tally(2, 1, 0, 3);
      Map<String, Choice> votes = Map.of(ANA_ID, Choice.AGREE, BEN_ID, Choice.AGREE, CLEO_ID, Choice.OPPOSE);
      RecordedDecision decision = new RecordedDecision("d10", "Motion \"Ship in May\": passed (2 agree, 1 oppose, "
          + "0 neutral)", ITEM_2, RecordedDecision.DecidedBy.MOTION, MOTION, T0 + 7);
      assertThat(outcome.events()).containsExactly(
          new MotionClosed(MOTION, T0 + 7, 2, MotionOutcome.PASSED, tally, false, votes),
          new DecisionRecorded(decision, 10));
      assertThat(outcome.result()).isEqualTo(Map.of("outcome", "passed"));
      Motion m = outcome.state().motions().get(MOTION);
      assertThat(m.open()).isFalse();
      assertThat(m.closedAt()).isEqualTo(T0 + 7);
      assertThat(m.present()).isEqualTo(2);
      assertThat(m.outcome()).isEqualTo(MotionOutcome.PASSED);
      assertThat(m.votes()).isEqualTo(votes);
      assertThat(m.tally()).isEqualTo(tally);
      assertThat(outcome.state().decisions()).containsExactly(decision);
      assertThat(outcome.state().serial()).isEqualTo(10);
      assertThat(outcome.events().get(0).viewFor(null)).contains(outcome.events().get(0));
    }

    @Test
    @DisplayName("closes a motion after the meeting ended, so that its outcome reaches the minutes")
    void closesAfterEnd() {
      RoomState s = voted(motion(), Choice.AGREE, null, null, null);
      s = after(s, FACILITATOR, new EndMeeting(), T0);
      rejected(s, BEN, new CastVote(MOTION, Choice.OPPOSE), ErrorCode.MEETING_ENDED);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new CloseMotion(MOTION), T0 + 1);

      assertThat(outcome.state().motions().get(MOTION).outcome()).isEqualTo(MotionOutcome.PASSED);
      assertThat(outcome.state().decisions()).extracting(RecordedDecision::motionId).containsExactly(MOTION);
      assertThat(after(outcome.state(), FACILITATOR, new FinalizeMinutes(), T0).minutes().finalized()).isTrue();
    }

    @Test
    @DisplayName("lets the server close a motion, and records a failed one too")
    void serverCloses() {
      Outcome.Applied outcome = accepted(motion(), SYSTEM, new CloseMotion(MOTION), T0);

      assertThat(outcome.result()).isEqualTo(Map.of("outcome", "failed"));
      assertThat(outcome.state().decisions()).singleElement().satisfies(d -> {
        assertThat(d.text()).isEqualTo("Motion \"Ship in May\": failed (0 agree, 0 oppose, 0 neutral)");
        assertThat(d.decidedBy()).isEqualTo(RecordedDecision.DecidedBy.MOTION);
        assertThat(d.motionId()).isEqualTo(MOTION);
        assertThat(d.itemId()).isNull();
      });
    }

    @Test
    @DisplayName("under simple majority, passes with more agree votes than half of all votes cast")
    void simpleMajority() {
      RoomState s = motion();

      assertThat(closedWith(voted(s, Choice.AGREE, Choice.AGREE, Choice.OPPOSE, null))).isEqualTo(MotionOutcome.PASSED);
      assertThat(closedWith(voted(s, Choice.AGREE, Choice.AGREE, Choice.NEUTRAL, null)))
          .isEqualTo(MotionOutcome.PASSED);
      assertThat(closedWith(voted(s, Choice.AGREE, Choice.OPPOSE, null, null))).as("a tie")
          .isEqualTo(MotionOutcome.FAILED);
      assertThat(closedWith(voted(s, Choice.AGREE, Choice.NEUTRAL, null, null))).as("neutral counts as cast")
          .isEqualTo(MotionOutcome.FAILED);
      assertThat(closedWith(voted(s, Choice.AGREE, Choice.AGREE, Choice.NEUTRAL, Choice.NEUTRAL)))
          .as("two of four").isEqualTo(MotionOutcome.FAILED);
      assertThat(closedWith(s)).as("no votes").isEqualTo(MotionOutcome.FAILED);
    }

    @Test
    @DisplayName("under majority of present, counts the participants online at the close, screens left out")
    void majorityOfPresent() {
      RoomState s = open(new OpenMotion(TEXT, null, null, null, null, PassRule.MAJORITY_OF_PRESENT, null));
      RoomState everyone = online(s, FACILITATOR_ID, ANA_ID, BEN_ID, CLEO_ID, SCREEN_ID);

      Outcome.Applied twoOfFour = accepted(voted(everyone, Choice.AGREE, Choice.AGREE, null, null), FACILITATOR,
          new CloseMotion(MOTION), T0);
      assertThat(((MotionClosed) twoOfFour.events().get(0)).present()).isEqualTo(4);
      assertThat(twoOfFour.state().motions().get(MOTION).outcome()).as("2 of 4 present")
          .isEqualTo(MotionOutcome.FAILED);
      assertThat(closedWith(voted(everyone, Choice.AGREE, Choice.AGREE, Choice.AGREE, null))).as("3 of 4 present")
          .isEqualTo(MotionOutcome.PASSED);

      RoomState few = online(s, ANA_ID, BEN_ID, SCREEN_ID);
      Outcome.Applied twoOfTwo = accepted(voted(few, Choice.AGREE, Choice.AGREE, Choice.OPPOSE, Choice.OPPOSE),
          FACILITATOR, new CloseMotion(MOTION), T0);
      assertThat(((MotionClosed) twoOfTwo.events().get(0)).present()).isEqualTo(2);
      assertThat(twoOfTwo.state().motions().get(MOTION).outcome()).as("2 of 2 present, though 2 of 4 votes")
          .isEqualTo(MotionOutcome.PASSED);

      assertThat(closedWith(s)).as("nobody online, no votes").isEqualTo(MotionOutcome.FAILED);
    }

    @Test
    @DisplayName("under at least n, passes with at least the threshold of agree votes")
    void atLeastN() {
      RoomState s = open(new OpenMotion(TEXT, null, null, null, null, PassRule.AT_LEAST_N, 2));

      assertThat(closedWith(voted(s, Choice.AGREE, Choice.AGREE, Choice.OPPOSE, Choice.OPPOSE)))
          .isEqualTo(MotionOutcome.PASSED);
      assertThat(closedWith(voted(s, Choice.AGREE, Choice.OPPOSE, Choice.NEUTRAL, null)))
          .isEqualTo(MotionOutcome.FAILED);
      assertThat(closedWith(voted(s, Choice.AGREE, Choice.AGREE, Choice.AGREE, null)))
          .isEqualTo(MotionOutcome.PASSED);
    }

    @Test
    @DisplayName("ends without quorum when fewer voted than the quorum, whatever the votes")
    void noQuorum() {
      RoomState s = open(new OpenMotion(TEXT, null, null, null, 3, null, null));

      Outcome.Applied outcome = accepted(voted(s, Choice.AGREE, Choice.AGREE, null, null), FACILITATOR,
          new CloseMotion(MOTION), T0);

      assertThat(outcome.state().motions().get(MOTION).outcome()).isEqualTo(MotionOutcome.NO_QUORUM);
      assertThat(outcome.result()).isEqualTo(Map.of("outcome", "no_quorum"));
      assertThat(outcome.state().decisions().get(0).text())
          .isEqualTo("Motion \"Ship in May\": no quorum (2 agree, 0 oppose, 0 neutral)");
      assertThat(closedWith(voted(s, Choice.AGREE, Choice.AGREE, Choice.NEUTRAL, null))).as("quorum met")
          .isEqualTo(MotionOutcome.PASSED);
    }

    @Test
    @DisplayName("shows each viewer of an anonymous motion only their own vote, and the count to all")
    void anonymousClose() {
      RoomState s = voted(open(new OpenMotion(TEXT, null, true, true, null, null, null)), Choice.AGREE,
          Choice.OPPOSE, null, Choice.AGREE);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new CloseMotion(MOTION), T0);

      Event closed = outcome.events().get(0);
      Tally tally = new Tally(2, 1, 0, 3);
      assertThat(closed.privileged()).containsExactlyInAnyOrder(ANA_ID, BEN_ID, FACILITATOR_ID);
      assertThat(closed.viewFor(null))
          .contains(new MotionClosed(MOTION, T0, 0, MotionOutcome.PASSED, tally, true, Map.of()));
      assertThat(closed.viewFor(CLEO_ID))
          .contains(new MotionClosed(MOTION, T0, 0, MotionOutcome.PASSED, tally, true, Map.of()));
      assertThat(closed.viewFor(ANA_ID))
          .contains(new MotionClosed(MOTION, T0, 0, MotionOutcome.PASSED, tally, true, Map.of(ANA_ID, Choice.AGREE)));
      assertThat(closed.viewFor(BEN_ID))
          .contains(new MotionClosed(MOTION, T0, 0, MotionOutcome.PASSED, tally, true, Map.of(BEN_ID, Choice.OPPOSE)));
      assertThat(json(closed.viewFor(BEN_ID).orElseThrow())).doesNotContain(ANA_ID).doesNotContain(FACILITATOR_ID);

      assertThat(Views.forViewer(outcome.state(), ANA_ID).motions().get(MOTION).votes())
          .isEqualTo(Map.of(ANA_ID, Choice.AGREE));
      assertThat(Views.forViewer(outcome.state(), null).motions().get(MOTION).votes()).isEmpty();
      assertThat(Views.forViewer(outcome.state(), null).motions().get(MOTION).tally()).isEqualTo(tally);
    }

    @Test
    @DisplayName("reveals the votes and the count of a named motion with hidden results to everyone")
    void revealsHiddenResults() {
      RoomState s = voted(open(new OpenMotion(TEXT, null, false, true, null, null, null)), Choice.AGREE,
          Choice.OPPOSE, null, null);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new CloseMotion(MOTION), T0);

      Map<String, Choice> votes = Map.of(ANA_ID, Choice.AGREE, BEN_ID, Choice.OPPOSE);
      assertThat(outcome.events().get(0).viewFor(CLEO_ID)).contains(outcome.events().get(0));
      assertThat(outcome.events().get(0).privileged()).isEmpty();
      Motion seen = Views.forViewer(outcome.state(), CLEO_ID).motions().get(MOTION);
      assertThat(seen.votes()).isEqualTo(votes);
      assertThat(seen.tally()).isEqualTo(new Tally(1, 1, 0, 2));
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = motion();
      CloseMotion close = new CloseMotion(MOTION);
      RoomState fin = after(after(s, FACILITATOR, close, T0), FACILITATOR, new FinalizeMinutes(), T0);
      return Stream.of(
          refused("a close before the meeting exists", empty(), SYSTEM, close, ErrorCode.ROOM_NOT_FOUND),

          refused("a close once the minutes are final", fin, FACILITATOR, close, ErrorCode.MINUTES_FINALIZED),
          refused("a participant closing the motion", s, ANA, close, ErrorCode.FORBIDDEN),
          refused("a screen closing the motion", s, SCREEN, close, ErrorCode.FORBIDDEN),
          refused("someone not in the room closing the motion", s, STRANGER, close, ErrorCode.FORBIDDEN),
          refused("an unknown motion", s, FACILITATOR, new CloseMotion(UNKNOWN_MOTION), ErrorCode.MOTION_NOT_FOUND),
          refused("a missing motion id", s, FACILITATOR, new CloseMotion(null), ErrorCode.MOTION_NOT_FOUND),
          refused("a motion already closed", after(s, FACILITATOR, close, T0), FACILITATOR, close,
              ErrorCode.INVALID_STATE));
    }

    @Test
    @DisplayName("keeps the outcome of the close when voters come and go afterwards")
    void keepsPresentAtClose() {
      RoomState s = online(open(new OpenMotion(TEXT, null, null, null, null, PassRule.MAJORITY_OF_PRESENT, null)),
          ANA_ID);
      s = voted(s, Choice.AGREE, null, null, null);
      s = after(s, FACILITATOR, new CloseMotion(MOTION), T0);

      s = online(s, BEN_ID, CLEO_ID, FACILITATOR_ID);

      assertThat(s.motions().get(MOTION).present()).isEqualTo(1);
      assertThat(s.motions().get(MOTION).outcome()).isEqualTo(MotionOutcome.PASSED);
      assertThat(s.decisions()).hasSize(1);
    }
  }
}
