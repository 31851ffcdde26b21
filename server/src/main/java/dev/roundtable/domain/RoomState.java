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
 * exactly one facilitator once the meeting is created; no participant holds more dots than the board's
 * limit allowed when they were placed; a motion's tally counts its votes; the minutes' revision is that of
 * the last operation in their history; once the minutes are final, none of minutes, decisions, action
 * items or parking lot changes.
 *
 * <p>This is the server's whole truth, private parts included: what a client may see of it is cut by
 * {@link Views#forViewer}.
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
    Board board,
    Map<String, Note> notes,
    Map<String, NoteCluster> clusters,
    Map<String, Motion> motions,
    Minutes minutes,
    List<RecordedDecision> decisions,
    List<ActionItem> actionItems,
    List<ParkedPoint> parkingLot,
    long serial) {

  public RoomState {
    participants = frozen(participants);
    agenda = List.copyOf(agenda);
    queue = List.copyOf(queue);
    speakingMs = frozen(speakingMs);
    departmentSpeakingMs = frozen(departmentSpeakingMs);
    notes = frozen(notes);
    clusters = frozen(clusters);
    motions = frozen(motions);
    decisions = List.copyOf(decisions);
    actionItems = List.copyOf(actionItems);
    parkingLot = List.copyOf(parkingLot);
  }

  /** A room that exists as an address but whose meeting has not been created. */
  public static RoomState empty(String roomId, int speakerLimitSeconds) {
    return new RoomState(roomId, null, Map.of(), List.of(), null, null, List.of(), speakerLimitSeconds,
        Map.of(), Map.of(), Board.DEFAULT, Map.of(), Map.of(), Map.of(), Minutes.EMPTY, List.of(), List.of(),
        List.of(), 0);
  }

  public boolean created() {
    return meeting != null;
  }

  public Optional<Participant> participant(String id) {
    return Optional.ofNullable(id == null ? null : participants.get(id));
  }

  /** The participant known outside the room by {@code key} (see {@link Participant#key}). */
  public Optional<Participant> participantByKey(String key) {
    return participants.values().stream().filter(p -> key.equals(p.key())).findFirst();
  }

  public Optional<AgendaItem> item(String id) {
    return agenda.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  public Optional<AgendaItem> activeItem() {
    return agenda.stream().filter(i -> i.status() == ItemStatus.ACTIVE).findFirst();
  }

  public Optional<ActionItem> actionItem(String id) {
    return actionItems.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public Optional<ParkedPoint> parkedPoint(String id) {
    return parkingLot.stream().filter(p -> p.id().equals(id)).findFirst();
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
    private Board board;
    private final Map<String, Note> notes;
    private final Map<String, NoteCluster> clusters;
    private final Map<String, Motion> motions;
    private Minutes minutes;
    private List<RecordedDecision> decisions;
    private List<ActionItem> actionItems;
    private List<ParkedPoint> parkingLot;
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
      board = s.board;
      notes = new LinkedHashMap<>(s.notes);
      clusters = new LinkedHashMap<>(s.clusters);
      motions = new LinkedHashMap<>(s.motions);
      minutes = s.minutes;
      decisions = s.decisions;
      actionItems = s.actionItems;
      parkingLot = s.parkingLot;
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

    Builder board(Board b) {
      board = b;
      return this;
    }

    Builder note(Note n) {
      notes.put(n.id(), n);
      return this;
    }

    Builder removeNote(String id) {
      notes.remove(id);
      return this;
    }

    Builder cluster(NoteCluster c) {
      clusters.put(c.id(), c);
      return this;
    }

    Builder removeCluster(String id) {
      clusters.remove(id);
      return this;
    }

    Builder motion(Motion m) {
      motions.put(m.id(), m);
      return this;
    }

    Builder minutes(Minutes m) {
      minutes = m;
      return this;
    }

    Builder decision(RecordedDecision d) {
      decisions = append(decisions, d);
      return this;
    }

    Builder actionItem(ActionItem item) {
      actionItems = replaceOrAppend(actionItems, item, ActionItem::id);
      return this;
    }

    Builder removeActionItem(String id) {
      actionItems = actionItems.stream().filter(a -> !a.id().equals(id)).toList();
      return this;
    }

    Builder parkedPoint(ParkedPoint point) {
      parkingLot = replaceOrAppend(parkingLot, point, ParkedPoint::id);
      return this;
    }

    private static <T> List<T> append(List<T> list, T value) {
      List<T> copy = new java.util.ArrayList<>(list);
      copy.add(value);
      return copy;
    }

    private static <T> List<T> replaceOrAppend(List<T> list, T value, java.util.function.Function<T, String> id) {
      String key = id.apply(value);
      return list.stream().anyMatch(v -> id.apply(v).equals(key))
          ? list.stream().map(v -> id.apply(v).equals(key) ? value : v).toList()
          : append(list, value);
    }

    Builder serial(long s) {
      serial = Math.max(serial, s);
      return this;
    }

    RoomState build() {
      return new RoomState(roomId, meeting, participants, agenda, countdown, floor, queue, speakerLimitSeconds,
          speakingMs, departmentSpeakingMs, board, notes, clusters, motions, minutes, decisions, actionItems,
          parkingLot, serial);
    }
  }
}
