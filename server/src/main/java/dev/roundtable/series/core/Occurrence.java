package dev.roundtable.series.core;

import java.util.List;
import java.util.Optional;

/**
 * One meeting of a series, recorded once something is prepared for it. {@code originalStart} is its start as
 * the schedule gave it (the calendar's RECURRENCE-ID); {@code start}/{@code end} may have been moved.
 * {@code noticedAt} is null until the notice was prepared; afterwards a change of time or agenda raises the
 * series' calendar SEQUENCE and records an update. {@code roomId} is null until its live room was opened; it is
 * set once and never changes, so every way into the meeting leads to the same room. {@code noticeAt}, when set,
 * is the time the notice is to go out by itself (a scheduled notice), at least 24 h before the start.
 * {@code improvementPlan} is null until the coordinator wrote one after the meeting
 * ({@link OccurrenceCommands.WriteImprovementPlan}). Documents from before a field have it null.
 */
public record Occurrence(String id, long originalStart, long start, long end, List<DraftItem> agenda,
    List<PreRead> preReads, List<InputRequest> inputs, List<Rsvp> rsvps, Long noticedAt, String roomId,
    Long noticeAt, ImprovementPlan improvementPlan) {
  public Occurrence {
    agenda = List.copyOf(agenda);
    preReads = List.copyOf(preReads);
    inputs = List.copyOf(inputs);
    rsvps = List.copyOf(rsvps);
  }

  /** An occurrence nothing was prepared for yet: the slot's times and the given agenda. */
  public static Occurrence open(Slot slot, List<DraftItem> agenda) {
    return new Occurrence(slot.occurrenceId(), slot.start(), slot.start(), slot.end(), agenda, List.of(), List.of(),
        List.of(), null, null, null, null);
  }

  /** Whether its live room can be entered at {@code now} (see {@link OccurrenceCommands.OpenRoom}). */
  public boolean enterable(long now) {
    return now >= start - SeriesLimits.ROOM_OPENS_BEFORE_MS && now <= end + SeriesLimits.ROOM_OPENS_UNTIL_AFTER_END_MS;
  }

  public boolean noticed() {
    return noticedAt != null;
  }

  public Optional<Rsvp> rsvp(String memberId) {
    return rsvps.stream().filter(r -> r.memberId().equals(memberId)).findFirst();
  }

  public Optional<PreRead> preRead(String preReadId) {
    return preReads.stream().filter(p -> p.id().equals(preReadId)).findFirst();
  }

  public Optional<InputRequest> input(String requestId) {
    return inputs.stream().filter(r -> r.id().equals(requestId)).findFirst();
  }

  Occurrence withAgenda(List<DraftItem> items) {
    return new Occurrence(id, originalStart, start, end, items, preReads, inputs, rsvps, noticedAt, roomId, noticeAt,
        improvementPlan);
  }

  Occurrence withTimes(long newStart, long newEnd) {
    return new Occurrence(id, originalStart, newStart, newEnd, agenda, preReads, inputs, rsvps, noticedAt, roomId,
        noticeAt, improvementPlan);
  }

  Occurrence withPreReads(List<PreRead> list) {
    return new Occurrence(id, originalStart, start, end, agenda, list, inputs, rsvps, noticedAt, roomId, noticeAt,
        improvementPlan);
  }

  Occurrence withInputs(List<InputRequest> list) {
    return new Occurrence(id, originalStart, start, end, agenda, preReads, list, rsvps, noticedAt, roomId, noticeAt,
        improvementPlan);
  }

  Occurrence withRsvps(List<Rsvp> list) {
    return new Occurrence(id, originalStart, start, end, agenda, preReads, inputs, list, noticedAt, roomId, noticeAt,
        improvementPlan);
  }

  Occurrence noticed(long at) {
    return new Occurrence(id, originalStart, start, end, agenda, preReads, inputs, rsvps, at, roomId, noticeAt,
        improvementPlan);
  }

  Occurrence withRoom(String room) {
    return new Occurrence(id, originalStart, start, end, agenda, preReads, inputs, rsvps, noticedAt, room, noticeAt,
        improvementPlan);
  }

  Occurrence withNoticeAt(Long at) {
    return new Occurrence(id, originalStart, start, end, agenda, preReads, inputs, rsvps, noticedAt, roomId, at,
        improvementPlan);
  }

  Occurrence withPlan(ImprovementPlan plan) {
    return new Occurrence(id, originalStart, start, end, agenda, preReads, inputs, rsvps, noticedAt, roomId, noticeAt,
        plan);
  }
}
