package dev.roundtable.domain;

/**
 * Something that happened to a room. Events are the unit of persistence and of broadcast: the store keeps
 * them in order, clients receive them in order, and folding them into a {@link RoomState} with
 * {@link #evolve} rebuilds the room. Every event carries the resulting values, not instructions, so
 * {@code evolve} never fails and never needs the clock.
 */
public interface Event {
  RoomState evolve(RoomState state);
}
