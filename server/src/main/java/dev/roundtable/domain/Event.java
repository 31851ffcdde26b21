package dev.roundtable.domain;

import java.util.Optional;
import java.util.Set;

/**
 * Something that happened to a room. Events are the unit of persistence and of broadcast: the store keeps
 * them in order, clients receive them in order, and folding them into a {@link RoomState} with
 * {@link #evolve} rebuilds the room. Every event carries the resulting values, not instructions, so
 * {@code evolve} never fails and never needs the clock.
 */
public interface Event {
  RoomState evolve(RoomState state);

  /**
   * What {@code viewerId} may receive of this event, or empty when nothing; {@code null} asks for the
   * public view, the one every client without a special right gets. Most events are public as they are;
   * those carrying private notes, note authors, voters or hidden tallies override this.
   */
  default Optional<Event> viewFor(String viewerId) {
    return Optional.of(this);
  }

  /** The participants whose view of this event differs from the public view (an author, a voter). */
  default Set<String> privileged() {
    return Set.of();
  }
}
