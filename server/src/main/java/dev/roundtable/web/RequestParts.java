package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What every REST route reads the same way: the JSON object body (or a BAD_JSON answer) and the bearer token. */
final class RequestParts {
  private RequestParts() {
  }

  /** The body as a JSON object; otherwise answers {@code 400 BAD_JSON} and returns null. */
  static JsonObject jsonBody(RoutingContext ctx) {
    try {
      Object json = ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
      if (json instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      // answered below
    }
    HttpErrors.send(ctx, ErrorCode.BAD_JSON, "the request body must be a JSON object");
    return null;
  }

  /**
   * Refuses a request whose {@code Content-Length} says it is longer than {@code limit}: the body is read to
   * its end (up to {@code drainAtMost}) and then answered {@code 413 TOO_LARGE}, so the client, still sending,
   * reads the answer rather than a reset connection. Longer ones, and bodies without a length, go on to the
   * BodyHandler, which refuses them (413) at once or as soon as they pass its limit.
   */
  static Handler<RoutingContext> refuseLonger(long limit, long drainAtMost, String message) {
    return ctx -> {
      long length;
      try {
        length = Long.parseLong(String.valueOf(ctx.request().getHeader("Content-Length")));
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length <= limit || length > drainAtMost) {
        ctx.next();
        return;
      }
      ctx.request().handler(ignored -> { }).endHandler(v -> HttpErrors.send(ctx, ErrorCode.TOO_LARGE, message));
    };
  }

  /** The token of an {@code Authorization: Bearer …} header, or null. */
  static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
  }
}
