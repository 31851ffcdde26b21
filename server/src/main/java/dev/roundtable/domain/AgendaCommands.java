package dev.roundtable.domain;

import dev.roundtable.domain.AgendaEvents.AgendaReordered;
import dev.roundtable.domain.AgendaEvents.ItemAdded;
import dev.roundtable.domain.AgendaEvents.ItemCompleted;
import dev.roundtable.domain.AgendaEvents.ItemDeferred;
import dev.roundtable.domain.AgendaEvents.ItemEdited;
import dev.roundtable.domain.AgendaEvents.ItemRemoved;
import dev.roundtable.domain.AgendaEvents.ItemStarted;
import dev.roundtable.domain.MeetingEvents.MeetingStarted;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Commands that build the agenda and work through it, one item at a time. */
public final class AgendaCommands {
  private AgendaCommands() {
  }

  /** Adds an item at {@code position} (default: the end). Without a time-box the kind's default applies. */
  public record AddItem(String title, String owner, Integer timeboxSeconds, String expectedOutput, ItemKind kind,
      Integer position) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .text("title", title, Limits.TITLE_CHARS, true)
          .text("owner", owner, Limits.OWNER_CHARS, false)
          .range("timeboxSeconds", timeboxSeconds, Limits.MIN_TIMEBOX_SECONDS, Limits.MAX_TIMEBOX_SECONDS, false)
          .text("expectedOutput", expectedOutput, Limits.EXPECTED_OUTPUT_CHARS, false)
          .range("position", position, 0, s.agenda().size(), false)
          .check(s.agenda().size() < Limits.MAX_AGENDA_ITEMS, ErrorCode.LIMIT_REACHED,
              "the agenda is full (" + Limits.MAX_AGENDA_ITEMS + " items)")
          .then(() -> {
            ItemKind k = kind == null ? ItemKind.DISCUSS : kind;
            String id = Ids.item(s.serial() + 1);
            AgendaItem item = new AgendaItem(id, title.strip(), Text.orEmpty(owner),
                timeboxSeconds == null ? k.defaultTimeboxSeconds() : timeboxSeconds, Text.orEmpty(expectedOutput),
                k, ItemStatus.PENDING, 1, 0, null);
            return Decision.accept(Map.of("itemId", id),
                new ItemAdded(item, position == null ? s.agenda().size() : position, s.serial() + 1));
          });
    }
  }

  /** Changes an item's details; {@code version} must be the item's current version. Omitted fields keep their value. */
  public record EditItem(String itemId, Integer version, String title, String owner, Integer timeboxSeconds,
      String expectedOutput, ItemKind kind) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .present("itemId", itemId)
          .present("version", version)
          .text("title", title, Limits.TITLE_CHARS, false)
          .text("owner", owner, Limits.OWNER_CHARS, false)
          .range("timeboxSeconds", timeboxSeconds, Limits.MIN_TIMEBOX_SECONDS, Limits.MAX_TIMEBOX_SECONDS, false)
          .text("expectedOutput", expectedOutput, Limits.EXPECTED_OUTPUT_CHARS, false)
          .andThen(() -> Lookups.item(s, itemId))
          .andThen(() -> Versions.check("item " + itemId, s.item(itemId).get().version(), version))
          .andThen(() -> notDone(s.item(itemId).get()))
          .then(() -> {
            AgendaItem i = s.item(itemId).get();
            return Decision.accept(new ItemEdited(new AgendaItem(i.id(), Text.or(title, i.title()),
                owner == null ? i.owner() : owner.strip(),
                timeboxSeconds == null ? i.timeboxSeconds() : timeboxSeconds,
                expectedOutput == null ? i.expectedOutput() : expectedOutput.strip(),
                kind == null ? i.kind() : kind, i.status(), i.version() + 1, i.actualMs(), i.completedAt())));
          });
    }
  }

  /**
   * Removes an item that is neither being worked on nor completed (a completed item belongs to the
   * minutes). {@code version}, when given, must be current.
   */
  public record RemoveItem(String itemId, Integer version) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .present("itemId", itemId)
          .andThen(() -> Lookups.item(s, itemId))
          .andThen(() -> Versions.check("item " + itemId, s.item(itemId).get().version(), version))
          .check(s.item(itemId).map(i -> i.status() != ItemStatus.ACTIVE).orElse(true), ErrorCode.INVALID_STATE,
              "the item is being worked on; complete or defer it first")
          .andThen(() -> notDone(s.item(itemId).get()))
          .then(() -> Decision.accept(new ItemRemoved(itemId)));
    }
  }

  /**
   * Puts the agenda in a new order. The list must name every current item exactly once, so a reorder made
   * against an agenda that has since gained or lost items is refused rather than half applied.
   */
  public record ReorderAgenda(List<String> itemIds) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .present("itemIds", itemIds)
          .check(itemIds == null || isPermutation(s, itemIds), ErrorCode.STALE_VERSION,
              "itemIds must list every current agenda item exactly once")
          .then(() -> Decision.accept(new AgendaReordered(itemIds)));
    }

    private static boolean isPermutation(RoomState s, List<String> ids) {
      Set<String> current = new HashSet<>();
      s.agenda().forEach(i -> current.add(i.id()));
      Set<String> given = new HashSet<>(ids);
      return ids.size() == current.size() && given.equals(current);
    }
  }

  /**
   * Makes an item current and starts its countdown from its full time-box. Another item must not be
   * active; starting the first item takes the meeting live.
   */
  public record StartItem(String itemId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .present("itemId", itemId)
          .andThen(() -> Lookups.item(s, itemId))
          .check(s.activeItem().isEmpty(), ErrorCode.INVALID_STATE,
              "another item is active; complete or defer it first")
          .andThen(() -> notDone(s.item(itemId).get()))
          .then(() -> {
            List<Event> events = new ArrayList<>();
            if (s.meeting().status() == MeetingStatus.SCHEDULED) {
              events.add(new MeetingStarted(now));
            }
            events.add(new ItemStarted(itemId, now, s.item(itemId).get().plannedMs()));
            return Decision.accept(events);
          });
    }
  }

  /** Completes the active item (the one named, or the current one when no id is given). */
  public record CompleteItem(String itemId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .andThen(() -> activeMatches(s, itemId))
          .then(() -> Decision.accept(completion(s, s.activeItem().get(), now)));
    }
  }

  /** Sets an item aside to come back to later; a deferred item can be started again. */
  public record DeferItem(String itemId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .present("itemId", itemId)
          .andThen(() -> Lookups.item(s, itemId))
          .andThen(() -> notDone(s.item(itemId).get()))
          .check(s.item(itemId).map(i -> i.status() != ItemStatus.DEFERRED).orElse(true), ErrorCode.INVALID_STATE,
              "the item is already deferred")
          .then(() -> {
            AgendaItem item = s.item(itemId).get();
            return Decision.accept(new ItemDeferred(itemId, now, item.actualMs() + runningTime(s, item, now)));
          });
    }
  }

  static ItemCompleted completion(RoomState s, AgendaItem item, long now) {
    return new ItemCompleted(item.id(), now, item.actualMs() + runningTime(s, item, now));
  }

  private static long runningTime(RoomState s, AgendaItem item, long now) {
    Countdown c = s.countdown();
    return c != null && c.itemId().equals(item.id()) ? c.elapsedAt(now) : 0;
  }

  static Optional<Rejection> activeMatches(RoomState s, String itemId) {
    Optional<AgendaItem> active = s.activeItem();
    if (active.isEmpty()) {
      return Optional.of(Rejection.of(ErrorCode.INVALID_STATE, "no agenda item is active"));
    }
    if (itemId != null && !itemId.equals(active.get().id())) {
      return s.item(itemId).isEmpty() ? Lookups.item(s, itemId)
          : Optional.of(Rejection.of(ErrorCode.INVALID_STATE, "item " + itemId + " is not the active item"));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> notDone(AgendaItem item) {
    return item.status() == ItemStatus.DONE
        ? Optional.of(Rejection.of(ErrorCode.INVALID_STATE, "item " + item.id() + " is already completed"))
        : Optional.empty();
  }
}
