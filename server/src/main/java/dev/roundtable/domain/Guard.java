package dev.roundtable.domain;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a command's preconditions in order and keeps the first failure, so each command reads as the
 * list of its rules followed by what it does:
 *
 * <pre>{@code
 * return Guard.on(s, a).live().facilitator().text("title", title, Limits.TITLE_CHARS, true)
 *     .then(() -> Decision.accept(...));
 * }</pre>
 */
final class Guard {
  private final RoomState state;
  private final Actor actor;
  private Rejection failure;

  private Guard(RoomState state, Actor actor) {
    this.state = state;
    this.actor = actor;
  }

  static Guard on(RoomState state, Actor actor) {
    return new Guard(state, actor);
  }

  /** The meeting has been created. */
  Guard created() {
    return check(state.created(), ErrorCode.ROOM_NOT_FOUND, "the meeting has not been created");
  }

  /** The meeting has been created and has not ended. */
  Guard open() {
    created();
    return check(failure != null || state.meeting().status() != MeetingStatus.ENDED,
        ErrorCode.MEETING_ENDED, "the meeting has ended");
  }

  /** The minutes are not final yet (call after {@link #open()}). */
  Guard minutesOpen() {
    return check(failure != null || !state.minutes().finalized(), ErrorCode.MINUTES_FINALIZED,
        "the minutes are final");
  }

  /** The sender is the server or the room's current facilitator. */
  Guard facilitator() {
    return check(actor.isSystem() || hasRole(Role.FACILITATOR), ErrorCode.FORBIDDEN,
        "only the facilitator may do this");
  }

  /** The sender is a participant or the facilitator (not a screen, not the server). */
  Guard speaker() {
    return check(hasRole(Role.PARTICIPANT) || hasRole(Role.FACILITATOR), ErrorCode.FORBIDDEN,
        "only participants may do this");
  }

  /** Action items may be kept after the meeting ended, by its people or the server. */
  Guard speakerOrSystem() {
    return actor.isSystem() ? this : speaker();
  }

  /** The sender is the server itself. */
  Guard system() {
    return check(actor.isSystem(), ErrorCode.FORBIDDEN, "only the server may do this");
  }

  Guard text(String field, String value, int maxChars, boolean required) {
    if (value == null || value.isBlank()) {
      return check(!required, ErrorCode.INVALID_FIELD, field + " is required");
    }
    check(value.length() <= maxChars, ErrorCode.TOO_LARGE, field + " is longer than " + maxChars + " characters");
    return check(Text.wellFormed(value), ErrorCode.INVALID_FIELD, field + " contains a broken character");
  }

  /** The goal meets {@link Goals}' rule; a blank one is allowed unless {@code required}. */
  Guard goal(String goal, boolean required) {
    return andThen(() -> Goals.problem(goal, required));
  }

  Guard range(String field, Number value, long min, long max, boolean required) {
    if (value == null) {
      return check(!required, ErrorCode.INVALID_FIELD, field + " is required");
    }
    long v = value.longValue();
    return check(v >= min && v <= max, ErrorCode.INVALID_FIELD,
        field + " must be between " + min + " and " + max);
  }

  Guard present(String field, Object value) {
    return check(value != null, ErrorCode.INVALID_FIELD, field + " is required");
  }

  Guard check(boolean ok, ErrorCode code, String message) {
    if (failure == null && !ok) {
      failure = Rejection.of(code, message);
    }
    return this;
  }

  /** Runs a check that needs the earlier ones to have passed (for example a lookup by id). */
  Guard andThen(Supplier<Optional<Rejection>> laterCheck) {
    if (failure == null) {
      failure = laterCheck.get().orElse(null);
    }
    return this;
  }

  Decision then(Supplier<Decision> decide) {
    return failure != null ? failure : decide.get();
  }

  private boolean hasRole(Role role) {
    return state.participant(actor.participantId()).map(p -> p.role() == role).orElse(false);
  }
}
