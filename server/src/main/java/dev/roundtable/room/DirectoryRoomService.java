package dev.roundtable.room;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Replies;
import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link RoomService} over the room client and the store's join-code directory. A room is created first and
 * registered under a code after: a code is only handed out for a room that exists. Codes are drawn at random
 * from an alphabet without look-alikes (no 0/O, 1/I) and retried a few times when taken.
 */
final class DirectoryRoomService implements RoomService {
  private static final String JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int JOIN_CODE_LENGTH = 6;
  private static final int JOIN_CODE_ATTEMPTS = 8;

  private final RoomClient rooms;
  private final RoomStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  DirectoryRoomService(RoomClient rooms, RoomStore store, Clock clock) {
    this.rooms = rooms;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Future<Admission> createRoom(JsonObject meeting) {
    String roomId = RoomIds.next();
    return rooms.sendAsSystem(roomId, meeting.copy().put("type", "CreateMeeting"))
        .compose(reply -> result(reply).compose(result -> registerJoinCode(roomId, 1)
            .map(code -> new Admission(roomId, result.getString("participantId"), Role.FACILITATOR, code))));
  }

  @Override
  public Future<Admission> join(String joinCode, JsonObject fields) {
    if (fields.containsKey("key")) {
      return Future.failedFuture(new RoomRefusal(ErrorCode.INVALID_FIELD, "unknown field key"));
    }
    JsonObject command = fields.copy().put("type", "Join");
    if (command.getValue("role") == null) {
      command.put("role", "participant");
    }
    return roomByJoinCode(joinCode).compose(room -> room.isEmpty()
        ? Future.failedFuture(new RoomRefusal(ErrorCode.ROOM_NOT_FOUND, "no room has this join code"))
        : rooms.sendAsSystem(room.get(), command).compose(DirectoryRoomService::result).map(result -> new Admission(room.get(),
            result.getString("participantId"),
            Role.valueOf(command.getString("role").toUpperCase(Locale.ROOT)), null)));
  }

  @Override
  public Future<String> openPrepared(String roomId, JsonObject prepared) {
    return rooms.sendAsSystem(roomId, prepared.copy().put("type", "CreatePreparedMeeting")).compose(reply -> {
      if (!Replies.isOk(reply) && !ErrorCode.ROOM_EXISTS.name().equals(reply.getJsonObject("error").getString("code"))) {
        return Future.failedFuture(new RoomRefusal(reply.getJsonObject("error")));
      }
      return store.joinCodeOf(roomId).compose(code -> code.map(Future::succeededFuture)
          .orElseGet(() -> registerJoinCode(roomId, 1)));
    });
  }

  @Override
  public Future<Admission> joinByKey(String roomId, String key, String name, String department) {
    JsonObject command = new JsonObject().put("type", "Join").put("key", key).put("name", name)
        .put("department", department).put("role", "participant");
    return rooms.sendAsSystem(roomId, command).compose(DirectoryRoomService::result)
        .compose(result -> store.joinCodeOf(roomId).map(code -> new Admission(roomId,
            result.getString("participantId"), Role.valueOf(result.getString("role").toUpperCase(Locale.ROOT)),
            code.orElse(null))));
  }

  @Override
  public Future<Optional<String>> joinCodeOf(String roomId) {
    return store.joinCodeOf(roomId);
  }

  @Override
  public Future<Optional<String>> roomByJoinCode(String joinCode) {
    return store.roomByJoinCode(RoomService.normalizedJoinCode(joinCode));
  }

  @Override
  public Future<RoomSummary> summary(String roomId, String viewerId) {
    Future<JsonObject> sync = sync(roomId, viewerId);
    Future<Optional<String>> joinCode = store.joinCodeOf(roomId);
    return Future.all(sync, joinCode).map(all -> RoomSummary.of(
        Codec.state(sync.result().getJsonObject("snapshot")), joinCode.result().orElse(null),
        sync.result().getLong("seq")));
  }

  @Override
  public Future<RoomState> view(String roomId, String viewerId) {
    return sync(roomId, viewerId).map(reply -> Codec.state(reply.getJsonObject("snapshot")));
  }

  /** A Sync without {@code sinceSeq}, so the room answers with the viewer's snapshot. */
  private Future<JsonObject> sync(String roomId, String viewerId) {
    return rooms.send(roomId, viewerId, new JsonObject().put("type", Codec.SYNC))
        .compose(reply -> result(reply).map(ignored -> reply));
  }

  /** The result of an accepted command, or the room's refusal as a failure. */
  private static Future<JsonObject> result(JsonObject reply) {
    return Replies.isOk(reply) ? Future.succeededFuture(reply.getJsonObject("result"))
        : Future.failedFuture(new RoomRefusal(reply.getJsonObject("error")));
  }

  private Future<String> registerJoinCode(String roomId, int attempt) {
    String code = newJoinCode();
    return store.registerRoom(roomId, code, clock.millis()).compose(taken -> {
      if (taken) {
        return Future.succeededFuture(code);
      }
      // Taken: the code by another room, or this room got its code meanwhile (a concurrent openPrepared).
      return store.joinCodeOf(roomId).compose(own -> own.isPresent() ? Future.succeededFuture(own.get())
          : attempt < JOIN_CODE_ATTEMPTS ? registerJoinCode(roomId, attempt + 1)
          : Future.failedFuture(new RoomRefusal(ErrorCode.UNAVAILABLE, "could not allocate a join code")));
    });
  }

  private String newJoinCode() {
    StringBuilder sb = new StringBuilder(JOIN_CODE_LENGTH);
    for (int i = 0; i < JOIN_CODE_LENGTH; i++) {
      sb.append(JOIN_CODE_ALPHABET.charAt(random.nextInt(JOIN_CODE_ALPHABET.length())));
    }
    return sb.toString();
  }
}
