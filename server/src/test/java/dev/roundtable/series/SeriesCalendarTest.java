package dev.roundtable.series;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneInfo;
import biweekly.parameter.ParticipationStatus;
import biweekly.property.Attendee;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.series.core.DraftItem;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.series.core.SeriesCommands;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A series' calendar data, parsed back with biweekly,")
class SeriesCalendarTest {
  private static final long NOW = SeriesSamples.NOW;

  private static ICalendar parse(String ics) {
    List<List<biweekly.io.ParseWarning>> warnings = new ArrayList<>();
    ICalendar ical = Biweekly.parse(ics).warnings(warnings).first();
    assertThat(warnings.stream().flatMap(List::stream).map(Object::toString)).isEmpty();
    return ical;
  }

  private static Series noticed() {
    return SeriesSamples.apply(SeriesSamples.prepared(), SeriesActor.COORDINATOR,
        new OccurrenceCommands.PrepareNotice(SeriesSamples.first(), false));
  }

  @Test
  @DisplayName("is a METHOD:REQUEST with the series' RRULE, and the occurrence under the same UID with its RECURRENCE-ID")
  void invitation() {
    Series s = noticed();
    Occurrence o = s.occurrences().get(0);
    ICalendar ical = parse(SeriesCalendar.invitation(s, o, NOW));
    assertThat(ical.getMethod().getValue()).isEqualTo("REQUEST");
    assertThat(ical.getEvents()).hasSize(2);
    VEvent master = ical.getEvents().get(0);
    VEvent occurrence = ical.getEvents().get(1);
    assertThat(master.getUid().getValue()).isEqualTo("s1@roundtable");
    assertThat(occurrence.getUid().getValue()).isEqualTo("s1@roundtable");
    assertThat(master.getRecurrenceRule().getValue().getFrequency().name()).isEqualTo("WEEKLY");
    assertThat(occurrence.getRecurrenceRule()).isNull();
    assertThat(occurrence.getRecurrenceId().getValue().getTime()).isEqualTo(o.originalStart());
    assertThat(occurrence.getDateStart().getValue().getTime()).isEqualTo(o.start());
    assertThat(occurrence.getDateEnd().getValue().getTime()).isEqualTo(o.end());
    assertThat(occurrence.getSequence().getValue()).isZero();
    assertThat(occurrence.getOrganizer().getEmail()).isEqualTo("li.na@example.com");
    assertThat(occurrence.getOrganizer().getCommonName()).isEqualTo("Li Na");
    assertThat(occurrence.getSummary().getValue()).isEqualTo("Weekly project alignment");
    assertThat(occurrence.getLocation().getValue()).isEqualTo("Room 3");
    assertThat(occurrence.getDescription().getValue()).contains("议程", "Risks", "Zhao Lei", "20 分钟",
        "https://docs.example.com/plan", "Your current risks?");
    // Invited: Wang Wei (accepted) and Zhao Lei (no answer); Chen Jing is informed only.
    assertThat(occurrence.getAttendees()).extracting(Attendee::getEmail)
        .containsExactly("wang@example.com", "zhao@example.com");
    assertThat(occurrence.getAttendees()).extracting(Attendee::getParticipationStatus)
        .containsExactly(ParticipationStatus.ACCEPTED, ParticipationStatus.NEEDS_ACTION);
    // The times are in the series' zone, with a VTIMEZONE that says so.
    TimezoneInfo tz = ical.getTimezoneInfo();
    assertThat(tz.getComponents()).extracting(c -> c.getTimezoneId().getValue()).containsExactly("Asia/Shanghai");
  }

  @Test
  @DisplayName("carries a higher SEQUENCE under the same UID and RECURRENCE-ID after the agenda changed")
  void updateRaisesSequence() {
    Series s = SeriesSamples.apply(noticed(), SeriesActor.COORDINATOR, new OccurrenceCommands.SetAgenda(
        SeriesSamples.first(), List.of(new DraftItem("Only item", null, 10, "", ItemKind.DECIDE))));
    Occurrence o = s.occurrences().get(0);
    VEvent e = parse(SeriesCalendar.invitation(s, o, NOW)).getEvents().get(1);
    assertThat(e.getSequence().getValue()).isEqualTo(1);
    assertThat(e.getUid().getValue()).isEqualTo("s1@roundtable");
    assertThat(e.getRecurrenceId().getValue().getTime()).isEqualTo(o.originalStart());
  }

  @Test
  @DisplayName("is one event without RRULE or RECURRENCE-ID for a one-off meeting")
  void oneOff() {
    Series.Details d = SeriesSamples.details();
    Series.Details once = new Series.Details(d.title(), d.goal(), d.kind(), d.department(), d.coordinator(),
        d.language(), new Schedule("2026-12-05T15:00", null, "Asia/Shanghai", 30), d.place(), null, d.template());
    Series s = SeriesSamples.apply(Series.NONE, SeriesActor.COORDINATOR, new SeriesCommands.CreateSeries("s2", once));
    s = SeriesSamples.apply(s, SeriesActor.COORDINATOR,
        new SeriesCommands.AddMember("Wang Wei", "Sales", "wang@example.com", null, null));
    var slot = Recurrence.next(once.schedule(), NOW, 1).get(0);
    s = SeriesSamples.apply(s, SeriesActor.COORDINATOR, new OccurrenceCommands.PrepareNotice(slot, false));
    ICalendar ical = parse(SeriesCalendar.invitation(s, s.occurrences().get(0), NOW));
    assertThat(ical.getEvents()).hasSize(1);
    VEvent e = ical.getEvents().get(0);
    assertThat(e.getRecurrenceRule()).isNull();
    assertThat(e.getRecurrenceId()).isNull();
    assertThat(Instant.ofEpochMilli(e.getDateStart().getValue().getTime()))
        .isEqualTo(Instant.parse("2026-12-05T07:00:00Z"));
  }

  @Test
  @DisplayName("keeps a Berlin series at 09:00 local time across summer time, as a calendar expands it")
  void berlinAcrossDst() {
    Series.Details d = SeriesSamples.details();
    Series.Details berlin = new Series.Details(d.title(), d.goal(), d.kind(), d.department(), d.coordinator(),
        d.language(), new Schedule("2027-03-18T09:00", "FREQ=WEEKLY;BYDAY=TH", "Europe/Berlin", 60), null, null,
        d.template());
    Series s = SeriesSamples.apply(Series.NONE, SeriesActor.COORDINATOR, new SeriesCommands.CreateSeries("s3", berlin));
    s = SeriesSamples.apply(s, SeriesActor.COORDINATOR,
        new SeriesCommands.AddMember("Wang Wei", "Sales", "wang@example.com", null, null));
    ICalendar ical = parse(SeriesCalendar.feed(s, s.members().get(0), NOW));
    VEvent master = ical.getEvents().get(0);
    TimeZone zone = TimeZone.getTimeZone("Europe/Berlin");
    DateIterator it = master.getDateIterator(zone);
    List<LocalDateTime> starts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Date next = it.next();
      starts.add(LocalDateTime.ofInstant(next.toInstant(), ZoneId.of("Europe/Berlin")));
    }
    assertThat(starts).containsExactly(LocalDateTime.parse("2027-03-18T09:00"), LocalDateTime.parse("2027-03-25T09:00"),
        LocalDateTime.parse("2027-04-01T09:00"));
    // The VTIMEZONE written from the JDK's rules gives biweekly the right offsets on both sides of the change.
    var tz = ical.getTimezoneInfo().getComponents().iterator().next();
    assertThat(tz.getStandardTimes()).hasSize(1);
    assertThat(tz.getDaylightSavingsTime()).hasSize(1);
    assertThat(master.getDateStart().getValue().getTime())
        .isEqualTo(Instant.parse("2027-03-18T08:00:00Z").toEpochMilli());
  }

  @Test
  @DisplayName("lists a member's series and prepared occurrences with their own answer, and nothing for the informed")
  void feed() {
    Series s = noticed();
    ICalendar wang = parse(SeriesCalendar.feed(s, s.member("u1").orElseThrow(), NOW));
    assertThat(wang.getMethod().getValue()).isEqualTo("PUBLISH");
    assertThat(wang.getEvents()).hasSize(2);
    assertThat(wang.getEvents().get(1).getAttendees()).extracting(Attendee::getEmail).containsExactly("wang@example.com");
    assertThat(wang.getEvents().get(1).getAttendees().get(0).getParticipationStatus())
        .isEqualTo(ParticipationStatus.ACCEPTED);
    assertThat(parse(SeriesCalendar.feed(s, s.member("u3").orElseThrow(), NOW)).getEvents()).isEmpty();
  }
}
