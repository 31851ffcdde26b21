package dev.roundtable.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.BoardCommands.AddDot;
import dev.roundtable.domain.BoardCommands.AddNote;
import dev.roundtable.domain.BoardCommands.GroupNotes;
import dev.roundtable.domain.BoardCommands.SetBoard;
import dev.roundtable.domain.BoardCommands.StartWritingPhase;
import dev.roundtable.domain.BoardTemplate;
import dev.roundtable.domain.Command;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingCommands.CreateMeeting;
import dev.roundtable.domain.MeetingCommands.Join;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.domain.Views;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The board in the minutes export")
class BoardSectionTest {
  private static final long T0 = 1_700_000_000_000L;
  private RoomState state = RoomState.empty("room-1", 180);

  private Map<String, Object> apply(Actor actor, Command command) {
    Outcome outcome = Room.apply(state, actor, command, T0 + state.serial());
    assertThat(outcome).as("outcome of %s", command).isInstanceOf(Outcome.Applied.class);
    state = ((Outcome.Applied) outcome).state();
    return ((Outcome.Applied) outcome).result();
  }

  private String note(Actor author, String text, String lane) {
    return (String) apply(author, new AddNote(text, null, null, null, lane)).get("noteId");
  }

  /**
   * Fran facilitates a problem/cause/solution/risk board; Ana and Ben write notes, vote with dots, group two
   * causes; one note is written anonymously, and Ben's last one is still private in a writing phase.
   */
  private RoomState board() {
    Actor system = Actor.system();
    String fran = (String) apply(system, new CreateMeeting("Retro", "Agree the next steps", MeetingKind.DISCUSSION,
        T0, 30, null, "Fran", "Ops")).get("participantId");
    Actor f = Actor.participant(fran);
    Actor ana = Actor.participant((String) apply(system, new Join("Ana", "Eng", Role.PARTICIPANT)).get("participantId"));
    Actor ben = Actor.participant((String) apply(system, new Join("Ben", "Sales", Role.PARTICIPANT)).get("participantId"));
    apply(f, new SetBoard(BoardTemplate.PROBLEM_CAUSE_SOLUTION_RISK, false, 5));
    String slow = note(ana, "Builds are slow", "problem");
    String flaky = note(ben, "Flaky tests", "cause");
    String cache = note(ana, "No build cache", "cause");
    note(ana, "Old laptops", "cause");
    String fix = note(ben, "Add a build cache", "solution");
    apply(f, new GroupNotes(List.of(flaky, cache), "Tooling", null));
    apply(ana, new AddDot(fix));
    apply(ben, new AddDot(fix));
    apply(ben, new AddDot(cache));
    apply(ana, new AddDot(slow));
    apply(f, new SetBoard(null, true, null));
    note(ana, "Nobody owns CI", "risk");
    apply(f, new StartWritingPhase());
    note(ben, "Secret worry", "risk");
    return state;
  }

  @Test
  @DisplayName("lists the notes by lane in the template's order, then by group with its dots, each with its dots "
      + "and author")
  void byLaneAndGroup() {
    String out = MinutesExport.markdown(board(), ZoneOffset.UTC);
    String board = out.substring(out.indexOf("## Board"), out.indexOf("## Decisions"));

    assertThat(board).containsSubsequence("### Problem", "### Cause", "### Solution", "### Risk");
    assertThat(board).contains("| Group | Note | Dots | Written by |",
        "| Not grouped | Builds are slow | 1 | Ana |",
        "| Tooling (1 dots) | No build cache | 1 | Ana |",
        "| Not grouped | Add a build cache | 2 | Ben |");
    assertThat(board).containsSubsequence("| Tooling (1 dots) | No build cache | 1 | Ana |",
        "| Tooling (1 dots) | Flaky tests | 0 | Ben |", "| Not grouped | Old laptops | 0 | Ana |");
  }

  @Test
  @DisplayName("never shows a note still private to its author, nor the author of an anonymous note, even to them")
  void privacy() {
    RoomState s = board();
    String bensOwnView = MinutesExport.html(Views.forViewer(s, "p3"), ZoneOffset.UTC);
    String anasOwnView = MinutesExport.markdown(Views.forViewer(s, "p2"), ZoneOffset.UTC);

    assertThat(bensOwnView).doesNotContain("Secret worry");
    assertThat(MinutesExport.markdown(s, ZoneOffset.UTC)).doesNotContain("Secret worry");
    assertThat(anasOwnView).contains("| Not grouped | Nobody owns CI | 0 | anonymous |");
  }

  @Test
  @DisplayName("says so when the board is empty, and writes its words in the export's language")
  void emptyAndChinese() {
    apply(Actor.system(), new CreateMeeting("Retro", "Agree the next steps", MeetingKind.DISCUSSION, T0, 30, null,
        "Fran", "Ops", "zh-CN"));
    assertThat(MinutesExport.markdown(state, ZoneOffset.UTC)).contains("## 便签墙\n\n_便签墙上没有便签。_");
    state = RoomState.empty("room-2", 180);

    String chinese = MinutesExport.markdown(board(), ZoneOffset.UTC, Language.ZH_CN);
    assertThat(chinese).contains("### 问题", "| 分组 | 便签 | 票数 | 作者 |", "| Tooling（1 票） | No build cache | 1 | Ana |",
        "| 未分组 | Nobody owns CI | 0 | 匿名 |");
  }
}
