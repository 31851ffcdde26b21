package dev.roundtable.room;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.cluster.Membership;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.domain.MeetingStatus;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import dev.roundtable.store.InMemoryRoomStore;
import dev.roundtable.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The room service")
class RoomServiceTest {
  private final InMemoryRoomStore store = new InMemoryRoomStore();
  private RoomClient client;
  private RoomService rooms;

  @BeforeEach
  void start(Vertx vertx) {
    RoomRegistry registry = result(RoomRegistry.create(vertx, store, new RoomSettings(180, 200, 60_000, 1_000,
        10_000), new MutableClock(), Membership.standalone(), RoomMetrics.none()));
    client = new RoomClient(vertx, registry);
    rooms = RoomService.create(client, store, new MutableClock());
  }

  private static JsonObject meeting() {
    return new JsonObject().put("title", "Q3 launch").put("goal", "Decide the launch date").put("kind", "decision")
        .put("facilitatorName", "Ana");
  }

  private static <T> Throwable failure(Future<T> future) {
    try {
      result(future);
    } catch (RuntimeException e) {
      Throwable t = e;
      while (!(t instanceof RoomRefusal) && t.getCause() != null) {
        t = t.getCause();
      }
      return t;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  @DisplayName("creates a room with its facilitator and registers a six-character join code for it")
  void createsRoom() {
    RoomService.Admission created = result(rooms.createRoom(meeting()));

    assertThat(created.role()).isEqualTo(Role.FACILITATOR);
    assertThat(created.participantId()).isEqualTo("p1");
    assertThat(created.joinCode()).matches("[A-HJ-NP-Z2-9]{6}");
    assertThat(result(store.roomByJoinCode(created.joinCode()))).contains(created.roomId());
    assertThat(result(rooms.view(created.roomId(), "p1")).meeting().title()).isEqualTo("Q3 launch");
  }

  @Test
  @DisplayName("gives every room its own id and code")
  void eachRoomIsNew() {
    RoomService.Admission first = result(rooms.createRoom(meeting()));
    RoomService.Admission second = result(rooms.createRoom(meeting()));

    assertThat(second.roomId()).isNotEqualTo(first.roomId());
    assertThat(second.joinCode()).isNotEqualTo(first.joinCode());
  }

  @Test
  @DisplayName("passes the room's refusal of a creation on as a RoomRefusal with the protocol error")
  void refusedCreation() {
    Throwable refused = failure(rooms.createRoom(meeting().put("goal", "Decide")));

    assertThat(refused).isInstanceOf(RoomRefusal.class);
    assertThat(((RoomRefusal) refused).error().getString("code")).isEqualTo("INVALID_FIELD");
  }

  @Test
  @DisplayName("joins by code, whatever its case and spacing, as a participant unless another role is given")
  void joinsByCode() {
    RoomService.Admission room = result(rooms.createRoom(meeting()));

    RoomService.Admission ben = result(rooms.join(" " + room.joinCode().toLowerCase() + " ",
        new JsonObject().put("name", "Ben")));
    RoomService.Admission screen = result(rooms.join(room.joinCode(),
        new JsonObject().put("name", "Wall").put("role", "screen")));

    assertThat(ben).isEqualTo(new RoomService.Admission(room.roomId(), "p2", Role.PARTICIPANT, null));
    assertThat(screen.role()).isEqualTo(Role.SCREEN);
  }

  @Test
  @DisplayName("refuses a code no room has with ROOM_NOT_FOUND")
  void unknownCode() {
    Throwable refused = failure(rooms.join("ZZZZZZ", new JsonObject().put("name", "Ben")));

    assertThat(((RoomRefusal) refused).error().getString("code")).isEqualTo("ROOM_NOT_FOUND");
  }

  @Test
  @DisplayName("summarizes a room from its state: meeting, counts, online and the item under way")
  void summarizes() {
    RoomService.Admission room = result(rooms.createRoom(meeting()));
    String itemId = result(client.send(room.roomId(), "p1", new JsonObject().put("type", "AddItem")
        .put("title", "Budget").put("owner", "Ana"))).getJsonObject("result").getString("itemId");
    result(client.send(room.roomId(), "p1", new JsonObject().put("type", "StartItem").put("itemId", itemId)));
    result(client.sendAsSystem(room.roomId(), new JsonObject().put("type", "Connect").put("participantId", "p1")
        .put("connectionId", "c1")));

    RoomSummary summary = result(rooms.summary(room.roomId(), "p1"));

    assertThat(summary.roomId()).isEqualTo(room.roomId());
    assertThat(summary.joinCode()).isEqualTo(room.joinCode());
    assertThat(summary.seq()).isPositive();
    assertThat(summary.title()).isEqualTo("Q3 launch");
    assertThat(summary.kind()).isEqualTo(MeetingKind.DECISION);
    assertThat(summary.status()).isEqualTo(MeetingStatus.LIVE);
    assertThat(summary.participants()).isEqualTo(1);
    assertThat(summary.online()).isEqualTo(1);
    assertThat(summary.agendaItems()).isEqualTo(1);
    assertThat(summary.currentItem()).hasValueSatisfying(i -> assertThat(i.title()).isEqualTo("Budget"));
  }

  @Test
  @DisplayName("fails, rather than answering, when the store is unreachable")
  void storeDown() {
    RoomService.Admission room = result(rooms.createRoom(meeting()));
    store.failing(true);

    assertThatThrownBy(() -> result(rooms.summary(room.roomId(), "p1"))).isNotInstanceOf(RoomRefusal.class);
    assertThatThrownBy(() -> result(rooms.join(room.joinCode(), new JsonObject().put("name", "Ben"))));
  }

  @Test
  @DisplayName("shows a participant the room as they may see it")
  void viewIsTheParticipants() {
    RoomService.Admission room = result(rooms.createRoom(meeting()));

    RoomState view = result(rooms.view(room.roomId(), "p1"));

    assertThat(view.participants()).containsOnlyKeys("p1");
    assertThat(view.minutes().history()).isEmpty();
  }
}
