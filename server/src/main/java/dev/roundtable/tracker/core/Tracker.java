package dev.roundtable.tracker.core;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A series' action tracker: every action item its meetings recorded, as it is followed up after the meeting.
 * {@link #apply} is the state machine, pure like {@code series.core.Series}: no clock (time comes in as
 * {@code now}), no randomness (item ids come from {@link #serial}); a refusal leaves the state as it was.
 *
 * <p>Invariants: item ids are unique; no two items come from the same room action item (same
 * {@code source.roomId} and {@code source.actionId}), so importing a meeting twice adds nothing; there are at
 * most {@link TrackerLimits#MAX_ITEMS} items; {@link #serial} only rises.
 */
public record Tracker(String seriesId, List<TrackedItem> items, long serial) {

  public Tracker {
    Objects.requireNonNull(seriesId, "seriesId");
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** The tracker of a series nothing was imported into yet. */
  public static Tracker empty(String seriesId) {
    return new Tracker(seriesId, List.of(), 0);
  }

  /** What {@link #apply} gives: the events and the new state (and a result), or a refusal. */
  public sealed interface Outcome {
  }

  public record Applied(List<TrackerEvent> events, Tracker state, Map<String, Object> result) implements Outcome {
    public Applied {
      events = List.copyOf(events);
      result = Map.copyOf(result);
    }
  }

  public record Refused(Rejection rejection) implements Outcome {
  }

  /** A request to change the tracker: accepted with events (and a result) or refused; it changes nothing itself. */
  public interface Command {
    Outcome decide(Tracker state, TrackerActor actor, long now);
  }

  public static Outcome apply(Tracker state, TrackerActor actor, Command command, long now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(actor, "actor");
    if (command == null) {
      return refuse(ErrorCode.UNKNOWN_COMMAND, "command is missing");
    }
    Outcome decided = command.decide(state, actor, now);
    if (decided instanceof Applied a) {
      return new Applied(a.events(), fold(state, a.events()), a.result());
    }
    return decided;
  }

  public static Tracker fold(Tracker state, Iterable<? extends TrackerEvent> events) {
    Tracker t = state;
    for (TrackerEvent e : events) {
      t = e.evolve(t);
    }
    return t;
  }

  public Optional<TrackedItem> item(String itemId) {
    return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
  }

  /** Whether the room action item {@code actionId} of {@code roomId} was imported already. */
  public boolean imported(String roomId, String actionId) {
    return items.stream().anyMatch(i -> i.source() != null && roomId.equals(i.source().roomId())
        && actionId.equals(i.source().actionId()));
  }

  static Refused refuse(ErrorCode code, String message) {
    return new Refused(Rejection.of(code, message));
  }

  static Applied accept(Tracker state, List<TrackerEvent> events, Map<String, Object> result) {
    return new Applied(events, state, result);
  }

  Tracker withItems(List<TrackedItem> list, long newSerial) {
    return new Tracker(seriesId, list, Math.max(serial, newSerial));
  }

  Tracker replaced(TrackedItem item) {
    List<TrackedItem> list = new ArrayList<>(items);
    list.replaceAll(i -> i.id().equals(item.id()) ? item : i);
    return new Tracker(seriesId, list, serial);
  }
}
