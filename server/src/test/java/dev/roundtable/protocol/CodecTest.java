package dev.roundtable.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.AgendaCommands.AddItem;
import dev.roundtable.domain.AgendaCommands.ReorderAgenda;
import dev.roundtable.domain.Actor;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Goals;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingEvents;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("The protocol codec")
class CodecTest {

  private static JsonObject addItem() {
    return new JsonObject().put("type", "AddItem").put("title", "Budget");
  }

  @Test
  @DisplayName("decodes a command by its type name, with lower-case enums and list fields as sent over the bus")
  void decodes() {
    assertThat(Codec.command(addItem().put("kind", "decide").put("timeboxSeconds", 60)).value())
        .isEqualTo(new AddItem("Budget", null, 60, null, ItemKind.DECIDE, null));
    assertThat(Codec.command(new JsonObject().put("type", "ReorderAgenda")
        .put("itemIds", new JsonArray().add("i2").add("i1"))).value())
        .isEqualTo(new ReorderAgenda(List.of("i2", "i1")));
    assertThat(Codec.command(addItem().put("kind", "OPEN_DISCUSSION")).value())
        .isEqualTo(new AddItem("Budget", null, null, null, ItemKind.OPEN_DISCUSSION, null));
  }

  @TestFactory
  @DisplayName("refuses, with the matching code,")
  Stream<DynamicTest> refuses() {
    return Stream.of(
        refused("a missing type", new JsonObject().put("title", "x"), ErrorCode.UNKNOWN_COMMAND),
        refused("an unknown type", new JsonObject().put("type", "DropTables"), ErrorCode.UNKNOWN_COMMAND),
        refused("a type that is not a string", new JsonObject().put("type", 7), ErrorCode.UNKNOWN_COMMAND),
        refused("the runtime's own Sync as a domain command", new JsonObject().put("type", "Sync"),
            ErrorCode.UNKNOWN_COMMAND),
        refused("an unknown field", addItem().put("colour", "red"), ErrorCode.INVALID_FIELD),
        refused("a string for a number", addItem().put("timeboxSeconds", "60"), ErrorCode.INVALID_FIELD),
        refused("a fraction for a whole number", addItem().put("timeboxSeconds", 60.5), ErrorCode.INVALID_FIELD),
        refused("a number for a text", addItem().put("title", 123), ErrorCode.INVALID_FIELD),
        refused("a boolean for a text", addItem().put("owner", true), ErrorCode.INVALID_FIELD),
        refused("a number for an enum", addItem().put("kind", 2), ErrorCode.INVALID_FIELD),
        refused("an unknown enum value", addItem().put("kind", "vote"), ErrorCode.INVALID_FIELD),
        refused("an object for a list", new JsonObject().put("type", "ReorderAgenda")
            .put("itemIds", new JsonObject()), ErrorCode.INVALID_FIELD),
        refused("no command at all", null, ErrorCode.INVALID_FIELD));
  }

  private static DynamicTest refused(String what, JsonObject json, ErrorCode code) {
    return DynamicTest.dynamicTest(what, () -> {
      Codec.Result<?> result = Codec.command(json);
      assertThat(result.ok()).isFalse();
      assertThat(result.rejection().code()).isEqualTo(code);
    });
  }

  @Test
  @DisplayName("writes events and states that read back equal")
  void roundTrips() {
    RoomState empty = RoomState.empty("room-1234", 180);
    Outcome.Applied created = (Outcome.Applied) Room.apply(empty, Actor.system(),
        Codec.command(new JsonObject().put("type", "CreateMeeting").put("title", "Sync").put("goal", "Agree the plan")
            .put("kind", "decision").put("facilitatorName", "Ana")).value(), 1_000);
    Outcome.Applied added = (Outcome.Applied) Room.apply(created.state(), Actor.participant("p1"),
        Codec.command(addItem()).value(), 2_000);

    assertThat(Codec.events(Codec.eventsToJson(added.events()))).isEqualTo(added.events());
    assertThat(Codec.state(Codec.toJson(added.state()))).isEqualTo(added.state());
    assertThat(Codec.toJson(added.state()).getJsonObject("meeting").getString("kind")).isEqualTo("decision");
  }

  @Test
  @DisplayName("writes a meeting's language as its tag, and reads a meeting stored without one as English")
  void language() {
    Outcome.Applied created = (Outcome.Applied) Room.apply(RoomState.empty("room-1234", 180), Actor.system(),
        Codec.command(new JsonObject().put("type", "CreateMeeting").put("title", "T").put("goal", "确定发布日期")
            .put("kind", "decision").put("facilitatorName", "芳").put("language", "zh-CN")).value(), 1_000);
    JsonObject state = Codec.toJson(created.state());

    assertThat(state.getJsonObject("meeting").getString("language")).isEqualTo("zh-CN");
    assertThat(Codec.eventsToJson(created.events()).getJsonObject(0).getString("language")).isEqualTo("zh-CN");
    assertThat(Codec.state(state)).isEqualTo(created.state());
    state.getJsonObject("meeting").remove("language");
    assertThat(Codec.state(state).meeting().language()).isEqualTo(Language.EN);
    JsonObject event = Codec.eventsToJson(created.events()).getJsonObject(0);
    event.remove("language");
    assertThat(((MeetingEvents.MeetingCreated) Codec.events(new JsonArray().add(event)).get(0)).language())
        .isEqualTo(Language.EN);
  }

  @Test
  @DisplayName("gives a goal of the wrong type a goal reason, like every other refusal of a goal")
  void goalOfWrongType() {
    Codec.Result<?> result = Codec.command(new JsonObject().put("type", "CreateMeeting").put("goal", 42));

    assertThat(result.rejection().code()).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(result.rejection().reason()).isEqualTo(Goals.MALFORMED);
  }
}
