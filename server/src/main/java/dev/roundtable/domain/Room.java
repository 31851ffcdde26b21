package dev.roundtable.domain;

import java.util.Objects;

/**
 * The room's state machine: {@code apply(state, actor, command, now)}. Pure: no I/O, no clock, no
 * randomness; the same inputs always give the same outcome, which is what lets a room be replayed from its
 * log and tested without a server. A rejection is an ordinary outcome and leaves the state as it was.
 */
public final class Room {
  private Room() {
  }

  public static Outcome apply(RoomState state, Actor actor, Command command, long now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(actor, "actor");
    if (command == null) {
      return Rejection.of(ErrorCode.UNKNOWN_COMMAND, "command is missing");
    }
    Decision decision = command.decide(state, actor, now);
    if (decision instanceof Rejection rejection) {
      return rejection;
    }
    Decision.Accept accept = (Decision.Accept) decision;
    return new Outcome.Applied(accept.events(), fold(state, accept.events()), accept.result());
  }

  /** Folds events into a state; used for live commands and for replaying the log alike. */
  public static RoomState fold(RoomState state, Iterable<? extends Event> events) {
    RoomState s = state;
    for (Event e : events) {
      s = e.evolve(s);
    }
    return s;
  }
}
