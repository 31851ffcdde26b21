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

  /**
   * Joins the room of {@code joinCode} with Join's fields ({@code role} participant when left out). A join by
   * code never carries a {@code key}: that is how a series link says who someone is, and a code says nothing.
   */
  Future<Admission> join(String joinCode, JsonObject fields);

  /**
   * Makes sure room {@code roomId} exists as {@code prepared} (a CreatePreparedMeeting) describes it, with a
   * join code: creates it, or finds it created already (by an earlier or concurrent call), and answers its
   * code. What was prepared is taken only by the call that creates the room.
   */
  Future<String> openPrepared(String roomId, JsonObject prepared);

  /**
   * Joins {@code roomId} as the person known by {@code key} (the participant the room knows by it, in their
   * current role; else a new participant with {@code name} and {@code department}).
   */
  Future<Admission> joinByKey(String roomId, String key, String name, String department);

  /** The join code of {@code roomId}: present once the room is fully created (it is registered last). */
  Future<Optional<String>> joinCodeOf(String roomId);

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
