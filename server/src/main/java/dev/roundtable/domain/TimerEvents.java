package dev.roundtable.domain;

/** Events of the current topic's countdown: pause, resume, extend, reset, and its run-out. */
public final class TimerEvents {
  private TimerEvents() {
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
