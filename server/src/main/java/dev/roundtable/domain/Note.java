package dev.roundtable.domain;

import java.util.Map;

/**
 * A sticky note. {@code hidden} notes (written during a private writing phase) are seen by their author
 * only; {@code anonymous} notes never show their author to anyone. {@code dots} holds the dot votes per
 * voter and {@code totalDots} their sum; a client receives the total and only its own entry ({@link Views}).
 * {@code version} grows with each text edit, so a stale edit is refused; moves carry no version because
 * the last position wins.
 */
public record Note(String id, String text, NoteColour colour, int x, int y, String lane, String authorId,
    String clusterId, boolean hidden, boolean anonymous, int version, Map<String, Integer> dots, int totalDots,
    long createdAt) {

  public Note {
    dots = Map.copyOf(dots);
  }

  boolean visibleTo(String viewerId) {
    return !hidden || authorId.equals(viewerId);
  }

  Note withText(String newText, int newVersion) {
    return new Note(id, newText, colour, x, y, lane, authorId, clusterId, hidden, anonymous, newVersion, dots,
        totalDots, createdAt);
  }

  Note withColour(NoteColour newColour) {
    return new Note(id, text, newColour, x, y, lane, authorId, clusterId, hidden, anonymous, version, dots,
        totalDots, createdAt);
  }

  Note withPosition(int newX, int newY, String newLane) {
    return new Note(id, text, colour, newX, newY, newLane, authorId, clusterId, hidden, anonymous, version, dots,
        totalDots, createdAt);
  }

  Note withCluster(String newCluster) {
    return new Note(id, text, colour, x, y, lane, authorId, newCluster, hidden, anonymous, version, dots,
        totalDots, createdAt);
  }

  Note revealed() {
    return new Note(id, text, colour, x, y, lane, authorId, clusterId, false, anonymous, version, dots, totalDots,
        createdAt);
  }

  Note withDots(Map<String, Integer> newDots) {
    return new Note(id, text, colour, x, y, lane, authorId, clusterId, hidden, anonymous, version, newDots,
        newDots.values().stream().mapToInt(Integer::intValue).sum(), createdAt);
  }

  int dotsOf(String participantId) {
    return participantId == null ? 0 : dots.getOrDefault(participantId, 0);
  }

  /** The note as {@code viewerId} may receive it: no author when anonymous, and only the viewer's own dots. */
  Note seenBy(String viewerId) {
    Map<String, Integer> own = viewerId != null && dots.containsKey(viewerId)
        ? Map.of(viewerId, dots.get(viewerId)) : Map.of();
    return new Note(id, text, colour, x, y, lane, anonymous ? null : authorId, clusterId, hidden, anonymous,
        version, own, totalDots, createdAt);
  }
}
