package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.ANA_ID;
import static dev.roundtable.domain.Rooms.BEN;
import static dev.roundtable.domain.Rooms.BEN_ID;
import static dev.roundtable.domain.Rooms.CLEO;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.FACILITATOR_ID;
import static dev.roundtable.domain.Rooms.ITEM_1;
import static dev.roundtable.domain.Rooms.ITEM_2;
import static dev.roundtable.domain.Rooms.SCREEN;
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
import static dev.roundtable.domain.Rooms.refused;
import static dev.roundtable.domain.Rooms.rejected;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.MeetingCommands.EndMeeting;
import dev.roundtable.domain.Minutes.MinutesRevision;
import dev.roundtable.domain.MinutesCommands.AddActionItem;
import dev.roundtable.domain.MinutesCommands.EditActionItem;
import dev.roundtable.domain.MinutesCommands.EditMinutes;
import dev.roundtable.domain.MinutesCommands.FinalizeMinutes;
import dev.roundtable.domain.MinutesCommands.MarkForNextMeeting;
import dev.roundtable.domain.MinutesCommands.ParkPoint;
import dev.roundtable.domain.MinutesCommands.RecordDecision;
import dev.roundtable.domain.MinutesCommands.RemoveActionItem;
import dev.roundtable.domain.MinutesEvents.ActionItemAdded;
import dev.roundtable.domain.MinutesEvents.ActionItemEdited;
import dev.roundtable.domain.MinutesEvents.ActionItemRemoved;
import dev.roundtable.domain.MinutesEvents.DecisionRecorded;
import dev.roundtable.domain.MinutesEvents.MinutesEdited;
import dev.roundtable.domain.MinutesEvents.MinutesFinalized;
import dev.roundtable.domain.MinutesEvents.PointParked;
import dev.roundtable.domain.MinutesEvents.PointUpdated;
import dev.roundtable.domain.VoteCommands.CloseMotion;
import dev.roundtable.domain.VoteCommands.OpenMotion;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Minutes commands")
class MinutesCommandsTest {
  /** The first ids the room hands out after the fixture (serial 8). */
  private static final String ACTION = "a9";
  private static final String POINT = "k9";
  private static final String DEADLINE = "2025-07-01";

  /** The compact form of a text operation; {@code Arrays.asList} so that a test may put a null in it. */
  private static List<Object> ops(Object... components) {
    return Arrays.asList(components);
  }

  private static EditMinutes edit(int baseRevision, Object... components) {
    return new EditMinutes(baseRevision, ops(components));
  }

  /** Minutes reading "Hello world" at revision 1, typed by Ana. */
  private static RoomState written() {
    return after(room(), ANA, edit(0, "Hello world"), T0);
  }

  /** Action item a9 for Ben, open, version 1, about the second agenda item. */
  private static RoomState withAction() {
    return after(room(), ANA, new AddActionItem("Draft the plan", "Ben", "Reviewed by QA", DEADLINE, ITEM_2), T0);
  }

  /** Ana parked point k9. */
  private static RoomState withPoint() {
    return after(room(), ANA, new ParkPoint("Office move"), T0);
  }

  @Nested
  @DisplayName("EditMinutes")
  class EditMinutesTest {

    @Test
    @DisplayName("applies an operation and answers with the new revision and the operation as applied")
    void appliesEdit() {
      Outcome.Applied outcome = accepted(room(), ANA, edit(0, "Hello world"), T0);

      assertThat(outcome.events()).containsExactly(new MinutesEdited(1, ANA_ID, List.of("Hello world")));
      assertThat(outcome.result()).isEqualTo(Map.of("revision", 1, "ops", List.of("Hello world")));
      Minutes m = outcome.state().minutes();
      assertThat(m.text()).isEqualTo("Hello world");
      assertThat(m.revision()).isEqualTo(1);
      assertThat(m.history()).containsExactly(new MinutesRevision(1, ANA_ID, List.of("Hello world")));
      assertThat(m.finalized()).isFalse();
    }

    @Test
    @DisplayName("applies retains, inserts and deletes in the middle of the text, from anyone in the room")
    void editsInTheMiddle() {
      RoomState s = after(written(), FACILITATOR, edit(1, 6, "big ", 5), T0);
      s = after(s, CLEO, edit(2, -6, 9), T0);

      assertThat(s.minutes().text()).isEqualTo("big world");
      assertThat(s.minutes().revision()).isEqualTo(3);
      assertThat(s.minutes().history()).extracting(MinutesRevision::authorId)
          .containsExactly(ANA_ID, FACILITATOR_ID, Rooms.CLEO_ID);
    }

    @Test
    @DisplayName("transforms an edit over those its author had not seen, so both concurrent edits land")
    void transformsConcurrentEdits() {
      RoomState s = after(written(), ANA, edit(1, 6, "big ", 5), T0);

      Outcome.Applied outcome = accepted(s, BEN, edit(1, -6, 5), T0);

      assertThat(outcome.events()).containsExactly(new MinutesEdited(3, BEN_ID, List.of(-6, 9)));
      assertThat(outcome.result()).isEqualTo(Map.of("revision", 3, "ops", List.of(-6, 9)));
      assertThat(outcome.state().minutes().text()).isEqualTo("big world");
    }

    @Test
    @DisplayName("puts the earlier accepted of two inserts at the same spot first")
    void earlierInsertWinsTie() {
      RoomState s = after(written(), ANA, edit(1, 5, " dear", 6), T0);

      Outcome.Applied outcome = accepted(s, BEN, edit(1, 5, " brave", 6), T0);

      assertThat(outcome.events()).containsExactly(new MinutesEdited(3, BEN_ID, List.of(10, " brave", 6)));
      assertThat(outcome.state().minutes().text()).isEqualTo("Hello dear brave world");
    }

    @Test
    @DisplayName("transforms over several revisions in order")
    void transformsOverSeveralRevisions() {
      RoomState s = after(room(), ANA, edit(0, "A"), T0);
      s = after(s, BEN, edit(0, "B"), T0);
      s = after(s, CLEO, edit(0, "C"), T0);

      assertThat(s.minutes().text()).isEqualTo("ABC");
      assertThat(s.minutes().revision()).isEqualTo(3);
      assertThat(s.minutes().history()).extracting(MinutesRevision::ops)
          .containsExactly(List.of("A"), List.of(1, "B"), List.of(2, "C"));
    }

    @Test
    @DisplayName("takes an operation that changes nothing as accepted, without an event or a new revision")
    void acceptsNoop() {
      Outcome.Applied retain = accepted(written(), ANA, edit(1, 11), T0);
      Outcome.Applied nothing = accepted(room(), ANA, new EditMinutes(0, List.of()), T0);

      assertThat(retain.events()).isEmpty();
      assertThat(retain.result()).isEqualTo(Map.of("revision", 1, "ops", List.of(11)));
      assertThat(retain.state()).isEqualTo(written());
      assertThat(nothing.events()).isEmpty();
      assertThat(nothing.result()).isEqualTo(Map.of("revision", 0, "ops", List.of()));
    }

    @Test
    @DisplayName("accepts integral numbers of any JSON decoder's type and normalises the operation")
    void normalises() {
      Outcome.Applied outcome = accepted(written(), ANA, edit(1, 2L, BigInteger.valueOf(3), "!", (short) 6), T0);

      assertThat(outcome.events()).containsExactly(new MinutesEdited(2, ANA_ID, List.of(5, "!", 6)));
      assertThat(outcome.state().minutes().text()).isEqualTo("Hello! world");
    }

    @Test
    @DisplayName("takes characters outside the basic plane as the two code units they are")
    void countsCodeUnits() {
      RoomState s = after(written(), ANA, edit(1, 11, " \uD83D\uDE00"), T0);
      s = after(s, BEN, edit(2, 12, -2), T0);

      assertThat(s.minutes().text()).isEqualTo("Hello world ");
    }

    @Test
    @DisplayName("stays editable after the meeting ended")
    void editsAfterEnd() {
      RoomState s = after(written(), FACILITATOR, new EndMeeting(), T0);

      assertThat(after(s, BEN, edit(1, 11, "."), T0).minutes().text()).isEqualTo("Hello world.");
    }

    @Test
    @DisplayName("accepts text up to the minutes' limit and operations up to their size limit")
    void acceptsLimits() {
      RoomState full = after(room(), ANA, edit(0, chars(Limits.MINUTES_CHARS)), T0);
      assertThat(full.minutes().text()).hasSize(Limits.MINUTES_CHARS);
      rejected(full, ANA, edit(1, Limits.MINUTES_CHARS, "x"), ErrorCode.TOO_LARGE);
      assertThat(after(full, ANA, edit(1, -1, Limits.MINUTES_CHARS - 1, "y"), T0).minutes().text())
          .hasSize(Limits.MINUTES_CHARS).endsWith("y");

      List<Object> many = new ArrayList<>(Collections.nCopies(Limits.MAX_OPERATION_COMPONENTS, "a"));
      assertThat(after(room(), ANA, new EditMinutes(0, many), T0).minutes().text())
          .hasSize(Limits.MAX_OPERATION_COMPONENTS);
    }

    @Test
    @DisplayName("keeps a bounded history and refuses edits based on revisions older than it")
    void boundsHistory() {
      RoomState s = room();
      int revisions = Limits.MINUTES_HISTORY + 1;
      for (int r = 0; r < revisions; r++) {
        s = after(s, ANA, r == 0 ? edit(0, "x") : edit(r, r, "x"), T0);
      }

      Minutes m = s.minutes();
      assertThat(m.revision()).isEqualTo(revisions);
      assertThat(m.history()).hasSize(Limits.MINUTES_HISTORY);
      assertThat(m.history().get(0).revision()).isEqualTo(2);
      assertThat(m.history().get(Limits.MINUTES_HISTORY - 1).revision()).isEqualTo(revisions);

      rejected(s, BEN, edit(0, "y"), ErrorCode.STALE_VERSION);
      Outcome.Applied oldest = accepted(s, BEN, edit(1, 1, "y"), T0);
      assertThat(oldest.state().minutes().text()).isEqualTo("x".repeat(revisions) + "y");
      assertThat(oldest.state().minutes().history()).hasSize(Limits.MINUTES_HISTORY);
      assertThat(oldest.state().minutes().history().get(0).revision()).isEqualTo(3);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = written();
      return Stream.of(
          refused("an edit before the meeting exists", empty(), ANA, edit(0, "x"), ErrorCode.ROOM_NOT_FOUND),
          refused("an edit from a screen", s, SCREEN, edit(1, 11, "x"), ErrorCode.FORBIDDEN),
          refused("an edit from someone not in the room", s, STRANGER, edit(1, 11, "x"), ErrorCode.FORBIDDEN),
          refused("an edit from the server", s, SYSTEM, edit(1, 11, "x"), ErrorCode.FORBIDDEN),
          refused("an edit once the minutes are final", after(s, FACILITATOR, new FinalizeMinutes(), T0), ANA,
              edit(1, 11, "x"), ErrorCode.MINUTES_FINALIZED),
          refused("a missing base revision", s, ANA, new EditMinutes(null, ops(11, "x")), ErrorCode.INVALID_FIELD),
          refused("a negative base revision", s, ANA, edit(-1, 11, "x"), ErrorCode.INVALID_FIELD),
          refused("a base revision the minutes have not reached", s, ANA, edit(2, 11, "x"), ErrorCode.INVALID_FIELD),
          refused("missing ops", s, ANA, new EditMinutes(1, null), ErrorCode.INVALID_FIELD),
          refused("more components than allowed", room(), ANA,
              new EditMinutes(0, new ArrayList<>(Collections.nCopies(Limits.MAX_OPERATION_COMPONENTS + 1, "a"))),
              ErrorCode.TOO_LARGE),
          refused("a zero component", s, ANA, edit(1, 0, 11), ErrorCode.INVALID_FIELD),
          refused("an empty insert", s, ANA, edit(1, 11, ""), ErrorCode.INVALID_FIELD),
          refused("a null component", s, ANA, edit(1, 11, null), ErrorCode.INVALID_FIELD),
          refused("a boolean component", s, ANA, edit(1, 11, true), ErrorCode.INVALID_FIELD),
          refused("a fractional component", s, ANA, edit(1, 5.5, 6), ErrorCode.INVALID_FIELD),
          refused("a whole number written as a decimal", s, ANA, edit(1, 11.0), ErrorCode.INVALID_FIELD),
          refused("an object component", s, ANA, edit(1, Map.of("retain", 11)), ErrorCode.INVALID_FIELD),
          refused("an operation shorter than the text", s, ANA, edit(1, 5, "x"), ErrorCode.INVALID_FIELD),
          refused("an operation longer than the text", s, ANA, edit(1, 12, "x"), ErrorCode.INVALID_FIELD),
          refused("a delete past the end of the text", s, ANA, edit(1, 5, -7), ErrorCode.INVALID_FIELD),
          refused("an empty operation on a text that is not empty", s, ANA, new EditMinutes(1, List.of()),
              ErrorCode.INVALID_FIELD),
          refused("an operation that fit an older revision but not the one named", after(s, ANA, edit(1, 11, "!"), T0),
              ANA, edit(2, 11, "?"), ErrorCode.INVALID_FIELD),
          refused("an operation that does not fit its base revision", after(s, ANA, edit(1, 11, "!"), T0), ANA,
              edit(1, 12, "?"), ErrorCode.INVALID_FIELD),
          refused("an insert of half a character", s, ANA, edit(1, 11, "\uD83D"), ErrorCode.INVALID_FIELD),
          refused("an edit that splits a character in the text", after(s, ANA, edit(1, 11, "\uD83D\uDE00"), T0), ANA,
              edit(2, 12, -1), ErrorCode.INVALID_FIELD),
          refused("minutes over their limit", room(), ANA, edit(0, chars(Limits.MINUTES_CHARS + 1)),
              ErrorCode.TOO_LARGE),
          refused("an insert that takes the minutes over their limit", s, ANA,
              edit(1, 11, chars(Limits.MINUTES_CHARS - 10)), ErrorCode.TOO_LARGE));
    }
  }

  @Nested
  @DisplayName("FinalizeMinutes")
  class FinalizeMinutesTest {

    @Test
    @DisplayName("makes the minutes final, keeping their text and revision")
    void finalizes() {
      Outcome.Applied outcome = accepted(written(), FACILITATOR, new FinalizeMinutes(), T0 + 4);

      assertThat(outcome.events()).containsExactly(new MinutesFinalized(T0 + 4));
      Minutes m = outcome.state().minutes();
      assertThat(m.finalized()).isTrue();
      assertThat(m.finalizedAt()).isEqualTo(T0 + 4);
      assertThat(m.text()).isEqualTo("Hello world");
      assertThat(m.revision()).isEqualTo(1);
    }

    @Test
    @DisplayName("works once every motion is closed")
    void finalizesAfterMotionsClose() {
      RoomState s = after(room(), FACILITATOR, new OpenMotion("Ship in May", null, null, null, null, null, null), T0);
      s = after(s, FACILITATOR, new CloseMotion("m9"), T0);

      assertThat(after(s, FACILITATOR, new FinalizeMinutes(), T0).minutes().finalized()).isTrue();
    }

    @Test
    @DisplayName("works after the meeting ended, and for the server")
    void finalizesAfterEnd() {
      assertThat(after(ended(), FACILITATOR, new FinalizeMinutes(), T0).minutes().finalized()).isTrue();
      assertThat(after(ended(), SYSTEM, new FinalizeMinutes(), T0).minutes().finalized()).isTrue();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      FinalizeMinutes command = new FinalizeMinutes();
      return Stream.of(
          refused("finalizing before the meeting exists", empty(), SYSTEM, command, ErrorCode.ROOM_NOT_FOUND),
          refused("a participant finalizing", room(), ANA, command, ErrorCode.FORBIDDEN),
          refused("a screen finalizing", room(), SCREEN, command, ErrorCode.FORBIDDEN),
          refused("someone not in the room finalizing", room(), STRANGER, command, ErrorCode.FORBIDDEN),
          refused("finalizing twice", finalized(), FACILITATOR, command, ErrorCode.MINUTES_FINALIZED),
          refused("finalizing while a motion is open, whose outcome belongs in the minutes", after(room(),
              FACILITATOR, new OpenMotion("Ship in May", null, null, null, null, null, null), T0), FACILITATOR,
              command, ErrorCode.INVALID_STATE),
          refused("finalizing after the meeting ended with a motion still open", after(after(room(), FACILITATOR,
              new OpenMotion("Ship in May", null, null, null, null, null, null), T0), FACILITATOR, new EndMeeting(),
              T0), SYSTEM, command, ErrorCode.INVALID_STATE));
    }

    @TestFactory
    @DisplayName("then refuses every change of the minutes and what they record")
    Stream<DynamicTest> refusesChangesAfterwards() {
      RoomState s = after(withAction(), ANA, new ParkPoint("Office move"), T0);
      s = after(s, ANA, edit(0, "Hello"), T0);
      s = after(s, FACILITATOR, new OpenMotion("Ship in May", null, null, null, null, null, null), T0);
      s = after(s, FACILITATOR, new CloseMotion("m11"), T0);
      RoomState live = s;
      RoomState fin = after(s, FACILITATOR, new FinalizeMinutes(), T0);
      RoomState endedFin = after(after(s, FACILITATOR, new EndMeeting(), T0), FACILITATOR, new FinalizeMinutes(), T0);
      assertThat(live.actionItem(ACTION)).isPresent();
      assertThat(live.parkedPoint("k10")).isPresent();
      return Stream.of(
          refused("an edit of the text", fin, ANA, edit(1, 5, "!"), ErrorCode.MINUTES_FINALIZED),
          refused("an edit of the text after the meeting ended", endedFin, ANA, edit(1, 5, "!"),
              ErrorCode.MINUTES_FINALIZED),
          refused("a decision", fin, FACILITATOR, new RecordDecision("Ship", null), ErrorCode.MINUTES_FINALIZED),
          refused("a new action item", fin, ANA, new AddActionItem("Task", "Ben", null, DEADLINE, null),
              ErrorCode.MINUTES_FINALIZED),
          refused("a new action item from the server", endedFin, SYSTEM,
              new AddActionItem("Task", "Ben", null, DEADLINE, null), ErrorCode.MINUTES_FINALIZED),
          refused("an edit of an action item", fin, BEN,
              new EditActionItem(ACTION, 1, null, null, null, null, ActionStatus.DONE, null),
              ErrorCode.MINUTES_FINALIZED),
          refused("removing an action item", fin, FACILITATOR, new RemoveActionItem(ACTION),
              ErrorCode.MINUTES_FINALIZED),
          refused("a parked point", fin, ANA, new ParkPoint("Later"), ErrorCode.MINUTES_FINALIZED),
          refused("marking a parked point", fin, FACILITATOR, new MarkForNextMeeting("k10", true),
              ErrorCode.MINUTES_FINALIZED),
          refused("opening a motion", fin, FACILITATOR, new OpenMotion("Another", null, null, null, null, null, null),
              ErrorCode.MINUTES_FINALIZED),
          refused("closing a motion, which would record a decision", fin, FACILITATOR, new CloseMotion("m11"),
              ErrorCode.MINUTES_FINALIZED),
          refused("finalizing them again", endedFin, FACILITATOR, new FinalizeMinutes(), ErrorCode.MINUTES_FINALIZED));
    }
  }

  @Nested
  @DisplayName("RecordDecision")
  class RecordDecisionTest {

    @Test
    @DisplayName("records the facilitator's decision with the next serial id")
    void recordsDecision() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR, new RecordDecision(" Ship in May ", ITEM_2), T0 + 2);

      RecordedDecision expected = new RecordedDecision("d9", "Ship in May", ITEM_2,
          RecordedDecision.DecidedBy.FACILITATOR, null, T0 + 2);
      assertThat(outcome.events()).containsExactly(new DecisionRecorded(expected, 9));
      assertThat(outcome.result()).isEqualTo(Map.of("decisionId", "d9"));
      assertThat(outcome.state().decisions()).containsExactly(expected);
      assertThat(outcome.state().serial()).isEqualTo(9);
    }

    @Test
    @DisplayName("records decisions without an agenda item, at the text limit, by the server, and after the end")
    void recordsVariants() {
      RoomState s = after(room(), SYSTEM, new RecordDecision(chars(Limits.DECISION_TEXT_CHARS), null), T0);
      s = after(s, FACILITATOR, new EndMeeting(), T0);
      s = after(s, FACILITATOR, new RecordDecision("Stated after the end", ITEM_1), T0);

      assertThat(s.decisions()).extracting(RecordedDecision::itemId).containsExactly(null, ITEM_1);
      assertThat(s.decisions().get(0).text()).hasSize(Limits.DECISION_TEXT_CHARS);
    }

    @Test
    @DisplayName("records decisions up to the limit and then refuses")
    void refusesWhenFull() {
      RoomState s = room();
      for (int i = 0; i < Limits.MAX_DECISIONS; i++) {
        s = after(s, FACILITATOR, new RecordDecision("Decision " + i, null), T0);
      }
      assertThat(s.decisions()).hasSize(Limits.MAX_DECISIONS);

      rejected(s, FACILITATOR, new RecordDecision("One too many", null), ErrorCode.LIMIT_REACHED);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("a decision before the meeting exists", empty(), SYSTEM, text("X"), ErrorCode.ROOM_NOT_FOUND),
          refused("a participant recording a decision", s, ANA, text("X"), ErrorCode.FORBIDDEN),
          refused("a screen recording a decision", s, SCREEN, text("X"), ErrorCode.FORBIDDEN),
          refused("someone not in the room recording a decision", s, STRANGER, text("X"), ErrorCode.FORBIDDEN),
          refused("a decision once the minutes are final", finalized(), FACILITATOR, text("X"),
              ErrorCode.MINUTES_FINALIZED),
          refused("a missing text", s, FACILITATOR, text(null), ErrorCode.INVALID_FIELD),
          refused("a blank text", s, FACILITATOR, text("  "), ErrorCode.INVALID_FIELD),
          refused("a text over the limit", s, FACILITATOR, text(chars(Limits.DECISION_TEXT_CHARS + 1)),
              ErrorCode.TOO_LARGE),
          refused("an unknown agenda item", s, FACILITATOR, new RecordDecision("X", UNKNOWN_ITEM),
              ErrorCode.ITEM_NOT_FOUND));
    }

    private RecordDecision text(String text) {
      return new RecordDecision(text, null);
    }
  }

  @Nested
  @DisplayName("AddActionItem")
  class AddActionItemTest {

    @Test
    @DisplayName("adds an open action item with the next serial id")
    void addsItem() {
      Outcome.Applied outcome = accepted(room(), ANA,
          new AddActionItem(" Draft the plan ", " Ben ", " Reviewed by QA ", DEADLINE, ITEM_2), T0);

      ActionItem expected = new ActionItem(ACTION, "Draft the plan", "Ben", "Reviewed by QA", DEADLINE, ITEM_2,
          ActionStatus.OPEN, 1, T0);
      assertThat(outcome.events()).containsExactly(new ActionItemAdded(expected, 9));
      assertThat(outcome.result()).isEqualTo(Map.of("actionItemId", ACTION));
      assertThat(outcome.state().actionItems()).containsExactly(expected);
      assertThat(outcome.state().serial()).isEqualTo(9);
    }

    @Test
    @DisplayName("defaults to no standard and no agenda item")
    void appliesDefaults() {
      ActionItem item = after(room(), FACILITATOR, new AddActionItem("Task", "Ben", null, "2024-02-29", null), T0)
          .actionItem(ACTION).orElseThrow();

      assertThat(item.standard()).isEmpty();
      assertThat(item.itemId()).isNull();
      assertThat(item.deadline()).isEqualTo("2024-02-29");
    }

    @Test
    @DisplayName("lets the server add items, also after the meeting ended, and accepts fields at their limits")
    void addsAfterEnd() {
      RoomState s = after(ended(), SYSTEM, new AddActionItem(chars(Limits.ACTION_TASK_CHARS),
          chars(Limits.OWNER_CHARS), chars(Limits.ACTION_STANDARD_CHARS), DEADLINE, null), T0);
      s = after(s, BEN, new AddActionItem("Follow up", "Ben", null, DEADLINE, null), T0);

      assertThat(s.actionItems()).hasSize(2);
      assertThat(s.actionItems().get(0).task()).hasSize(Limits.ACTION_TASK_CHARS);
    }

    @Test
    @DisplayName("adds items up to the limit and then refuses")
    void refusesWhenFull() {
      RoomState s = room();
      for (int i = 0; i < Limits.MAX_ACTION_ITEMS; i++) {
        s = after(s, ANA, new AddActionItem("Task " + i, "Ben", null, DEADLINE, null), T0);
      }
      assertThat(s.actionItems()).hasSize(Limits.MAX_ACTION_ITEMS);

      rejected(s, ANA, new AddActionItem("One too many", "Ben", null, DEADLINE, null), ErrorCode.LIMIT_REACHED);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("an item before the meeting exists", empty(), SYSTEM, task("X"), ErrorCode.ROOM_NOT_FOUND),
          refused("an item from a screen", s, SCREEN, task("X"), ErrorCode.FORBIDDEN),
          refused("an item from someone not in the room", s, STRANGER, task("X"), ErrorCode.FORBIDDEN),
          refused("an item once the minutes are final", finalized(), ANA, task("X"), ErrorCode.MINUTES_FINALIZED),
          refused("a missing task", s, ANA, task(null), ErrorCode.INVALID_FIELD),
          refused("a blank task", s, ANA, task(" "), ErrorCode.INVALID_FIELD),
          refused("a task over the limit", s, ANA, task(chars(Limits.ACTION_TASK_CHARS + 1)), ErrorCode.TOO_LARGE),
          refused("a missing owner", s, ANA, new AddActionItem("X", null, null, DEADLINE, null),
              ErrorCode.INVALID_FIELD),
          refused("a blank owner", s, ANA, new AddActionItem("X", " ", null, DEADLINE, null), ErrorCode.INVALID_FIELD),
          refused("an owner over the limit", s, ANA,
              new AddActionItem("X", chars(Limits.OWNER_CHARS + 1), null, DEADLINE, null), ErrorCode.TOO_LARGE),
          refused("a standard over the limit", s, ANA,
              new AddActionItem("X", "Ben", chars(Limits.ACTION_STANDARD_CHARS + 1), DEADLINE, null),
              ErrorCode.TOO_LARGE),
          refused("a missing deadline", s, ANA, deadline(null), ErrorCode.INVALID_FIELD),
          refused("a blank deadline", s, ANA, deadline(" "), ErrorCode.INVALID_FIELD),
          refused("a deadline in words", s, ANA, deadline("next Friday"), ErrorCode.INVALID_FIELD),
          refused("a deadline in another date format", s, ANA, deadline("01/07/2025"), ErrorCode.INVALID_FIELD),
          refused("a deadline without leading zeros", s, ANA, deadline("2025-7-1"), ErrorCode.INVALID_FIELD),
          refused("a deadline with a time", s, ANA, deadline("2025-07-01T12:00"), ErrorCode.INVALID_FIELD),
          refused("a deadline with month 13", s, ANA, deadline("2025-13-01"), ErrorCode.INVALID_FIELD),
          refused("a deadline on a day the month does not have", s, ANA, deadline("2025-02-29"),
              ErrorCode.INVALID_FIELD),
          refused("an unknown agenda item", s, ANA, new AddActionItem("X", "Ben", null, DEADLINE, UNKNOWN_ITEM),
              ErrorCode.ITEM_NOT_FOUND));
    }

    private AddActionItem task(String task) {
      return new AddActionItem(task, "Ben", null, DEADLINE, null);
    }

    private AddActionItem deadline(String deadline) {
      return new AddActionItem("X", "Ben", null, deadline, null);
    }
  }

  @Nested
  @DisplayName("EditActionItem")
  class EditActionItemTest {

    @Test
    @DisplayName("changes every given field and bumps the item's version")
    void editsItem() {
      Outcome.Applied outcome = accepted(withAction(), BEN, new EditActionItem(ACTION, 1, " Write the plan ",
          " Cleo ", " Signed off ", "2025-08-15", ActionStatus.IN_PROGRESS, ITEM_1), T0 + 5);

      ActionItem expected = new ActionItem(ACTION, "Write the plan", "Cleo", "Signed off", "2025-08-15", ITEM_1,
          ActionStatus.IN_PROGRESS, 2, T0);
      assertThat(outcome.events()).containsExactly(new ActionItemEdited(expected));
      assertThat(outcome.state().actionItems()).containsExactly(expected);
    }

    @Test
    @DisplayName("keeps the fields left out or blank, and moves the status on from version to version")
    void changesStatus() {
      RoomState s = after(withAction(), BEN,
          new EditActionItem(ACTION, 1, " ", null, null, null, ActionStatus.BLOCKED, null), T0);
      s = after(s, SYSTEM, new EditActionItem(ACTION, 2, null, "", null, null, ActionStatus.DONE, null), T0);

      assertThat(s.actionItems()).containsExactly(new ActionItem(ACTION, "Draft the plan", "Ben", "Reviewed by QA",
          DEADLINE, ITEM_2, ActionStatus.DONE, 3, T0));
    }

    @Test
    @DisplayName("clears the standard when given a blank one")
    void clearsStandard() {
      RoomState s = after(withAction(), ANA, new EditActionItem(ACTION, 1, null, null, " ", null, null, null), T0);

      assertThat(s.actionItem(ACTION).orElseThrow().standard()).isEmpty();
      assertThat(s.actionItem(ACTION).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    @DisplayName("stays editable after the meeting ended")
    void editsAfterEnd() {
      RoomState s = after(withAction(), FACILITATOR, new EndMeeting(), T0);

      assertThat(after(s, BEN, new EditActionItem(ACTION, 1, null, null, null, null, ActionStatus.DONE, null), T0)
          .actionItem(ACTION).orElseThrow().status()).isEqualTo(ActionStatus.DONE);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = withAction();
      return Stream.of(
          refused("an edit before the meeting exists", empty(), SYSTEM, status(ACTION, 1), ErrorCode.ROOM_NOT_FOUND),
          refused("an edit from a screen", s, SCREEN, status(ACTION, 1), ErrorCode.FORBIDDEN),
          refused("an edit from someone not in the room", s, STRANGER, status(ACTION, 1), ErrorCode.FORBIDDEN),
          refused("an edit once the minutes are final", after(s, FACILITATOR, new FinalizeMinutes(), T0), BEN,
              status(ACTION, 1), ErrorCode.MINUTES_FINALIZED),
          refused("a missing version", s, BEN, status(ACTION, null), ErrorCode.INVALID_FIELD),
          refused("a task over the limit", s, BEN,
              new EditActionItem(ACTION, 1, chars(Limits.ACTION_TASK_CHARS + 1), null, null, null, null, null),
              ErrorCode.TOO_LARGE),
          refused("an owner over the limit", s, BEN,
              new EditActionItem(ACTION, 1, null, chars(Limits.OWNER_CHARS + 1), null, null, null, null),
              ErrorCode.TOO_LARGE),
          refused("a standard over the limit", s, BEN,
              new EditActionItem(ACTION, 1, null, null, chars(Limits.ACTION_STANDARD_CHARS + 1), null, null, null),
              ErrorCode.TOO_LARGE),
          refused("a deadline that is not a date", s, BEN,
              new EditActionItem(ACTION, 1, null, null, null, "soon", null, null), ErrorCode.INVALID_FIELD),
          refused("a deadline on a day the month does not have", s, BEN,
              new EditActionItem(ACTION, 1, null, null, null, "2025-04-31", null, null), ErrorCode.INVALID_FIELD),
          refused("an unknown action item", s, BEN, status("a404", 1), ErrorCode.ACTION_ITEM_NOT_FOUND),
          refused("a missing action item id", s, BEN, status(null, 1), ErrorCode.ACTION_ITEM_NOT_FOUND),
          refused("an edit against an older version", after(s, BEN, status(ACTION, 1), T0), BEN, status(ACTION, 1),
              ErrorCode.STALE_VERSION),
          refused("an edit against a future version", s, BEN, status(ACTION, 2), ErrorCode.STALE_VERSION),
          refused("an unknown agenda item", s, BEN,
              new EditActionItem(ACTION, 1, null, null, null, null, null, UNKNOWN_ITEM), ErrorCode.ITEM_NOT_FOUND));
    }

    private EditActionItem status(String actionItemId, Integer version) {
      return new EditActionItem(actionItemId, version, null, null, null, null, ActionStatus.DONE, null);
    }
  }

  @Nested
  @DisplayName("RemoveActionItem")
  class RemoveActionItemTest {

    @Test
    @DisplayName("takes the item out of the minutes")
    void removesItem() {
      RoomState s = after(withAction(), ANA, new AddActionItem("Second", "Cleo", null, DEADLINE, null), T0);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new RemoveActionItem(ACTION), T0);

      assertThat(outcome.events()).containsExactly(new ActionItemRemoved(ACTION));
      assertThat(outcome.state().actionItems()).extracting(ActionItem::id).containsExactly("a10");
    }

    @Test
    @DisplayName("lets the server remove items, also after the meeting ended")
    void removesAfterEnd() {
      RoomState s = after(withAction(), FACILITATOR, new EndMeeting(), T0);

      assertThat(after(s, SYSTEM, new RemoveActionItem(ACTION), T0).actionItems()).isEmpty();
      assertThat(after(s, FACILITATOR, new RemoveActionItem(ACTION), T0).actionItems()).isEmpty();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = withAction();
      RemoveActionItem command = new RemoveActionItem(ACTION);
      return Stream.of(
          refused("a removal before the meeting exists", empty(), SYSTEM, command, ErrorCode.ROOM_NOT_FOUND),
          refused("a participant removing an item", s, ANA, command, ErrorCode.FORBIDDEN),
          refused("a screen removing an item", s, SCREEN, command, ErrorCode.FORBIDDEN),
          refused("someone not in the room removing an item", s, STRANGER, command, ErrorCode.FORBIDDEN),
          refused("a removal once the minutes are final", after(s, FACILITATOR, new FinalizeMinutes(), T0),
              FACILITATOR, command, ErrorCode.MINUTES_FINALIZED),
          refused("an unknown action item", s, FACILITATOR, new RemoveActionItem("a404"),
              ErrorCode.ACTION_ITEM_NOT_FOUND),
          refused("a missing action item id", s, FACILITATOR, new RemoveActionItem(null),
              ErrorCode.ACTION_ITEM_NOT_FOUND),
          refused("an item already removed", after(s, FACILITATOR, command, T0), FACILITATOR, command,
              ErrorCode.ACTION_ITEM_NOT_FOUND));
    }
  }

  @Nested
  @DisplayName("ParkPoint")
  class ParkPointTest {

    @Test
    @DisplayName("sets a point aside in the parking lot, naming who raised it")
    void parksPoint() {
      Outcome.Applied outcome = accepted(room(), ANA, new ParkPoint(" Office move "), T0 + 1);

      ParkedPoint expected = new ParkedPoint(POINT, "Office move", ANA_ID, false, T0 + 1);
      assertThat(outcome.events()).containsExactly(new PointParked(expected, 9));
      assertThat(outcome.result()).isEqualTo(Map.of("pointId", POINT));
      assertThat(outcome.state().parkingLot()).containsExactly(expected);
      assertThat(outcome.state().serial()).isEqualTo(9);
    }

    @Test
    @DisplayName("lets the facilitator park points, at the text limit and after the meeting ended")
    void parksAfterEnd() {
      RoomState s = after(ended(), FACILITATOR, new ParkPoint(chars(Limits.PARKED_POINT_CHARS)), T0);

      assertThat(s.parkingLot()).singleElement().satisfies(p -> {
        assertThat(p.authorId()).isEqualTo(FACILITATOR_ID);
        assertThat(p.text()).hasSize(Limits.PARKED_POINT_CHARS);
      });
    }

    @Test
    @DisplayName("parks points up to the limit and then refuses")
    void refusesWhenFull() {
      RoomState s = room();
      for (int i = 0; i < Limits.MAX_PARKED_POINTS; i++) {
        s = after(s, BEN, new ParkPoint("Point " + i), T0);
      }
      assertThat(s.parkingLot()).hasSize(Limits.MAX_PARKED_POINTS);

      rejected(s, BEN, new ParkPoint("One too many"), ErrorCode.LIMIT_REACHED);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("a point before the meeting exists", empty(), ANA, new ParkPoint("X"), ErrorCode.ROOM_NOT_FOUND),
          refused("a point from a screen", s, SCREEN, new ParkPoint("X"), ErrorCode.FORBIDDEN),
          refused("a point from someone not in the room", s, STRANGER, new ParkPoint("X"), ErrorCode.FORBIDDEN),
          refused("a point from the server", s, SYSTEM, new ParkPoint("X"), ErrorCode.FORBIDDEN),
          refused("a point once the minutes are final", finalized(), ANA, new ParkPoint("X"),
              ErrorCode.MINUTES_FINALIZED),
          refused("a missing text", s, ANA, new ParkPoint(null), ErrorCode.INVALID_FIELD),
          refused("a blank text", s, ANA, new ParkPoint("  "), ErrorCode.INVALID_FIELD),
          refused("a text with half a character", s, ANA, new ParkPoint("Move \uD83D"), ErrorCode.INVALID_FIELD),
          refused("a text over the limit", s, ANA, new ParkPoint(chars(Limits.PARKED_POINT_CHARS + 1)),
              ErrorCode.TOO_LARGE));
    }
  }

  @Nested
  @DisplayName("MarkForNextMeeting")
  class MarkForNextMeetingTest {

    @Test
    @DisplayName("marks a parked point for the next meeting, and unmarks it")
    void marksPoint() {
      Outcome.Applied marked = accepted(withPoint(), FACILITATOR, new MarkForNextMeeting(POINT, true), T0 + 9);

      ParkedPoint expected = new ParkedPoint(POINT, "Office move", ANA_ID, true, T0);
      assertThat(marked.events()).containsExactly(new PointUpdated(expected));
      assertThat(marked.state().parkingLot()).containsExactly(expected);

      Outcome.Applied unmarked = accepted(marked.state(), FACILITATOR, new MarkForNextMeeting(POINT, false), T0);
      assertThat(unmarked.state().parkingLot()).containsExactly(new ParkedPoint(POINT, "Office move", ANA_ID, false,
          T0));
    }

    @Test
    @DisplayName("lets the server mark points, also after the meeting ended")
    void marksAfterEnd() {
      RoomState s = after(withPoint(), FACILITATOR, new EndMeeting(), T0);

      assertThat(after(s, SYSTEM, new MarkForNextMeeting(POINT, true), T0).parkedPoint(POINT).orElseThrow()
          .forNextMeeting()).isTrue();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = withPoint();
      MarkForNextMeeting command = new MarkForNextMeeting(POINT, true);
      return Stream.of(
          refused("marking before the meeting exists", empty(), SYSTEM, command, ErrorCode.ROOM_NOT_FOUND),
          refused("a participant marking a point", s, ANA, command, ErrorCode.FORBIDDEN),
          refused("a screen marking a point", s, SCREEN, command, ErrorCode.FORBIDDEN),
          refused("someone not in the room marking a point", s, STRANGER, command, ErrorCode.FORBIDDEN),
          refused("marking once the minutes are final", after(s, FACILITATOR, new FinalizeMinutes(), T0), FACILITATOR,
              command, ErrorCode.MINUTES_FINALIZED),
          refused("a missing mark", s, FACILITATOR, new MarkForNextMeeting(POINT, null), ErrorCode.INVALID_FIELD),
          refused("an unknown point", s, FACILITATOR, new MarkForNextMeeting("k404", true), ErrorCode.POINT_NOT_FOUND),
          refused("a missing point id", s, FACILITATOR, new MarkForNextMeeting(null, true), ErrorCode.POINT_NOT_FOUND));
    }
  }
}
