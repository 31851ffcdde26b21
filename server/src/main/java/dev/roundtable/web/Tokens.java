package dev.roundtable.web;

import dev.roundtable.config.RoundtableConfig;
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
 *
 * <p>A download token is a second kind, for links that leave the console: it names the same room and
 * participant but carries {@code "scope":"export"} and lives minutes, not days. {@link #verify} refuses it,
 * so it opens nothing but the exports ({@link #verifyDownload}), which in turn refuse a participant token.
 */
public final class Tokens {
  private static final String ALGORITHM = "HS256";
  private static final String SCOPE = "scope";
  private static final String EXPORT_SCOPE = "export";

  private final JWTAuth auth;
  private final long ttlSeconds;
  private final long downloadTtlSeconds;

  public Tokens(Vertx vertx, String secret, long ttlSeconds) {
    this(vertx, secret, ttlSeconds, RoundtableConfig.DEFAULT_DOWNLOAD_TOKEN_TTL_SECONDS);
  }

  public Tokens(Vertx vertx, String secret, long ttlSeconds, long downloadTtlSeconds) {
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret)));
    this.ttlSeconds = ttlSeconds;
    this.downloadTtlSeconds = downloadTtlSeconds;
  }

  public String issue(Identity identity) {
    return auth.generateToken(claims(identity), options(ttlSeconds));
  }

  /** A token that opens the exports of the identity's room, as that participant sees it, until it expires. */
  public Download issueDownload(Identity identity) {
    long expiresAt = (System.currentTimeMillis() / 1000 + downloadTtlSeconds) * 1000;
    return new Download(auth.generateToken(claims(identity).put(SCOPE, EXPORT_SCOPE), options(downloadTtlSeconds)),
        expiresAt, downloadTtlSeconds);
  }

  /** A download token and when it expires (epoch ms, as its {@code exp} claim says). */
  public record Download(String token, long expiresAt, long ttlSeconds) {
  }

  private static JsonObject claims(Identity identity) {
    return new JsonObject()
        .put("sub", identity.participantId())
        .put("room", identity.roomId())
        .put("role", identity.role().name().toLowerCase(Locale.ROOT));
  }

  private static JWTOptions options(long ttl) {
    return new JWTOptions().setAlgorithm(ALGORITHM).setExpiresInSeconds((int) ttl);
  }

  /** Fails for a missing, forged, expired or malformed token, and for a download token. */
  public Future<Identity> verify(String token) {
    return verify(token, null);
  }

  /** Fails for anything but a valid download token. */
  public Future<Identity> verifyDownload(String token) {
    return verify(token, EXPORT_SCOPE);
  }

  private Future<Identity> verify(String token, String scope) {
    if (token == null || token.isBlank() || token.length() > 4_096) {
      return Future.failedFuture("missing token");
    }
    return auth.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject p = user.principal();
      if (!java.util.Objects.equals(p.getValue(SCOPE), scope)) {
        return Future.failedFuture(scope == null ? "a download token opens only exports" : "not a download token");
      }
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
