package dev.roundtable.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Events of motions and votes. A vote's public view depends on the motion's settings, copied into the
 * event: an anonymous motion never shows who voted, a hidden one shows only how many have voted until it
 * closes. The voter always sees their own choice.
 */
public final class VoteEvents {
  private VoteEvents() {
  }

  public record MotionOpened(Motion motion, long serial) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().motion(motion).serial(serial).build();
    }

    /** Shown as a snapshot would show it, so an event-built view and a snapshot agree. */
    @Override
    public Optional<Event> viewFor(String viewerId) {
      return Optional.of(new MotionOpened(motion.seenBy(viewerId), serial));
    }
  }

  /** A vote cast or changed; {@code tally} is the count after it. */
  public record VoteCast(String motionId, String participantId, Choice choice, boolean anonymous,
      boolean hiddenResults, Tally tally) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Motion m = s.motions().get(motionId);
      Map<String, Choice> votes = new HashMap<>(m.votes());
      votes.put(participantId, choice);
      return s.toBuilder().motion(m.withVotes(votes)).build();
    }

    @Override
    public Optional<Event> viewFor(String viewerId) {
      Tally shown = hiddenResults ? tally.hidden() : tally;
      boolean own = participantId.equals(viewerId);
      boolean named = own || (!anonymous && !hiddenResults);
      return Optional.of(new VoteCast(motionId, named ? participantId : null, named ? choice : null, anonymous,
          hiddenResults, shown));
    }

    @Override
    public Set<String> privileged() {
      return Set.of(participantId);
    }
  }

  /** The motion is closed with its outcome; the final count is public, the votes only for a named motion. */
  public record MotionClosed(String motionId, long at, int present, MotionOutcome outcome, Tally tally,
      boolean anonymous, Map<String, Choice> votes) implements Event {
    public MotionClosed {
      votes = Map.copyOf(votes);
    }

    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().motion(s.motions().get(motionId).closed(at, present, outcome)).build();
    }

    @Override
    public Optional<Event> viewFor(String viewerId) {
      if (!anonymous) {
        return Optional.of(this);
      }
      return Optional.of(new MotionClosed(motionId, at, present, outcome, tally, true,
          Motion.ownVote(votes, viewerId)));
    }

    @Override
    public Set<String> privileged() {
      return anonymous ? votes.keySet() : Set.of();
    }
  }
}
