package dev.roundtable.domain;

/**
 * A request to change a room. {@link #decide} looks at the state, the actor and the time, and either
 * accepts with the events to record or rejects; it never changes anything itself.
 */
public interface Command {
  Decision decide(RoomState state, Actor actor, long now);
}
