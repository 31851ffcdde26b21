package dev.roundtable.domain;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Events about the agenda and the current topic's countdown. */
public final class AgendaEvents {
  private AgendaEvents() {
  }

  public record ItemAdded(AgendaItem item, int index, long serial) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      List<AgendaItem> items = new java.util.ArrayList<>(s.agenda());
      items.add(Math.min(index, items.size()), item);
      return s.toBuilder().agenda(items).serial(serial).build();
    }
  }

  public record ItemEdited(AgendaItem item) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().replaceItem(item).build();
    }
  }

  public record ItemRemoved(String itemId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().agenda(s.agenda().stream().filter(i -> !i.id().equals(itemId)).toList()).build();
    }
  }

  public record AgendaReordered(List<String> itemIds) implements Event {
    public AgendaReordered {
      itemIds = List.copyOf(itemIds);
    }

    @Override
    public RoomState evolve(RoomState s) {
      Map<String, AgendaItem> byId = s.agenda().stream()
          .collect(Collectors.toMap(AgendaItem::id, Function.identity()));
      return s.toBuilder().agenda(itemIds.stream().map(byId::get).toList()).build();
    }
  }

  public record ItemStarted(String itemId, long at, long durationMs) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      AgendaItem item = s.item(itemId).orElseThrow();
      return s.toBuilder()
          .replaceItem(item.withStatus(ItemStatus.ACTIVE, item.actualMs(), null))
          .countdown(Countdown.start(itemId, at, durationMs))
          .build();
    }
  }

  /** The topic is done; {@code actualMs} is its total running time, to compare with the time-box. */
  public record ItemCompleted(String itemId, long at, long actualMs) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      AgendaItem item = s.item(itemId).orElseThrow();
      return s.toBuilder()
          .replaceItem(item.withStatus(ItemStatus.DONE, actualMs, at))
          .countdown(null)
          .build();
    }
  }

  public record ItemDeferred(String itemId, long at, long actualMs) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      AgendaItem item = s.item(itemId).orElseThrow();
      RoomState.Builder b = s.toBuilder().replaceItem(item.withStatus(ItemStatus.DEFERRED, actualMs, null));
      if (s.countdown() != null && s.countdown().itemId().equals(itemId)) {
        b.countdown(null);
      }
      return b.build();
    }
  }

  public record TimerPaused(String itemId, long at, long remainingMs, long actualMs) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Countdown c = s.countdown();
      AgendaItem item = s.item(itemId).orElseThrow();
      return s.toBuilder()
          .countdown(new Countdown(itemId, false, c.deadline(), remainingMs, 0, c.timeUpFired()))
          .replaceItem(item.withStatus(item.status(), actualMs, item.completedAt()))
          .build();
    }
  }

  public record TimerResumed(String itemId, long at, long deadline) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Countdown c = s.countdown();
      return s.toBuilder()
          .countdown(new Countdown(itemId, true, deadline, deadline - at, at, c.timeUpFired()))
          .build();
    }
  }

  /**
   * More time for the topic. {@code timeUpFired} stays set only if the topic is still overrun after the
   * extension, so a countdown that runs out again announces it again.
   */
  public record TimerExtended(String itemId, long addedMs, long deadline, long remainingMs, boolean timeUpFired)
      implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Countdown c = s.countdown();
      return s.toBuilder()
          .countdown(new Countdown(itemId, c.running(), deadline, remainingMs, c.runningSince(), timeUpFired))
          .build();
    }
  }

  /** The countdown starts over from the full time-box; time already spent still counts as actual time. */
  public record TimerReset(String itemId, long at, long durationMs, boolean running, long actualMs)
      implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      AgendaItem item = s.item(itemId).orElseThrow();
      Countdown c = running ? Countdown.start(itemId, at, durationMs)
          : new Countdown(itemId, false, at + durationMs, durationMs, 0, false);
      return s.toBuilder()
          .countdown(c)
          .replaceItem(item.withStatus(item.status(), actualMs, item.completedAt()))
          .build();
    }
  }

  public record TopicTimeUp(String itemId, long at) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Countdown c = s.countdown();
      return s.toBuilder()
          .countdown(new Countdown(c.itemId(), c.running(), c.deadline(), c.remainingMs(), c.runningSince(), true))
          .build();
    }
  }
}
