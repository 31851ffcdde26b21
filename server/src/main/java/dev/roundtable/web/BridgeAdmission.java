package dev.roundtable.web;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Role;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.RoomRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;

/**
 * The bridge's policy, apart from its frame dispatch: whether a client's {@code send} or {@code register}
 * may reach a room, and as whom. The checks run in the order of docs/PROTOCOL.md §4.4 and the first failure
 * wins: address, rate, body and size (for {@code send}), token, that the token's room is the address's
 * room, and that a screen only reads. A token verified on a connection is trusted again on it for
 * {@link #TOKEN_REUSE_MS}, so a busy client does not cost an HMAC per command. Every answer is a
 * {@link Verdict}, never a failed Future. Confined to the bridge's event loop, like the sessions it reads.
 */
final class BridgeAdmission {
  /** A verified token is trusted again on the same connection for this long before it is checked again. */
  static final long TOKEN_REUSE_MS = 60_000;

  /** What a client may do: go ahead with {@code value}, or be refused with a code and message. */
  sealed interface Verdict<T> {
    record Admitted<T>(T value) implements Verdict<T> {
    }

    record Refused<T>(ErrorCode code, String message) implements Verdict<T> {
    }
  }

  /** An admitted {@code send}: who sends it (and so to which room), and the request, read once. */
  record Send(Identity who, RoomRequest request) {
  }

  private final Tokens tokens;
  private final Clock clock;
  private final int maxCommandBytes;
  private final int commandsPerSecond;
  private final int commandBurst;

  BridgeAdmission(Tokens tokens, Clock clock, int maxCommandBytes, int commandsPerSecond, int commandBurst) {
    this.tokens = tokens;
    this.clock = clock;
    this.maxCommandBytes = maxCommandBytes;
    this.commandsPerSecond = commandsPerSecond;
    this.commandBurst = commandBurst;
  }

  /** A new connection starts with a full token bucket. */
  void opened(ClientSession session) {
    session.limiter = new RateLimiter(commandsPerSecond, commandBurst, clock.millis());
  }

  /**
   * A {@code send} of {@code body} to {@code address} with {@code token}; {@code frameChars} is the length of
   * the frame's text, which bounds its size without measuring.
   */
  Future<Verdict<Send>> send(ClientSession session, String address, Object body, String token,
      int frameChars) {
    Optional<String> room = Addresses.roomOfCommands(address);
    if (room.isEmpty()) {
      return refused(ErrorCode.FORBIDDEN, "no such address");
    }
    if (!session.limiter.tryTake(clock.millis())) {
      return refused(ErrorCode.RATE_LIMITED, "too many messages; slow down");
    }
    if (!(body instanceof JsonObject json)) {
      return refused(ErrorCode.BAD_JSON, "the message body must be a JSON object");
    }
    // A frame of n UTF-16 units encodes to at most 3n bytes; only a long one needs measuring.
    if ((long) frameChars * 3 > maxCommandBytes && json.toBuffer().length() > maxCommandBytes) {
      return refused(ErrorCode.TOO_LARGE, "the message is larger than " + maxCommandBytes + " bytes");
    }
    return verify(session, token, room.get()).map(verdict -> {
      if (!(verdict instanceof Verdict.Admitted<Identity> admitted)) {
        return refusedNow((Verdict.Refused<Identity>) verdict);
      }
      Identity who = admitted.value();
      Codec.Result<RoomRequest> request = RoomRequest.parseVerified(Actor.participant(who.participantId()), json);
      if (who.role() == Role.SCREEN && !(request.ok() && request.value() instanceof RoomRequest.Sync)) {
        return new Verdict.Refused<>(ErrorCode.FORBIDDEN, "a screen is read-only");
      }
      if (!request.ok()) {
        return new Verdict.Refused<>(request.rejection().code(), request.rejection().message());
      }
      return new Verdict.Admitted<>(new Send(who, request.value()));
    });
  }

  /** A {@code register} on {@code address} with {@code token}. Admitted: the identity the socket subscribes as. */
  Future<Verdict<Identity>> register(ClientSession session, String address, String token) {
    Optional<String> room = Addresses.roomOfEvents(address);
    if (room.isEmpty()) {
      return refused(ErrorCode.FORBIDDEN, "no such address");
    }
    if (!session.limiter.tryTake(clock.millis())) {
      return refused(ErrorCode.RATE_LIMITED, "too many messages; slow down");
    }
    if (session.subscriptions.containsKey(address)) {
      return refused(ErrorCode.INVALID_STATE, "already subscribed to " + address);
    }
    return verify(session, token, room.get());
  }

  /** The token's identity if it is valid and names {@code roomId}. */
  private Future<Verdict<Identity>> verify(ClientSession session, String token, String roomId) {
    return verified(session, token).transform(ar -> {
      if (ar.failed()) {
        return refused(ErrorCode.UNAUTHORIZED, "missing or invalid token");
      }
      if (!ar.result().roomId().equals(roomId)) {
        return refused(ErrorCode.WRONG_ROOM, "the token is for another room");
      }
      return Future.succeededFuture(new Verdict.Admitted<>(ar.result()));
    });
  }

  /** Verifies a token, or trusts it again if this connection proved the same token a moment ago. */
  private Future<Identity> verified(ClientSession session, String token) {
    long now = clock.millis();
    if (token != null && token.equals(session.verifiedToken) && now - session.verifiedAtMillis < TOKEN_REUSE_MS) {
      return Future.succeededFuture(session.verifiedIdentity);
    }
    return tokens.verify(token).onSuccess(identity -> {
      session.verifiedToken = token;
      session.verifiedIdentity = identity;
      session.verifiedAtMillis = now;
    });
  }

  private static <T> Future<Verdict<T>> refused(ErrorCode code, String message) {
    return Future.succeededFuture(new Verdict.Refused<>(code, message));
  }

  private static <T> Verdict<T> refusedNow(Verdict.Refused<?> refused) {
    return new Verdict.Refused<>(refused.code(), refused.message());
  }
}
