package dev.roundtable.series.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.domain.Rejection;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A series to test against: created, with members, and slots at known distances from {@link #NOW}. */
final class Fixtures {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** 2026-12-01T09:00 in Shanghai. */
  static final long NOW = LocalDateTime.parse("2026-12-01T09:00").atZone(ZONE).toInstant().toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  private Fixtures() {
  }

  static Series.Details details() {
    return new Series.Details("Weekly project alignment", "Decide next week's priorities", MeetingKind.DECISION,
        "PMO", new Series.Coordinator("Li Na", "li.na@example.com"), Language.ZH_CN,
        new Schedule("2026-12-03T10:00", "FREQ=WEEKLY;BYDAY=TH", "Asia/Shanghai", 60), "Room 3", null,
        AgendaTemplate.PROJECT_COORDINATION);
  }

  static Series created() {
    return applied(Series.NONE, SeriesActor.COORDINATOR, new SeriesCommands.CreateSeries("s1", details()));
  }

  /** Li Na's series with a decision maker (u1, Sales), an executor (u2, Sales), an informed member (u3, HR). */
  static Series withMembers() {
    Series s = created();
    s = applied(s, SeriesActor.COORDINATOR,
        new SeriesCommands.AddMember("Wang Wei", "Sales", "wang@example.com", null, Part.DECISION_MAKER));
    s = applied(s, SeriesActor.COORDINATOR,
        new SeriesCommands.AddMember("Zhao Lei", "Sales", "zhao@example.com", null, Part.EXECUTOR));
    return applied(s, SeriesActor.COORDINATOR,
        new SeriesCommands.AddMember("Chen Jing", "HR", "chen@example.com", null, Part.INFORMED));
  }

  /** An occurrence starting {@code fromNow} ms after {@link #NOW}, an hour long. */
  static Slot slotIn(long fromNow) {
    long start = NOW + fromNow;
    return new Slot("o" + start, start, start + HOUR);
  }

  static Series applied(Series s, SeriesActor a, SeriesCommand c) {
    return outcome(s, a, c).state();
  }

  static SeriesOutcome.Applied outcome(Series s, SeriesActor a, SeriesCommand c) {
    SeriesOutcome o = Series.apply(s, a, c, NOW);
    assertThat(o).as("outcome of %s", c).isInstanceOf(SeriesOutcome.Applied.class);
    return (SeriesOutcome.Applied) o;
  }

  static Rejection refused(Series s, SeriesActor a, SeriesCommand c) {
    SeriesOutcome o = Series.apply(s, a, c, NOW);
    assertThat(o).as("outcome of %s", c).isInstanceOf(SeriesOutcome.Refused.class);
    return ((SeriesOutcome.Refused) o).rejection();
  }
}
