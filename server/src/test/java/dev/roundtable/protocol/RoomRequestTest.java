package dev.roundtable.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.Cursors;
import dev.roundtable.domain.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A message to a room")
class RoomRequestTest {
  private static final JsonObject ADD = new JsonObject().put("type", "AddItem").put("title", "Budget");

  private static Codec.Result<RoomRequest> read(Object body) {
    return RoomRequest.parse("p1", body);
  }

  private static ErrorCode refusal(Object body) {
    Codec.Result<RoomRequest> r = read(body);
    assertThat(r.ok()).as("%s is refused", body).isFalse();
    return r.rejection().code();
  }

  @Test
  @DisplayName("is a command with its sender and client ids, and writes back as the same body")
  void command() {
    JsonObject body = new JsonObject().put("clientId", "tab").put("clientSeq", 3).put("command", ADD);
    RoomRequest.Command c = (RoomRequest.Command) read(body).value();
    assertThat(c.sender()).isEqualTo(Actor.participant("p1"));
    assertThat(c.clientId()).isEqualTo("tab");
    assertThat(c.clientSeq()).isEqualTo(3L);
    assertThat(c.toBody()).isEqualTo(body);
    assertThat(c.senderHeader()).isEqualTo("p1");
    assertThat(((RoomRequest.Command) read(new JsonObject().put("command", ADD)).value()).clientId()).isNull();
  }

  @Test
  @DisplayName("comes from the server itself when the sender header says so")
  void system() {
    RoomRequest r = RoomRequest.parse(Headers.SYSTEM_ACTOR, new JsonObject().put("command", ADD)).value();
    assertThat(r.sender().isSystem()).isTrue();
    assertThat(r.senderHeader()).isEqualTo(Headers.SYSTEM_ACTOR);
  }

  @Test
  @DisplayName("is a Sync, with or without a sequence number to resume after")
  void sync() {
    RoomRequest.Sync since = (RoomRequest.Sync) read(new JsonObject().put("command",
        new JsonObject().put("type", "Sync").put("sinceSeq", 5))).value();
    assertThat(since.sinceSeq()).isEqualTo(5L);
    assertThat(RoomRequest.parse("p1", since.toBody()).value()).isEqualTo(since);
    RoomRequest.Sync fresh = (RoomRequest.Sync) read(new JsonObject().put("command",
        new JsonObject().put("type", "Sync").put("sinceSeq", "x"))).value();
    assertThat(fresh.sinceSeq()).isNull();
  }

  @Test
  @DisplayName("is a cursor of exactly revision, anchor and head, all whole numbers")
  void cursor() {
    JsonObject cursor = new JsonObject().put("type", "Cursor").put("revision", 1).put("anchor", 2).put("head", 3);
    RoomRequest.Cursor c = (RoomRequest.Cursor) read(new JsonObject().put("command", cursor)).value();
    assertThat(c).isEqualTo(new RoomRequest.Cursor(Actor.participant("p1"), 1, 2, 3));
    assertThat(c.toBody()).isEqualTo(new JsonObject().put("command", cursor));
    assertThat(refusal(new JsonObject().put("command", cursor.copy().put("extra", 1)))).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(read(new JsonObject().put("command", cursor.copy().put("head", 1.5))).rejection().message())
        .isEqualTo(Cursors.INVALID);
  }

  @Test
  @DisplayName("is refused when its body is not an object, it has no sender, or its command is not an object")
  void shape() {
    assertThat(refusal("hello")).isEqualTo(ErrorCode.BAD_JSON);
    assertThat(RoomRequest.parse(null, new JsonObject().put("command", ADD)).rejection().code())
        .isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(RoomRequest.parse("", new JsonObject().put("command", ADD)).rejection().code())
        .isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(refusal(new JsonObject().put("command", "AddItem"))).isEqualTo(ErrorCode.INVALID_FIELD);
  }

  @Test
  @DisplayName("is refused with client ids that are not both a short string and a non-negative whole number")
  void clientIds() {
    assertThat(refusal(new JsonObject().put("clientId", "tab").put("command", ADD))).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(new JsonObject().put("clientSeq", 1).put("command", ADD))).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(new JsonObject().put("clientId", "").put("clientSeq", 1).put("command", ADD)))
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(new JsonObject().put("clientId", "x".repeat(65)).put("clientSeq", 1).put("command", ADD)))
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(new JsonObject().put("clientId", "tab").put("clientSeq", -1).put("command", ADD)))
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(new JsonObject().put("clientId", "tab").put("clientSeq", 1.5).put("command", ADD)))
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(read(new JsonObject().put("clientId", "tab").put("clientSeq", 2.0).put("command", ADD)).ok()).isTrue();
  }
}
