package dev.roundtable.review.core;

import dev.roundtable.domain.AgendaItem;
import dev.roundtable.domain.Participant;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A series' review figures for a period {@code [from, to)}, pure ({@code java.*} and the domain only): action-item
 * completion, ratings, time against the time-boxes and speaking time against attendance. Every figure is computed
 * from its inputs alone, and {@code today} (the series' date) is passed in, so the same inputs give the same figures.
 *
 * <p>Rules: an action item belongs to the period when its deadline, or without one the day it was created, is in
 * {@code [from, to)}. It is <em>done on time</em> (done, on or before its deadline, or without one), <em>done
 * late</em>, <em>open overdue</em> (not done, deadline before {@code today}) or <em>open not due</em>; the items
 * <em>due</em> are all but the last, and the completion rate is done on time / due (null when none is due). A
 * meeting belongs to the period when its day is in it. An agenda item with a time-box overruns when its actual time
 * exceeds it; the overrun rate is overrunning items / items with a time-box. A department's speaking share is its
 * speaking time / all speaking time; its attendee share is its attendees / all attendees (screens are no
 * attendees). A person or item without a department counts under {@link #NONE}. Rates are null when undefined.
 */
public final class Metrics {
  /** The department of those who have none. */
  public static final String NONE = "";

  private Metrics() {
  }

  /** An action item as the review sees it: {@code deadline} and {@code doneOn} are null when unset / not done. */
  public record Action(String department, String ownerId, String ownerName, LocalDate deadline, LocalDate created,
      LocalDate doneOn) {
    public Action {
      department = department == null ? NONE : department;
    }

    LocalDate day() {
      return deadline != null ? deadline : created;
    }
  }

  /** One agenda item's time-box and time taken, in seconds. */
  public record ItemTime(String title, long plannedSeconds, long actualSeconds) {
    boolean timeboxed() {
      return plannedSeconds > 0;
    }

    boolean overran() {
      return timeboxed() && actualSeconds > plannedSeconds;
    }
  }

  /**
   * One held meeting's figures: its agenda's times, speaking seconds and attendees by department, and its
   * ratings' scores.
   */
  public record Meeting(String occurrenceId, LocalDate day, List<ItemTime> items, Map<String, Long> speakingSeconds,
      Map<String, Integer> attendees, List<Integer> scores) {
    public Meeting {
      items = List.copyOf(items);
      speakingSeconds = Map.copyOf(speakingSeconds);
      attendees = Map.copyOf(attendees);
      scores = List.copyOf(scores);
    }

    /** The figures of a held room's state (read after the meeting), with the meeting's scores. */
    public static Meeting of(String occurrenceId, LocalDate day, RoomState room, Collection<Integer> scores) {
      List<ItemTime> items = new ArrayList<>();
      for (AgendaItem i : room.agenda()) {
        items.add(new ItemTime(i.title(), i.timeboxSeconds(), i.actualMs() / 1000));
      }
      Map<String, Long> speaking = new TreeMap<>();
      room.departmentSpeakingMs().forEach((d, ms) -> speaking.merge(dept(d), ms / 1000, Long::sum));
      Map<String, Integer> attendees = new TreeMap<>();
      for (Participant p : room.participants().values()) {
        if (p.attended() && p.role() != Role.SCREEN) {
          attendees.merge(dept(p.department()), 1, Integer::sum);
        }
      }
      return new Meeting(occurrenceId, day, items, speaking, attendees, List.copyOf(scores));
    }
  }

  /** Action items by how they stand. */
  public record Completion(int doneOnTime, int doneLate, int openOverdue, int openNotDue) {
    public int total() {
      return doneOnTime + doneLate + openOverdue + openNotDue;
    }

    public int due() {
      return doneOnTime + doneLate + openOverdue;
    }

    /** Done on time / due; null when none is due. */
    public Double rate() {
      return due() == 0 ? null : (double) doneOnTime / due();
    }
  }

  /** A meeting's row: its ratings, average (null when unrated), planned and actual seconds, and overruns. */
  public record MeetingRow(String occurrenceId, LocalDate day, int ratings, Double average, long plannedSeconds,
      long actualSeconds, int timeboxed, int overran) {
  }

  /** A department's speaking seconds and attendees, and their shares of the period's totals. */
  public record Share(String department, long speakingSeconds, int attendees, Double speakingShare,
      Double attendeeShare) {
  }

  /** Every figure of a period. */
  public record Report(LocalDate from, LocalDate to, Completion completion, Map<String, Completion> byDepartment,
      Map<String, Completion> byOwner, List<MeetingRow> meetings, int ratings, Double averageRating,
      long plannedSeconds, long actualSeconds, int timeboxed, int overran, List<Share> speaking) {

    /** Overrunning items / items with a time-box; null when none had one. */
    public Double overrunRate() {
      return timeboxed == 0 ? null : (double) overran / timeboxed;
    }
  }

  /** The figures of {@code [from, to)} as of {@code today}. */
  public static Report report(LocalDate from, LocalDate to, LocalDate today, Collection<Action> actions,
      Collection<Meeting> meetings) {
    List<Action> in = actions.stream().filter(a -> within(a.day(), from, to)).toList();
    List<Meeting> held = meetings.stream().filter(m -> within(m.day(), from, to))
        .sorted(Comparator.comparing(Meeting::day).thenComparing(Meeting::occurrenceId)).toList();

    List<MeetingRow> rows = new ArrayList<>();
    List<Integer> allScores = new ArrayList<>();
    long planned = 0;
    long actual = 0;
    int timeboxed = 0;
    int overran = 0;
    Map<String, Long> speaking = new TreeMap<>();
    Map<String, Integer> attendees = new TreeMap<>();
    for (Meeting m : held) {
      long p = m.items().stream().mapToLong(ItemTime::plannedSeconds).sum();
      long a = m.items().stream().mapToLong(ItemTime::actualSeconds).sum();
      int t = (int) m.items().stream().filter(ItemTime::timeboxed).count();
      int o = (int) m.items().stream().filter(ItemTime::overran).count();
      rows.add(new MeetingRow(m.occurrenceId(), m.day(), m.scores().size(), average(m.scores()), p, a, t, o));
      allScores.addAll(m.scores());
      planned += p;
      actual += a;
      timeboxed += t;
      overran += o;
      m.speakingSeconds().forEach((d, s) -> speaking.merge(d, s, Long::sum));
      m.attendees().forEach((d, n) -> attendees.merge(d, n, Integer::sum));
    }
    return new Report(from, to, completion(in, today), grouped(in, today, Action::department),
        grouped(in, today, a -> a.ownerId() == null ? NONE : a.ownerId()), rows, allScores.size(), average(allScores),
        planned, actual, timeboxed, overran, shares(speaking, attendees));
  }

  private static List<Share> shares(Map<String, Long> speaking, Map<String, Integer> attendees) {
    long spoken = speaking.values().stream().mapToLong(Long::longValue).sum();
    int present = attendees.values().stream().mapToInt(Integer::intValue).sum();
    TreeMap<String, Boolean> departments = new TreeMap<>();
    speaking.keySet().forEach(d -> departments.put(d, true));
    attendees.keySet().forEach(d -> departments.put(d, true));
    List<Share> out = new ArrayList<>();
    for (String d : departments.keySet()) {
      long s = speaking.getOrDefault(d, 0L);
      int n = attendees.getOrDefault(d, 0);
      out.add(new Share(d, s, n, spoken == 0 ? null : (double) s / spoken, present == 0 ? null : (double) n / present));
    }
    return out;
  }

  private static Map<String, Completion> grouped(List<Action> actions, LocalDate today, Function<Action, String> by) {
    Map<String, List<Action>> groups = new TreeMap<>();
    actions.forEach(a -> groups.computeIfAbsent(by.apply(a), k -> new ArrayList<>()).add(a));
    Map<String, Completion> out = new TreeMap<>();
    groups.forEach((k, list) -> out.put(k, completion(list, today)));
    return out;
  }

  static Completion completion(List<Action> actions, LocalDate today) {
    int onTime = 0;
    int late = 0;
    int overdue = 0;
    int notDue = 0;
    for (Action a : actions) {
      if (a.doneOn() != null) {
        if (a.deadline() != null && a.doneOn().isAfter(a.deadline())) {
          late++;
        } else {
          onTime++;
        }
      } else if (a.deadline() != null && a.deadline().isBefore(today)) {
        overdue++;
      } else {
        notDue++;
      }
    }
    return new Completion(onTime, late, overdue, notDue);
  }

  private static Double average(List<Integer> scores) {
    return scores.isEmpty() ? null : Reviews.result(scores, List.of()).average();
  }

  private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
    return day != null && !day.isBefore(from) && day.isBefore(to);
  }

  private static String dept(String d) {
    return d == null || d.isBlank() ? NONE : d;
  }
}
