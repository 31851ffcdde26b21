package dev.roundtable.series.core;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.series.core.SeriesEvents.EffectCompleted;
import dev.roundtable.series.core.SeriesEvents.MemberRemoved;
import dev.roundtable.series.core.SeriesEvents.MemberSaved;
import dev.roundtable.series.core.SeriesEvents.SeriesCreated;
import dev.roundtable.series.core.SeriesEvents.SeriesEdited;
import java.util.List;
import java.util.Map;

/** Commands about the series itself, its members and their links, and its pending effects. */
public final class SeriesCommands {
  private SeriesCommands() {
  }

  /** Creates the series under {@code id} (chosen by the server); the sender becomes its coordinator. */
  public record CreateSeries(String id, Series.Details details) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).check(!s.created(), ErrorCode.INVALID_STATE, "the series exists already")
          .check(a.coordinatorOrSystem(), ErrorCode.FORBIDDEN, "only a coordinator creates a series")
          .present("id", id)
          .andThen(() -> checkDetails(details))
          .decide(() -> SeriesDecision.accept(List.of(new SeriesCreated(
              new Series(id, normalized(details), List.of(), List.of(), List.of(), 0, 0, now, List.of())))));
    }
  }

  /** Changes the series' details; {@code null} fields inside {@code changes} keep their value. */
  public record EditSeries(Series.Details changes) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().present("changes", changes)
          .andThen(() -> checkDetails(merge(s.details(), changes)))
          .decide(() -> SeriesDecision.accept(List.of(new SeriesEdited(normalized(merge(s.details(), changes))))));
    }

    private static Series.Details merge(Series.Details d, Series.Details c) {
      if (c == null) {
        return d;
      }
      return new Series.Details(or(c.title(), d.title()), or(c.goal(), d.goal()), or(c.kind(), d.kind()),
          or(c.department(), d.department()), or(c.coordinator(), d.coordinator()), or(c.language(), d.language()),
          or(c.schedule(), d.schedule()), or(c.place(), d.place()), or(c.onlineLink(), d.onlineLink()),
          or(c.template(), d.template()));
    }

    private static <T> T or(T value, T fallback) {
      return value == null ? fallback : value;
    }
  }

  /** Adds a member; their personal link starts at version 1. */
  public record AddMember(String name, String department, String email, Mentions mentions, Part part)
      implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> person(name, department, email, mentions))
          .check(s.members().size() < SeriesLimits.MAX_MEMBERS, ErrorCode.LIMIT_REACHED,
              "the series has " + SeriesLimits.MAX_MEMBERS + " members already")
          .decide(() -> {
            String id = "u" + (s.serial() + 1);
            Member m = new Member(id, name.strip(), department.strip(), email.strip(), clean(mentions),
                part == null ? Part.EXECUTOR : part, 1, null);
            return SeriesDecision.accept(Map.of("memberId", id), List.of(new MemberSaved(m, s.serial() + 1)));
          });
    }
  }

  /** Changes a member; {@code null} fields keep their value. Their link stays valid. */
  public record EditMember(String memberId, String name, String department, String email, Mentions mentions,
      Part part) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> known(s, memberId))
          .andThen(() -> {
            Member m = s.member(memberId).get();
            return person(name == null ? m.name() : name, department == null ? m.department() : department,
                email == null ? m.email() : email, mentions);
          })
          .decide(() -> {
            Member m = s.member(memberId).get();
            Member changed = new Member(m.id(), name == null ? m.name() : name.strip(),
                department == null ? m.department() : department.strip(), email == null ? m.email() : email.strip(),
                mentions == null ? m.mentions() : clean(mentions), part == null ? m.part() : part, m.linkVersion(),
                m.substituteFor());
            return SeriesDecision.accept(List.of(new MemberSaved(changed, s.serial())));
          });
    }
  }

  /** Removes a member; their link opens nothing afterwards. */
  public record RemoveMember(String memberId) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> known(s, memberId))
          .decide(() -> SeriesDecision.accept(List.of(new MemberRemoved(memberId))));
    }
  }

  /** Gives a member a new personal link: the version rises, and every link of an older version is refused. */
  public record RotateLink(String memberId) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> known(s, memberId))
          .decide(() -> {
            Member m = s.member(memberId).get();
            Member rotated = m.withLinkVersion(m.linkVersion() + 1);
            return SeriesDecision.accept(Map.of("linkVersion", rotated.linkVersion()),
                List.of(new MemberSaved(rotated, s.serial())));
          });
    }
  }

  /** The outbox took a pending effect over: it is no longer the series' to keep. Completing it twice is harmless. */
  public record CompleteEffect(String effectId) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).created().system().present("effectId", effectId)
          .decide(() -> SeriesDecision.accept(s.effects().stream().anyMatch(e -> e.id().equals(effectId))
              ? List.of(new EffectCompleted(effectId)) : List.of()));
    }
  }

  static SeriesOutcome.Refused known(Series s, String memberId) {
    if (memberId == null) {
      return SeriesDecision.refuse(ErrorCode.INVALID_FIELD, "memberId is required");
    }
    return s.member(memberId).isPresent() ? null : SeriesDecision.refuse(ErrorCode.NOT_FOUND, "no member " + memberId);
  }

  static SeriesOutcome.Refused person(String name, String department, String email, Mentions mentions) {
    return Check.on(Series.NONE, SeriesActor.SYSTEM)
        .text("name", name, SeriesLimits.NAME_CHARS, true)
        .text("department", department, SeriesLimits.DEPARTMENT_CHARS, true)
        .email("email", email, true)
        .mentions(mentions)
        .decide(() -> null) instanceof SeriesOutcome.Refused r ? r : null;
  }

  static Mentions clean(Mentions m) {
    return m == null ? Mentions.NONE
        : new Mentions(Check.strip(m.dingTalkMobile()), Check.strip(m.weComUserId()), Check.strip(m.feishuOpenId()));
  }

  private static SeriesOutcome.Refused checkDetails(Series.Details d) {
    if (d == null) {
      return SeriesDecision.refuse(ErrorCode.INVALID_FIELD, "the series' fields are required");
    }
    Series.Coordinator c = d.coordinator();
    return Check.on(Series.NONE, SeriesActor.SYSTEM)
        .text("title", d.title(), SeriesLimits.TITLE_CHARS, true)
        .text("goal", d.goal(), SeriesLimits.GOAL_CHARS, true)
        .goal(d.goal())
        .present("kind", d.kind())
        .text("department", d.department(), SeriesLimits.DEPARTMENT_CHARS, true)
        .present("coordinator", c)
        .text("coordinator.name", c == null ? null : c.name(), SeriesLimits.NAME_CHARS, c != null)
        .email("coordinator.email", c == null ? null : c.email(), false)
        .schedule(d.schedule())
        .text("place", d.place(), SeriesLimits.PLACE_CHARS, false)
        .url("onlineLink", d.onlineLink(), false)
        .decide(() -> null) instanceof SeriesOutcome.Refused r ? r : null;
  }

  private static Series.Details normalized(Series.Details d) {
    Schedule s = d.schedule();
    return new Series.Details(d.title().strip(), d.goal().strip(), d.kind(), d.department().strip(),
        new Series.Coordinator(d.coordinator().name().strip(), Check.strip(d.coordinator().email())),
        d.language() == null ? Language.DEFAULT : d.language(),
        new Schedule(s.firstStart(), Check.strip(s.rrule()), s.zone(), s.durationMinutes()),
        Check.strip(d.place()), Check.strip(d.onlineLink()), d.template() == null ? AgendaTemplate.NONE : d.template());
  }

  /** Details with only the given fields: the rest {@code null} (an edit). */
  public static Series.Details changes(String title, String goal, MeetingKind kind) {
    return new Series.Details(title, goal, kind, null, null, null, null, null, null, null);
  }
}
