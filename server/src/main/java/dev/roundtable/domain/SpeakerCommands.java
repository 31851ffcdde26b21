package dev.roundtable.domain;

import dev.roundtable.domain.SpeakerEvents.FloorEnded;
import dev.roundtable.domain.SpeakerEvents.FloorGiven;
import dev.roundtable.domain.SpeakerEvents.HandLowered;
import dev.roundtable.domain.SpeakerEvents.HandRaised;
import dev.roundtable.domain.SpeakerEvents.SpeakerLimitSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The speaker queue: participants raise hands, the facilitator gives the floor, each speaker gets the
 * room's per-speaker limit, and speaking time is added up per participant and per department.
 */
public final class SpeakerCommands {
  private SpeakerCommands() {
  }

  /** The sender asks for the floor and joins the end of the queue. */
  public record RaiseHand() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      String me = a.participantId();
      return Guard.on(s, a).open().speaker()
          .check(me == null || !s.queue().contains(me), ErrorCode.INVALID_STATE, "your hand is already raised")
          .check(s.floor() == null || !s.floor().speakerId().equals(me), ErrorCode.INVALID_STATE,
              "you have the floor")
          .then(() -> Decision.accept(new HandRaised(me)));
    }
  }

  /**
   * Leaves the queue. Without {@code participantId} the sender lowers their own hand; lowering someone
   * else's is for the facilitator.
   */
  public record LowerHand(String participantId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      String target = participantId == null ? a.participantId() : participantId;
      Guard guard = Guard.on(s, a).open();
      if (target == null || !target.equals(a.participantId())) {
        guard.facilitator();
      }
      return guard.present("participantId", target)
          .check(target == null || s.queue().contains(target), ErrorCode.INVALID_STATE,
              "participant " + target + " is not in the queue")
          .then(() -> Decision.accept(new HandLowered(target)));
    }
  }

  /**
   * Gives the floor to {@code participantId}, or to the first in the queue when none is named. A current
   * speaker's turn ends first and is added to the totals.
   */
  public record GiveFloor(String participantId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      String target = participantId != null ? participantId : s.queue().isEmpty() ? null : s.queue().get(0);
      return Guard.on(s, a).open().facilitator()
          .check(target != null, ErrorCode.INVALID_STATE, "the queue is empty; name who gets the floor")
          .andThen(() -> Lookups.participant(s, target))
          .check(target == null || s.participant(target).map(p -> p.role() != Role.SCREEN).orElse(true),
              ErrorCode.INVALID_STATE, "a screen cannot take the floor")
          .then(() -> {
            List<Event> events = new ArrayList<>();
            endOfFloor(s, now).ifPresent(events::add);
            events.add(new FloorGiven(target, now, now + s.speakerLimitSeconds() * 1000L));
            return Decision.accept(events);
          });
    }
  }

  /** Ends the current turn: the speaker themself or the facilitator. */
  public record EndFloor() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      Guard guard = Guard.on(s, a).open().check(s.floor() != null, ErrorCode.INVALID_STATE, "nobody has the floor");
      if (s.floor() != null && !s.floor().speakerId().equals(a.participantId())) {
        guard.facilitator();
      }
      return guard.then(() -> Decision.accept(endOfFloor(s, now).orElseThrow()));
    }
  }

  /** Sets the room's per-speaker limit; it applies from the next turn on. */
  public record SetSpeakerLimit(Integer seconds) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .range("seconds", seconds, Limits.MIN_SPEAKER_LIMIT_SECONDS, Limits.MAX_SPEAKER_LIMIT_SECONDS, true)
          .then(() -> Decision.accept(new SpeakerLimitSet(seconds)));
    }
  }

  static Optional<Event> endOfFloor(RoomState s, long now) {
    Floor f = s.floor();
    if (f == null) {
      return Optional.empty();
    }
    String department = s.participant(f.speakerId()).map(Participant::department).orElse("");
    return Optional.of(new FloorEnded(f.speakerId(), department, now, Math.max(0, now - f.since())));
  }
}
