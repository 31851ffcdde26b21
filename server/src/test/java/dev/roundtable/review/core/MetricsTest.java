package dev.roundtable.review.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.review.core.Metrics.Action;
import dev.roundtable.review.core.Metrics.Completion;
import dev.roundtable.review.core.Metrics.ItemTime;
import dev.roundtable.review.core.Metrics.Meeting;
import dev.roundtable.review.core.Metrics.MeetingRow;
import dev.roundtable.review.core.Metrics.Report;
import dev.roundtable.review.core.Metrics.Share;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final LocalDate FROM = LocalDate.parse("2026-03-01");
  private static final LocalDate TO = LocalDate.parse("2026-04-01");
  private static final LocalDate TODAY = LocalDate.parse("2026-03-20");

  private static LocalDate d(String s) {
    return s == null ? null : LocalDate.parse(s);
  }

  private static Action action(String dept, String owner, String deadline, String created, String done) {
    return new Action(dept, owner, owner == null ? "Someone" : owner.toUpperCase(), d(deadline), d(created), d(done));
  }

  /** Hand-computed: see each assertion's comment. */
  private static Report fixture() {
    List<Action> actions = List.of(
        action("Eng", "m1", "2026-03-10", "2026-03-03", "2026-03-09"), // on time
        action("Eng", "m1", "2026-03-10", "2026-03-03", "2026-03-12"), // late
        action("Ops", "m2", "2026-03-15", "2026-03-03", null),         // open, overdue on the 20th
        action("Ops", "m2", "2026-03-25", "2026-03-17", null),         // open, not due
        action(null, null, null, "2026-03-05", "2026-03-06"),           // no deadline, done: on time
        action("Eng", "m1", "2026-04-02", "2026-03-17", null),          // deadline after the period
        action("Ops", "m2", null, "2026-02-20", null));                 // created before the period
    List<Meeting> meetings = List.of(
        new Meeting("o2", d("2026-03-17"), List.of(new ItemTime("D", 900, 1200)),
            Map.of("Eng", 100L, "Ops", 300L, Metrics.NONE, 100L), Map.of("Eng", 1, "Ops", 2, Metrics.NONE, 1),
            List.of(3)),
        new Meeting("o1", d("2026-03-03"),
            List.of(new ItemTime("A", 600, 540), new ItemTime("B", 300, 420), new ItemTime("C", 0, 60)),
            Map.of("Eng", 300L, "Ops", 100L), Map.of("Eng", 2, "Ops", 1), List.of(4, 5)),
        new Meeting("o0", d("2026-02-24"), List.of(new ItemTime("X", 60, 6000)), Map.of("Eng", 999L),
            Map.of("Eng", 9), List.of(1)));
    return Metrics.report(FROM, TO, TODAY, actions, meetings);
  }

  @Test
  @DisplayName("action items of the period are counted as done on time, done late, open overdue and open not due")
  void completionOverall() {
    Completion c = fixture().completion();
    assertThat(c).isEqualTo(new Completion(2, 1, 1, 1));
    assertThat(c.total()).isEqualTo(5);
    assertThat(c.due()).isEqualTo(4);
    assertThat(c.rate()).isEqualTo(0.5);
  }

  @Test
  @DisplayName("completion is also given by department and by owner, those without one under NONE")
  void completionGrouped() {
    Report r = fixture();
    assertThat(r.byDepartment()).containsOnlyKeys(Metrics.NONE, "Eng", "Ops");
    assertThat(r.byDepartment().keySet()).containsExactly(Metrics.NONE, "Eng", "Ops");
    assertThat(r.byDepartment().get(Metrics.NONE)).isEqualTo(new Completion(1, 0, 0, 0));
    assertThat(r.byDepartment().get("Eng")).isEqualTo(new Completion(1, 1, 0, 0));
    assertThat(r.byDepartment().get("Ops")).isEqualTo(new Completion(0, 0, 1, 1));
    assertThat(r.byDepartment().get("Eng").rate()).isEqualTo(0.5);
    assertThat(r.byDepartment().get("Ops").rate()).isEqualTo(0.0);
    assertThat(r.byDepartment().get(Metrics.NONE).rate()).isEqualTo(1.0);
    assertThat(r.byOwner()).containsOnlyKeys(Metrics.NONE, "m1", "m2");
    assertThat(r.byOwner().get("m1")).isEqualTo(new Completion(1, 1, 0, 0));
    assertThat(r.byOwner().get("m2")).isEqualTo(new Completion(0, 0, 1, 1));
    assertThat(r.byOwner().get(Metrics.NONE)).isEqualTo(new Completion(1, 0, 0, 0));
  }

  @Test
  @DisplayName("the meetings of the period are listed by day with their ratings' average and their times")
  void meetings() {
    Report r = fixture();
    assertThat(r.meetings()).containsExactly(
        new MeetingRow("o1", d("2026-03-03"), 2, 4.5, 900, 1020, 2, 1),
        new MeetingRow("o2", d("2026-03-17"), 1, 3.0, 900, 1200, 1, 1));
    assertThat(r.ratings()).isEqualTo(3);
    assertThat(r.averageRating()).isEqualTo(4.0);
    assertThat(r.plannedSeconds()).isEqualTo(1800);
    assertThat(r.actualSeconds()).isEqualTo(2220);
    assertThat(r.timeboxed()).isEqualTo(3);
    assertThat(r.overran()).isEqualTo(2);
    assertThat(r.overrunRate()).isEqualTo(2.0 / 3);
  }

  @Test
  @DisplayName("each department's share of the speaking time is set against its share of the attendees")
  void speaking() {
    assertThat(fixture().speaking()).containsExactly(
        new Share(Metrics.NONE, 100, 1, 100.0 / 900, 1.0 / 7),
        new Share("Eng", 400, 3, 400.0 / 900, 3.0 / 7),
        new Share("Ops", 400, 3, 400.0 / 900, 3.0 / 7));
  }

  @Test
  @DisplayName("an empty period has zero counts and no rates rather than a division by zero")
  void empty() {
    Report r = Metrics.report(FROM, TO, TODAY, List.of(), List.of());
    assertThat(r.completion()).isEqualTo(new Completion(0, 0, 0, 0));
    assertThat(r.completion().rate()).isNull();
    assertThat(r.averageRating()).isNull();
    assertThat(r.overrunRate()).isNull();
    assertThat(r.meetings()).isEmpty();
    assertThat(r.speaking()).isEmpty();
  }
}
