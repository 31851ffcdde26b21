package dev.roundtable.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.series.core.AgendaTemplate;
import dev.roundtable.series.core.DraftItem;
import dev.roundtable.series.core.Mentions;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.Rsvp;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.series.core.SeriesCommand;
import dev.roundtable.series.core.SeriesCommands;
import dev.roundtable.series.core.SeriesOutcome;
import dev.roundtable.series.core.Slot;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Series to test the shell against: a weekly one in Shanghai with members, one prepared occurrence. */
final class SeriesSamples {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** 2026-12-01T09:00 in Shanghai, a Tuesday. */
  static final long NOW = LocalDateTime.parse("2026-12-01T09:00").atZone(ZONE).toInstant().toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  private SeriesSamples() {
  }

  static Series.Details details() {
    return new Series.Details("Weekly project alignment", "Decide next week's priorities", MeetingKind.DECISION,
        "PMO", new Series.Coordinator("Li Na", "li.na@example.com"), Language.ZH_CN,
        new Schedule("2026-12-03T10:00", "FREQ=WEEKLY;BYDAY=TH", "Asia/Shanghai", 60), "Room 3",
        "https://meet.example.com/weekly", AgendaTemplate.PROJECT_COORDINATION);
  }

  /** The first occurrence after {@link #NOW}: Thursday 2026-12-03 10:00 Shanghai, 49 h ahead. */
  static Slot first() {
    return Recurrence.next(details().schedule(), NOW, 1).get(0);
  }

  /** Members u1 (decision maker, Sales), u2 (executor, Sales), u3 (informed, HR); an agenda, a pre-read, a question, answers. */
  static Series prepared() {
    Series s = apply(Series.NONE, SeriesActor.COORDINATOR, new SeriesCommands.CreateSeries("s1", details()));
    s = apply(s, SeriesActor.COORDINATOR, new SeriesCommands.AddMember("Wang Wei", "Sales", "wang@example.com",
        new Mentions("13800000000", null, null), Part.DECISION_MAKER));
    s = apply(s, SeriesActor.COORDINATOR,
        new SeriesCommands.AddMember("Zhao Lei", "Sales", "zhao@example.com", null, Part.EXECUTOR));
    s = apply(s, SeriesActor.COORDINATOR,
        new SeriesCommands.AddMember("Chen Jing", "HR", "chen@example.com", null, Part.INFORMED));
    s = apply(s, SeriesActor.COORDINATOR, new OccurrenceCommands.SetAgenda(first(), List.of(
        new DraftItem("Risks", "u2", 20, "Risk list", ItemKind.DISCUSS),
        new DraftItem("Priorities", "u1", 15, "Decision", ItemKind.DECIDE))));
    s = apply(s, SeriesActor.COORDINATOR,
        new OccurrenceCommands.AddPreRead(first(), "Plan", "https://docs.example.com/plan"));
    s = apply(s, SeriesActor.COORDINATOR, new OccurrenceCommands.AskInput(first(), "Your current risks?"));
    String requestId = s.occurrences().get(0).inputs().get(0).id();
    s = apply(s, SeriesActor.member("u2"), new OccurrenceCommands.AnswerInput(first(), requestId, "Supplier late"));
    return apply(s, SeriesActor.member("u1"), new OccurrenceCommands.Respond(first(), Rsvp.Response.ACCEPTED, null));
  }

  static Series apply(Series s, SeriesActor a, SeriesCommand c) {
    SeriesOutcome o = Series.apply(s, a, c, NOW);
    assertThat(o).as("outcome of %s", c).isInstanceOf(SeriesOutcome.Applied.class);
    return ((SeriesOutcome.Applied) o).state();
  }
}
