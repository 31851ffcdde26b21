package dev.roundtable.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Slot;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A series' recurrence, read by biweekly,")
class RecurrenceTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static long at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant().toEpochMilli();
  }

  private static List<LocalDateTime> locals(List<Slot> slots, ZoneId zone) {
    return slots.stream().map(s -> LocalDateTime.ofInstant(Instant.ofEpochMilli(s.start()), zone)).toList();
  }

  @ParameterizedTest(name = "refuses the RRULE \"{0}\" with INVALID_FIELD")
  @ValueSource(strings = {"FREQ=FOO", "BYDAY=TH", "FREQ=WEEKLY;INTERVAL=0", "FREQ=MINUTELY", "FREQ=HOURLY",
      "FREQ=WEEKLY;X-FOO=1", "FREQ=WEEKLY;BYDAY=XX", "FREQ=MONTHLY;BYMONTHDAY=32", "FREQ=MONTHLY;BYMONTHDAY=0",
      "FREQ=YEARLY;BYMONTH=13", "FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY\r\nEND:VEVENT",
      "not a rule", "FREQ=WEEKLY;INTERVAL=abc", "FREQ=DAILY;UNTIL=notadate"})
  void refusesInvalidRules(String rule) {
    Optional<Rejection> r = Recurrence.validate(new Schedule("2026-12-10T10:00", rule, "Asia/Shanghai", 60));
    assertThat(r).isPresent();
    assertThat(r.get().code()).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(r.get().message()).startsWith("rrule");
  }

  @Test
  @DisplayName("refuses a rule longer than 500 characters")
  void refusesLongRules() {
    String rule = "FREQ=WEEKLY;BYDAY=" + "MO,".repeat(200) + "TU";
    assertThat(Recurrence.validate(new Schedule("2026-12-10T10:00", rule, "Asia/Shanghai", 60))).isPresent();
  }

  @ParameterizedTest(name = "refuses the time zone \"{0}\" with INVALID_FIELD")
  @ValueSource(strings = {"Mars/Olympus", "", "   ", "Asia/Shanghai/x", "+25:00"})
  void refusesUnknownZones(String zone) {
    Optional<Rejection> r = Recurrence.validate(new Schedule("2026-12-10T10:00", "FREQ=WEEKLY", zone, 60));
    assertThat(r).isPresent();
    assertThat(r.get().code()).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(r.get().message()).contains("timeZone");
  }

  @Test
  @DisplayName("refuses a missing schedule, a missing zone and a first start that is no local date-time")
  void refusesBadSchedules() {
    assertThat(Recurrence.validate(null)).get().extracting(Rejection::code).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(Recurrence.validate(new Schedule("2026-12-10T10:00", null, null, 60))).isPresent();
    assertThat(Recurrence.validate(new Schedule("10 Dec 2026", null, "UTC", 60)).get().message())
        .contains("firstStart");
    assertThat(Recurrence.validate(new Schedule("2026-12-10T10:00Z", null, "UTC", 60))).isPresent();
  }

  @ParameterizedTest(name = "accepts \"{0}\"")
  @ValueSource(strings = {"FREQ=WEEKLY;BYDAY=TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "FREQ=MONTHLY;BYDAY=1MO",
      "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;UNTIL=20270101T000000Z",
      "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", "freq=weekly;byday=th"})
  void acceptsRules(String rule) {
    assertThat(Recurrence.validate(new Schedule("2026-12-10T10:00", rule, "Asia/Shanghai", 60))).isEmpty();
  }

  @Test
  @DisplayName("expands a weekly rule in Asia/Shanghai into the next Thursdays at 10:00 local time")
  void weeklyInShanghai() {
    Schedule s = new Schedule("2026-12-10T10:00", "FREQ=WEEKLY;BYDAY=TH", "Asia/Shanghai", 60);
    List<Slot> next = Recurrence.next(s, at("2026-12-11T00:00", SHANGHAI), 3);
    assertThat(locals(next, SHANGHAI)).containsExactly(LocalDateTime.parse("2026-12-17T10:00"),
        LocalDateTime.parse("2026-12-24T10:00"), LocalDateTime.parse("2026-12-31T10:00"));
    assertThat(next).extracting(Slot::occurrenceId).containsExactly("20261217T1000", "20261224T1000", "20261231T1000");
    assertThat(next.get(0).end() - next.get(0).start()).isEqualTo(60 * 60_000L);
    assertThat(next.get(0).start()).isEqualTo(Instant.parse("2026-12-17T02:00:00Z").toEpochMilli());
  }

  @Test
  @DisplayName("expands a monthly rule (first Monday) across a year end")
  void monthlyFirstMonday() {
    Schedule s = new Schedule("2026-11-02T14:30", "FREQ=MONTHLY;BYDAY=1MO", "Asia/Shanghai", 90);
    List<Slot> next = Recurrence.next(s, at("2026-11-03T00:00", SHANGHAI), 3);
    assertThat(locals(next, SHANGHAI)).containsExactly(LocalDateTime.parse("2026-12-07T14:30"),
        LocalDateTime.parse("2027-01-04T14:30"), LocalDateTime.parse("2027-02-01T14:30"));
  }

  @Test
  @DisplayName("keeps the local time across the change to and from summer time in Europe/Berlin")
  void acrossDaylightSaving() {
    Schedule s = new Schedule("2027-03-18T09:00", "FREQ=WEEKLY;BYDAY=TH", "Europe/Berlin", 60);
    List<Slot> next = Recurrence.next(s, at("2027-03-01T00:00", BERLIN), 3);
    assertThat(locals(next, BERLIN)).containsExactly(LocalDateTime.parse("2027-03-18T09:00"),
        LocalDateTime.parse("2027-03-25T09:00"), LocalDateTime.parse("2027-04-01T09:00"));
    // 09:00 CET is 08:00 UTC; after 28 March 09:00 CEST is 07:00 UTC.
    assertThat(Instant.ofEpochMilli(next.get(0).start())).isEqualTo(Instant.parse("2027-03-18T08:00:00Z"));
    assertThat(Instant.ofEpochMilli(next.get(2).start())).isEqualTo(Instant.parse("2027-04-01T07:00:00Z"));
    // Summer time ends on 31 October 2027: 09:00 is 07:00 UTC before, 08:00 UTC after.
    Schedule autumn = new Schedule("2027-10-21T09:00", "FREQ=WEEKLY", "Europe/Berlin", 60);
    List<Slot> later = Recurrence.next(autumn, 0, 3);
    assertThat(locals(later, BERLIN)).containsExactly(LocalDateTime.parse("2027-10-21T09:00"),
        LocalDateTime.parse("2027-10-28T09:00"), LocalDateTime.parse("2027-11-04T09:00"));
    assertThat(Instant.ofEpochMilli(later.get(1).start())).isEqualTo(Instant.parse("2027-10-28T07:00:00Z"));
    assertThat(Instant.ofEpochMilli(later.get(2).start())).isEqualTo(Instant.parse("2027-11-04T08:00:00Z"));
  }

  @Test
  @DisplayName("stops at COUNT and at UNTIL")
  void countAndUntil() {
    Schedule counted = new Schedule("2026-12-10T10:00", "FREQ=DAILY;COUNT=2", "Asia/Shanghai", 30);
    assertThat(Recurrence.next(counted, 0, 10)).hasSize(2);
    Schedule until = new Schedule("2026-12-10T10:00", "FREQ=WEEKLY;UNTIL=20261225T000000Z", "Asia/Shanghai", 30);
    assertThat(Recurrence.next(until, 0, 10)).extracting(Slot::occurrenceId)
        .containsExactly("20261210T1000", "20261217T1000", "20261224T1000");
  }

  @Test
  @DisplayName("gives a one-off series its one start while it is ahead, and nothing after")
  void oneOff() {
    Schedule s = new Schedule("2026-12-10T10:00", null, "Asia/Shanghai", 45);
    long start = at("2026-12-10T10:00", SHANGHAI);
    assertThat(Recurrence.next(s, start - 1, 5)).containsExactly(new Slot("20261210T1000", start, start + 45 * 60_000L));
    assertThat(Recurrence.next(s, start, 5)).isEmpty();
    assertThat(Recurrence.slot(s, "20261210T1000")).isPresent();
    assertThat(Recurrence.slot(s, "20261211T1000")).isEmpty();
  }

  @Test
  @DisplayName("finds an occurrence by its id, and no occurrence for an id the rule does not give")
  void slotById() {
    Schedule s = new Schedule("2026-12-10T10:00", "FREQ=WEEKLY;BYDAY=TH", "Asia/Shanghai", 60);
    assertThat(Recurrence.slot(s, "20270107T1000")).get().extracting(Slot::start)
        .isEqualTo(at("2027-01-07T10:00", SHANGHAI));
    assertThat(Recurrence.slot(s, "20270108T1000")).isEmpty();
    assertThat(Recurrence.slot(s, "20270107T1100")).isEmpty();
    assertThat(Recurrence.slot(s, "garbage")).isEmpty();
    assertThat(Recurrence.slot(s, (String) null)).isEmpty();
  }
}
