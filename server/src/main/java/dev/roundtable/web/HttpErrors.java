package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes protocol errors as HTTP responses: the status that fits the code, and {@code {code, message}}. */
final class HttpErrors {
  private HttpErrors() {
  }

  static int status(ErrorCode code) {
    return switch (code) {
      case BAD_JSON, UNKNOWN_COMMAND, INVALID_FIELD -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN, WRONG_ROOM -> 403;
      case NOT_FOUND, ROOM_NOT_FOUND, ITEM_NOT_FOUND, PARTICIPANT_NOT_FOUND, NOTE_NOT_FOUND, CLUSTER_NOT_FOUND,
          MOTION_NOT_FOUND, ACTION_ITEM_NOT_FOUND, POINT_NOT_FOUND -> 404;
      case ROOM_EXISTS, STALE_VERSION, INVALID_STATE, MEETING_ENDED, LIMIT_REACHED, MINUTES_FINALIZED -> 409;
      case TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }

  static void send(RoutingContext ctx, ErrorCode code, String message) {
    send(ctx, new JsonObject().put("code", code.name()).put("message", message));
  }

  /** {@code error} is a protocol error object, {@code {code, message}}. */
  static void send(RoutingContext ctx, JsonObject error) {
    ErrorCode code;
    try {
      code = ErrorCode.valueOf(error.getString("code"));
    } catch (IllegalArgumentException | NullPointerException e) {
      code = ErrorCode.INTERNAL;
    }
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status(code)).putHeader("content-type", "application/json")
          .end(error.encode());
    }
  }
}
