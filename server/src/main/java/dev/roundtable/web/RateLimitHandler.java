package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Admits a request to a route anyone may call (create a room, join one, a join code's QR code) only while its
 * client address has a token in that route's {@link AddressRateLimiter}; otherwise answers {@code 429
 * RATE_LIMITED} with {@code Retry-After} (whole seconds, at least 1). It runs before the body is read (a
 * {@link PlatformHandler}, which vertx-web places before the body handler), so a refused request costs no
 * buffering and never reaches the store.
 */
final class RateLimitHandler implements PlatformHandler {
  private final AddressRateLimiter limiter;
  private final ClientAddress clients;
  private final String what;

  /** {@code what}: the requests counted, for the message ("room creations", "joins"). */
  RateLimitHandler(AddressRateLimiter limiter, ClientAddress clients, String what) {
    this.limiter = limiter;
    this.clients = clients;
    this.what = what;
  }

  @Override
  public void handle(RoutingContext ctx) {
    var request = ctx.request();
    String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    long waitMs = limiter.tryAcquire(clients.key(peer, request.getHeader("X-Forwarded-For")));
    if (waitMs == 0) {
      ctx.next();
      return;
    }
    long seconds = Math.max(1, (waitMs + 999) / 1000);
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    HttpErrors.send(ctx, ErrorCode.RATE_LIMITED,
        "too many " + what + " from your address; retry in " + seconds + " s");
  }
}
