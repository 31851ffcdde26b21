package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.review.ReviewService;
import dev.roundtable.room.RoomRefusal;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The rating routes of a room (PROTOCOL.md §15): {@code POST /api/rooms/:roomId/rating {score, suggestion?}} and
 * {@code GET /api/rooms/:roomId/rating} with the room's participant token. HTTP only: it reads the body's shape
 * and hands it to the {@link ReviewService}. It logs nothing, and its replies carry the rater's own score only,
 * never a suggestion. A series member rates through {@link SeriesApi}.
 */
public final class ReviewApi implements ApiRoutes {
  /** A suggestion of 1 000 characters in UTF-8 with room to spare. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  private final ReviewService reviews;
  private final Tokens tokens;

  public ReviewApi(ReviewService reviews, Tokens tokens) {
    this.reviews = reviews;
    this.tokens = tokens;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.post("/api/rooms/:roomId/rating").handler(body).handler(this::rate);
    router.get("/api/rooms/:roomId/rating").handler(this::own);
  }

  private void rate(RoutingContext ctx) {
    String roomId = ctx.pathParam("roomId");
    RestApi.ofRoom(ctx, roomId, tokens.verify(RequestParts.bearer(ctx)), who -> {
      Rating r = Rating.read(ctx);
      if (r != null) {
        reviews.rateAsParticipant(roomId, who.participantId(), r.score(), r.suggestion())
            .map(ReviewApi::rated).onComplete(ar -> respond(ctx, ar));
      }
    });
  }

  private void own(RoutingContext ctx) {
    String roomId = ctx.pathParam("roomId");
    RestApi.ofRoom(ctx, roomId, tokens.verify(RequestParts.bearer(ctx)), who ->
        reviews.scoreOfParticipant(roomId, who.participantId())
            .map(score -> new JsonObject().put("score", score.orElse(null))).onComplete(ar -> respond(ctx, ar)));
  }

  static JsonObject rated(ReviewService.Rated r) {
    return new JsonObject().put("score", r.score()).put("suggested", r.suggested());
  }

  /** A rating's body: a whole-number score and an optional suggestion; otherwise answers 400 and is null. */
  record Rating(Integer score, String suggestion) {
    static Rating read(RoutingContext ctx) {
      JsonObject b = RequestParts.jsonBody(ctx);
      if (b == null) {
        return null;
      }
      Object score = b.getValue("score");
      Object suggestion = b.getValue("suggestion");
      if (!(score instanceof Integer || score instanceof Long) || ((Number) score).longValue() != ((Number) score).intValue()) {
        HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "score must be a whole number from 1 to 5");
        return null;
      }
      if (suggestion != null && !(suggestion instanceof String)) {
        HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "suggestion must be a string");
        return null;
      }
      return new Rating(((Number) score).intValue(), (String) suggestion);
    }
  }

  static void respond(RoutingContext ctx, AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
          .putHeader("cache-control", "no-store").end(ar.result().encode());
    } else if (ar.cause() instanceof RoomRefusal r) {
      HttpErrors.send(ctx, r.error());
    } else {
      HttpErrors.send(ctx, ErrorCode.UNAVAILABLE, "the server could not complete the request; retry");
    }
  }
}
