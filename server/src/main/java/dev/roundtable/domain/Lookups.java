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

  static Optional<Rejection> item(RoomState s, String itemId) {
    return s.item(itemId).isPresent() ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.ITEM_NOT_FOUND, "no agenda item " + itemId));
  }
}
