package dev.roundtable.series;

import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.Limits;
import dev.roundtable.domain.PreparedMeetingCommands.Answer;
import dev.roundtable.domain.PreparedMeetingCommands.CreatePreparedMeeting;
import dev.roundtable.domain.PreparedMeetingCommands.Input;
import dev.roundtable.domain.PreparedMeetingCommands.Item;
import dev.roundtable.domain.PreparedMeetingCommands.Person;
import dev.roundtable.series.core.DraftItem;
import dev.roundtable.series.core.InputRequest;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an occurrence's live room starts with, read off the series: the series' title, goal, kind and language,
 * the occurrence's time and agenda draft (owners by name, time-boxes in seconds), the coordinator as
 * facilitator, every invited member (substitutes included) as a participant known by their key, and the
 * answers to the input asked before the meeting as notes, one cluster per question. The series allows longer
 * names and texts than a room does: they are cut to the room's limits here (with an ellipsis), never refused.
 */
public final class OccurrenceMeeting {
  /** The key the coordinator is known by in their series' rooms. */
  public static final String COORDINATOR_KEY = "coordinator";
  private static final String MEMBER_PREFIX = "member:";

  private OccurrenceMeeting() {
  }

  /** The key a member is known by in their series' rooms. */
  public static String memberKey(String memberId) {
    return MEMBER_PREFIX + memberId;
  }

  /** The member id in a room participant's {@code key}; empty for the coordinator, screens and guests. */
  public static Optional<String> memberIdOf(String key) {
    return key != null && key.startsWith(MEMBER_PREFIX) ? Optional.of(key.substring(MEMBER_PREFIX.length()))
        : Optional.empty();
  }

  public static CreatePreparedMeeting of(Series s, Occurrence o) {
    return of(s, o, List.of());
  }

  /**
   * As {@link #of(Series, Occurrence)}, the agenda starting with the review of {@code open} action items when there
   * are any (one item listing them, overdue first, about a minute each, 5 to 15 minutes).
   */
  public static CreatePreparedMeeting of(Series s, Occurrence o, List<OpenActionItems.OpenItem> open) {
    Series.Details d = s.details();
    List<Item> agenda = new ArrayList<>();
    if (!open.isEmpty()) {
      agenda.add(review(s, open));
    }
    o.agenda().stream().map(i -> item(s, i)).forEach(agenda::add);
    int minutes = (int) Math.max(Limits.MIN_PLANNED_MINUTES,
        Math.min(Limits.MAX_PLANNED_MINUTES, (o.end() - o.start()) / 60_000));
    return new CreatePreparedMeeting(cut(d.title(), Limits.TITLE_CHARS), d.goal(), d.kind(), o.start(), minutes,
        d.language().tag(), coordinator(s),
        s.invited().map(OccurrenceMeeting::person).toList(),
        agenda, o.inputs().stream().map(r -> input(s, r)).toList());
  }

  /** "Review of open action items": what is still open, as its expected output. */
  private static Item review(Series s, List<OpenActionItems.OpenItem> open) {
    boolean zh = s.details().language() == Language.ZH_CN;
    StringBuilder list = new StringBuilder();
    for (OpenActionItems.OpenItem i : open) {
      list.append(list.isEmpty() ? "" : "\n").append("• ").append(i.task()).append(zh ? "（" : " (")
          .append(i.owner() == null ? (zh ? "负责人未定" : "no owner") : i.owner());
      if (i.deadline() != null) {
        list.append(zh ? "，截止 " : ", due ").append(i.deadline());
      }
      list.append(i.overdue() ? (zh ? "，已逾期" : ", overdue") : "").append(zh ? "）" : ")");
    }
    int minutes = Math.max(5, Math.min(15, open.size()));
    return new Item(zh ? "回顾未完成的行动项" : "Review of open action items", cut(s.details().coordinator().name(),
        Limits.OWNER_CHARS), minutes * 60, cut(list.toString(), Limits.EXPECTED_OUTPUT_CHARS),
        ItemKind.DISCUSS);
  }

  /** The coordinator as their series' rooms know them: the facilitator. */
  public static Person coordinator(Series s) {
    return new Person(COORDINATOR_KEY, cut(s.details().coordinator().name(), Limits.NAME_CHARS),
        cut(s.details().department(), Limits.DEPARTMENT_CHARS));
  }

  /** A member as a room knows them. */
  public static Person person(Member m) {
    return new Person(memberKey(m.id()), cut(m.name(), Limits.NAME_CHARS), cut(m.department(), Limits.DEPARTMENT_CHARS));
  }

  private static Item item(Series s, DraftItem i) {
    String owner = Optional.ofNullable(i.ownerId()).flatMap(s::member).map(Member::name).orElse(null);
    return new Item(cut(i.title(), Limits.TITLE_CHARS), cut(owner, Limits.OWNER_CHARS),
        Math.max(Limits.MIN_TIMEBOX_SECONDS, Math.min(Limits.MAX_TIMEBOX_SECONDS, i.minutes() * 60)),
        cut(i.expectedOutput(), Limits.EXPECTED_OUTPUT_CHARS), i.kind());
  }

  private static Input input(Series s, InputRequest r) {
    List<Answer> answers = r.answers().stream()
        .flatMap(a -> s.member(a.memberId()).map(m -> new Answer(person(m), cut(a.text(), Limits.NOTE_TEXT_CHARS)))
            .stream())
        .toList();
    return new Input(cut(r.question(), Limits.CLUSTER_NAME_CHARS), answers);
  }

  /** {@code text} in at most {@code max} characters, never splitting a surrogate pair. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
