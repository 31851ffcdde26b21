package dev.roundtable.protocol;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.Cursors;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import io.vertx.core.json.JsonObject;

/**
 * One message to a room, read once from its event-bus form (a body {@code {clientId?, clientSeq?, command}}
 * and the trusted {@link Headers#ACTOR} header): a {@link Command} to decide and record, a {@link Sync} to
 * answer from the durable state, or a {@link Cursor} to relay. Reading checks the message's shape only,
 * never the room's state; a malformed message is a {@link Rejection} with the code and message the room has
 * always given, so the bridge can refuse it as the room would. {@link #toBody} gives back the body to send.
 */
public sealed interface RoomRequest permits RoomRequest.Command, RoomRequest.Sync, RoomRequest.Cursor {
  int MAX_CLIENT_ID_CHARS = 64;

  /** The verified sender: a participant, or the server itself. */
  Actor sender();

  /** The event-bus body that reads back as this request. */
  JsonObject toBody();

  /** The value of {@link Headers#ACTOR} that names this request's sender. */
  default String senderHeader() {
    return sender().isSystem() ? Headers.SYSTEM_ACTOR : sender().participantId();
  }

  /**
   * A command to decide, still as JSON: it is decoded only if it is not a resend the room already answered.
   * {@code clientId} and {@code clientSeq} are both set or both null.
   */
  record Command(Actor sender, String clientId, Long clientSeq, JsonObject command) implements RoomRequest {
    @Override
    public JsonObject toBody() {
      JsonObject body = new JsonObject();
      if (clientId != null) {
        body.put("clientId", clientId).put("clientSeq", clientSeq);
      }
      return body.put("command", command);
    }
  }

  /** A (re)joining client's request for what it missed after {@code sinceSeq}, or (null) for a snapshot. */
  record Sync(Actor sender, Long sinceSeq) implements RoomRequest {
    @Override
    public JsonObject toBody() {
      JsonObject sync = new JsonObject().put("type", Codec.SYNC);
      if (sinceSeq != null) {
        sync.put("sinceSeq", sinceSeq);
      }
      return new JsonObject().put("command", sync);
    }
  }

  /** A participant's minutes cursor or selection, checked against the room by {@link Cursors#check}. */
  record Cursor(Actor sender, int revision, int anchor, int head) implements RoomRequest {
    @Override
    public JsonObject toBody() {
      return new JsonObject().put("command", new JsonObject().put("type", Codec.CURSOR).put("revision", revision)
          .put("anchor", anchor).put("head", head));
    }
  }

  /** Reads a message as a room receives it: {@code actor} is the {@link Headers#ACTOR} header, or null. */
  static Codec.Result<RoomRequest> parse(String actor, Object body) {
    if (!(body instanceof JsonObject json)) {
      return Codec.Result.failed(Rejection.of(ErrorCode.BAD_JSON, "the message body must be a JSON object"));
    }
    if (actor == null || actor.isEmpty()) {
      return Codec.Result.failed(Rejection.of(ErrorCode.UNAUTHORIZED, "the message carries no verified sender"));
    }
    return parseVerified(Headers.SYSTEM_ACTOR.equals(actor) ? Actor.system() : Actor.participant(actor), json);
  }

  /** Reads a message body sent by {@code sender}, already verified. */
  static Codec.Result<RoomRequest> parseVerified(Actor sender, JsonObject body) {
    if (!(body.getValue("command") instanceof JsonObject command)) {
      return Codec.Result.failed(Rejection.of(ErrorCode.INVALID_FIELD, "command must be a JSON object"));
    }
    Object type = command.getValue("type");
    if (Codec.SYNC.equals(type)) {
      return Codec.Result.ok(new Sync(sender,
          command.getValue("sinceSeq") instanceof Number n ? Long.valueOf(n.longValue()) : null));
    }
    if (Codec.CURSOR.equals(type)) {
      if (!(command.getValue("revision") instanceof Integer revision) || !(command.getValue("anchor") instanceof Integer a)
          || !(command.getValue("head") instanceof Integer h) || command.size() != 4) {
        return Codec.Result.failed(Rejection.of(ErrorCode.INVALID_FIELD, Cursors.INVALID));
      }
      return Codec.Result.ok(new Cursor(sender, revision, a, h));
    }
    Object clientId = body.getValue("clientId");
    Object clientSeq = body.getValue("clientSeq");
    if (clientId == null && clientSeq == null) {
      return Codec.Result.ok(new Command(sender, null, null, command));
    }
    if (!(clientId instanceof String id) || id.isEmpty() || id.length() > MAX_CLIENT_ID_CHARS
        || !(clientSeq instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
      return Codec.Result.failed(Rejection.of(ErrorCode.INVALID_FIELD,
          "clientId must be a string of 1 to " + MAX_CLIENT_ID_CHARS
              + " characters and clientSeq a non-negative whole number, both or neither"));
    }
    return Codec.Result.ok(new Command(sender, id, n.longValue(), command));
  }
}
