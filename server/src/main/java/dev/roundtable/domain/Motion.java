package dev.roundtable.domain;

import java.util.Map;

/**
 * A question put to the room. One vote per participant, changeable while {@code open}. {@code tally} is
 * kept with the votes so that a view can show the count while hiding who voted what. Settings are fixed
 * when the motion opens. On close, {@code present} is the number of participants online who could vote,
 * and {@code outcome} follows from the quorum and the pass rule.
 */
public record Motion(String id, String text, String itemId, boolean anonymous, boolean hiddenResults, int quorum,
    PassRule rule, Integer threshold, boolean open, Map<String, Choice> votes, Tally tally, long openedAt,
    Long closedAt, Integer present, MotionOutcome outcome) {

  public Motion {
    votes = Map.copyOf(votes);
  }

  Motion withVotes(Map<String, Choice> newVotes) {
    return new Motion(id, text, itemId, anonymous, hiddenResults, quorum, rule, threshold, open, newVotes,
        Tally.of(newVotes), openedAt, closedAt, present, outcome);
  }

  Motion closed(long at, int presentCount, MotionOutcome result) {
    return new Motion(id, text, itemId, anonymous, hiddenResults, quorum, rule, threshold, false, votes, tally,
        openedAt, at, presentCount, result);
  }

  /** What {@code viewerId} may see: named votes only if the motion is named, counts only once visible. */
  Motion seenBy(String viewerId) {
    Map<String, Choice> shownVotes = !anonymous && !(open && hiddenResults) ? votes : ownVote(votes, viewerId);
    Tally shownTally = open && hiddenResults ? tally.hidden() : tally;
    return new Motion(id, text, itemId, anonymous, hiddenResults, quorum, rule, threshold, open, shownVotes,
        shownTally, openedAt, closedAt, present, outcome);
  }

  /** Of {@code votes}, only the viewer's own (none for the public view). */
  static Map<String, Choice> ownVote(Map<String, Choice> votes, String viewerId) {
    return viewerId != null && votes.containsKey(viewerId) ? Map.of(viewerId, votes.get(viewerId)) : Map.of();
  }
}
