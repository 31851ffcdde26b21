package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Role;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.RoomRequest;
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
@DisplayName("The bridge's admission")
class BridgeAdmissionTest {
  private static final String ROOM = "room-under-test";
  private static final String OTHER_ROOM = "another-room";
  private static final int MAX_BYTES = 200;
  private static final JsonObject ADD = new JsonObject().put("command",
      new JsonObject().put("type", "AddItem").put("title", "Budget"));
  private static final JsonObject SYNC = new JsonObject().put("command", new JsonObject().put("type", "Sync"));

  private final MutableClock clock = new MutableClock();
  private Tokens tokens;
  private BridgeAdmission admission;
  private ClientSession session;

  @BeforeEach
  void setUp(Vertx vertx) {
    tokens = new Tokens(vertx, "a-test-secret-that-is-long-enough-for-hs256", 3_600);
    admission = new BridgeAdmission(tokens, clock, MAX_BYTES, 10, 5);
    session = new ClientSession() {
      @Override
      void deliver(Frame frame) {
      }

      @Override
      void close(int code, String reason) {
      }
    };
    admission.opened(session);
  }

  private String token(String roomId, String participantId, Role role) {
    return tokens.issue(new Identity(roomId, participantId, role));
  }

  private static <T> BridgeAdmission.Verdict.Refused<T> refused(Future<BridgeAdmission.Verdict<T>> verdict) {
    BridgeAdmission.Verdict<T> v = result(verdict);
    assertThat(v).isInstanceOf(BridgeAdmission.Verdict.Refused.class);
    return (BridgeAdmission.Verdict.Refused<T>) v;
  }

  private static <T> T admitted(Future<BridgeAdmission.Verdict<T>> verdict) {
    BridgeAdmission.Verdict<T> v = result(verdict);
    assertThat(v).isInstanceOf(BridgeAdmission.Verdict.Admitted.class);
    return ((BridgeAdmission.Verdict.Admitted<T>) v).value();
  }

  private Future<BridgeAdmission.Verdict<BridgeAdmission.Send>> send(Object body, String token) {
    return admission.send(session, Addresses.commands(ROOM), body, token, String.valueOf(body).length());
  }

  @Test
  @DisplayName("admits a participant's command as the token's participant, read once")
  void admitsSend() {
    BridgeAdmission.Send send = admitted(send(ADD, token(ROOM, "p2", Role.PARTICIPANT)));
    assertThat(send.who()).isEqualTo(new Identity(ROOM, "p2", Role.PARTICIPANT));
    assertThat(send.request()).isInstanceOf(RoomRequest.Command.class);
    assertThat(send.request().senderHeader()).isEqualTo("p2");
  }

  @Test
  @DisplayName("refuses a send to an address that is not a room's command address")
  void address() {
    String token = token(ROOM, "p2", Role.PARTICIPANT);
    assertThat(refused(admission.send(session, Addresses.events(ROOM), ADD, token, 10)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(admission.register(session, Addresses.commands(ROOM), token)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("refuses what goes beyond the connection's burst, send and register alike, until it refills")
  void rate() {
    String token = token(ROOM, "p2", Role.PARTICIPANT);
    for (int i = 0; i < 4; i++) {
      admitted(send(SYNC, token));
    }
    admitted(admission.register(session, Addresses.events(ROOM), token));
    assertThat(refused(send(SYNC, token)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(refused(admission.register(session, Addresses.events(ROOM), token)).code())
        .isEqualTo(ErrorCode.RATE_LIMITED);
    clock.advance(100);
    admitted(send(SYNC, token));
  }

  @Test
  @DisplayName("refuses a body that is not a JSON object, or larger than the limit")
  void body() {
    String token = token(ROOM, "p2", Role.PARTICIPANT);
    assertThat(refused(send("hello", token)).code()).isEqualTo(ErrorCode.BAD_JSON);
    JsonObject big = new JsonObject().put("command", new JsonObject().put("type", "AddItem").put("title", "x".repeat(MAX_BYTES)));
    BridgeAdmission.Verdict.Refused<BridgeAdmission.Send> tooLarge = refused(send(big, token));
    assertThat(tooLarge.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(tooLarge.message()).isEqualTo("the message is larger than " + MAX_BYTES + " bytes");
  }

  @Test
  @DisplayName("refuses a missing or forged token, and a token of another room")
  void token() {
    assertThat(refused(send(ADD, null)).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(refused(send(ADD, "not-a-token")).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(refused(send(ADD, token(OTHER_ROOM, "p2", Role.PARTICIPANT))).code()).isEqualTo(ErrorCode.WRONG_ROOM);
    assertThat(refused(admission.register(session, Addresses.events(ROOM), token(OTHER_ROOM, "p2", Role.PARTICIPANT)))
        .code()).isEqualTo(ErrorCode.WRONG_ROOM);
  }

  @Test
  @DisplayName("lets a screen send only Sync")
  void screen() {
    String token = token(ROOM, "p5", Role.SCREEN);
    assertThat(admitted(send(SYNC, token)).request()).isInstanceOf(RoomRequest.Sync.class);
    BridgeAdmission.Verdict.Refused<BridgeAdmission.Send> command = refused(send(ADD, token));
    assertThat(command.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(command.message()).isEqualTo("a screen is read-only");
    assertThat(refused(send(new JsonObject().put("command", "Sync"), token)).code()).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("refuses a malformed request as the room would")
  void malformed() {
    String token = token(ROOM, "p2", Role.PARTICIPANT);
    BridgeAdmission.Verdict.Refused<BridgeAdmission.Send> r = refused(send(new JsonObject().put("clientId", "tab")
        .put("command", ADD.getJsonObject("command")), token));
    assertThat(r.code()).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(r.message()).startsWith("clientId must be");
  }

  @Test
  @DisplayName("trusts a token it verified on the same connection for a minute, then checks it again")
  void tokenReuse() {
    String token = token(ROOM, "p2", Role.PARTICIPANT);
    admitted(send(SYNC, token));
    assertThat(session.verifiedToken).isEqualTo(token);
    long verifiedAt = session.verifiedAtMillis;
    // The test clock is the system clock moved forward, so leave it a second of slack.
    clock.advance(BridgeAdmission.TOKEN_REUSE_MS - 1_000);
    admitted(send(SYNC, token));
    assertThat(session.verifiedAtMillis).as("reused, not verified again").isEqualTo(verifiedAt);
    clock.advance(1_000);
    admitted(send(SYNC, token));
    assertThat(session.verifiedAtMillis).isGreaterThanOrEqualTo(verifiedAt + BridgeAdmission.TOKEN_REUSE_MS);
  }

  @Test
  @DisplayName("admits a register as the token's identity, but not twice on one connection")
  void register() {
    String token = token(ROOM, "p2", Role.SCREEN);
    Identity who = admitted(admission.register(session, Addresses.events(ROOM), token));
    assertThat(who).isEqualTo(new Identity(ROOM, "p2", Role.SCREEN));
    session.subscriptions.put(Addresses.events(ROOM), who);
    BridgeAdmission.Verdict.Refused<Identity> again = refused(admission.register(session, Addresses.events(ROOM), token));
    assertThat(again.code()).isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(again.message()).isEqualTo("already subscribed to " + Addresses.events(ROOM));
  }
}
