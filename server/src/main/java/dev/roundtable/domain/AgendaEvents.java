package dev.roundtable.domain;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Events about the agenda: its items and their progress (started, completed, deferred). */
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
}
