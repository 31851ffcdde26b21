package dev.roundtable.domain;

import dev.roundtable.domain.Minutes.MinutesRevision;
import dev.roundtable.domain.text.TextOperation;
import java.util.ArrayList;
import java.util.List;

/** Events of the co-edited minutes and of what they record: decisions, action items, the parking lot. */
public final class MinutesEvents {
  private MinutesEvents() {
  }

  /**
   * The minutes text moved to {@code revision} by {@code ops} (already transformed over everything the
   * author had not seen), typed by {@code authorId}.
   */
  public record MinutesEdited(int revision, String authorId, List<Object> ops) implements Event {
    public MinutesEdited {
      ops = List.copyOf(ops);
    }

    @Override
    public RoomState evolve(RoomState s) {
      Minutes m = s.minutes();
      List<MinutesRevision> history = new ArrayList<>(m.history());
      history.add(new MinutesRevision(revision, authorId, ops));
      if (history.size() > Limits.MINUTES_HISTORY) {
        history = history.subList(history.size() - Limits.MINUTES_HISTORY, history.size());
      }
      String text = TextOperation.of(ops).apply(m.text());
      return s.toBuilder().minutes(new Minutes(text, revision, history, false, null)).build();
    }
  }

  public record MinutesFinalized(long at) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Minutes m = s.minutes();
      return s.toBuilder().minutes(new Minutes(m.text(), m.revision(), m.history(), true, at)).build();
    }
  }

  public record DecisionRecorded(RecordedDecision decision, long serial) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().decision(decision).serial(serial).build();
    }
  }

  public record ActionItemAdded(ActionItem item, long serial) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().actionItem(item).serial(serial).build();
    }
  }

  public record ActionItemEdited(ActionItem item) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().actionItem(item).build();
    }
  }

  public record ActionItemRemoved(String actionItemId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().removeActionItem(actionItemId).build();
    }
  }

  public record PointParked(ParkedPoint point, long serial) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().parkedPoint(point).serial(serial).build();
    }
  }

  public record PointUpdated(ParkedPoint point) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().parkedPoint(point).build();
    }
  }
}
