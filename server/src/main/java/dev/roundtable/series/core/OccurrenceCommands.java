package dev.roundtable.series.core;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.series.core.SeriesEvents.EffectRecorded;
import dev.roundtable.series.core.SeriesEvents.MemberSaved;
import dev.roundtable.series.core.SeriesEvents.OccurrenceSaved;
import dev.roundtable.series.core.SeriesEvents.SequenceRaised;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Commands that prepare one occurrence: its agenda draft, time, pre-reads, the input asked of members, the
 * notice, and members' answers (RSVP, substitutes, input). Each names its occurrence by a {@link Slot}; an
 * occurrence without a record yet is opened from it with the series' agenda template.
 *
 * <p>Rules of time: nothing is prepared for an occurrence that has started; a notice goes out at least
 * {@link SeriesLimits#NOTICE_LEAD_MS} before the start unless the coordinator confirms a late one; once
 * noticed, a change of time or agenda raises the series' SEQUENCE and records an {@code UPDATE} effect.
 */
public final class OccurrenceCommands {
  /** Reasons (PROTOCOL.md §14) of the refusals a coordinator answers differently. */
  public static final String NOTICE_LATE = "NOTICE_LATE";
  public static final String NOTICE_PAST = "NOTICE_PAST";
  public static final String ROOM_NOT_YET = "ROOM_NOT_YET";
  public static final String ROOM_OVER = "ROOM_OVER";
  /** An improvement plan for an occurrence that was not held in its live room (yet). */
  public static final String NOT_HELD = "NOT_HELD";

  private OccurrenceCommands() {
  }

  /** Replaces the agenda draft. Items out of the inform → discuss → decide order are allowed and warned about. */
  public record SetAgenda(Slot slot, List<DraftItem> items) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> upcoming(s, slot, now))
          .present("items", items)
          .check(items == null || items.size() <= SeriesLimits.MAX_AGENDA_ITEMS, ErrorCode.LIMIT_REACHED,
              "an agenda has at most " + SeriesLimits.MAX_AGENDA_ITEMS + " items")
          .andThen(() -> checkItems(s, items))
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            List<DraftItem> clean = items.stream().map(i -> new DraftItem(i.title().strip(), Check.strip(i.ownerId()),
                i.minutes(), Check.strip(i.expectedOutput()) == null ? "" : i.expectedOutput().strip(),
                i.kind() == null ? ItemKind.DISCUSS : i.kind())).toList();
            return changed(s, o, o.withAgenda(clean), !clean.equals(o.agenda()), now);
          });
    }
  }

  /** Moves one occurrence (the series' rule stays); the new start must be in the future. */
  public record MoveOccurrence(Slot slot, Long start, Long end) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> upcoming(s, slot, now))
          .present("start", start).present("end", end)
          .check(start == null || start > now, ErrorCode.INVALID_FIELD, "start is in the past")
          .check(start == null || end == null || end > start, ErrorCode.INVALID_FIELD, "end must be after start")
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            return changed(s, o, o.withTimes(start, end), o.start() != start || o.end() != end, now);
          });
    }
  }

  public record AddPreRead(Slot slot, String title, String url) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> upcoming(s, slot, now))
          .text("title", title, SeriesLimits.TITLE_CHARS, true)
          .url("url", url, true)
          .check(occurrence(s, slot).preReads().size() < SeriesLimits.MAX_PRE_READS, ErrorCode.LIMIT_REACHED,
              "an occurrence has at most " + SeriesLimits.MAX_PRE_READS + " pre-reads")
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            String id = "r" + (s.serial() + 1);
            return added(s, o, PreRead.link(id, title.strip(), url.strip()));
          });
    }
  }

  /**
   * Records a file the transport stored already ({@code file.fileId()}); the title defaults to the file's name.
   * Its size is checked against the node's limit before it is stored; here only that it is not empty.
   */
  public record AddFilePreRead(Slot slot, String title, PreRead.File file) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> upcoming(s, slot, now))
          .present("file", file)
          .text("title", title, SeriesLimits.TITLE_CHARS, false)
          .text("name", file == null ? null : file.name(), SeriesLimits.FILE_NAME_CHARS, true)
          .check(file == null || file.size() > 0, ErrorCode.INVALID_FIELD, "the file is empty")
          .check(occurrence(s, slot).preReads().size() < SeriesLimits.MAX_PRE_READS, ErrorCode.LIMIT_REACHED,
              "an occurrence has at most " + SeriesLimits.MAX_PRE_READS + " pre-reads")
          .decide(() -> {
            String id = "r" + (s.serial() + 1);
            String name = file.name().strip();
            String t = title == null || title.isBlank() ? name : title.strip();
            return added(s, occurrence(s, slot), PreRead.file(id, t,
                new PreRead.File(file.fileId(), name, file.contentType(), file.size())));
          });
    }
  }

  private static SeriesDecision added(Series s, Occurrence o, PreRead p) {
    List<PreRead> list = new ArrayList<>(o.preReads());
    list.add(p);
    return SeriesDecision.accept(Map.of("preReadId", p.id()),
        List.of(new OccurrenceSaved(o.withPreReads(list), s.serial() + 1)));
  }

  /** Removes a pre-read; a file's content is deleted by the transport once this is written. */
  public record RemovePreRead(Slot slot, String preReadId) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> upcoming(s, slot, now))
          .then(() -> occurrence(s, slot).preReads().stream().anyMatch(p -> p.id().equals(preReadId)),
              ErrorCode.NOT_FOUND, "no pre-read " + preReadId)
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            return SeriesDecision.accept(List.of(new OccurrenceSaved(o.withPreReads(
                o.preReads().stream().filter(p -> !p.id().equals(preReadId)).toList()), s.serial())));
          });
    }
  }

  /** Asks the invited members for something before the meeting ("each department sends its current risks"). */
  public record AskInput(Slot slot, String question) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> upcoming(s, slot, now))
          .text("question", question, SeriesLimits.TEXT_CHARS, true)
          .check(occurrence(s, slot).inputs().size() < SeriesLimits.MAX_INPUT_REQUESTS, ErrorCode.LIMIT_REACHED,
              "an occurrence has at most " + SeriesLimits.MAX_INPUT_REQUESTS + " input requests")
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            String id = "q" + (s.serial() + 1);
            List<InputRequest> list = new ArrayList<>(o.inputs());
            list.add(new InputRequest(id, question.strip(), List.of()));
            return SeriesDecision.accept(Map.of("requestId", id),
                List.of(new OccurrenceSaved(o.withInputs(list), s.serial() + 1)));
          });
    }
  }

  /** A member's answer to an input request; a second answer replaces their first. */
  public record AnswerInput(Slot slot, String requestId, String text) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).member().andThen(() -> upcoming(s, slot, now))
          .then(() -> occurrence(s, slot).input(requestId).isPresent(), ErrorCode.NOT_FOUND,
              "no input request " + requestId)
          .text("text", text, SeriesLimits.TEXT_CHARS, true)
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            List<InputRequest> list = o.inputs().stream().map(r -> {
              if (!r.id().equals(requestId)) {
                return r;
              }
              List<InputRequest.Answer> answers = new ArrayList<>(r.answers());
              answers.removeIf(x -> x.memberId().equals(a.memberId()));
              answers.add(new InputRequest.Answer(a.memberId(), text.strip(), now));
              return new InputRequest(r.id(), r.question(), answers);
            }).toList();
            return SeriesDecision.accept(List.of(new OccurrenceSaved(o.withInputs(list), s.serial())));
          });
    }
  }

  /**
   * Prepares the notice: from now on the occurrence counts as announced. Refused for an occurrence that has
   * started ({@link #NOTICE_PAST}), and when fewer than 24 h are left unless {@code confirmLate}
   * ({@link #NOTICE_LATE}). Records a {@code NOTICE} effect for every invited member.
   */
  public record PrepareNotice(Slot slot, boolean confirmLate) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator()
          .andThen(() -> slot == null ? SeriesDecision.refuse(ErrorCode.NOT_FOUND, "no such occurrence") : null)
          .check(slot == null || occurrence(s, slot).start() > now, ErrorCode.INVALID_STATE,
              "the occurrence starts in the past; a notice for a past time is refused", NOTICE_PAST)
          .check(slot == null || !occurrence(s, slot).noticed(), ErrorCode.INVALID_STATE,
              "the notice was prepared already; changes send updates")
          .check(slot == null || confirmLate || occurrence(s, slot).start() - now >= SeriesLimits.NOTICE_LEAD_MS,
              ErrorCode.INVALID_STATE, "the notice would go out "
                  + (slot == null ? 0 : hours(occurrence(s, slot).start() - now))
                  + " h before the start, later than 24 h: confirm with confirmLate", NOTICE_LATE)
          .check(s.invited().findAny().isPresent(), ErrorCode.INVALID_STATE, "nobody is invited yet")
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            long serial = s.serial() + 1;
            return SeriesDecision.accept(Map.of("late", o.start() - now < SeriesLimits.NOTICE_LEAD_MS),
                List.of(new OccurrenceSaved(o.noticed(now), s.serial()),
                    effect(s, serial, PendingEffect.Kind.NOTICE, o.id(), invitedIds(s), s.sequence(), now, null)));
          });
    }
  }

  /**
   * Sets the time the notice goes out by itself ({@code at}; null cancels): in the future, at least
   * {@link SeriesLimits#NOTICE_LEAD_MS} before the start ({@link #NOTICE_LATE} otherwise), before the notice
   * went out. The server's job then prepares the notice as {@link PrepareNotice} would, if this is still the time
   * set when it fires.
   */
  public record ScheduleNotice(Slot slot, Long at) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().andThen(() -> upcoming(s, slot, now))
          .check(slot == null || !occurrence(s, slot).noticed(), ErrorCode.INVALID_STATE,
              "the notice went out already; changes send updates")
          .check(at == null || at > now, ErrorCode.INVALID_FIELD, "at is in the past")
          .check(slot == null || at == null || occurrence(s, slot).start() - at >= SeriesLimits.NOTICE_LEAD_MS,
              ErrorCode.INVALID_FIELD, "a scheduled notice goes out at least 24 h before the start", NOTICE_LATE)
          .check(at == null || s.invited().findAny().isPresent(), ErrorCode.INVALID_STATE, "nobody is invited yet")
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            return SeriesDecision.accept(Objects.equals(o.noticeAt(), at) ? List.of()
                : List.of(new OccurrenceSaved(o.withNoticeAt(at), s.serial())));
          });
    }
  }

  /** An invited member accepts or declines (with a reason). A late decline and a key absentee alert the coordinator. */
  public record Respond(Slot slot, Rsvp.Response response, String reason) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).member().andThen(() -> upcoming(s, slot, now))
          .then(() -> s.member(a.memberId()).get().part().invited(), ErrorCode.FORBIDDEN,
              "informed members are not invited")
          .present("response", response)
          .text("reason", reason, SeriesLimits.TEXT_CHARS, response == Rsvp.Response.DECLINED)
          .decide(() -> answer(s, occurrence(s, slot), s.member(a.memberId()).get(), response, reason, null, now,
              List.of(), s.serial()));
    }
  }

  /**
   * An invited member names who comes instead: another member of their department ({@code substituteId}) or a
   * new person of their department ({@code newPerson}), who becomes a member with the absentee's part. The
   * substitute gets the notice and their own link ({@code SUBSTITUTE_NOTICE}).
   */
  public record Substitute(Slot slot, String substituteId, NewPerson newPerson, String reason)
      implements SeriesCommand {
    public record NewPerson(String name, String email, Mentions mentions) {
    }

    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).member().andThen(() -> upcoming(s, slot, now))
          .then(() -> s.member(a.memberId()).get().part().invited(), ErrorCode.FORBIDDEN,
              "informed members are not invited")
          .check((substituteId == null) != (newPerson == null), ErrorCode.INVALID_FIELD,
              "give either substituteId or newPerson")
          .text("reason", reason, SeriesLimits.TEXT_CHARS, false)
          .andThen(() -> substituteId == null ? null : SeriesCommands.known(s, substituteId))
          .then(() -> substituteId == null || !substituteId.equals(a.memberId()), ErrorCode.INVALID_FIELD,
              "a member cannot stand in for themselves")
          .then(() -> substituteId == null || s.member(substituteId).get().department()
              .equals(s.member(a.memberId()).get().department()), ErrorCode.INVALID_FIELD,
              "a substitute must be of the same department")
          .andThen(() -> newPerson == null ? null : SeriesCommands.person(newPerson.name(),
              s.member(a.memberId()).get().department(), newPerson.email(), newPerson.mentions()))
          .check(newPerson == null || s.members().size() < SeriesLimits.MAX_MEMBERS, ErrorCode.LIMIT_REACHED,
              "the series has " + SeriesLimits.MAX_MEMBERS + " members already")
          .decide(() -> {
            Member absentee = s.member(a.memberId()).get();
            List<SeriesEvent> first = new ArrayList<>();
            long serial = s.serial();
            String stand = substituteId;
            if (newPerson != null) {
              serial++;
              stand = "u" + serial;
              Member m = new Member(stand, newPerson.name().strip(), absentee.department(),
                  newPerson.email().strip(), SeriesCommands.clean(newPerson.mentions()), absentee.part(), 1,
                  absentee.id());
              first.add(new MemberSaved(m, serial));
            }
            return answer(s, occurrence(s, slot), absentee, Rsvp.Response.DECLINED,
                reason == null || reason.isBlank() ? "substitute" : reason, stand, now, first, serial);
          });
    }
  }

  /**
   * The occurrence's live room: {@code roomId} (a fresh id the caller drew) becomes it, unless a room was opened
   * already, which is then the answer ({@code opened} false) — so of two people arriving at once, both end up
   * in one room. Opens from {@link SeriesLimits#ROOM_OPENS_BEFORE_MS} before the start until
   * {@link SeriesLimits#ROOM_OPENS_UNTIL_AFTER_END_MS} after the planned end; by the coordinator or an invited
   * member (a substitute included), never by an informed-only member.
   */
  public record OpenRoom(Slot slot, String roomId) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      Check check = Check.on(s, a);
      if (a.kind() == SeriesActor.Kind.MEMBER) {
        check.member().then(() -> s.member(a.memberId()).get().part().invited(), ErrorCode.FORBIDDEN,
            "informed members get the minutes; they are not invited to the meeting");
      } else {
        check.coordinator();
      }
      return check
          .andThen(() -> slot == null ? SeriesDecision.refuse(ErrorCode.NOT_FOUND, "no such occurrence") : null)
          .text("roomId", roomId, SeriesLimits.NAME_CHARS, true)
          .decide(() -> {
            Occurrence o = occurrence(s, slot);
            if (o.roomId() != null) {
              return SeriesDecision.accept(Map.of("roomId", o.roomId(), "opened", false), List.of());
            }
            if (!o.enterable(now)) {
              return now < o.start() ? SeriesDecision.refuse(ErrorCode.INVALID_STATE, "the meeting opens "
                  + (SeriesLimits.ROOM_OPENS_BEFORE_MS / 60_000) + " minutes before its start", ROOM_NOT_YET)
                  : SeriesDecision.refuse(ErrorCode.INVALID_STATE, "the occurrence is over", ROOM_OVER);
            }
            if (s.occurrence(slot.occurrenceId()).isEmpty()
                && s.occurrences().size() >= SeriesLimits.MAX_OCCURRENCES) {
              return SeriesDecision.refuse(ErrorCode.LIMIT_REACHED, "the series keeps at most "
                  + SeriesLimits.MAX_OCCURRENCES + " occurrences");
            }
            return SeriesDecision.accept(Map.of("roomId", roomId.strip(), "opened", true),
                List.of(new OccurrenceSaved(o.withRoom(roomId.strip()), s.serial())));
          });
    }
  }

  /**
   * The coordinator's improvement plan for a meeting that took place (its live room was opened): written again, it replaces the one before. Whether one is due (attendees
   * rated the meeting below 3 on average) is the review's to say; the series keeps the text.
   */
  public record WriteImprovementPlan(Slot slot, String text) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator()
          .andThen(() -> slot == null ? SeriesDecision.refuse(ErrorCode.NOT_FOUND, "no such occurrence") : null)
          .text("text", text, SeriesLimits.TEXT_CHARS, true)
          .andThen(() -> s.occurrence(slot.occurrenceId()).filter(o -> o.roomId() != null)
              .isPresent() ? null : SeriesDecision.refuse(ErrorCode.INVALID_STATE,
                  "a plan is written after a meeting that took place in its live room", NOT_HELD))
          .decide(() -> {
            Occurrence o = s.occurrence(slot.occurrenceId()).orElseThrow();
            return SeriesDecision.accept(Map.of("occurrenceId", o.id()),
                List.of(new OccurrenceSaved(o.withPlan(new ImprovementPlan(text.strip(), now)), s.serial())));
          });
    }
  }

  /** Records an answer and the effects it owes: a late decline, a key absentee, a substitute's notice. */
  private static SeriesDecision answer(Series s, Occurrence o, Member who, Rsvp.Response response, String reason,
      String substituteId, long now, List<SeriesEvent> first, long serial) {
    boolean late = o.start() - now < SeriesLimits.NOTICE_LEAD_MS;
    List<Rsvp> rsvps = new ArrayList<>(o.rsvps());
    rsvps.removeIf(r -> r.memberId().equals(who.id()));
    rsvps.add(new Rsvp(who.id(), response, Check.strip(reason), substituteId, now, late));
    List<SeriesEvent> events = new ArrayList<>(first);
    events.add(new OccurrenceSaved(o.withRsvps(rsvps), serial));
    long next = serial;
    boolean declined = response == Rsvp.Response.DECLINED;
    String detail = who.name() + " (" + who.department() + ")";
    if (declined && late) {
      events.add(effect(s, ++next, PendingEffect.Kind.LATE_DECLINE_ALERT, o.id(),
          List.of(PendingEffect.COORDINATOR), s.sequence(), now, detail));
    }
    if (declined && substituteId == null && who.part() == Part.DECISION_MAKER) {
      events.add(effect(s, ++next, PendingEffect.Kind.KEY_ABSENTEE_ALERT, o.id(),
          List.of(PendingEffect.COORDINATOR), s.sequence(), now, detail));
    }
    if (substituteId != null) {
      events.add(effect(s, ++next, PendingEffect.Kind.SUBSTITUTE_NOTICE, o.id(), List.of(substituteId),
          s.sequence(), now, detail));
    }
    return substituteId == null ? SeriesDecision.accept(Map.of("late", late), events)
        : SeriesDecision.accept(Map.of("late", late, "substituteId", substituteId), events);
  }

  /** The occurrence changed; once noticed, a real change raises the SEQUENCE and records an update. */
  private static SeriesDecision changed(Series s, Occurrence before, Occurrence after, boolean differs, long now) {
    List<SeriesEvent> events = new ArrayList<>();
    events.add(new OccurrenceSaved(after, s.serial()));
    if (before.noticed() && differs) {
      int sequence = s.sequence() + 1;
      events.add(new SequenceRaised(sequence));
      events.add(effect(s, s.serial() + 1, PendingEffect.Kind.UPDATE, after.id(), invitedIds(s), sequence, now,
          null));
    }
    return SeriesDecision.accept(events);
  }

  private static EffectRecorded effect(Series s, long serial, PendingEffect.Kind kind, String occurrenceId,
      List<String> recipients, int sequence, long now, String detail) {
    return new EffectRecorded(new PendingEffect("e" + serial, kind, occurrenceId, recipients, sequence, now, detail),
        serial);
  }

  private static List<String> invitedIds(Series s) {
    return s.invited().map(Member::id).toList();
  }

  /** The occurrence's record, or a new one from the slot with the series' template. */
  static Occurrence occurrence(Series s, Slot slot) {
    return s.occurrence(slot.occurrenceId())
        .orElseGet(() -> Occurrence.open(slot, s.details().template().items(s.details().language())));
  }

  private static SeriesOutcome.Refused upcoming(Series s, Slot slot, long now) {
    if (slot == null) {
      return SeriesDecision.refuse(ErrorCode.NOT_FOUND, "no such occurrence");
    }
    if (s.occurrence(slot.occurrenceId()).isEmpty() && s.occurrences().size() >= SeriesLimits.MAX_OCCURRENCES) {
      return SeriesDecision.refuse(ErrorCode.LIMIT_REACHED, "the series keeps at most "
          + SeriesLimits.MAX_OCCURRENCES + " occurrences");
    }
    return occurrence(s, slot).start() > now ? null
        : SeriesDecision.refuse(ErrorCode.INVALID_STATE, "occurrence " + slot.occurrenceId() + " has started");
  }

  private static SeriesOutcome.Refused checkItems(Series s, List<DraftItem> items) {
    for (int i = 0; i < items.size(); i++) {
      DraftItem item = items.get(i);
      String at = "items[" + i + "].";
      if (item == null) {
        return SeriesDecision.refuse(ErrorCode.INVALID_FIELD, "items[" + i + "] is required");
      }
      SeriesOutcome.Refused r = Check.on(s, SeriesActor.SYSTEM)
          .text(at + "title", item.title(), SeriesLimits.TITLE_CHARS, true)
          .range(at + "minutes", item.minutes(), 1, SeriesLimits.MAX_ITEM_MINUTES, true)
          .text(at + "expectedOutput", item.expectedOutput(), SeriesLimits.GOAL_CHARS, false)
          .check(item.ownerId() == null || s.member(item.ownerId()).isPresent(), ErrorCode.NOT_FOUND,
              at + "ownerId names no member: " + item.ownerId())
          .decide(() -> null) instanceof SeriesOutcome.Refused refused ? refused : null;
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static long hours(long ms) {
    return Math.max(0, ms / 3_600_000);
  }
}
