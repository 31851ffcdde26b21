package dev.roundtable.domain;

import java.util.Optional;

/**
 * Who may show a minutes cursor, and where: a participant (not a screen, not the server), at a revision the
 * room has reached, with positions inside the minutes' size limit. Positions refer to the text at the
 * sender's revision, which may be older than the room's, so only their bounds can be checked. Cursors are
 * ephemeral: this rule decides whether one is relayed; nothing is recorded.
 */
public final class Cursors {
  /** The message of every malformed or out-of-bounds cursor, whether its shape or its values are wrong. */
  public static final String INVALID = "a cursor is {type, revision, anchor, head}: a known revision"
      + " and positions within the minutes' size limit, from a participant";

  private Cursors() {
  }

  /** Empty if {@code actor} may show this cursor in {@code state}; otherwise why not. */
  public static Optional<Rejection> check(RoomState state, Actor actor, int revision, int anchor, int head) {
    if (actor.isSystem() || revision < 0 || revision > state.minutes().revision() || anchor < 0 || head < 0
        || anchor > Limits.MINUTES_CHARS || head > Limits.MINUTES_CHARS) {
      return Optional.of(Rejection.of(ErrorCode.INVALID_FIELD, INVALID));
    }
    if (state.participant(actor.participantId()).map(p -> p.role() == Role.SCREEN).orElse(true)) {
      return Optional.of(Rejection.of(ErrorCode.FORBIDDEN, "only participants have a cursor"));
    }
    return Optional.empty();
  }
}
