package dev.roundtable.series;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.io.ParseWarning;
import biweekly.property.RecurrenceRule;
import biweekly.util.Frequency;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.Slot;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * A series' schedule read by the calendar library (biweekly), never by a parser of our own: validating an RRULE
 * and a time zone, and expanding the occurrences after a moment into {@link Slot}s, which the pure core takes
 * as data. An occurrence's id is its scheduled local start ({@code 20261210T1000}), so the same schedule always
 * gives the same ids.
 */
public final class Recurrence {
  /** How many occurrences a series view lists. */
  public static final int DEFAULT_UPCOMING = 5;
  /** Occurrences looked through at most to find one (a daily rule: more than 27 years). */
  static final int MAX_STEPS = 10_000;
  private static final int MAX_RULE_CHARS = 500;
  private static final Pattern RULE_CHARS = Pattern.compile("[A-Za-z0-9=;,:+\\-]+");
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");

  private Recurrence() {
  }

  /** Empty when the schedule is usable; otherwise an {@code INVALID_FIELD} saying what is wrong. */
  public static Optional<Rejection> validate(Schedule schedule) {
    if (schedule == null) {
      return invalid("schedule is required");
    }
    if (zone(schedule.zone()) == null) {
      return invalid("timeZone " + schedule.zone() + " is not a known IANA time zone such as Asia/Shanghai");
    }
    try {
      LocalDateTime.parse(String.valueOf(schedule.firstStart()));
    } catch (DateTimeException e) {
      return invalid("firstStart must be a local date-time such as 2026-12-10T10:00");
    }
    if (!schedule.recurs()) {
      return Optional.empty();
    }
    return rule(schedule.rrule()).map(Recurrence::invalid).orElse(Optional.empty());
  }

  /** Why an RRULE value (without {@code RRULE:}) is not usable, or empty when it is. */
  static Optional<String> rule(String rrule) {
    String r = rrule.strip();
    if (r.length() > MAX_RULE_CHARS || !RULE_CHARS.matcher(r).matches()) {
      return Optional.of("rrule must be an RFC 5545 RRULE value such as FREQ=WEEKLY;BYDAY=TH");
    }
    List<List<ParseWarning>> warnings = new ArrayList<>();
    ICalendar calendar = Biweekly.parse(wrap(r)).warnings(warnings).first();
    RecurrenceRule parsed = calendar == null || calendar.getEvents().isEmpty() ? null
        : calendar.getEvents().get(0).getRecurrenceRule();
    List<String> problems = new ArrayList<>();
    warnings.forEach(list -> list.forEach(w -> problems.add(w.getMessage())));
    if (parsed == null || parsed.getValue() == null || parsed.getValue().getFrequency() == null) {
      return Optional.of("rrule is not a valid RRULE" + detail(problems) + ": it needs FREQ, e.g. FREQ=WEEKLY;BYDAY=TH");
    }
    if (!problems.isEmpty()) {
      return Optional.of("rrule is not a valid RRULE" + detail(problems));
    }
    biweekly.util.Recurrence v = parsed.getValue();
    if (!v.getXRules().isEmpty()) {
      return Optional.of("rrule has parts RFC 5545 does not define: " + String.join(", ", v.getXRules().keySet()));
    }
    Frequency f = v.getFrequency();
    if (f == Frequency.SECONDLY || f == Frequency.MINUTELY || f == Frequency.HOURLY) {
      return Optional.of("rrule FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY for a meeting series");
    }
    if (v.getInterval() != null && (v.getInterval() < 1 || v.getInterval() > 1000)) {
      return Optional.of("rrule INTERVAL must be between 1 and 1000");
    }
    if (v.getCount() != null && v.getCount() < 1) {
      return Optional.of("rrule COUNT must be at least 1");
    }
    return outOfRange("BYMONTHDAY", v.getByMonthDay(), 31)
        .or(() -> outOfRange("BYYEARDAY", v.getByYearDay(), 366))
        .or(() -> outOfRange("BYWEEKNO", v.getByWeekNo(), 53))
        .or(() -> outOfRange("BYSETPOS", v.getBySetPos(), 366))
        .or(() -> between("BYMONTH", v.getByMonth(), 1, 12))
        .or(() -> between("BYHOUR", v.getByHour(), 0, 23))
        .or(() -> between("BYMINUTE", v.getByMinute(), 0, 59))
        .or(() -> between("BYSECOND", v.getBySecond(), 0, 60));
  }

  /** The parsed rule, for a schedule {@link #validate} accepted. */
  static biweekly.util.Recurrence parse(String rrule) {
    return Biweekly.parse(wrap(rrule.strip())).first().getEvents().get(0).getRecurrenceRule().getValue();
  }

  /** Up to {@code max} occurrences that start after {@code now}, in order. A one-off gives its one start if it is ahead. */
  public static List<Slot> next(Schedule schedule, long now, int max) {
    List<Slot> out = new ArrayList<>();
    Starts starts = new Starts(schedule);
    for (int i = 0; i < MAX_STEPS && out.size() < max && starts.hasNext(); i++) {
      LocalDateTime start = starts.next();
      Slot slot = slot(schedule, start);
      if (slot.start() > now) {
        out.add(slot);
      }
    }
    return out;
  }

  /**
   * The slot of an occurrence id in {@code s}: the recorded occurrence's (as scheduled, with its current length),
   * else the schedule's; null when there is none.
   */
  public static Slot slotOf(Series s, String occurrenceId) {
    return s.occurrence(occurrenceId)
        .map(o -> new Slot(o.id(), o.originalStart(), o.originalStart() + (o.end() - o.start())))
        .or(() -> slot(s.details().schedule(), occurrenceId)).orElse(null);
  }

  /** The occurrence with this id, when the schedule has one. */
  public static Optional<Slot> slot(Schedule schedule, String occurrenceId) {
    LocalDateTime wanted;
    try {
      wanted = LocalDateTime.parse(String.valueOf(occurrenceId), ID);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    Starts starts = new Starts(schedule);
    for (int i = 0; i < MAX_STEPS && starts.hasNext(); i++) {
      LocalDateTime start = starts.next();
      if (start.equals(wanted)) {
        return Optional.of(slot(schedule, start));
      }
      if (start.isAfter(wanted)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  public static String occurrenceId(LocalDateTime localStart) {
    return ID.format(localStart);
  }

  static Slot slot(Schedule schedule, LocalDateTime localStart) {
    long start = localStart.atZone(ZoneId.of(schedule.zone())).toInstant().toEpochMilli();
    return new Slot(occurrenceId(localStart), start, start + schedule.durationMinutes() * 60_000L);
  }

  static ZoneId zone(String zone) {
    if (zone == null || zone.isBlank() || zone.length() > 64) {
      return null;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The scheduled local starts, from the first on: biweekly's iterator, or the one start of a one-off. */
  private static final class Starts {
    private final ZoneId zone;
    private final DateIterator dates;
    private LocalDateTime single;

    Starts(Schedule s) {
      zone = ZoneId.of(s.zone());
      LocalDateTime first = LocalDateTime.parse(s.firstStart());
      if (s.recurs()) {
        Date start = Date.from(first.atZone(zone).toInstant());
        dates = parse(s.rrule()).getDateIterator(start, TimeZone.getTimeZone(zone));
      } else {
        dates = null;
        single = first;
      }
    }

    boolean hasNext() {
      return dates == null ? single != null : dates.hasNext();
    }

    LocalDateTime next() {
      if (dates == null) {
        LocalDateTime s = single;
        single = null;
        return s;
      }
      return LocalDateTime.ofInstant(dates.next().toInstant(), zone);
    }
  }

  private static String wrap(String rrule) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nRRULE:" + rrule + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  private static String detail(List<String> problems) {
    if (problems.isEmpty()) {
      return "";
    }
    // biweekly's messages read "(7) Invalid FREQ value "X"."; keep the part after the number.
    String p = problems.get(0).replaceFirst("^.*\\(\\d+\\)\\s*", "").replaceFirst("\\.$", "");
    return " (" + p + ")";
  }

  private static Optional<String> outOfRange(String part, List<Integer> values, int max) {
    return values.stream().filter(v -> v == 0 || Math.abs(v) > max).findFirst()
        .map(v -> "rrule " + part + " must be between -" + max + " and " + max + " (not 0): " + v);
  }

  private static Optional<String> between(String part, List<Integer> values, int min, int max) {
    return values.stream().filter(v -> v < min || v > max).findFirst()
        .map(v -> "rrule " + part + " must be between " + min + " and " + max + ": " + v);
  }

  private static Optional<Rejection> invalid(String message) {
    return Optional.of(Rejection.of(ErrorCode.INVALID_FIELD, message));
  }
}
