package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.ANA_ID;
import static dev.roundtable.domain.Rooms.BEN;
import static dev.roundtable.domain.Rooms.BEN_ID;
import static dev.roundtable.domain.Rooms.CLEO;
import static dev.roundtable.domain.Rooms.CLEO_ID;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.FACILITATOR_ID;
import static dev.roundtable.domain.Rooms.ITEM_1;
import static dev.roundtable.domain.Rooms.SCREEN_ID;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.UNKNOWN_ID;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.json;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.AgendaCommands.StartItem;
import dev.roundtable.domain.BoardCommands.AddDot;
import dev.roundtable.domain.BoardCommands.AddNote;
import dev.roundtable.domain.BoardCommands.RevealNotes;
import dev.roundtable.domain.BoardCommands.SetBoard;
import dev.roundtable.domain.BoardCommands.StartWritingPhase;
import dev.roundtable.domain.MinutesCommands.AddActionItem;
import dev.roundtable.domain.MinutesCommands.EditMinutes;
import dev.roundtable.domain.MinutesCommands.ParkPoint;
import dev.roundtable.domain.MinutesCommands.RecordDecision;
import dev.roundtable.domain.SpeakerCommands.RaiseHand;
import dev.roundtable.domain.VoteCommands.CastVote;
import dev.roundtable.domain.VoteCommands.CloseMotion;
import dev.roundtable.domain.VoteCommands.OpenMotion;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A viewer's view of a room")
class ViewsTest {
  /** Everyone a view can be cut for: the public (null), each kind of member, and a stranger. */
  private static final List<String> VIEWERS = Arrays.asList(null, FACILITATOR_ID, ANA_ID, BEN_ID, CLEO_ID, SCREEN_ID,
      UNKNOWN_ID);
  private static final String SECRET = "Cut the scope in half";
  private static final String MOTION = "m9";

  private static RoomState vote(RoomState s, Actor voter, Choice choice) {
    return after(s, voter, new CastVote(MOTION, choice), T0);
  }

  /** Motion m9 opened with the given settings, Ana voting agree and Ben oppose. */
  private static RoomState votedMotion(boolean anonymous, boolean hiddenResults) {
    RoomState s = after(room(), FACILITATOR, new OpenMotion("Ship in May", null, anonymous, hiddenResults, null, null,
        null), T0);
    return vote(vote(s, ANA, Choice.AGREE), BEN, Choice.OPPOSE);
  }

  @Nested
  @DisplayName("of the room's public parts")
  class PublicPartsTest {

    @Test
    @DisplayName("is the room as it is for everyone when nothing in it is private")
    void showsPublicRoomAsIs() {
      RoomState s = after(room(), FACILITATOR, new StartItem(ITEM_1), T0);
      s = after(s, ANA, new RaiseHand(), T0);
      s = after(s, ANA, new AddNote("Ship in May", null, 1, 2, null), T0);
      s = after(s, FACILITATOR, new OpenMotion("Ship in May", null, null, null, null, null, null), T0);
      s = after(s, FACILITATOR, new RecordDecision("Status shared", ITEM_1), T0);
      s = after(s, BEN, new AddActionItem("Draft the plan", "Ben", null, "2025-07-01", null), T0);
      s = after(s, CLEO, new ParkPoint("Office move"), T0);

      for (String viewer : VIEWERS) {
        assertThat(Views.forViewer(s, viewer)).as("view of %s", viewer).isEqualTo(s);
      }
    }

    @Test
    @DisplayName("keeps the minutes' text and revision but leaves their operation history on the server")
    void leavesHistoryOut() {
      RoomState s = after(room(), ANA, new EditMinutes(0, List.of("Hello")), T0);
      s = after(s, BEN, new EditMinutes(1, List.of(5, " world")), T0);
      assertThat(s.minutes().history()).hasSize(2);

      for (String viewer : VIEWERS) {
        Minutes seen = Views.forViewer(s, viewer).minutes();
        assertThat(seen.text()).isEqualTo("Hello world");
        assertThat(seen.revision()).isEqualTo(2);
        assertThat(seen.finalized()).isFalse();
        assertThat(seen.history()).as("history seen by %s", viewer).isEmpty();
      }
    }

    @Test
    @DisplayName("serialises to the JSON a client receives")
    void serialises() {
      RoomState s = after(room(), ANA, new AddNote("Ship in May", null, 1, 2, null), T0);

      String text = json(Views.forViewer(s, BEN_ID));

      assertThat(text).contains("\"roomId\":\"room-1\"").contains("Ship in May").contains("\"serial\":9");
    }
  }

  @Nested
  @DisplayName("of private notes")
  class PrivateNotesTest {

    /** Ana's public note n9; then, in a writing phase, Ben's private note n10. */
    private RoomState mixed() {
      RoomState s = after(room(), ANA, new AddNote("Ship in May", null, 1, 2, null), T0);
      s = after(s, FACILITATOR, new StartWritingPhase(), T0);
      return after(s, BEN, new AddNote(SECRET, NoteColour.PINK, 3, 4, null), T0);
    }

    @Test
    @DisplayName("shows a private note to its author only")
    void showsAuthorOnly() {
      RoomState s = mixed();

      assertThat(Views.forViewer(s, BEN_ID).notes().keySet()).containsExactly("n9", "n10");
      assertThat(Views.forViewer(s, BEN_ID).notes().get("n10")).isEqualTo(s.notes().get("n10"));
      for (String viewer : Arrays.asList(null, FACILITATOR_ID, ANA_ID, CLEO_ID, SCREEN_ID, UNKNOWN_ID)) {
        RoomState view = Views.forViewer(s, viewer);
        assertThat(view.notes().keySet()).as("notes seen by %s", viewer).containsExactly("n9");
        assertThat(json(view)).as("view of %s", viewer).doesNotContain(SECRET).doesNotContain("n10");
      }
    }

    @Test
    @DisplayName("shows each author their own private notes, not each other's")
    void separatesAuthors() {
      RoomState s = after(mixed(), ANA, new AddNote("Ana's secret", null, null, null, null), T0);

      assertThat(Views.forViewer(s, ANA_ID).notes().keySet()).containsExactly("n9", "n11");
      assertThat(Views.forViewer(s, BEN_ID).notes().keySet()).containsExactly("n9", "n10");
      assertThat(Views.forViewer(s, CLEO_ID).notes().keySet()).containsExactly("n9");
    }

    @Test
    @DisplayName("shows the notes to everyone once they are revealed")
    void showsRevealed() {
      RoomState s = after(mixed(), FACILITATOR, new RevealNotes(), T0);

      for (String viewer : VIEWERS) {
        RoomState view = Views.forViewer(s, viewer);
        assertThat(view.notes().keySet()).as("notes seen by %s", viewer).containsExactly("n9", "n10");
        assertThat(view.notes().get("n10").text()).isEqualTo(SECRET);
        assertThat(view.notes().get("n10").authorId()).isEqualTo(BEN_ID);
        assertThat(view.notes().get("n10").hidden()).isFalse();
      }
    }
  }

  @Nested
  @DisplayName("of anonymous notes")
  class AnonymousNotesTest {

    @Test
    @DisplayName("names no author to anyone, not even the author")
    void namesNoAuthor() {
      RoomState s = after(room(), FACILITATOR, new SetBoard(null, true, null), T0);
      s = after(s, ANA, new AddNote("Too many meetings", null, 1, 2, null), T0);
      assertThat(s.notes().get("n9").authorId()).isEqualTo(ANA_ID);

      for (String viewer : VIEWERS) {
        Map<String, Note> notes = Views.forViewer(s, viewer).notes();
        assertThat(notes.get("n9").authorId()).as("author seen by %s", viewer).isNull();
        assertThat(notes.get("n9").text()).isEqualTo("Too many meetings");
        assertThat(json(notes)).as("notes seen by %s", viewer).doesNotContain(ANA_ID);
      }
    }

    @Test
    @DisplayName("names no author of a private anonymous note, even to the author who sees it")
    void namesNoAuthorOfPrivateNote() {
      RoomState s = after(room(), FACILITATOR, new SetBoard(null, true, null), T0);
      s = after(s, FACILITATOR, new StartWritingPhase(), T0);
      s = after(s, ANA, new AddNote("Quiet worry", null, null, null, null), T0);

      Note own = Views.forViewer(s, ANA_ID).notes().get("n9");
      assertThat(own.authorId()).isNull();
      assertThat(own.text()).isEqualTo("Quiet worry");
      assertThat(json(Views.forViewer(s, ANA_ID).notes())).doesNotContain(ANA_ID);
      assertThat(Views.forViewer(s, BEN_ID).notes()).isEmpty();

      s = after(s, FACILITATOR, new RevealNotes(), T0);
      for (String viewer : VIEWERS) {
        Map<String, Note> notes = Views.forViewer(s, viewer).notes();
        assertThat(notes.get("n9").authorId()).as("author seen by %s", viewer).isNull();
        assertThat(json(notes)).as("notes seen by %s", viewer).doesNotContain(ANA_ID);
      }
    }
  }

  @Nested
  @DisplayName("of dot votes")
  class DotsTest {

    @Test
    @DisplayName("shows each note's total and only the viewer's own dots")
    void showsOwnDots() {
      RoomState s = after(room(), FACILITATOR, new SetBoard(null, null, 3), T0);
      s = after(s, ANA, new AddNote("Ship in May", null, null, null, null), T0);
      s = after(s, BEN, new AddNote("Hire testers", null, null, null, null), T0);
      s = after(s, ANA, new AddDot("n10"), T0);
      s = after(s, ANA, new AddDot("n10"), T0);
      s = after(s, BEN, new AddDot("n10"), T0);
      s = after(s, CLEO, new AddDot("n9"), T0);

      assertThat(s.notes().get("n10").dots()).isEqualTo(Map.of(ANA_ID, 2, BEN_ID, 1));
      RoomState ana = Views.forViewer(s, ANA_ID);
      assertThat(ana.notes().get("n10").dots()).isEqualTo(Map.of(ANA_ID, 2));
      assertThat(ana.notes().get("n10").totalDots()).isEqualTo(3);
      assertThat(ana.notes().get("n9").dots()).isEmpty();
      assertThat(ana.notes().get("n9").totalDots()).isEqualTo(1);
      assertThat(Views.forViewer(s, BEN_ID).notes().get("n10").dots()).isEqualTo(Map.of(BEN_ID, 1));
      assertThat(Views.forViewer(s, CLEO_ID).notes().get("n10").dots()).isEmpty();
      assertThat(Views.forViewer(s, CLEO_ID).notes().get("n9").dots()).isEqualTo(Map.of(CLEO_ID, 1));
      for (String viewer : Arrays.asList(null, FACILITATOR_ID, SCREEN_ID, UNKNOWN_ID)) {
        RoomState view = Views.forViewer(s, viewer);
        assertThat(view.notes().get("n10").dots()).as("dots seen by %s", viewer).isEmpty();
        assertThat(view.notes().get("n10").totalDots()).isEqualTo(3);
        assertThat(view.notes().get("n9").totalDots()).isEqualTo(1);
      }
    }
  }

  @Nested
  @DisplayName("of motions")
  class MotionsTest {

    @Test
    @DisplayName("shows the votes and count of a named, visible motion to everyone")
    void showsNamedVotes() {
      RoomState s = votedMotion(false, false);

      for (String viewer : VIEWERS) {
        assertThat(Views.forViewer(s, viewer).motions().get(MOTION)).as("motion seen by %s", viewer)
            .isEqualTo(s.motions().get(MOTION));
      }
    }

    @Test
    @DisplayName("shows an open motion with hidden results as a number of voters and the viewer's own vote")
    void hidesResults() {
      RoomState s = votedMotion(false, true);
      Tally hidden = new Tally(null, null, null, 2);

      assertThat(Views.forViewer(s, ANA_ID).motions().get(MOTION).votes()).isEqualTo(Map.of(ANA_ID, Choice.AGREE));
      assertThat(Views.forViewer(s, BEN_ID).motions().get(MOTION).votes()).isEqualTo(Map.of(BEN_ID, Choice.OPPOSE));
      for (String viewer : VIEWERS) {
        Motion seen = Views.forViewer(s, viewer).motions().get(MOTION);
        assertThat(seen.tally()).as("tally seen by %s", viewer).isEqualTo(hidden);
        if (!ANA_ID.equals(viewer) && !BEN_ID.equals(viewer)) {
          assertThat(seen.votes()).as("votes seen by %s", viewer).isEmpty();
          assertThat(json(seen)).doesNotContain(ANA_ID).doesNotContain(BEN_ID);
        }
      }
    }

    @Test
    @DisplayName("shows an anonymous motion's count to everyone but each vote to its voter only")
    void hidesAnonymousVoters() {
      RoomState s = votedMotion(true, false);

      assertThat(Views.forViewer(s, ANA_ID).motions().get(MOTION).votes()).isEqualTo(Map.of(ANA_ID, Choice.AGREE));
      assertThat(Views.forViewer(s, BEN_ID).motions().get(MOTION).votes()).isEqualTo(Map.of(BEN_ID, Choice.OPPOSE));
      for (String viewer : Arrays.asList(null, FACILITATOR_ID, CLEO_ID, SCREEN_ID, UNKNOWN_ID)) {
        Motion seen = Views.forViewer(s, viewer).motions().get(MOTION);
        assertThat(seen.votes()).as("votes seen by %s", viewer).isEmpty();
        assertThat(seen.tally()).isEqualTo(new Tally(1, 1, 0, 2));
        assertThat(json(seen)).doesNotContain(ANA_ID).doesNotContain(BEN_ID);
      }
    }

    @Test
    @DisplayName("shows a closed named motion's votes and count to everyone, even if hidden while open")
    void showsClosedResults() {
      RoomState s = after(votedMotion(false, true), FACILITATOR, new CloseMotion(MOTION), T0);

      for (String viewer : VIEWERS) {
        Motion seen = Views.forViewer(s, viewer).motions().get(MOTION);
        assertThat(seen).as("motion seen by %s", viewer).isEqualTo(s.motions().get(MOTION));
        assertThat(seen.tally()).isEqualTo(new Tally(1, 1, 0, 2));
      }
    }

    @Test
    @DisplayName("keeps a closed anonymous motion's votes secret, showing each voter their own")
    void keepsClosedAnonymousVotes() {
      RoomState s = after(votedMotion(true, true), FACILITATOR, new CloseMotion(MOTION), T0);

      assertThat(Views.forViewer(s, ANA_ID).motions().get(MOTION).votes()).isEqualTo(Map.of(ANA_ID, Choice.AGREE));
      assertThat(Views.forViewer(s, BEN_ID).motions().get(MOTION).votes()).isEqualTo(Map.of(BEN_ID, Choice.OPPOSE));
      for (String viewer : Arrays.asList(null, FACILITATOR_ID, CLEO_ID, SCREEN_ID)) {
        Motion seen = Views.forViewer(s, viewer).motions().get(MOTION);
        assertThat(seen.votes()).as("votes seen by %s", viewer).isEmpty();
        assertThat(seen.tally()).isEqualTo(new Tally(1, 1, 0, 2));
        assertThat(seen.outcome()).isEqualTo(MotionOutcome.FAILED);
      }
    }
  }
}
