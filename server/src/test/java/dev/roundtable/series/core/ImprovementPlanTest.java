package dev.roundtable.series.core;

import static dev.roundtable.series.core.Fixtures.DAY;
import static dev.roundtable.series.core.Fixtures.NOW;
import static dev.roundtable.series.core.Fixtures.applied;
import static dev.roundtable.series.core.Fixtures.outcome;
import static dev.roundtable.series.core.Fixtures.refused;
import static dev.roundtable.series.core.Fixtures.slotIn;
import static dev.roundtable.series.core.Fixtures.withMembers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import dev.roundtable.series.core.OccurrenceCommands.OpenRoom;
import dev.roundtable.series.core.OccurrenceCommands.WriteImprovementPlan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The coordinator's improvement plan after a meeting")
class ImprovementPlanTest {
  /** A meeting that started 20 minutes ago, its live room opened. */
  private static final Slot HELD = slotIn(-20 * 60_000L);

  private static Series held() {
    return applied(withMembers(), SeriesActor.COORDINATOR, new OpenRoom(HELD, "room-a"));
  }

  @Test
  @DisplayName("is kept in the occurrence, stripped and with its time; a second plan replaces the first")
  void writesAndReplaces() {
    SeriesOutcome.Applied first = outcome(held(), SeriesActor.COORDINATOR,
        new WriteImprovementPlan(HELD, "  议程提前两天发出  "));
    Occurrence o = first.state().occurrence(HELD.occurrenceId()).orElseThrow();
    assertThat(o.improvementPlan()).isEqualTo(new ImprovementPlan("议程提前两天发出", NOW));
    assertThat(o.roomId()).isEqualTo("room-a");
    assertThat(first.result()).containsEntry("occurrenceId", HELD.occurrenceId());
    assertThat(first.state().effects()).as("a plan sends nothing by itself").isEmpty();

    Series second = applied(first.state(), SeriesActor.COORDINATOR, new WriteImprovementPlan(HELD, "Shorter items"));
    assertThat(second.occurrence(HELD.occurrenceId()).orElseThrow().improvementPlan().text())
        .isEqualTo("Shorter items");
  }

  @Test
  @DisplayName("is refused for a member, without text, too long, for a meeting not held in its room, or no occurrence")
  void refuses() {
    Series s = held();
    assertThat(refused(s, SeriesActor.member("u1"), new WriteImprovementPlan(HELD, "x")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(s, SeriesActor.COORDINATOR, new WriteImprovementPlan(HELD, "  ")).code())
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refused(s, SeriesActor.COORDINATOR, new WriteImprovementPlan(HELD,
        "x".repeat(SeriesLimits.TEXT_CHARS + 1))).code()).isEqualTo(ErrorCode.TOO_LARGE);
    Rejection notHeld = refused(s, SeriesActor.COORDINATOR, new WriteImprovementPlan(slotIn(3 * DAY), "x"));
    assertThat(notHeld.code()).isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(notHeld.reason()).isEqualTo(OccurrenceCommands.NOT_HELD);
    assertThat(refused(s, SeriesActor.COORDINATOR, new WriteImprovementPlan(null, "x")).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(s.occurrence(HELD.occurrenceId()).orElseThrow().improvementPlan()).isNull();
  }
}
