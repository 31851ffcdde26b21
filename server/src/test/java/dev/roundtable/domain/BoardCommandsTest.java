package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.ANA_ID;
import static dev.roundtable.domain.Rooms.BEN;
import static dev.roundtable.domain.Rooms.BEN_ID;
import static dev.roundtable.domain.Rooms.CLEO;
import static dev.roundtable.domain.Rooms.CLEO_ID;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.FACILITATOR_ID;
import static dev.roundtable.domain.Rooms.SCREEN;
import static dev.roundtable.domain.Rooms.SCREEN_ID;
import static dev.roundtable.domain.Rooms.STRANGER;
import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.accepted;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.chars;
import static dev.roundtable.domain.Rooms.empty;
import static dev.roundtable.domain.Rooms.ended;
import static dev.roundtable.domain.Rooms.json;
import static dev.roundtable.domain.Rooms.refused;
import static dev.roundtable.domain.Rooms.rejected;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.BoardCommands.AddDot;
import dev.roundtable.domain.BoardCommands.AddNote;
import dev.roundtable.domain.BoardCommands.DeleteNote;
import dev.roundtable.domain.BoardCommands.EditNote;
import dev.roundtable.domain.BoardCommands.GroupNotes;
import dev.roundtable.domain.BoardCommands.MoveNote;
import dev.roundtable.domain.BoardCommands.RecolourNote;
import dev.roundtable.domain.BoardCommands.RemoveDot;
import dev.roundtable.domain.BoardCommands.RevealNotes;
import dev.roundtable.domain.BoardCommands.SetBoard;
import dev.roundtable.domain.BoardCommands.StartWritingPhase;
import dev.roundtable.domain.BoardCommands.Ungroup;
import dev.roundtable.domain.BoardEvents.BoardChanged;
import dev.roundtable.domain.BoardEvents.ClusterRemoved;
import dev.roundtable.domain.BoardEvents.DotsChanged;
import dev.roundtable.domain.BoardEvents.NoteAdded;
import dev.roundtable.domain.BoardEvents.NoteDeleted;
import dev.roundtable.domain.BoardEvents.NoteEdited;
import dev.roundtable.domain.BoardEvents.NoteMoved;
import dev.roundtable.domain.BoardEvents.NoteRecoloured;
import dev.roundtable.domain.BoardEvents.NotesGrouped;
import dev.roundtable.domain.BoardEvents.NotesRevealed;
import dev.roundtable.domain.BoardEvents.WritingPhaseStarted;
import dev.roundtable.domain.MeetingCommands.EndMeeting;
import dev.roundtable.domain.MeetingCommands.HandOff;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Board commands")
class BoardCommandsTest {
  /** The first id the room hands out after the fixture (serial 8). */
  private static final String NOTE = "n9";
  private static final String OTHER_NOTE = "n10";
  private static final String UNKNOWN_NOTE = "n404";
  private static final String UNKNOWN_CLUSTER = "g404";
  private static final String SECRET = "Cut the scope in half";

  /** Ana's public note n9, yellow, at (10, 20), on the free board. */
  private static RoomState noted() {
    return after(room(), ANA, new AddNote("Ship in May", null, 10, 20, null), T0);
  }

  /** Ana's note n9 and Ben's note n10. */
  private static RoomState twoNotes() {
    return after(noted(), BEN, new AddNote("Hire two testers", NoteColour.BLUE, 30, 40, null), T0 + 1_000);
  }

  /** A private writing phase is running; nothing is written yet. */
  private static RoomState writing() {
    return after(room(), FACILITATOR, new StartWritingPhase(), T0);
  }

  /** During the writing phase Ben wrote n9, private to him. */
  private static RoomState privately() {
    return after(writing(), BEN, new AddNote(SECRET, NoteColour.PINK, 5, 5, null), T0);
  }

  /** Ana's n9 and Ben's n10 with dot voting on, {@code limit} dots each. */
  private static RoomState dotting(int limit) {
    return after(twoNotes(), FACILITATOR, new SetBoard(null, null, limit), T0);
  }

  /** The 5W1H board with Ana's note n9 in the "why" lane. */
  private static RoomState laned() {
    RoomState s = after(room(), FACILITATOR, new SetBoard(BoardTemplate.FIVE_W_ONE_H, null, null), T0);
    return after(s, ANA, new AddNote("Customers asked", null, 1, 1, "why"), T0);
  }

  private static Note anasNote() {
    return new Note(NOTE, "Ship in May", NoteColour.YELLOW, 10, 20, null, ANA_ID, null, false, false, 1, Map.of(), 0,
        T0);
  }

  private static Optional<Event> viewOf(Outcome.Applied outcome, String viewerId) {
    assertThat(outcome.events()).hasSize(1);
    return outcome.events().get(0).viewFor(viewerId);
  }

  @Nested
  @DisplayName("AddNote")
  class AddNoteTest {

    @Test
    @DisplayName("puts a public note with the next serial id on the board")
    void addsNote() {
      Outcome.Applied outcome = accepted(room(), ANA, new AddNote("  Ship in May ", null, 10, 20, null), T0);

      assertThat(outcome.events()).containsExactly(new NoteAdded(anasNote(), 9));
      assertThat(outcome.result()).isEqualTo(Map.of("noteId", NOTE));
      assertThat(outcome.state().notes()).containsExactly(Map.entry(NOTE, anasNote()));
      assertThat(outcome.state().serial()).isEqualTo(9);
      assertThat(outcome.events().get(0).privileged()).isEmpty();
      assertThat(viewOf(outcome, null)).contains(new NoteAdded(anasNote(), 9));
      assertThat(viewOf(outcome, BEN_ID)).contains(new NoteAdded(anasNote(), 9));
    }

    @Test
    @DisplayName("defaults to a yellow note at the origin outside any lane")
    void appliesDefaults() {
      Note note = after(room(), BEN, new AddNote("Idea", null, null, null, null), T0).notes().get(NOTE);

      assertThat(note.colour()).isEqualTo(NoteColour.YELLOW);
      assertThat(note.x()).isZero();
      assertThat(note.y()).isZero();
      assertThat(note.lane()).isNull();
      assertThat(note.version()).isEqualTo(1);
      assertThat(note.hidden()).isFalse();
      assertThat(note.anonymous()).isFalse();
    }

    @Test
    @DisplayName("lets the facilitator write notes too, and numbers them from the shared serial")
    void facilitatorAddsNote() {
      RoomState s = after(noted(), FACILITATOR, new AddNote("Agenda first", NoteColour.GREEN, 0, 0, null), T0);

      assertThat(s.notes().keySet()).containsExactly(NOTE, OTHER_NOTE);
      assertThat(s.notes().get(OTHER_NOTE).authorId()).isEqualTo(FACILITATOR_ID);
      assertThat(s.notes().get(OTHER_NOTE).colour()).isEqualTo(NoteColour.GREEN);
    }

    @Test
    @DisplayName("accepts text and coordinates at their limits")
    void acceptsLimits() {
      Note note = after(room(), ANA,
          new AddNote(chars(Limits.NOTE_TEXT_CHARS), null, Limits.BOARD_EXTENT, Limits.BOARD_EXTENT, null), T0)
          .notes().get(NOTE);

      assertThat(note.text()).hasSize(Limits.NOTE_TEXT_CHARS);
      assertThat(note.x()).isEqualTo(Limits.BOARD_EXTENT);
      assertThat(note.y()).isEqualTo(Limits.BOARD_EXTENT);
    }

    @Test
    @DisplayName("places a note in a lane of the board's template")
    void placesInLane() {
      assertThat(laned().notes().get(NOTE).lane()).isEqualTo("why");
    }

    @Test
    @DisplayName("fills the board up to its limit and then refuses")
    void refusesWhenFull() {
      RoomState s = room();
      for (int i = 0; i < Limits.MAX_NOTES; i++) {
        s = after(s, i % 2 == 0 ? ANA : BEN, new AddNote("Note " + i, null, null, null, null), T0);
      }
      assertThat(s.notes()).hasSize(Limits.MAX_NOTES);

      rejected(s, ANA, new AddNote("One too many", null, null, null, null), ErrorCode.LIMIT_REACHED);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("a note before the meeting exists", empty(), ANA, text("X"), ErrorCode.ROOM_NOT_FOUND),
          refused("a note after the meeting ended", ended(), ANA, text("X"), ErrorCode.MEETING_ENDED),
          refused("a note from a screen", s, SCREEN, text("X"), ErrorCode.FORBIDDEN),
          refused("a note from someone not in the room", s, STRANGER, text("X"), ErrorCode.FORBIDDEN),
          refused("a note from the server", s, SYSTEM, text("X"), ErrorCode.FORBIDDEN),
          refused("a missing text", s, ANA, text(null), ErrorCode.INVALID_FIELD),
          refused("a blank text", s, ANA, text("  "), ErrorCode.INVALID_FIELD),
          refused("a text over the limit", s, ANA, text(chars(Limits.NOTE_TEXT_CHARS + 1)), ErrorCode.TOO_LARGE),
          refused("a text with half a character", s, ANA, text("Idea \uD83D"), ErrorCode.INVALID_FIELD),
          refused("a negative x", s, ANA, new AddNote("X", null, -1, 0, null), ErrorCode.INVALID_FIELD),
          refused("an x past the board", s, ANA, new AddNote("X", null, Limits.BOARD_EXTENT + 1, 0, null),
              ErrorCode.INVALID_FIELD),
          refused("a negative y", s, ANA, new AddNote("X", null, 0, -1, null), ErrorCode.INVALID_FIELD),
          refused("a y past the board", s, ANA, new AddNote("X", null, 0, Limits.BOARD_EXTENT + 1, null),
              ErrorCode.INVALID_FIELD),
          refused("a lane on the free board", s, ANA, new AddNote("X", null, 0, 0, "why"), ErrorCode.INVALID_FIELD),
          refused("a lane the template does not have", laned(), ANA, new AddNote("X", null, 0, 0, "risk"),
              ErrorCode.INVALID_FIELD));
    }

    private AddNote text(String text) {
      return new AddNote(text, null, null, null, null);
    }
  }

  @Nested
  @DisplayName("EditNote")
  class EditNoteTest {

    @Test
    @DisplayName("lets the author change the text and bumps the note's version")
    void authorEdits() {
      Outcome.Applied outcome = accepted(noted(), ANA, new EditNote(NOTE, 1, " Ship in June "), T0);

      assertThat(outcome.events()).containsExactly(new NoteEdited(NOTE, "Ship in June", 2, null));
      assertThat(outcome.state().notes().get(NOTE).text()).isEqualTo("Ship in June");
      assertThat(outcome.state().notes().get(NOTE).version()).isEqualTo(2);
      assertThat(viewOf(outcome, null)).contains(outcome.events().get(0));
      assertThat(outcome.events().get(0).privileged()).isEmpty();
    }

    @Test
    @DisplayName("lets the facilitator and the server edit anyone's note")
    void facilitatorEdits() {
      RoomState s = after(noted(), FACILITATOR, new EditNote(NOTE, 1, "Ship in June"), T0);
      s = after(s, SYSTEM, new EditNote(NOTE, 2, "Ship in July"), T0);

      assertThat(s.notes().get(NOTE).text()).isEqualTo("Ship in July");
      assertThat(s.notes().get(NOTE).version()).isEqualTo(3);
      assertThat(s.notes().get(NOTE).authorId()).isEqualTo(ANA_ID);
    }

    @Test
    @DisplayName("honours a facilitator role handed off a moment ago")
    void honoursHandOff() {
      RoomState s = after(noted(), FACILITATOR, new HandOff(BEN_ID), T0);

      assertThat(after(s, BEN, new EditNote(NOTE, 1, "Ship in June"), T0).notes().get(NOTE).text())
          .isEqualTo("Ship in June");
      rejected(s, FACILITATOR, new EditNote(NOTE, 1, "Ship in June"), ErrorCode.FORBIDDEN);
    }

    @Test
    @DisplayName("lets the author edit a private note, telling nobody else")
    void editsPrivateNote() {
      Outcome.Applied outcome = accepted(privately(), BEN, new EditNote(NOTE, 1, "Cut scope"), T0);

      assertThat(outcome.events()).containsExactly(new NoteEdited(NOTE, "Cut scope", 2, BEN_ID));
      assertThat(viewOf(outcome, null)).isEmpty();
      assertThat(viewOf(outcome, ANA_ID)).isEmpty();
      assertThat(viewOf(outcome, FACILITATOR_ID)).isEmpty();
      assertThat(viewOf(outcome, BEN_ID)).contains(outcome.events().get(0));
      assertThat(outcome.events().get(0).privileged()).containsExactly(BEN_ID);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = noted();
      return Stream.of(
          refused("an edit before the meeting exists", empty(), ANA, edit(NOTE, 1), ErrorCode.ROOM_NOT_FOUND),
          refused("an edit after the meeting ended", ended(), ANA, edit(NOTE, 1), ErrorCode.MEETING_ENDED),
          refused("another participant editing the note", s, BEN, edit(NOTE, 1), ErrorCode.FORBIDDEN),
          refused("a screen editing the note", s, SCREEN, edit(NOTE, 1), ErrorCode.FORBIDDEN),
          refused("someone not in the room editing the note", s, STRANGER, edit(NOTE, 1), ErrorCode.FORBIDDEN),
          refused("a missing version", s, ANA, edit(NOTE, null), ErrorCode.INVALID_FIELD),
          refused("a missing text", s, ANA, new EditNote(NOTE, 1, null), ErrorCode.INVALID_FIELD),
          refused("a blank text", s, ANA, new EditNote(NOTE, 1, " "), ErrorCode.INVALID_FIELD),
          refused("a text over the limit", s, ANA, new EditNote(NOTE, 1, chars(Limits.NOTE_TEXT_CHARS + 1)),
              ErrorCode.TOO_LARGE),
          refused("an unknown note", s, ANA, edit(UNKNOWN_NOTE, 1), ErrorCode.NOTE_NOT_FOUND),
          refused("a missing note id", s, ANA, edit(null, 1), ErrorCode.NOTE_NOT_FOUND),
          refused("another participant's private note, as if it did not exist", privately(), ANA, edit(NOTE, 1),
              ErrorCode.NOTE_NOT_FOUND),
          refused("the facilitator editing a private note it cannot see", privately(), FACILITATOR, edit(NOTE, 1),
              ErrorCode.NOTE_NOT_FOUND),
          refused("an edit against an older version", after(s, ANA, edit(NOTE, 1), T0), ANA, edit(NOTE, 1),
              ErrorCode.STALE_VERSION),
          refused("an edit against a future version", s, ANA, edit(NOTE, 2), ErrorCode.STALE_VERSION));
    }

    private EditNote edit(String noteId, Integer version) {
      return new EditNote(noteId, version, "Edited");
    }
  }

  @Nested
  @DisplayName("MoveNote")
  class MoveNoteTest {

    @Test
    @DisplayName("lets anyone who sees a note move it, without a version")
    void movesNote() {
      Outcome.Applied outcome = accepted(noted(), BEN, new MoveNote(NOTE, 500, 600, null), T0);

      assertThat(outcome.events()).containsExactly(new NoteMoved(NOTE, 500, 600, null, null));
      Note moved = outcome.state().notes().get(NOTE);
      assertThat(moved.x()).isEqualTo(500);
      assertThat(moved.y()).isEqualTo(600);
      assertThat(moved.version()).isEqualTo(1);
      assertThat(viewOf(outcome, null)).contains(outcome.events().get(0));
    }

    @Test
    @DisplayName("moves a note into another lane, and to the board's edges")
    void movesIntoLane() {
      RoomState s = after(laned(), CLEO, new MoveNote(NOTE, 0, Limits.BOARD_EXTENT, "how"), T0);

      assertThat(s.notes().get(NOTE).lane()).isEqualTo("how");
      assertThat(s.notes().get(NOTE).y()).isEqualTo(Limits.BOARD_EXTENT);
    }

    @Test
    @DisplayName("keeps the last of several moves")
    void lastMoveWins() {
      RoomState s = after(noted(), BEN, new MoveNote(NOTE, 1, 2, null), T0);
      s = after(s, CLEO, new MoveNote(NOTE, 3, 4, null), T0);

      assertThat(s.notes().get(NOTE).x()).isEqualTo(3);
      assertThat(s.notes().get(NOTE).y()).isEqualTo(4);
    }

    @Test
    @DisplayName("tells only the author about moving a private note")
    void movesPrivateNote() {
      Outcome.Applied outcome = accepted(privately(), BEN, new MoveNote(NOTE, 7, 8, null), T0);

      assertThat(outcome.events()).containsExactly(new NoteMoved(NOTE, 7, 8, null, BEN_ID));
      assertThat(viewOf(outcome, null)).isEmpty();
      assertThat(viewOf(outcome, ANA_ID)).isEmpty();
      assertThat(viewOf(outcome, BEN_ID)).isPresent();
      assertThat(outcome.events().get(0).privileged()).containsExactly(BEN_ID);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = noted();
      return Stream.of(
          refused("a move before the meeting exists", empty(), ANA, move(NOTE), ErrorCode.ROOM_NOT_FOUND),
          refused("a move after the meeting ended", ended(), ANA, move(NOTE), ErrorCode.MEETING_ENDED),
          refused("a move by a screen", s, SCREEN, move(NOTE), ErrorCode.FORBIDDEN),
          refused("a move by someone not in the room", s, STRANGER, move(NOTE), ErrorCode.FORBIDDEN),
          refused("a move by the server", s, SYSTEM, move(NOTE), ErrorCode.FORBIDDEN),
          refused("a missing x", s, ANA, new MoveNote(NOTE, null, 1, null), ErrorCode.INVALID_FIELD),
          refused("a missing y", s, ANA, new MoveNote(NOTE, 1, null, null), ErrorCode.INVALID_FIELD),
          refused("a negative x", s, ANA, new MoveNote(NOTE, -1, 1, null), ErrorCode.INVALID_FIELD),
          refused("a y past the board", s, ANA, new MoveNote(NOTE, 1, Limits.BOARD_EXTENT + 1, null),
              ErrorCode.INVALID_FIELD),
          refused("a lane on the free board", s, ANA, new MoveNote(NOTE, 1, 1, "why"), ErrorCode.INVALID_FIELD),
          refused("a lane the template does not have", laned(), ANA, new MoveNote(NOTE, 1, 1, "risk"),
              ErrorCode.INVALID_FIELD),
          refused("an unknown note", s, ANA, move(UNKNOWN_NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("a missing note id", s, ANA, move(null), ErrorCode.NOTE_NOT_FOUND),
          refused("another participant's private note, as if it did not exist", privately(), ANA, move(NOTE),
              ErrorCode.NOTE_NOT_FOUND));
    }

    private MoveNote move(String noteId) {
      return new MoveNote(noteId, 1, 1, null);
    }
  }

  @Nested
  @DisplayName("RecolourNote")
  class RecolourNoteTest {

    @Test
    @DisplayName("lets the author change the colour, leaving the version alone")
    void recolours() {
      Outcome.Applied outcome = accepted(noted(), ANA, new RecolourNote(NOTE, NoteColour.PURPLE), T0);

      assertThat(outcome.events()).containsExactly(new NoteRecoloured(NOTE, NoteColour.PURPLE, null));
      assertThat(outcome.state().notes().get(NOTE).colour()).isEqualTo(NoteColour.PURPLE);
      assertThat(outcome.state().notes().get(NOTE).version()).isEqualTo(1);
    }

    @Test
    @DisplayName("lets the facilitator and the server recolour anyone's note")
    void facilitatorRecolours() {
      RoomState s = after(noted(), FACILITATOR, new RecolourNote(NOTE, NoteColour.GREEN), T0);
      assertThat(s.notes().get(NOTE).colour()).isEqualTo(NoteColour.GREEN);
      s = after(s, SYSTEM, new RecolourNote(NOTE, NoteColour.ORANGE), T0);
      assertThat(s.notes().get(NOTE).colour()).isEqualTo(NoteColour.ORANGE);
    }

    @Test
    @DisplayName("tells only the author about recolouring a private note")
    void recoloursPrivateNote() {
      Outcome.Applied outcome = accepted(privately(), BEN, new RecolourNote(NOTE, NoteColour.BLUE), T0);

      assertThat(outcome.events()).containsExactly(new NoteRecoloured(NOTE, NoteColour.BLUE, BEN_ID));
      assertThat(viewOf(outcome, null)).isEmpty();
      assertThat(viewOf(outcome, ANA_ID)).isEmpty();
      assertThat(viewOf(outcome, BEN_ID)).isPresent();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = noted();
      return Stream.of(
          refused("a recolour before the meeting exists", empty(), ANA, paint(NOTE), ErrorCode.ROOM_NOT_FOUND),
          refused("a recolour after the meeting ended", ended(), ANA, paint(NOTE), ErrorCode.MEETING_ENDED),
          refused("another participant recolouring the note", s, BEN, paint(NOTE), ErrorCode.FORBIDDEN),
          refused("a screen recolouring the note", s, SCREEN, paint(NOTE), ErrorCode.FORBIDDEN),
          refused("someone not in the room recolouring the note", s, STRANGER, paint(NOTE), ErrorCode.FORBIDDEN),
          refused("a missing colour", s, ANA, new RecolourNote(NOTE, null), ErrorCode.INVALID_FIELD),
          refused("an unknown note", s, ANA, paint(UNKNOWN_NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("another participant's private note, as if it did not exist", privately(), ANA, paint(NOTE),
              ErrorCode.NOTE_NOT_FOUND));
    }

    private RecolourNote paint(String noteId) {
      return new RecolourNote(noteId, NoteColour.PINK);
    }
  }

  @Nested
  @DisplayName("DeleteNote")
  class DeleteNoteTest {

    @Test
    @DisplayName("lets the author take a note off the board")
    void deletes() {
      Outcome.Applied outcome = accepted(twoNotes(), ANA, new DeleteNote(NOTE), T0);

      assertThat(outcome.events()).containsExactly(new NoteDeleted(NOTE, null));
      assertThat(outcome.state().notes().keySet()).containsExactly(OTHER_NOTE);
      assertThat(viewOf(outcome, null)).contains(outcome.events().get(0));
    }

    @Test
    @DisplayName("lets the facilitator and the server delete anyone's note")
    void facilitatorDeletes() {
      assertThat(after(twoNotes(), FACILITATOR, new DeleteNote(NOTE), T0).notes()).doesNotContainKey(NOTE);
      assertThat(after(twoNotes(), SYSTEM, new DeleteNote(OTHER_NOTE), T0).notes()).doesNotContainKey(OTHER_NOTE);
    }

    @Test
    @DisplayName("gives back the dots that were on the deleted note")
    void freesDots() {
      RoomState s = after(dotting(1), CLEO, new AddDot(NOTE), T0);
      rejected(s, CLEO, new AddDot(OTHER_NOTE), ErrorCode.LIMIT_REACHED);

      s = after(s, ANA, new DeleteNote(NOTE), T0);

      assertThat(after(s, CLEO, new AddDot(OTHER_NOTE), T0).notes().get(OTHER_NOTE).totalDots()).isEqualTo(1);
    }

    @Test
    @DisplayName("tells only the author about deleting a private note")
    void deletesPrivateNote() {
      Outcome.Applied outcome = accepted(privately(), BEN, new DeleteNote(NOTE), T0);

      assertThat(outcome.events()).containsExactly(new NoteDeleted(NOTE, BEN_ID));
      assertThat(outcome.state().notes()).isEmpty();
      assertThat(viewOf(outcome, null)).isEmpty();
      assertThat(viewOf(outcome, ANA_ID)).isEmpty();
      assertThat(viewOf(outcome, BEN_ID)).isPresent();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = noted();
      return Stream.of(
          refused("a delete before the meeting exists", empty(), ANA, new DeleteNote(NOTE), ErrorCode.ROOM_NOT_FOUND),
          refused("a delete after the meeting ended", ended(), ANA, new DeleteNote(NOTE), ErrorCode.MEETING_ENDED),
          refused("another participant deleting the note", s, BEN, new DeleteNote(NOTE), ErrorCode.FORBIDDEN),
          refused("a screen deleting the note", s, SCREEN, new DeleteNote(NOTE), ErrorCode.FORBIDDEN),
          refused("someone not in the room deleting the note", s, STRANGER, new DeleteNote(NOTE), ErrorCode.FORBIDDEN),
          refused("an unknown note", s, ANA, new DeleteNote(UNKNOWN_NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("a missing note id", s, ANA, new DeleteNote(null), ErrorCode.NOTE_NOT_FOUND),
          refused("another participant's private note, as if it did not exist", privately(), ANA,
              new DeleteNote(NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("the facilitator deleting a private note it cannot see", privately(), FACILITATOR,
              new DeleteNote(NOTE), ErrorCode.NOTE_NOT_FOUND));
    }
  }

  @Nested
  @DisplayName("GroupNotes")
  class GroupNotesTest {

    /** n9 and n10 grouped into cluster g11, "Timing". */
    private RoomState grouped() {
      return after(twoNotes(), ANA, new GroupNotes(List.of(NOTE, OTHER_NOTE), "Timing", null), T0);
    }

    @Test
    @DisplayName("creates a named cluster with the next serial id and puts the notes in it")
    void createsCluster() {
      Outcome.Applied outcome = accepted(twoNotes(), ANA,
          new GroupNotes(List.of(NOTE, OTHER_NOTE), " Timing ", null), T0);

      NoteCluster cluster = new NoteCluster("g11", "Timing");
      assertThat(outcome.events()).containsExactly(new NotesGrouped(cluster, List.of(NOTE, OTHER_NOTE), 11));
      assertThat(outcome.result()).isEqualTo(Map.of("clusterId", "g11"));
      assertThat(outcome.state().clusters()).containsExactly(Map.entry("g11", cluster));
      assertThat(outcome.state().notes().values()).extracting(Note::clusterId).containsOnly("g11");
      assertThat(outcome.state().serial()).isEqualTo(11);
    }

    @Test
    @DisplayName("adds notes to an existing cluster, keeping its name and the serial")
    void extendsCluster() {
      RoomState s = after(twoNotes(), ANA, new GroupNotes(List.of(NOTE), "Timing", null), T0);
      s = after(s, CLEO, new AddNote("Q4 is too late", null, null, null, null), T0);

      Outcome.Applied outcome = accepted(s, BEN, new GroupNotes(List.of(OTHER_NOTE, "n12"), null, "g11"), T0);

      assertThat(outcome.events()).containsExactly(
          new NotesGrouped(new NoteCluster("g11", "Timing"), List.of(OTHER_NOTE, "n12"), 12));
      assertThat(outcome.result()).isEqualTo(Map.of("clusterId", "g11"));
      assertThat(outcome.state().notes().values()).extracting(Note::clusterId).containsOnly("g11");
      assertThat(outcome.state().serial()).isEqualTo(12);
    }

    @Test
    @DisplayName("renames an existing cluster when given both its id and a name")
    void renamesCluster() {
      RoomState s = after(grouped(), BEN, new GroupNotes(List.of(NOTE), "When to ship", "g11"), T0);

      assertThat(s.clusters()).containsExactly(Map.entry("g11", new NoteCluster("g11", "When to ship")));
    }

    @Test
    @DisplayName("keeps an existing cluster's name when the name given is blank")
    void keepsNameWhenBlank() {
      Outcome.Applied outcome = accepted(grouped(), BEN, new GroupNotes(List.of(NOTE), "  ", "g11"), T0);

      assertThat(outcome.events()).containsExactly(new NotesGrouped(new NoteCluster("g11", "Timing"), List.of(NOTE), 11));
      assertThat(outcome.state().clusters()).containsExactly(Map.entry("g11", new NoteCluster("g11", "Timing")));
    }

    @Test
    @DisplayName("moves a note out of the cluster it was in")
    void movesBetweenClusters() {
      Outcome.Applied outcome = accepted(grouped(), CLEO, new GroupNotes(List.of(NOTE), "Dates", null), T0);

      assertThat(outcome.state().clusters().keySet()).containsExactly("g11", "g12");
      assertThat(outcome.state().notes().get(NOTE).clusterId()).isEqualTo("g12");
      assertThat(outcome.state().notes().get(OTHER_NOTE).clusterId()).isEqualTo("g11");
    }

    @Test
    @DisplayName("accepts a name at its limit, and lets the facilitator group")
    void acceptsLimit() {
      RoomState s = after(twoNotes(), FACILITATOR,
          new GroupNotes(List.of(NOTE), chars(Limits.CLUSTER_NAME_CHARS), null), T0);

      assertThat(s.clusters().get("g11").name()).hasSize(Limits.CLUSTER_NAME_CHARS);
    }

    @Test
    @DisplayName("refuses a new cluster past the board's limit, but still extends existing ones")
    void refusesTooManyClusters() {
      RoomState s = noted();
      for (int i = 0; i < Limits.MAX_CLUSTERS; i++) {
        s = after(s, ANA, new GroupNotes(List.of(NOTE), "Cluster " + i, null), T0);
      }
      assertThat(s.clusters()).hasSize(Limits.MAX_CLUSTERS);

      rejected(s, ANA, new GroupNotes(List.of(NOTE), "One too many", null), ErrorCode.LIMIT_REACHED);
      String existing = s.clusters().keySet().iterator().next();
      assertThat(after(s, ANA, new GroupNotes(List.of(NOTE), null, existing), T0).notes().get(NOTE).clusterId())
          .isEqualTo(existing);
    }

    @Test
    @DisplayName("groups once-private notes after they are revealed")
    void groupsRevealedNotes() {
      RoomState s = after(privately(), FACILITATOR, new RevealNotes(), T0);

      assertThat(after(s, ANA, new GroupNotes(List.of(NOTE), "Scope", null), T0).notes().get(NOTE).clusterId())
          .isEqualTo("g10");
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = twoNotes();
      RoomState phase = after(noted(), FACILITATOR, new StartWritingPhase(), T0);
      RoomState mixed = after(phase, BEN, new AddNote(SECRET, null, null, null, null), T0);
      return Stream.of(
          refused("grouping before the meeting exists", empty(), ANA, group(NOTE), ErrorCode.ROOM_NOT_FOUND),
          refused("grouping after the meeting ended", ended(), ANA, group(NOTE), ErrorCode.MEETING_ENDED),
          refused("grouping by a screen", s, SCREEN, group(NOTE), ErrorCode.FORBIDDEN),
          refused("grouping by someone not in the room", s, STRANGER, group(NOTE), ErrorCode.FORBIDDEN),
          refused("grouping by the server", s, SYSTEM, group(NOTE), ErrorCode.FORBIDDEN),
          refused("missing note ids", s, ANA, new GroupNotes(null, "Name", null), ErrorCode.INVALID_FIELD),
          refused("no note ids", s, ANA, new GroupNotes(List.of(), "Name", null), ErrorCode.INVALID_FIELD),
          refused("a note named twice", s, ANA, new GroupNotes(List.of(NOTE, NOTE), "Name", null),
              ErrorCode.INVALID_FIELD),
          refused("neither a name nor a cluster", s, ANA, new GroupNotes(List.of(NOTE), null, null),
              ErrorCode.INVALID_FIELD),
          refused("a blank name for a new cluster", s, ANA, new GroupNotes(List.of(NOTE), "   ", null),
              ErrorCode.INVALID_FIELD),
          refused("a name over the limit", s, ANA,
              new GroupNotes(List.of(NOTE), chars(Limits.CLUSTER_NAME_CHARS + 1), null), ErrorCode.TOO_LARGE),
          refused("an unknown cluster", s, ANA, new GroupNotes(List.of(NOTE), null, UNKNOWN_CLUSTER),
              ErrorCode.CLUSTER_NOT_FOUND),
          refused("an unknown note", s, ANA, group(NOTE, UNKNOWN_NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("a missing note id in the list", s, ANA, new GroupNotes(Arrays.asList(NOTE, null), "Name", null),
              ErrorCode.NOTE_NOT_FOUND),
          refused("another participant's private note, as if it did not exist", mixed, ANA, group(NOTE, OTHER_NOTE),
              ErrorCode.NOTE_NOT_FOUND),
          refused("the author's own note while it is still private", mixed, BEN, group(NOTE, OTHER_NOTE),
              ErrorCode.INVALID_STATE));
    }

    private GroupNotes group(String... noteIds) {
      return new GroupNotes(List.of(noteIds), "Name", null);
    }
  }

  @Nested
  @DisplayName("Ungroup")
  class UngroupTest {

    @Test
    @DisplayName("dissolves a cluster and leaves its notes where they are, ungrouped")
    void ungroups() {
      RoomState s = after(twoNotes(), ANA, new GroupNotes(List.of(NOTE, OTHER_NOTE), "Timing", null), T0);

      Outcome.Applied outcome = accepted(s, BEN, new Ungroup("g11"), T0);

      assertThat(outcome.events()).containsExactly(new ClusterRemoved("g11"));
      assertThat(outcome.state().clusters()).isEmpty();
      assertThat(outcome.state().notes().keySet()).containsExactly(NOTE, OTHER_NOTE);
      assertThat(outcome.state().notes().values()).extracting(Note::clusterId).containsOnlyNulls();
      assertThat(outcome.state().notes().get(NOTE).x()).isEqualTo(10);
    }

    @Test
    @DisplayName("leaves notes of other clusters alone")
    void leavesOtherClusters() {
      RoomState s = after(twoNotes(), ANA, new GroupNotes(List.of(NOTE), "A", null), T0);
      s = after(s, ANA, new GroupNotes(List.of(OTHER_NOTE), "B", null), T0);

      s = after(s, FACILITATOR, new Ungroup("g11"), T0);

      assertThat(s.clusters().keySet()).containsExactly("g12");
      assertThat(s.notes().get(OTHER_NOTE).clusterId()).isEqualTo("g12");
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = after(noted(), ANA, new GroupNotes(List.of(NOTE), "Timing", null), T0);
      return Stream.of(
          refused("ungrouping before the meeting exists", empty(), ANA, new Ungroup("g10"), ErrorCode.ROOM_NOT_FOUND),
          refused("ungrouping after the meeting ended", ended(), ANA, new Ungroup("g10"), ErrorCode.MEETING_ENDED),
          refused("ungrouping by a screen", s, SCREEN, new Ungroup("g10"), ErrorCode.FORBIDDEN),
          refused("ungrouping by someone not in the room", s, STRANGER, new Ungroup("g10"), ErrorCode.FORBIDDEN),
          refused("ungrouping by the server", s, SYSTEM, new Ungroup("g10"), ErrorCode.FORBIDDEN),
          refused("an unknown cluster", s, ANA, new Ungroup(UNKNOWN_CLUSTER), ErrorCode.CLUSTER_NOT_FOUND),
          refused("a missing cluster id", s, ANA, new Ungroup(null), ErrorCode.CLUSTER_NOT_FOUND));
    }
  }

  @Nested
  @DisplayName("SetBoard")
  class SetBoardTest {

    @Test
    @DisplayName("sets the template, anonymity and dot limit")
    void setsBoard() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR,
          new SetBoard(BoardTemplate.PROBLEM_CAUSE_SOLUTION_RISK, true, 5), T0);

      assertThat(outcome.events())
          .containsExactly(new BoardChanged(BoardTemplate.PROBLEM_CAUSE_SOLUTION_RISK, true, 5));
      assertThat(outcome.state().board())
          .isEqualTo(new Board(BoardTemplate.PROBLEM_CAUSE_SOLUTION_RISK, false, true, 5));
    }

    @Test
    @DisplayName("keeps the values of fields left out, and the writing phase")
    void keepsOmittedFields() {
      RoomState s = after(room(), FACILITATOR, new SetBoard(BoardTemplate.FIVE_W_ONE_H, true, 3), T0);
      s = after(s, FACILITATOR, new StartWritingPhase(), T0);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new SetBoard(null, null, null), T0);

      assertThat(outcome.events()).containsExactly(new BoardChanged(BoardTemplate.FIVE_W_ONE_H, true, 3));
      assertThat(outcome.state().board()).isEqualTo(new Board(BoardTemplate.FIVE_W_ONE_H, true, true, 3));
      assertThat(after(s, FACILITATOR, new SetBoard(null, false, 0), T0).board())
          .isEqualTo(new Board(BoardTemplate.FIVE_W_ONE_H, true, false, 0));
    }

    @Test
    @DisplayName("lets the server set the board and accepts the dot limit's bounds")
    void serverSetsBoard() {
      assertThat(after(room(), SYSTEM, new SetBoard(null, null, Limits.MAX_DOT_LIMIT), T0).board().dotLimit())
          .isEqualTo(Limits.MAX_DOT_LIMIT);
      assertThat(after(room(), SYSTEM, new SetBoard(null, null, 0), T0).board().dotLimit()).isZero();
    }

    @Test
    @DisplayName("changes the template when every note fits a lane of the new one")
    void changesTemplateWhenNotesFit() {
      RoomState s = after(laned(), ANA, new MoveNote(NOTE, 1, 1, null), T0);
      s = after(s, BEN, new AddNote("No lane", null, null, null, null), T0);

      assertThat(after(s, FACILITATOR, new SetBoard(BoardTemplate.FREE, null, null), T0).board().template())
          .isEqualTo(BoardTemplate.FREE);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      SetBoard command = new SetBoard(BoardTemplate.FIVE_W_ONE_H, true, 3);
      return Stream.of(
          refused("a change before the meeting exists", empty(), SYSTEM, command, ErrorCode.ROOM_NOT_FOUND),
          refused("a change after the meeting ended", ended(), FACILITATOR, command, ErrorCode.MEETING_ENDED),
          refused("a participant changing the board", s, ANA, command, ErrorCode.FORBIDDEN),
          refused("a template change during a writing phase, which would reveal where private notes sit",
              writing(), FACILITATOR, new SetBoard(BoardTemplate.FIVE_W_ONE_H, null, null), ErrorCode.INVALID_STATE),
          refused("a screen changing the board", s, SCREEN, command, ErrorCode.FORBIDDEN),
          refused("someone not in the room changing the board", s, STRANGER, command, ErrorCode.FORBIDDEN),
          refused("a negative dot limit", s, FACILITATOR, new SetBoard(null, null, -1), ErrorCode.INVALID_FIELD),
          refused("a dot limit over the maximum", s, FACILITATOR, new SetBoard(null, null, Limits.MAX_DOT_LIMIT + 1),
              ErrorCode.INVALID_FIELD),
          refused("a template without the lane a note sits in", laned(), FACILITATOR,
              new SetBoard(BoardTemplate.PROBLEM_CAUSE_SOLUTION_RISK, null, null), ErrorCode.INVALID_STATE),
          refused("the free board while a note sits in a lane", laned(), FACILITATOR,
              new SetBoard(BoardTemplate.FREE, null, null), ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("StartWritingPhase")
  class StartWritingPhaseTest {

    @Test
    @DisplayName("starts a private writing phase")
    void startsPhase() {
      Outcome.Applied outcome = accepted(noted(), FACILITATOR, new StartWritingPhase(), T0 + 5);

      assertThat(outcome.events()).containsExactly(new WritingPhaseStarted(T0 + 5));
      assertThat(outcome.state().board().writingPhase()).isTrue();
      assertThat(outcome.state().notes().get(NOTE).hidden()).as("notes written before stay public").isFalse();
    }

    @Test
    @DisplayName("makes notes added from then on private to their author")
    void hidesNewNotes() {
      Outcome.Applied outcome = accepted(writing(), BEN, new AddNote(SECRET, NoteColour.PINK, 5, 5, null), T0);

      Note note = outcome.state().notes().get(NOTE);
      assertThat(note.hidden()).isTrue();
      assertThat(note.authorId()).isEqualTo(BEN_ID);
      Event added = outcome.events().get(0);
      assertThat(added.viewFor(null)).isEmpty();
      assertThat(added.viewFor(ANA_ID)).isEmpty();
      assertThat(added.viewFor(FACILITATOR_ID)).isEmpty();
      assertThat(added.viewFor(SCREEN_ID)).isEmpty();
      assertThat(added.viewFor(BEN_ID)).contains(new NoteAdded(note, 9));
      assertThat(added.privileged()).containsExactly(BEN_ID);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      StartWritingPhase command = new StartWritingPhase();
      return Stream.of(
          refused("a phase before the meeting exists", empty(), SYSTEM, command, ErrorCode.ROOM_NOT_FOUND),
          refused("a phase after the meeting ended", ended(), FACILITATOR, command, ErrorCode.MEETING_ENDED),
          refused("a participant starting a phase", room(), ANA, command, ErrorCode.FORBIDDEN),
          refused("a screen starting a phase", room(), SCREEN, command, ErrorCode.FORBIDDEN),
          refused("someone not in the room starting a phase", room(), STRANGER, command, ErrorCode.FORBIDDEN),
          refused("a second phase while one runs", writing(), FACILITATOR, command, ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("RevealNotes")
  class RevealNotesTest {

    @Test
    @DisplayName("ends the writing phase and shows every private note to everyone")
    void reveals() {
      RoomState s = after(privately(), ANA, new AddNote("Ana's secret", null, null, null, null), T0);
      Note bens = s.notes().get(NOTE);
      Note anas = s.notes().get(OTHER_NOTE);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new RevealNotes(), T0 + 9);

      assertThat(outcome.events()).containsExactly(new NotesRevealed(List.of(bens, anas), T0 + 9));
      assertThat(outcome.state().board().writingPhase()).isFalse();
      assertThat(outcome.state().notes().values()).noneMatch(Note::hidden);
      assertThat(outcome.state().notes().get(NOTE)).isEqualTo(bens.revealed());
      NotesRevealed shown = new NotesRevealed(List.of(bens.revealed(), anas.revealed()), T0 + 9);
      for (String viewer : Arrays.asList(null, ANA_ID, BEN_ID, CLEO_ID, SCREEN_ID)) {
        assertThat(outcome.events().get(0).viewFor(viewer)).as("view of %s", viewer).contains(shown);
      }
      assertThat(Views.forViewer(outcome.state(), CLEO_ID).notes().get(NOTE).text()).isEqualTo(SECRET);
    }

    @Test
    @DisplayName("leaves notes written before the phase out of the event")
    void carriesOnlyPrivateNotes() {
      RoomState s = after(noted(), FACILITATOR, new StartWritingPhase(), T0);

      Outcome.Applied outcome = accepted(s, SYSTEM, new RevealNotes(), T0);

      assertThat(outcome.events()).containsExactly(new NotesRevealed(List.of(), T0));
      assertThat(outcome.state().notes()).containsExactly(Map.entry(NOTE, anasNote()));
    }

    @Test
    @DisplayName("lets notes written after the reveal be public again")
    void laterNotesArePublic() {
      RoomState s = after(privately(), FACILITATOR, new RevealNotes(), T0);

      assertThat(after(s, ANA, new AddNote("After", null, null, null, null), T0).notes().get(OTHER_NOTE).hidden())
          .isFalse();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RevealNotes command = new RevealNotes();
      return Stream.of(
          refused("a reveal before the meeting exists", empty(), SYSTEM, command, ErrorCode.ROOM_NOT_FOUND),
          refused("a reveal after the meeting ended", after(privately(), FACILITATOR,
              new EndMeeting(), T0), FACILITATOR, command,
              ErrorCode.MEETING_ENDED),
          refused("a participant revealing", privately(), BEN, command, ErrorCode.FORBIDDEN),
          refused("a screen revealing", privately(), SCREEN, command, ErrorCode.FORBIDDEN),
          refused("someone not in the room revealing", privately(), STRANGER, command, ErrorCode.FORBIDDEN),
          refused("a reveal without a writing phase", noted(), FACILITATOR, command, ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("AddDot")
  class AddDotTest {

    @Test
    @DisplayName("places a dot and tells only the voter it was theirs")
    void addsDot() {
      Outcome.Applied outcome = accepted(dotting(3), CLEO, new AddDot(NOTE), T0);

      DotsChanged event = new DotsChanged(NOTE, CLEO_ID, 1, 1);
      assertThat(outcome.events()).containsExactly(event);
      Note note = outcome.state().notes().get(NOTE);
      assertThat(note.dots()).isEqualTo(Map.of(CLEO_ID, 1));
      assertThat(note.totalDots()).isEqualTo(1);
      assertThat(event.privileged()).containsExactly(CLEO_ID);
      assertThat(event.viewFor(CLEO_ID)).contains(event);
      DotsChanged anonymous = new DotsChanged(NOTE, null, null, 1);
      assertThat(event.viewFor(null)).contains(anonymous);
      assertThat(event.viewFor(ANA_ID)).contains(anonymous);
      assertThat(json(event.viewFor(null).orElseThrow())).doesNotContain(CLEO_ID);
    }

    @Test
    @DisplayName("counts several dots of one voter on one note, and sums all voters")
    void countsDots() {
      RoomState s = after(dotting(3), CLEO, new AddDot(NOTE), T0);
      s = after(s, CLEO, new AddDot(NOTE), T0);

      Outcome.Applied outcome = accepted(s, BEN, new AddDot(NOTE), T0);

      assertThat(outcome.events()).containsExactly(new DotsChanged(NOTE, BEN_ID, 1, 3));
      assertThat(outcome.state().notes().get(NOTE).dots()).isEqualTo(Map.of(CLEO_ID, 2, BEN_ID, 1));
      assertThat(outcome.state().notes().get(NOTE).totalDots()).isEqualTo(3);
    }

    @Test
    @DisplayName("limits each participant's dots across all notes, not per note")
    void limitsAcrossNotes() {
      RoomState s = after(dotting(2), CLEO, new AddDot(NOTE), T0);
      s = after(s, CLEO, new AddDot(OTHER_NOTE), T0);

      rejected(s, CLEO, new AddDot(NOTE), ErrorCode.LIMIT_REACHED);
      rejected(s, CLEO, new AddDot(OTHER_NOTE), ErrorCode.LIMIT_REACHED);
      assertThat(after(s, ANA, new AddDot(NOTE), T0).notes().get(NOTE).totalDots()).isEqualTo(2);
      assertThat(after(s, FACILITATOR, new AddDot(NOTE), T0).notes().get(NOTE).totalDots()).isEqualTo(2);
    }

    @Test
    @DisplayName("honours a raised limit at once, and a lowered one for dots still to come")
    void followsLimitChanges() {
      RoomState s = after(dotting(1), CLEO, new AddDot(NOTE), T0);
      rejected(s, CLEO, new AddDot(NOTE), ErrorCode.LIMIT_REACHED);

      RoomState raised = after(s, FACILITATOR, new SetBoard(null, null, 2), T0);
      assertThat(after(raised, CLEO, new AddDot(NOTE), T0).notes().get(NOTE).dots()).isEqualTo(Map.of(CLEO_ID, 2));

      RoomState off = after(s, FACILITATOR, new SetBoard(null, null, 0), T0);
      assertThat(off.notes().get(NOTE).totalDots()).as("dots placed stay").isEqualTo(1);
      rejected(off, ANA, new AddDot(NOTE), ErrorCode.INVALID_STATE);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = dotting(1);
      RoomState full = after(s, CLEO, new AddDot(NOTE), T0);
      RoomState mixed = after(privately(), FACILITATOR, new SetBoard(null, null, 3), T0);
      return Stream.of(
          refused("a dot before the meeting exists", empty(), ANA, new AddDot(NOTE), ErrorCode.ROOM_NOT_FOUND),
          refused("a dot after the meeting ended", ended(), ANA, new AddDot(NOTE), ErrorCode.MEETING_ENDED),
          refused("a dot from a screen", s, SCREEN, new AddDot(NOTE), ErrorCode.FORBIDDEN),
          refused("a dot from someone not in the room", s, STRANGER, new AddDot(NOTE), ErrorCode.FORBIDDEN),
          refused("a dot from the server", s, SYSTEM, new AddDot(NOTE), ErrorCode.FORBIDDEN),
          refused("a dot while dot voting is off", twoNotes(), ANA, new AddDot(NOTE), ErrorCode.INVALID_STATE),
          refused("a dot on an unknown note", s, ANA, new AddDot(UNKNOWN_NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("a dot without a note id", s, ANA, new AddDot(null), ErrorCode.NOTE_NOT_FOUND),
          refused("a dot on another participant's private note, as if it did not exist", mixed, ANA,
              new AddDot(NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("a dot on the author's own private note", mixed, BEN, new AddDot(NOTE), ErrorCode.INVALID_STATE),
          refused("a dot past the limit", full, CLEO, new AddDot(OTHER_NOTE), ErrorCode.LIMIT_REACHED));
    }
  }

  @Nested
  @DisplayName("RemoveDot")
  class RemoveDotTest {

    @Test
    @DisplayName("takes back one of the sender's dots")
    void removesDot() {
      RoomState s = after(dotting(3), CLEO, new AddDot(NOTE), T0);
      s = after(s, CLEO, new AddDot(NOTE), T0);
      s = after(s, BEN, new AddDot(NOTE), T0);

      Outcome.Applied outcome = accepted(s, CLEO, new RemoveDot(NOTE), T0);

      DotsChanged event = new DotsChanged(NOTE, CLEO_ID, 1, 2);
      assertThat(outcome.events()).containsExactly(event);
      assertThat(outcome.state().notes().get(NOTE).dots()).isEqualTo(Map.of(CLEO_ID, 1, BEN_ID, 1));
      assertThat(outcome.state().notes().get(NOTE).totalDots()).isEqualTo(2);
      assertThat(event.viewFor(null)).contains(new DotsChanged(NOTE, null, null, 2));
      assertThat(event.viewFor(BEN_ID)).contains(new DotsChanged(NOTE, null, null, 2));
      assertThat(event.viewFor(CLEO_ID)).contains(event);
    }

    @Test
    @DisplayName("forgets a voter whose last dot on the note is taken back, and frees the dot")
    void removesLastDot() {
      RoomState s = after(dotting(1), CLEO, new AddDot(NOTE), T0);

      Outcome.Applied outcome = accepted(s, CLEO, new RemoveDot(NOTE), T0);

      assertThat(outcome.events()).containsExactly(new DotsChanged(NOTE, CLEO_ID, 0, 0));
      assertThat(outcome.state().notes().get(NOTE).dots()).isEmpty();
      assertThat(outcome.state().notes().get(NOTE).totalDots()).isZero();
      assertThat(after(outcome.state(), CLEO, new AddDot(OTHER_NOTE), T0).notes().get(OTHER_NOTE).totalDots())
          .isEqualTo(1);
    }

    @Test
    @DisplayName("still takes dots back after dot voting was turned off")
    void removesWhenOff() {
      RoomState s = after(dotting(1), CLEO, new AddDot(NOTE), T0);
      s = after(s, FACILITATOR, new SetBoard(null, null, 0), T0);

      assertThat(after(s, CLEO, new RemoveDot(NOTE), T0).notes().get(NOTE).totalDots()).isZero();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = after(dotting(2), CLEO, new AddDot(NOTE), T0);
      return Stream.of(
          refused("a removal before the meeting exists", empty(), CLEO, new RemoveDot(NOTE), ErrorCode.ROOM_NOT_FOUND),
          refused("a removal after the meeting ended", ended(), CLEO, new RemoveDot(NOTE), ErrorCode.MEETING_ENDED),
          refused("a removal by a screen", s, SCREEN, new RemoveDot(NOTE), ErrorCode.FORBIDDEN),
          refused("a removal by someone not in the room", s, STRANGER, new RemoveDot(NOTE), ErrorCode.FORBIDDEN),
          refused("a removal by the server", s, SYSTEM, new RemoveDot(NOTE), ErrorCode.FORBIDDEN),
          refused("a removal from an unknown note", s, CLEO, new RemoveDot(UNKNOWN_NOTE), ErrorCode.NOTE_NOT_FOUND),
          refused("a removal from another participant's private note", privately(), ANA, new RemoveDot(NOTE),
              ErrorCode.NOTE_NOT_FOUND),
          refused("a removal of someone else's dot", s, BEN, new RemoveDot(NOTE), ErrorCode.INVALID_STATE),
          refused("a removal from a note without the sender's dot", s, CLEO, new RemoveDot(OTHER_NOTE),
              ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("An anonymous board")
  class AnonymousBoardTest {

    private RoomState anonymous() {
      return after(room(), FACILITATOR, new SetBoard(null, true, 3), T0);
    }

    @Test
    @DisplayName("records new notes as anonymous, so no view of their event names the author, not even the author's")
    void hidesAuthorInEvent() {
      Outcome.Applied outcome = accepted(anonymous(), ANA, new AddNote("Too many meetings", null, 1, 2, null), T0);

      Note stored = outcome.state().notes().get(NOTE);
      assertThat(stored.anonymous()).isTrue();
      assertThat(stored.authorId()).as("the room keeps the author for edit rights").isEqualTo(ANA_ID);
      Event added = outcome.events().get(0);
      assertThat(added.privileged()).isEmpty();
      for (String viewer : Arrays.asList(null, ANA_ID, BEN_ID, FACILITATOR_ID, SCREEN_ID)) {
        Event view = added.viewFor(viewer).orElseThrow();
        assertThat(((NoteAdded) view).note().authorId()).as("author seen by %s", viewer).isNull();
        assertThat(json(view)).as("event sent to %s", viewer).doesNotContain(ANA_ID).contains("Too many meetings");
      }
    }

    @Test
    @DisplayName("names nobody in the events that later change an anonymous note")
    void laterEventsNameNobody() {
      RoomState s = after(anonymous(), ANA, new AddNote("Too many meetings", null, 1, 2, null), T0);
      List<Outcome.Applied> changes = List.of(
          accepted(s, ANA, new EditNote(NOTE, 1, "Fewer meetings"), T0),
          accepted(s, BEN, new MoveNote(NOTE, 3, 4, null), T0),
          accepted(s, ANA, new RecolourNote(NOTE, NoteColour.GREEN), T0),
          accepted(s, BEN, new AddDot(NOTE), T0),
          accepted(s, ANA, new DeleteNote(NOTE), T0));

      for (Outcome.Applied change : changes) {
        for (String viewer : Arrays.asList(null, BEN_ID, CLEO_ID)) {
          assertThat(json(change.events().get(0).viewFor(viewer).orElseThrow())).as("%s seen by %s",
              change.events().get(0), viewer).doesNotContain(ANA_ID);
        }
      }
    }

    @Test
    @DisplayName("leaves notes written before anonymity with their author")
    void keepsEarlierAuthors() {
      RoomState s = after(noted(), FACILITATOR, new SetBoard(null, true, null), T0);
      s = after(s, BEN, new AddNote("Later", null, null, null, null), T0);

      assertThat(Views.forViewer(s, null).notes().get(NOTE).authorId()).isEqualTo(ANA_ID);
      assertThat(Views.forViewer(s, null).notes().get(OTHER_NOTE).authorId()).isNull();
    }

    @Test
    @DisplayName("keeps a note anonymous after anonymity is turned off again")
    void staysAnonymous() {
      RoomState s = after(anonymous(), ANA, new AddNote("Too many meetings", null, 1, 2, null), T0);
      s = after(s, FACILITATOR, new SetBoard(null, false, null), T0);

      assertThat(s.notes().get(NOTE).anonymous()).isTrue();
      assertThat(Views.forViewer(s, ANA_ID).notes().get(NOTE).authorId()).isNull();
    }

    @Test
    @DisplayName("still lets only the author (or the facilitator) edit, without naming the author on refusal")
    void keepsEditRights() {
      RoomState s = after(anonymous(), ANA, new AddNote("Too many meetings", null, 1, 2, null), T0);

      assertThat(after(s, ANA, new EditNote(NOTE, 1, "Fewer meetings"), T0).notes().get(NOTE).text())
          .isEqualTo("Fewer meetings");
      Rejection refusal = rejected(s, BEN, new EditNote(NOTE, 1, "Mine now"), ErrorCode.FORBIDDEN);
      assertThat(refusal.message()).doesNotContain(ANA_ID).doesNotContain("Ana");
    }

    @Test
    @DisplayName("reveals anonymous private notes without their author")
    void revealsWithoutAuthor() {
      RoomState s = after(anonymous(), FACILITATOR, new StartWritingPhase(), T0);
      Outcome.Applied added = accepted(s, ANA, new AddNote("Quiet worry", null, null, null, null), T0);
      assertThat(added.events().get(0).viewFor(BEN_ID)).isEmpty();
      NoteAdded own = (NoteAdded) added.events().get(0).viewFor(ANA_ID).orElseThrow();
      assertThat(own.note().authorId()).isNull();
      assertThat(json(own)).doesNotContain(ANA_ID);

      Outcome.Applied revealed = accepted(added.state(), FACILITATOR, new RevealNotes(), T0);

      for (String viewer : Arrays.asList(null, ANA_ID, BEN_ID)) {
        NotesRevealed view = (NotesRevealed) revealed.events().get(0).viewFor(viewer).orElseThrow();
        assertThat(view.notes()).singleElement().satisfies(n -> {
          assertThat(n.authorId()).isNull();
          assertThat(n.hidden()).isFalse();
          assertThat(n.text()).isEqualTo("Quiet worry");
        });
        assertThat(json(view)).as("event sent to %s", viewer).doesNotContain(ANA_ID);
      }
    }
  }
}
