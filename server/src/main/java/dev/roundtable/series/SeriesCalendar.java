package dev.roundtable.series;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.parameter.ParticipationStatus;
import biweekly.parameter.Role;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.RecurrenceId;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import biweekly.util.UtcOffset;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.Rsvp;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.Slot;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A series' calendar data, written by biweekly. The series is one calendar event: UID {@code <seriesId>@roundtable},
 * starting at the series' first start in its zone (with a VTIMEZONE built from the JDK's zone rules), with the
 * series' RRULE when it recurs. One occurrence of a recurring series is that event with
 * {@code RECURRENCE-ID} = its originally scheduled start, so an occurrence keeps one identity (UID + RECURRENCE-ID;
 * the UID alone for a one-off) across notice and updates. SEQUENCE is the series' own, which the core raises
 * on each change of time or agenda after a notice.
 *
 * <p>The notice's invitation is {@code METHOD:REQUEST} with ORGANIZER (the coordinator) and an ATTENDEE per
 * invited member (PARTSTAT from their answer); a member's feed is {@code METHOD:PUBLISH} of the series' event
 * and the occurrences prepared so far.
 */
public final class SeriesCalendar {
  public static final String CONTENT_TYPE = "text/calendar; charset=utf-8";
  private static final String PRODUCT = "-//Roundtable//Series//EN";

  private SeriesCalendar() {
  }

  public static String uid(Series s) {
    return s.id() + "@roundtable";
  }

  /** The invitation sent with a notice or update of occurrence {@code o}. */
  public static String invitation(Series s, Occurrence o, long now) {
    ICalendar ical = calendar(s, Method.REQUEST);
    if (s.details().schedule().recurs()) {
      ical.addEvent(master(s, now, true));
    }
    ical.addEvent(occurrence(s, o, now, s.invited().toList()));
    return Biweekly.write(ical).go();
  }

  /**
   * A member's feed of their meetings: the series' event and the upcoming occurrences prepared so far (with
   * their own answer). Empty for an informed member, who is not invited.
   */
  public static String feed(Series s, Member member, long now) {
    ICalendar ical = calendar(s, Method.PUBLISH);
    if (member.part().invited()) {
      if (s.details().schedule().recurs()) {
        ical.addEvent(master(s, now, false));
        s.occurrences().stream().filter(o -> o.end() > now)
            .forEach(o -> ical.addEvent(occurrence(s, o, now, List.of(member))));
      } else {
        Occurrence only = s.occurrences().stream().findFirst().orElseGet(() -> firstSlot(s));
        ical.addEvent(occurrence(s, only, now, List.of(member)));
      }
    }
    return Biweekly.write(ical).go();
  }

  private static Occurrence firstSlot(Series s) {
    Slot slot = Recurrence.slot(s.details().schedule(), LocalDateTime.parse(s.details().schedule().firstStart()));
    return Occurrence.open(slot, s.details().template().items(s.details().language()));
  }

  private static ICalendar calendar(Series s, String method) {
    ICalendar ical = new ICalendar();
    ical.setProductId(PRODUCT);
    ical.setMethod(method);
    ZoneId zone = ZoneId.of(s.details().schedule().zone());
    ical.getTimezoneInfo().setDefaultTimezone(new TimezoneAssignment(TimeZone.getTimeZone(zone), vtimezone(zone)));
    return ical;
  }

  /** The series' event: its first start, duration and rule; the guests without answers. */
  private static VEvent master(Series s, long now, boolean withAttendees) {
    Slot first = Recurrence.slot(s.details().schedule(), LocalDateTime.parse(s.details().schedule().firstStart()));
    VEvent e = base(s, now);
    e.setDateStart(new Date(first.start()));
    e.setDateEnd(new Date(first.end()));
    e.setRecurrenceRule(Recurrence.parse(s.details().schedule().rrule()));
    e.setDescription(s.details().goal());
    if (withAttendees) {
      s.invited().forEach(m -> e.addAttendee(attendee(m, null)));
    }
    return e;
  }

  private static VEvent occurrence(Series s, Occurrence o, long now, List<Member> guests) {
    VEvent e = base(s, now);
    if (s.details().schedule().recurs()) {
      e.setRecurrenceId(new RecurrenceId(new ICalDate(new Date(o.originalStart()), true)));
    }
    e.setDateStart(new Date(o.start()));
    e.setDateEnd(new Date(o.end()));
    e.setDescription(NoticeText.body(s, o, PendingEffect.Kind.NOTICE, null));
    guests.forEach(m -> e.addAttendee(attendee(m, o.rsvp(m.id()).orElse(null))));
    return e;
  }

  private static VEvent base(Series s, long now) {
    Series.Details d = s.details();
    VEvent e = new VEvent();
    e.setUid(uid(s));
    e.setDateTimeStamp(new Date(now));
    e.setSequence(s.sequence());
    e.setSummary(d.title());
    if (d.place() != null) {
      e.setLocation(d.place());
    }
    if (d.onlineLink() != null) {
      e.setUrl(d.onlineLink());
    }
    if (d.coordinator().email() != null) {
      Organizer organizer = new Organizer(d.coordinator().name(), d.coordinator().email());
      e.setOrganizer(organizer);
    }
    return e;
  }

  private static Attendee attendee(Member m, Rsvp answer) {
    Attendee a = new Attendee(m.name(), m.email());
    a.setRole(m.part() == Part.SUPPORT ? Role.get("OPT-PARTICIPANT") : Role.ATTENDEE);
    a.setParticipationStatus(answer == null ? ParticipationStatus.NEEDS_ACTION
        : answer.response() == Rsvp.Response.ACCEPTED ? ParticipationStatus.ACCEPTED : ParticipationStatus.DECLINED);
    a.setRsvp(true);
    return a;
  }

  /**
   * The zone as a VTIMEZONE: its current yearly rules (standard and summer time) when it has them, else its
   * one current offset. Enough for the meetings ahead; past rule changes do not matter for them.
   */
  static VTimezone vtimezone(ZoneId zone) {
    VTimezone tz = new VTimezone(zone.getId());
    ZoneRules rules = zone.getRules();
    List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
    if (yearly.isEmpty()) {
      ZoneOffset offset = rules.getOffset(java.time.Instant.now());
      StandardTime std = new StandardTime();
      std.setDateStart(new DateTimeComponents(1970, 1, 1, 0, 0, 0, false));
      std.setTimezoneOffsetFrom(offset(offset));
      std.setTimezoneOffsetTo(offset(offset));
      std.addTimezoneName(zone.getId());
      tz.addStandardTime(std);
      return tz;
    }
    for (ZoneOffsetTransitionRule r : yearly) {
      boolean summer = r.getOffsetAfter().getTotalSeconds() > r.getStandardOffset().getTotalSeconds()
          || r.getOffsetAfter().getTotalSeconds() > r.getOffsetBefore().getTotalSeconds();
      Observance o = summer ? new DaylightSavingsTime() : new StandardTime();
      ZoneOffsetTransition t = r.createTransition(1970);
      LocalDateTime before = t.getDateTimeBefore();
      o.setDateStart(new DateTimeComponents(before.getYear(), before.getMonthValue(), before.getDayOfMonth(),
          before.getHour(), before.getMinute(), before.getSecond(), false));
      o.setTimezoneOffsetFrom(offset(r.getOffsetBefore()));
      o.setTimezoneOffsetTo(offset(r.getOffsetAfter()));
      o.setRecurrenceRule(Recurrence.parse(yearlyRule(r)));
      if (summer) {
        tz.addDaylightSavingsTime((DaylightSavingsTime) o);
      } else {
        tz.addStandardTime((StandardTime) o);
      }
    }
    return tz;
  }

  /** A transition rule as an RRULE: the last such weekday of the month, or the first on or after a day. */
  private static String yearlyRule(ZoneOffsetTransitionRule r) {
    String day = r.getDayOfWeek() == null ? null : r.getDayOfWeek().name().substring(0, 2);
    int dom = r.getDayOfMonthIndicator();
    String rule = "FREQ=YEARLY;BYMONTH=" + r.getMonth().getValue();
    if (day == null) {
      return rule + ";BYMONTHDAY=" + dom;
    }
    if (dom < 0) {
      return rule + ";BYDAY=" + (dom == -1 ? "-1" : "") + day
          + (dom == -1 ? "" : ";BYMONTHDAY=" + IntStream.rangeClosed(0, 6).map(i -> dom - i).filter(i -> i >= -31)
              .mapToObj(Integer::toString).collect(Collectors.joining(",")));
    }
    return rule + ";BYDAY=" + day + ";BYMONTHDAY=" + IntStream.rangeClosed(dom, Math.min(31, dom + 6))
        .mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  private static UtcOffset offset(ZoneOffset o) {
    return new UtcOffset(o.getTotalSeconds() * 1000L);
  }
}
