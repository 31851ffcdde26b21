package dev.roundtable.tracker.core;

import java.util.ArrayList;
import java.util.List;

/** Something that happened to a tracker; carries the resulting values, so {@link #evolve} never fails. */
public sealed interface TrackerEvent {
  Tracker evolve(Tracker state);

  /** Items taken over from a meeting's minutes; {@code serial} is the tracker's serial after them. */
  record ItemsImported(List<TrackedItem> items, long serial) implements TrackerEvent {
    public ItemsImported {
      items = List.copyOf(items);
    }

    @Override
    public Tracker evolve(Tracker state) {
      List<TrackedItem> list = new ArrayList<>(state.items());
      list.addAll(items);
      return state.withItems(list, serial);
    }
  }

  /** An item as it is after a status change, a progress note or an edit. */
  record ItemChanged(TrackedItem item) implements TrackerEvent {
    @Override
    public Tracker evolve(Tracker state) {
      return state.replaced(item);
    }
  }
}
