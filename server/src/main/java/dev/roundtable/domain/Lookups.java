package dev.roundtable.domain;

import java.util.Optional;

/** Lookups by id that turn a missing target into the matching rejection. */
final class Lookups {
  private Lookups() {
  }

  static Optional<Rejection> participant(RoomState s, String participantId) {
    return s.participant(participantId).isPresent() ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.PARTICIPANT_NOT_FOUND, "no participant " + participantId));
  }

  /** A private note of someone else is reported as missing: its existence is private too. */
  static Optional<Rejection> note(RoomState s, String noteId, Actor a) {
    Note n = noteId == null ? null : s.notes().get(noteId);
    return n != null && (a.isSystem() || n.visibleTo(a.participantId())) ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.NOTE_NOT_FOUND, "no note " + noteId));
  }

  static Optional<Rejection> motion(RoomState s, String motionId) {
    return motionId != null && s.motions().containsKey(motionId) ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.MOTION_NOT_FOUND, "no motion " + motionId));
  }

  static Optional<Rejection> optionalItem(RoomState s, String itemId) {
    return itemId == null ? Optional.empty() : item(s, itemId);
  }

  static Optional<Rejection> item(RoomState s, String itemId) {
    return s.item(itemId).isPresent() ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.ITEM_NOT_FOUND, "no agenda item " + itemId));
  }
}
