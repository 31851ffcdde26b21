package dev.roundtable.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The whole state of one meeting room, immutable. It changes only by folding events into it
 * ({@link Event#evolve}), which is also how a room is rebuilt from its snapshot and event log.
 *
 * <p>Invariants kept by {@link Room#apply}: at most one agenda item is {@code ACTIVE} and the countdown, if
 * any, belongs to it; the speaker on the floor is not in the queue; the queue has no duplicates; there is
 * exactly one facilitator once the meeting is created.
 */
public record RoomState(
    String roomId,
    Meeting meeting,
    Map<String, Participant> participants,
    List<AgendaItem> agenda,
    Countdown countdown,
    Floor floor,
    List<String> queue,
    int speakerLimitSeconds,
    Map<String, Long> speakingMs,
    Map<String, Long> departmentSpeakingMs,
    long serial) {

  public RoomState {
    participants = frozen(participants);
    agenda = List.copyOf(agenda);
    queue = List.copyOf(queue);
    speakingMs = frozen(speakingMs);
    departmentSpeakingMs = frozen(departmentSpeakingMs);
  }

  /** A room that exists as an address but whose meeting has not been created. */
  public static RoomState empty(String roomId, int speakerLimitSeconds) {
    return new RoomState(roomId, null, Map.of(), List.of(), null, null, List.of(), speakerLimitSeconds,
        Map.of(), Map.of(), 0);
  }

  public boolean created() {
    return meeting != null;
  }

  public Optional<Participant> participant(String id) {
    return Optional.ofNullable(id == null ? null : participants.get(id));
  }

  public Optional<AgendaItem> item(String id) {
    return agenda.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  public Optional<AgendaItem> activeItem() {
    return agenda.stream().filter(i -> i.status() == ItemStatus.ACTIVE).findFirst();
  }

  public Optional<Participant> facilitator() {
    return participants.values().stream().filter(p -> p.role() == Role.FACILITATOR).findFirst();
  }

  /** The next moment at which a countdown runs out and has not yet been announced, if any. */
  public OptionalLong nextDeadline() {
    long next = Long.MAX_VALUE;
    if (countdown != null && countdown.running() && !countdown.timeUpFired()) {
      next = countdown.deadline();
    }
    if (floor != null && !floor.timeUpFired()) {
      next = Math.min(next, floor.deadline());
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  private static <K, V> Map<K, V> frozen(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Copy-on-write helper for events: change a few fields, keep the rest. */
  static final class Builder {
    private final String roomId;
    private Meeting meeting;
    private final Map<String, Participant> participants;
    private List<AgendaItem> agenda;
    private Countdown countdown;
    private Floor floor;
    private List<String> queue;
    private int speakerLimitSeconds;
    private final Map<String, Long> speakingMs;
    private final Map<String, Long> departmentSpeakingMs;
    private long serial;

    private Builder(RoomState s) {
      roomId = s.roomId;
      meeting = s.meeting;
      participants = new LinkedHashMap<>(s.participants);
      agenda = s.agenda;
      countdown = s.countdown;
      floor = s.floor;
      queue = s.queue;
      speakerLimitSeconds = s.speakerLimitSeconds;
      speakingMs = new LinkedHashMap<>(s.speakingMs);
      departmentSpeakingMs = new LinkedHashMap<>(s.departmentSpeakingMs);
      serial = s.serial;
    }

    Builder meeting(Meeting m) {
      meeting = m;
      return this;
    }

    Builder participant(Participant p) {
      participants.put(p.id(), p);
      return this;
    }

    Builder agenda(List<AgendaItem> items) {
      agenda = items;
      return this;
    }

    Builder replaceItem(AgendaItem item) {
      agenda = agenda.stream().map(i -> i.id().equals(item.id()) ? item : i).toList();
      return this;
    }

    Builder countdown(Countdown c) {
      countdown = c;
      return this;
    }

    Builder floor(Floor f) {
      floor = f;
      return this;
    }

    Builder queue(List<String> q) {
      queue = q;
      return this;
    }

    Builder speakerLimitSeconds(int seconds) {
      speakerLimitSeconds = seconds;
      return this;
    }

    Builder addSpeakingTime(String participantId, String department, long ms) {
      speakingMs.merge(participantId, ms, Long::sum);
      departmentSpeakingMs.merge(department, ms, Long::sum);
      return this;
    }

    Builder serial(long s) {
      serial = Math.max(serial, s);
      return this;
    }

    RoomState build() {
      return new RoomState(roomId, meeting, participants, agenda, countdown, floor, queue, speakerLimitSeconds,
          speakingMs, departmentSpeakingMs, serial);
    }
  }
}
