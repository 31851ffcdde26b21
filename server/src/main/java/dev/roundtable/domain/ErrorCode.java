package dev.roundtable.domain;

/**
 * Every reason the server refuses something. The names are the {@code code} field of the protocol's
 * error object, so renaming one is a protocol change (see docs/PROTOCOL.md).
 */
public enum ErrorCode {
  /** The message is not JSON, or not a JSON object. */
  BAD_JSON,
  /** The command's {@code type} is missing or not one the server knows. */
  UNKNOWN_COMMAND,
  /** A field is missing, of the wrong type, out of range, or not allowed. */
  INVALID_FIELD,
  /** A field or the whole message is larger than its documented limit. */
  TOO_LARGE,
  /** No token, or a token that is forged, expired or unreadable. */
  UNAUTHORIZED,
  /** The sender's role does not allow this command. */
  FORBIDDEN,
  /** The token belongs to another room than the address or request names. */
  WRONG_ROOM,
  /** The room does not exist (or has not been created yet). */
  ROOM_NOT_FOUND,
  /** The room was already created. */
  ROOM_EXISTS,
  /** No such HTTP route or resource. */
  NOT_FOUND,
  /** The named agenda item does not exist. */
  ITEM_NOT_FOUND,
  /** The named sticky note does not exist (or is another participant's private note). */
  NOTE_NOT_FOUND,
  /** The named note cluster does not exist. */
  CLUSTER_NOT_FOUND,
  /** The named motion does not exist. */
  MOTION_NOT_FOUND,
  /** The named action item does not exist. */
  ACTION_ITEM_NOT_FOUND,
  /** The named parking-lot point does not exist. */
  POINT_NOT_FOUND,
  /** The minutes are final; decisions, action items and the text no longer change. */
  MINUTES_FINALIZED,
  /** The named participant does not exist. */
  PARTICIPANT_NOT_FOUND,
  /** The edit was made against an older version than the current one. */
  STALE_VERSION,
  /** The command does not fit the room's current state (e.g. pausing a timer that is not running). */
  INVALID_STATE,
  /** The meeting has ended; it no longer changes. */
  MEETING_ENDED,
  /** A count limit is reached (participants, agenda items). */
  LIMIT_REACHED,
  /** The sender sends faster than allowed; the message was dropped unapplied. */
  RATE_LIMITED,
  /** The room cannot take more work right now, or its store is unreachable; retry later. */
  UNAVAILABLE,
  /** A bug on the server; the command was not applied. */
  INTERNAL
}
