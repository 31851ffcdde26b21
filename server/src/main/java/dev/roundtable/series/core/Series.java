package dev.roundtable.series.core;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.domain.Rejection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A series of meetings before they happen: its details, members, the occurrences something was prepared for,
 * and the effects (notices, alerts) its changes still owe the world. {@link #apply} is the state machine:
 * pure, no clock (time comes in as {@code now}, occurrence times as {@link Slot}s computed outside), no
 * randomness; ids come from {@link #serial}. A refusal leaves the state as it was.
 *
 * <p>Invariants: member and occurrence ids are unique; occurrences are in order of start; {@link #sequence}
 * (the calendar SEQUENCE shared by all invitations of the series, which share a UID when it recurs) only rises;
 * chat group ids are unique and there are at most {@link SeriesLimits#MAX_CHAT_GROUPS}.
 */
public record Series(String id, Details details, List<Member> members, List<Occurrence> occurrences,
    List<PendingEffect> effects, long serial, int sequence, long createdAt, List<ChatGroup> chatGroups) {

  /** Not created yet: the state a {@code CreateSeries} is applied to. */
  public static final Series NONE = new Series(null, null, List.of(), List.of(), List.of(), 0, 0, 0, List.of());

  public Series {
    members = List.copyOf(members);
    occurrences = List.copyOf(occurrences);
    effects = List.copyOf(effects);
    // A document stored before the series had chat groups has none.
    chatGroups = chatGroups == null ? List.of() : List.copyOf(chatGroups);
  }

  /** The fields the coordinator sets at creation and may edit. */
  public record Details(String title, String goal, MeetingKind kind, String department, Coordinator coordinator,
      Language language, Schedule schedule, String place, String onlineLink, AgendaTemplate template) {
  }

  /** The person who runs the series and its follow-up. */
  public record Coordinator(String name, String email) {
  }

  public static SeriesOutcome apply(Series state, SeriesActor actor, SeriesCommand command, long now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(actor, "actor");
    if (command == null) {
      return new SeriesOutcome.Refused(Rejection.of(ErrorCode.UNKNOWN_COMMAND, "command is missing"));
    }
    SeriesDecision decision = command.decide(state, actor, now);
    if (decision instanceof SeriesOutcome.Refused refused) {
      return refused;
    }
    SeriesDecision.Accept accept = (SeriesDecision.Accept) decision;
    Series next = fold(state, accept.events());
    return new SeriesOutcome.Applied(accept.events(), next, accept.result(), Warnings.of(next));
  }

  public static Series fold(Series state, Iterable<? extends SeriesEvent> events) {
    Series s = state;
    for (SeriesEvent e : events) {
      s = e.evolve(s);
    }
    return s;
  }

  public boolean created() {
    return id != null;
  }

  public Optional<Member> member(String memberId) {
    return members.stream().filter(m -> m.id().equals(memberId)).findFirst();
  }

  public Optional<Occurrence> occurrence(String occurrenceId) {
    return occurrences.stream().filter(o -> o.id().equals(occurrenceId)).findFirst();
  }

  /** Members who get invitations (every part but informed). */
  public Stream<Member> invited() {
    return members.stream().filter(m -> m.part().invited());
  }

  public Optional<ChatGroup> chatGroup(String chatGroupId) {
    return chatGroups.stream().filter(g -> g.id().equals(chatGroupId)).findFirst();
  }

  Series withChatGroups(List<ChatGroup> list) {
    return new Series(id, details, members, occurrences, effects, serial, sequence, createdAt, list);
  }

  Series withDetails(Details d) {
    return new Series(id, d, members, occurrences, effects, serial, sequence, createdAt, chatGroups);
  }

  Series withMembers(List<Member> list) {
    return new Series(id, details, list, occurrences, effects, serial, sequence, createdAt, chatGroups);
  }

  Series withOccurrences(List<Occurrence> list) {
    return new Series(id, details, members, list, effects, serial, sequence, createdAt, chatGroups);
  }

  Series withEffects(List<PendingEffect> list) {
    return new Series(id, details, members, occurrences, list, serial, sequence, createdAt, chatGroups);
  }

  Series withSerial(long s) {
    return new Series(id, details, members, occurrences, effects, Math.max(serial, s), sequence, createdAt,
        chatGroups);
  }

  Series withSequence(int s) {
    return new Series(id, details, members, occurrences, effects, serial, Math.max(sequence, s), createdAt,
        chatGroups);
  }
}
