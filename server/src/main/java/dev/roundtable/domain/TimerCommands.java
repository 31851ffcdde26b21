package dev.roundtable.domain;

import dev.roundtable.domain.TimerEvents.TimerExtended;
import dev.roundtable.domain.TimerEvents.TimerPaused;
import dev.roundtable.domain.TimerEvents.TimerReset;
import dev.roundtable.domain.TimerEvents.TimerResumed;
import dev.roundtable.domain.TimerEvents.TopicTimeUp;
import dev.roundtable.domain.SpeakerEvents.SpeakerTimeUp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Commands on the current topic's countdown, and the server's {@link Tick} that announces run-outs. The
 * countdown always belongs to the active item.
 */
public final class TimerCommands {
  private TimerCommands() {
  }

  public record PauseTimer() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .andThen(() -> countdown(s, true))
          .then(() -> {
            Countdown c = s.countdown();
            AgendaItem item = s.item(c.itemId()).orElseThrow();
            return Decision.accept(new TimerPaused(c.itemId(), now, c.remainingAt(now), item.actualMs() + c.elapsedAt(now)));
          });
    }
  }

  public record ResumeTimer() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .andThen(() -> countdown(s, false))
          .then(() -> Decision.accept(
              new TimerResumed(s.countdown().itemId(), now, now + s.countdown().remainingMs())));
    }
  }

  /** Gives the current topic more time, running or paused. */
  public record ExtendTimer(Integer seconds) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .range("seconds", seconds, Limits.MIN_EXTEND_SECONDS, Limits.MAX_EXTEND_SECONDS, true)
          .andThen(() -> countdown(s, null))
          .then(() -> {
            Countdown c = s.countdown();
            long added = seconds * 1000L;
            long remaining = c.remainingAt(now) + added;
            return Decision.accept(new TimerExtended(c.itemId(), added, c.deadline() + added, remaining,
                c.timeUpFired() && remaining <= 0));
          });
    }
  }

  /** Starts the countdown over from the item's full time-box, keeping it running or paused as it was. */
  public record ResetTimer() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .andThen(() -> countdown(s, null))
          .then(() -> {
            Countdown c = s.countdown();
            AgendaItem item = s.item(c.itemId()).orElseThrow();
            return Decision.accept(new TimerReset(c.itemId(), now, item.plannedMs(), c.running(),
                item.actualMs() + c.elapsedAt(now)));
          });
    }
  }

  /**
   * Sent by the server when a deadline may have passed (its timer fired, or the room was just loaded).
   * Announces each run-out that is due and not yet announced; accepting with no events when none is.
   */
  public record Tick() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().then(() -> {
        List<Event> events = new ArrayList<>();
        if (s.countdown() != null && s.countdown().dueAt(now)) {
          events.add(new TopicTimeUp(s.countdown().itemId(), now));
        }
        if (s.floor() != null && s.floor().dueAt(now)) {
          events.add(new SpeakerTimeUp(s.floor().speakerId(), now));
        }
        return Decision.accept(events);
      });
    }
  }

  /** Requires a countdown; {@code running} when non-null also requires it to be running (true) or paused (false). */
  private static Optional<Rejection> countdown(RoomState s, Boolean running) {
    Countdown c = s.countdown();
    if (c == null) {
      return Optional.of(Rejection.of(ErrorCode.INVALID_STATE, "no topic countdown: start an agenda item first"));
    }
    if (running != null && c.running() != running) {
      return Optional.of(Rejection.of(ErrorCode.INVALID_STATE,
          running ? "the countdown is paused" : "the countdown is running"));
    }
    return Optional.empty();
  }
}
