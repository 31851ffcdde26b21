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
 *
 * <p>A series' links are three more scopes, each refused wherever another is expected: {@code series-coordinator}
 * (the coordinator's link, given once at creation), {@code series-member} (a member's personal link) and
 * {@code series-feed} (a member's calendar feed URL, which opens only that feed). Each names the series and
 * carries a version ({@code v}): the series keeps the current version of the coordinator's and of each
 * member's link, so rotating a link (a higher version) revokes every older one, feed included.
 */
public final class Tokens {
  private static final String ALGORITHM = "HS256";
  private static final String SCOPE = "scope";
  private static final String EXPORT_SCOPE = "export";

  static final String SERIES_COORDINATOR = "series-coordinator";
  static final String SERIES_MEMBER = "series-member";
  static final String SERIES_FEED = "series-feed";
  /** Series links live a year past their issue, unless rotated before; a calendar feed is re-read for that long. */
  public static final long DEFAULT_SERIES_LINK_TTL_SECONDS = 366L * 24 * 60 * 60;

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

  /** Who a series link is for: its scope, series, member (null for the coordinator) and link version. */
  public record SeriesPass(String scope, String seriesId, String memberId, int version) {
    public boolean coordinator() {
      return SERIES_COORDINATOR.equals(scope);
    }
  }

  public String issueSeriesCoordinator(String seriesId, int version) {
    return series(SERIES_COORDINATOR, seriesId, null, version);
  }

  public String issueSeriesMember(String seriesId, String memberId, int linkVersion) {
    return series(SERIES_MEMBER, seriesId, memberId, linkVersion);
  }

  public String issueSeriesFeed(String seriesId, String memberId, int linkVersion) {
    return series(SERIES_FEED, seriesId, memberId, linkVersion);
  }

  private String series(String scope, String seriesId, String memberId, int version) {
    JsonObject claims = new JsonObject().put(SCOPE, scope).put("series", seriesId).put("v", version);
    if (memberId != null) {
      claims.put("sub", memberId);
    }
    return auth.generateToken(claims, options(DEFAULT_SERIES_LINK_TTL_SECONDS));
  }

  /**
   * A series link's pass, when {@code token} is a valid coordinator or member link ({@code feed} false) or a
   * calendar feed token ({@code feed} true); fails for anything else, a room's tokens included.
   */
  public Future<SeriesPass> verifySeries(String token, boolean feed) {
    if (token == null || token.isBlank() || token.length() > 4_096) {
      return Future.failedFuture("missing token");
    }
    return auth.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject p = user.principal();
      Object scope = p.getValue(SCOPE);
      boolean fits = feed ? SERIES_FEED.equals(scope) : SERIES_COORDINATOR.equals(scope) || SERIES_MEMBER.equals(scope);
      if (!fits) {
        return Future.failedFuture("not a series link");
      }
      try {
        String series = p.getString("series");
        String member = p.getString("sub");
        Integer version = p.getInteger("v");
        if (series == null || version == null || (member == null) != SERIES_COORDINATOR.equals(scope)) {
          return Future.failedFuture("malformed series link");
        }
        return Future.succeededFuture(new SeriesPass((String) scope, series, member, version));
      } catch (ClassCastException e) {
        return Future.failedFuture("malformed series link");
      }
    });
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
