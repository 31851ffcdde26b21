package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.ANA_ID;
import static dev.roundtable.domain.Rooms.BEN_ID;
import static dev.roundtable.domain.Rooms.DEFAULT_SPEAKER_LIMIT;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.ITEM_1;
import static dev.roundtable.domain.Rooms.ITEM_1_SECONDS;
import static dev.roundtable.domain.Rooms.SCREEN;
import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.accepted;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.empty;
import static dev.roundtable.domain.Rooms.ended;
import static dev.roundtable.domain.Rooms.refused;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.AgendaCommands.CompleteItem;
import dev.roundtable.domain.AgendaCommands.StartItem;
import dev.roundtable.domain.AgendaEvents.ItemCompleted;
import dev.roundtable.domain.TimerEvents.TimerExtended;
import dev.roundtable.domain.TimerEvents.TimerPaused;
import dev.roundtable.domain.TimerEvents.TimerReset;
import dev.roundtable.domain.TimerEvents.TimerResumed;
import dev.roundtable.domain.TimerEvents.TopicTimeUp;
import dev.roundtable.domain.SpeakerCommands.EndFloor;
import dev.roundtable.domain.SpeakerCommands.GiveFloor;
import dev.roundtable.domain.SpeakerCommands.SetSpeakerLimit;
import dev.roundtable.domain.SpeakerEvents.SpeakerTimeUp;
import dev.roundtable.domain.TimerCommands.ExtendTimer;
import dev.roundtable.domain.TimerCommands.PauseTimer;
import dev.roundtable.domain.TimerCommands.ResetTimer;
import dev.roundtable.domain.TimerCommands.ResumeTimer;
import dev.roundtable.domain.TimerCommands.Tick;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Timer commands")
class TimerCommandsTest {
  private static final long PLANNED = ITEM_1_SECONDS * 1000L;
  private static final long DEADLINE = T0 + PLANNED;
  private static final long FLOOR_MS = DEFAULT_SPEAKER_LIMIT * 1000L;

  /** Item 1 has been running since T0, so its time is up at {@link #DEADLINE}. */
  private static RoomState running() {
    return after(room(), FACILITATOR, new StartItem(ITEM_1), T0);
  }

  private static RoomState pausedAt(long at) {
    return after(running(), FACILITATOR, new PauseTimer(), at);
  }

  private static List<Event> tick(RoomState s, long now) {
    return accepted(s, SYSTEM, new Tick(), now).events();
  }

  private static Stream<DynamicTest> commonRefusals(Command command) {
    return Stream.of(
        refused("it before the meeting exists", empty(), SYSTEM, command, ErrorCode.ROOM_NOT_FOUND),
        refused("it after the meeting ended", ended(), FACILITATOR, command, ErrorCode.MEETING_ENDED),
        refused("it from a participant", running(), ANA, command, ErrorCode.FORBIDDEN),
        refused("it from a screen", running(), SCREEN, command, ErrorCode.FORBIDDEN),
        refused("it when no item has been started", room(), FACILITATOR, command, ErrorCode.INVALID_STATE));
  }

  @Nested
  @DisplayName("PauseTimer")
  class PauseTimerTest {

    @Test
    @DisplayName("stops the countdown, keeping what is left and adding the run to the item's actual time")
    void pauses() {
      Outcome.Applied outcome = accepted(running(), FACILITATOR, new PauseTimer(), T0 + 60_000);

      assertThat(outcome.events()).containsExactly(new TimerPaused(ITEM_1, T0 + 60_000, PLANNED - 60_000, 60_000));
      RoomState s = outcome.state();
      assertThat(s.countdown().running()).isFalse();
      assertThat(s.countdown().remainingMs()).isEqualTo(PLANNED - 60_000);
      assertThat(s.countdown().remainingAt(T0 + 999_999)).isEqualTo(PLANNED - 60_000);
      assertThat(s.item(ITEM_1).orElseThrow().actualMs()).isEqualTo(60_000);
      assertThat(s.nextDeadline()).isEmpty();
    }

    @Test
    @DisplayName("keeps a negative remaining time when paused after running out")
    void pausesOverrun() {
      RoomState s = pausedAt(DEADLINE + 5_000);

      assertThat(s.countdown().remainingMs()).isEqualTo(-5_000);
      assertThat(s.item(ITEM_1).orElseThrow().actualMs()).isEqualTo(PLANNED + 5_000);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return Stream.concat(commonRefusals(new PauseTimer()), Stream.of(
          refused("pausing a paused countdown", pausedAt(T0 + 1_000), FACILITATOR, new PauseTimer(),
              ErrorCode.INVALID_STATE)));
    }
  }

  @Nested
  @DisplayName("ResumeTimer")
  class ResumeTimerTest {

    @Test
    @DisplayName("runs the countdown on from the time that was left")
    void resumes() {
      Outcome.Applied outcome = accepted(pausedAt(T0 + 60_000), FACILITATOR, new ResumeTimer(), T0 + 200_000);

      long newDeadline = T0 + 200_000 + PLANNED - 60_000;
      assertThat(outcome.events()).containsExactly(new TimerResumed(ITEM_1, T0 + 200_000, newDeadline));
      RoomState s = outcome.state();
      assertThat(s.countdown().running()).isTrue();
      assertThat(s.countdown().deadline()).isEqualTo(newDeadline);
      assertThat(s.countdown().remainingAt(T0 + 200_000)).isEqualTo(PLANNED - 60_000);
      assertThat(s.nextDeadline()).hasValue(newDeadline);
      assertThat(tick(s, newDeadline - 1)).isEmpty();
      assertThat(tick(s, newDeadline)).containsExactly(new TopicTimeUp(ITEM_1, newDeadline));
    }

    @Test
    @DisplayName("does not announce a run-out while paused, only once resumed")
    void noTimeUpWhilePaused() {
      RoomState paused = pausedAt(T0 + 60_000);

      assertThat(tick(paused, DEADLINE + 60_000)).isEmpty();
      RoomState resumed = after(paused, FACILITATOR, new ResumeTimer(), DEADLINE + 60_000);
      assertThat(tick(resumed, DEADLINE + 60_000 + PLANNED - 60_000)).hasSize(1);
    }

    @Test
    @DisplayName("does not announce a run-out again after a pause and resume")
    void timeUpOnceAcrossPause() {
      RoomState s = after(running(), SYSTEM, new Tick(), DEADLINE + 1_000);
      s = after(s, FACILITATOR, new PauseTimer(), DEADLINE + 2_000);
      s = after(s, FACILITATOR, new ResumeTimer(), DEADLINE + 10_000);

      assertThat(s.countdown().timeUpFired()).isTrue();
      assertThat(tick(s, DEADLINE + 20_000)).isEmpty();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return Stream.concat(commonRefusals(new ResumeTimer()), Stream.of(
          refused("resuming a running countdown", running(), FACILITATOR, new ResumeTimer(),
              ErrorCode.INVALID_STATE)));
    }
  }

  @Nested
  @DisplayName("ExtendTimer")
  class ExtendTimerTest {

    @Test
    @DisplayName("moves a running countdown's deadline later")
    void extendsRunning() {
      Outcome.Applied outcome = accepted(running(), FACILITATOR, new ExtendTimer(60), T0 + 60_000);

      assertThat(outcome.events()).containsExactly(
          new TimerExtended(ITEM_1, 60_000, DEADLINE + 60_000, PLANNED, false));
      assertThat(outcome.state().countdown().deadline()).isEqualTo(DEADLINE + 60_000);
      assertThat(outcome.state().countdown().running()).isTrue();
      assertThat(outcome.state().countdown().remainingAt(T0 + 60_000)).isEqualTo(PLANNED);
      assertThat(outcome.state().nextDeadline()).hasValue(DEADLINE + 60_000);
    }

    @Test
    @DisplayName("adds to a paused countdown's remaining time")
    void extendsPaused() {
      RoomState s = after(pausedAt(T0 + 60_000), FACILITATOR, new ExtendTimer(30), T0 + 90_000);

      assertThat(s.countdown().running()).isFalse();
      assertThat(s.countdown().remainingMs()).isEqualTo(PLANNED - 60_000 + 30_000);
      RoomState resumed = after(s, FACILITATOR, new ResumeTimer(), T0 + 100_000);
      assertThat(resumed.countdown().deadline()).isEqualTo(T0 + 100_000 + PLANNED - 30_000);
    }

    @Test
    @DisplayName("re-arms a countdown that ran out, so the next run-out is announced again")
    void rearmsAfterTimeUp() {
      RoomState s = after(running(), SYSTEM, new Tick(), DEADLINE + 1_000);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new ExtendTimer(120), DEADLINE + 10_000);

      assertThat(outcome.events()).containsExactly(
          new TimerExtended(ITEM_1, 120_000, DEADLINE + 120_000, 110_000, false));
      s = outcome.state();
      assertThat(s.countdown().timeUpFired()).isFalse();
      assertThat(s.nextDeadline()).hasValue(DEADLINE + 120_000);
      assertThat(tick(s, DEADLINE + 119_999)).isEmpty();
      assertThat(tick(s, DEADLINE + 121_000)).containsExactly(new TopicTimeUp(ITEM_1, DEADLINE + 121_000));
      s = after(s, SYSTEM, new Tick(), DEADLINE + 121_000);
      assertThat(tick(s, DEADLINE + 122_000)).isEmpty();
    }

    @Test
    @DisplayName("leaves a countdown that is still overrun after the extension announced")
    void staysFiredWhenStillOverrun() {
      RoomState s = after(running(), SYSTEM, new Tick(), DEADLINE + 1_000);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new ExtendTimer(60), DEADLINE + 100_000);

      assertThat(outcome.events()).containsExactly(
          new TimerExtended(ITEM_1, 60_000, DEADLINE + 60_000, -40_000, true));
      assertThat(outcome.state().nextDeadline()).isEmpty();
      assertThat(tick(outcome.state(), DEADLINE + 200_000)).isEmpty();
    }

    @Test
    @DisplayName("accepts the smallest and the largest extension")
    void acceptsLimits() {
      assertThat(after(running(), FACILITATOR, new ExtendTimer(Limits.MIN_EXTEND_SECONDS), T0).countdown().deadline())
          .isEqualTo(DEADLINE + Limits.MIN_EXTEND_SECONDS * 1000L);
      assertThat(after(running(), FACILITATOR, new ExtendTimer(Limits.MAX_EXTEND_SECONDS), T0).countdown().deadline())
          .isEqualTo(DEADLINE + Limits.MAX_EXTEND_SECONDS * 1000L);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return Stream.concat(commonRefusals(new ExtendTimer(60)), Stream.of(
          refused("an extension without seconds", running(), FACILITATOR, new ExtendTimer(null),
              ErrorCode.INVALID_FIELD),
          refused("an extension below the minimum", running(), FACILITATOR,
              new ExtendTimer(Limits.MIN_EXTEND_SECONDS - 1), ErrorCode.INVALID_FIELD),
          refused("an extension above the maximum", running(), FACILITATOR,
              new ExtendTimer(Limits.MAX_EXTEND_SECONDS + 1), ErrorCode.INVALID_FIELD)));
    }
  }

  @Nested
  @DisplayName("ResetTimer")
  class ResetTimerTest {

    @Test
    @DisplayName("starts a running countdown over from the full time-box, keeping the time spent as actual time")
    void resetsRunning() {
      Outcome.Applied outcome = accepted(running(), FACILITATOR, new ResetTimer(), T0 + 100_000);

      assertThat(outcome.events()).containsExactly(new TimerReset(ITEM_1, T0 + 100_000, PLANNED, true, 100_000));
      RoomState s = outcome.state();
      assertThat(s.countdown()).isEqualTo(new Countdown(ITEM_1, true, T0 + 100_000 + PLANNED, PLANNED, T0 + 100_000,
          false));
      assertThat(s.item(ITEM_1).orElseThrow().actualMs()).isEqualTo(100_000);
      assertThat(accepted(s, FACILITATOR, new CompleteItem(null), T0 + 150_000).events())
          .containsExactly(new ItemCompleted(ITEM_1, T0 + 150_000, 150_000));
    }

    @Test
    @DisplayName("keeps a paused countdown paused, with the full time-box left")
    void resetsPaused() {
      Outcome.Applied outcome = accepted(pausedAt(T0 + 60_000), FACILITATOR, new ResetTimer(), T0 + 90_000);

      assertThat(outcome.events()).containsExactly(new TimerReset(ITEM_1, T0 + 90_000, PLANNED, false, 60_000));
      assertThat(outcome.state().countdown().running()).isFalse();
      assertThat(outcome.state().countdown().remainingMs()).isEqualTo(PLANNED);
      assertThat(outcome.state().item(ITEM_1).orElseThrow().actualMs()).isEqualTo(60_000);
    }

    @Test
    @DisplayName("re-arms a countdown that ran out")
    void rearmsAfterTimeUp() {
      RoomState s = after(running(), SYSTEM, new Tick(), DEADLINE);
      s = after(s, FACILITATOR, new ResetTimer(), DEADLINE + 30_000);

      assertThat(s.countdown().timeUpFired()).isFalse();
      assertThat(tick(s, DEADLINE + 30_000 + PLANNED - 1)).isEmpty();
      assertThat(tick(s, DEADLINE + 30_000 + PLANNED)).containsExactly(
          new TopicTimeUp(ITEM_1, DEADLINE + 30_000 + PLANNED));
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return commonRefusals(new ResetTimer());
    }
  }

  @Nested
  @DisplayName("Tick")
  class TickTest {

    @Test
    @DisplayName("announces nothing before the deadline and leaves the state as it was")
    void nothingBeforeDeadline() {
      RoomState s = running();

      Outcome.Applied outcome = accepted(s, SYSTEM, new Tick(), DEADLINE - 1);

      assertThat(outcome.events()).isEmpty();
      assertThat(outcome.state()).isEqualTo(s);
    }

    @Test
    @DisplayName("announces the topic's time-up once the deadline is reached")
    void timeUpAtDeadline() {
      Outcome.Applied outcome = accepted(running(), SYSTEM, new Tick(), DEADLINE);

      assertThat(outcome.events()).containsExactly(new TopicTimeUp(ITEM_1, DEADLINE));
      assertThat(outcome.state().countdown().timeUpFired()).isTrue();
      assertThat(outcome.state().countdown().running()).isTrue();
      assertThat(outcome.state().countdown().deadline()).isEqualTo(DEADLINE);
      assertThat(outcome.state().nextDeadline()).isEmpty();
    }

    @Test
    @DisplayName("announces the topic's time-up exactly once per run-out")
    void timeUpOnce() {
      RoomState s = running();

      List<Event> late = tick(s, DEADLINE + 5_000);
      s = after(s, SYSTEM, new Tick(), DEADLINE + 5_000);

      assertThat(late).containsExactly(new TopicTimeUp(ITEM_1, DEADLINE + 5_000));
      assertThat(tick(s, DEADLINE + 6_000)).isEmpty();
      assertThat(tick(s, DEADLINE + 600_000)).isEmpty();
    }

    @Test
    @DisplayName("announces the speaker's time-up once, at the deadline set from the speaker limit")
    void speakerTimeUpOnce() {
      RoomState s = after(room(), FACILITATOR, new GiveFloor(ANA_ID), T0);
      assertThat(s.nextDeadline()).hasValue(T0 + FLOOR_MS);

      assertThat(tick(s, T0 + FLOOR_MS - 1)).isEmpty();
      assertThat(tick(s, T0 + FLOOR_MS)).containsExactly(new SpeakerTimeUp(ANA_ID, T0 + FLOOR_MS));
      s = after(s, SYSTEM, new Tick(), T0 + FLOOR_MS + 10);
      assertThat(s.floor().timeUpFired()).isTrue();
      assertThat(s.floor().speakerId()).isEqualTo(ANA_ID);
      assertThat(s.nextDeadline()).isEmpty();
      assertThat(tick(s, T0 + FLOOR_MS + 20)).isEmpty();
    }

    @Test
    @DisplayName("announces both run-outs in one tick, topic first")
    void bothInOneTick() {
      RoomState s = after(running(), FACILITATOR, new SetSpeakerLimit(Limits.MIN_SPEAKER_LIMIT_SECONDS), T0);
      s = after(s, FACILITATOR, new GiveFloor(ANA_ID), DEADLINE - 5_000);
      assertThat(s.nextDeadline()).hasValue(DEADLINE);

      assertThat(tick(s, DEADLINE + 10_000)).containsExactly(
          new TopicTimeUp(ITEM_1, DEADLINE + 10_000), new SpeakerTimeUp(ANA_ID, DEADLINE + 10_000));
    }

    @Test
    @DisplayName("announces a new speaker's time-up even after the previous one's was announced")
    void newTurnNewTimeUp() {
      RoomState s = after(room(), FACILITATOR, new GiveFloor(ANA_ID), T0);
      s = after(s, SYSTEM, new Tick(), T0 + FLOOR_MS);
      s = after(s, FACILITATOR, new EndFloor(), T0 + FLOOR_MS + 1_000);
      s = after(s, FACILITATOR, new GiveFloor(BEN_ID), T0 + FLOOR_MS + 2_000);

      assertThat(tick(s, T0 + 2 * FLOOR_MS + 2_000)).containsExactly(
          new SpeakerTimeUp(BEN_ID, T0 + 2 * FLOOR_MS + 2_000));
    }

    @Test
    @DisplayName("announces nothing when no countdown runs and nobody speaks")
    void nothingToAnnounce() {
      assertThat(tick(room(), T0 + 10 * PLANNED)).isEmpty();
      assertThat(tick(ended(), T0 + 10 * PLANNED)).isEmpty();
    }

    @Test
    @DisplayName("is accepted without events in a room that has no meeting yet")
    void tickInEmptyRoom() {
      assertThat(tick(empty(), T0)).isEmpty();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return Stream.of(
          refused("a tick from the facilitator", running(), FACILITATOR, new Tick(), ErrorCode.FORBIDDEN),
          refused("a tick from a participant", running(), ANA, new Tick(), ErrorCode.FORBIDDEN),
          refused("a tick from a screen", running(), SCREEN, new Tick(), ErrorCode.FORBIDDEN));
    }
  }
}
