package dev.roundtable.web;

import dev.roundtable.domain.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Locale;

/**
 * Signs and verifies the HS256 tokens that identify a participant of a room. A token names the room, the
 * participant and the role they joined with; it is the only credential the protocol has, sent with every
 * event-bus message and as a Bearer header over HTTP.
 */
public final class Tokens {
  private static final String ALGORITHM = "HS256";

  private final JWTAuth auth;
  private final long ttlSeconds;

  public Tokens(Vertx vertx, String secret, long ttlSeconds) {
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret)));
    this.ttlSeconds = ttlSeconds;
  }

  public String issue(Identity identity) {
    JsonObject claims = new JsonObject()
        .put("sub", identity.participantId())
        .put("room", identity.roomId())
        .put("role", identity.role().name().toLowerCase(Locale.ROOT));
    return auth.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM).setExpiresInSeconds((int) ttlSeconds));
  }

  /** Fails for a missing, forged, expired or malformed token. */
  public Future<Identity> verify(String token) {
    if (token == null || token.isBlank() || token.length() > 4_096) {
      return Future.failedFuture("missing token");
    }
    return auth.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject p = user.principal();
      try {
        String room = p.getString("room");
        String participant = p.getString("sub");
        if (room == null || participant == null) {
          return Future.failedFuture("token names no room or participant");
        }
        return Future.succeededFuture(new Identity(room, participant,
            Role.valueOf(p.getString("role", "").toUpperCase(Locale.ROOT))));
      } catch (IllegalArgumentException | ClassCastException e) {
        return Future.failedFuture("malformed token");
      }
    });
  }
}
