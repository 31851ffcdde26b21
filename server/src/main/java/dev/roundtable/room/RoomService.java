package dev.roundtable.room;

import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * What can be done to a room from outside a live connection: create one (a fresh id, its CreateMeeting, a
 * join code), join one by its code, and read one as a participant sees it (its summary, or its whole state
 * for the minutes). Every change still goes through the room's own command address ({@link RoomClient}), so
 * it is ordered with everyone else's; the only thing kept here is the join-code directory, which is not room
 * state.
 *
 * <p>A room's refusal fails the future with a {@link RoomRefusal} carrying the protocol error; any other
 * failure means the room or the store could not be reached.
 */
public interface RoomService {

  static RoomService create(RoomClient rooms, RoomStore store, Clock clock) {
    return new DirectoryRoomService(rooms, store, clock);
  }

  /** Join codes are typed by people: case and surrounding spaces do not matter. */
  static String normalizedJoinCode(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  /** Creates a room from CreateMeeting's fields; the creator is its facilitator. */
  Future<Admission> createRoom(JsonObject meeting);

  /** Joins the room of {@code joinCode} with Join's fields ({@code role} participant when left out). */
  Future<Admission> join(String joinCode, JsonObject fields);

  /** The room a join code belongs to. */
  Future<Optional<String>> roomByJoinCode(String joinCode);

  /** The room at a glance, as {@code viewerId} sees it. */
  Future<RoomSummary> summary(String roomId, String viewerId);

  /** The room's state as {@code viewerId} may see it (their snapshot). */
  Future<RoomState> view(String roomId, String viewerId);

  /** Someone now in a room: who, as what, and (for a new room) the code others join with. */
  record Admission(String roomId, String participantId, Role role, String joinCode) {
  }
}
