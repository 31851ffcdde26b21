package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import dev.roundtable.export.MinutesExport;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Replies;
import dev.roundtable.room.RoomClient;
import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The HTTP API: create a room, join one by code, read a room's summary, export its minutes. Thin: it checks
 * the request's shape, turns it into a room command sent through {@link RoomClient}, and turns the reply into
 * JSON (or, for the minutes, hands the room state to {@link MinutesExport}). The only thing it stores itself
 * is the join-code directory, which is not room state.
 */
final class RestApi {
  private static final String JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int JOIN_CODE_LENGTH = 6;
  private static final int JOIN_CODE_ATTEMPTS = 8;

  private final RoomClient rooms;
  private final RoomStore store;
  private final Tokens tokens;
  private final Clock clock;
  private final String publicUrl;
  private final SecureRandom random = new SecureRandom();

  /** {@code publicUrl}: the configured address people open, or empty to use the one a request came in on. */
  RestApi(RoomClient rooms, RoomStore store, Tokens tokens, Clock clock, String publicUrl) {
    this.rooms = rooms;
    this.store = store;
    this.tokens = tokens;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  /** {@code POST /api/rooms}: the body is CreateMeeting's fields; the creator becomes the facilitator. */
  void createRoom(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String roomId = newRoomId();
    rooms.sendAsSystem(roomId, body.copy().put("type", "CreateMeeting"))
        .compose(reply -> Replies.isOk(reply) ? registerJoinCode(roomId, 1).map(code -> {
          String participantId = reply.getJsonObject("result").getString("participantId");
          return credentials(roomId, participantId, Role.FACILITATOR).put("joinCode", code);
        }) : Future.failedFuture(new RefusedException(reply.getJsonObject("error"))))
        .onComplete(ar -> respond(ctx, 201, ar));
  }

  /** {@code POST /api/join}: {@code {code, name, department, role}} with role participant (default) or screen. */
  void join(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    if (!(body.getValue("code") instanceof String code) || code.isBlank() || code.length() > 32) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "code is required");
      return;
    }
    JsonObject command = body.copy().put("type", "Join");
    command.remove("code");
    if (command.getValue("role") == null) {
      command.put("role", "participant");
    }
    store.roomByJoinCode(normalizedJoinCode(code))
        .compose(room -> room.isEmpty()
            ? Future.failedFuture(new RefusedException(ErrorCode.ROOM_NOT_FOUND, "no room has this join code"))
            : rooms.sendAsSystem(room.get(), command).compose(reply -> Replies.isOk(reply)
                ? Future.succeededFuture(credentials(room.get(),
                    reply.getJsonObject("result").getString("participantId"), Role.valueOf(
                        command.getString("role").toUpperCase(Locale.ROOT))))
                : Future.failedFuture(new RefusedException(reply.getJsonObject("error")))))
        .onComplete(ar -> respond(ctx, 200, ar));
  }

  /**
   * {@code GET /api/join/:code/qr.svg}: the join link of a room as a QR code, for the shared screen. The link
   * uses the configured public URL, or else the address the request came in on.
   */
  void joinQrCode(RoutingContext ctx) {
    String code = normalizedJoinCode(ctx.pathParam("code"));
    if (!code.matches("[A-Z0-9]{4,12}")) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "not a join code");
      return;
    }
    store.roomByJoinCode(code).onComplete(found -> {
      if (found.failed()) {
        HttpErrors.send(ctx, ErrorCode.UNAVAILABLE, "the store is unavailable; retry");
      } else if (found.result().isEmpty()) {
        HttpErrors.send(ctx, ErrorCode.ROOM_NOT_FOUND, "no room has this join code");
      } else {
        String base = publicUrl.isEmpty()
            ? ctx.request().scheme() + "://" + ctx.request().authority() + "/" : publicUrl;
        ctx.response().putHeader("content-type", "image/svg+xml").putHeader("cache-control", "no-store")
            .end(QrCodes.svg(base + "?code=" + code));
      }
    });
  }

  /** Join codes are typed by people: case and surrounding spaces do not matter. */
  private static String normalizedJoinCode(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  /** {@code GET /api/rooms/:roomId} with {@code Authorization: Bearer <token>} of that room. */
  void summary(RoutingContext ctx) {
    String roomId = ctx.pathParam("roomId");
    asMemberOf(ctx, roomId, bearer(ctx), who -> {
      Future<JsonObject> snapshot = rooms.send(roomId, who.participantId(), new JsonObject().put("type", Codec.SYNC));
      Future<java.util.Optional<String>> joinCode = store.joinCodeOf(roomId);
      Future.all(snapshot, joinCode)
          .map(all -> summarize(roomId, snapshot.result(), joinCode.result()))
          .onComplete(ar -> respond(ctx, 200, ar));
    });
  }

  /** Runs {@code then} when {@code token} is valid and of {@code roomId}; otherwise answers 401 or 403 itself. */
  private void asMemberOf(RoutingContext ctx, String roomId, String token, java.util.function.Consumer<Identity> then) {
    tokens.verify(token).onComplete(verified -> {
      if (verified.failed()) {
        HttpErrors.send(ctx, ErrorCode.UNAUTHORIZED, "missing or invalid token");
      } else if (!verified.result().roomId().equals(roomId)) {
        HttpErrors.send(ctx, ErrorCode.WRONG_ROOM, "the token is for another room");
      } else {
        then.accept(verified.result());
      }
    });
  }

  /** {@code GET /api/rooms/:roomId/minutes.md}: the minutes as Markdown, see {@link #minutes}. */
  void minutesMarkdown(RoutingContext ctx) {
    minutes(ctx, "md", "text/markdown; charset=utf-8", MinutesExport::markdown);
  }

  /** {@code GET /api/rooms/:roomId/minutes.html}: the minutes as a printable HTML page, see {@link #minutes}. */
  void minutesHtml(RoutingContext ctx) {
    minutes(ctx, "html", "text/html; charset=utf-8", MinutesExport::html);
  }

  /**
   * The minutes as the token's participant sees the room (a Sync as that participant), rendered by
   * {@link MinutesExport}. Authorised like the summary, with the token taken from {@code Authorization:
   * Bearer} or, so that a plain browser link can open the document, from a {@code token} query parameter.
   * {@code tz} (an IANA zone id or offset, default UTC) sets the zone times are shown in.
   */
  private void minutes(RoutingContext ctx, String extension, String contentType,
      BiFunction<RoomState, ZoneId, String> render) {
    String roomId = ctx.pathParam("roomId");
    String header = bearer(ctx);
    asMemberOf(ctx, roomId, header != null ? header : queryParam(ctx, "token"), who -> {
      ZoneId zone = zone(queryParam(ctx, "tz"));
      if (zone == null) {
        HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "tz must be a time zone such as Europe/Berlin or UTC");
        return;
      }
      rooms.send(roomId, who.participantId(), new JsonObject().put("type", Codec.SYNC))
          .compose(reply -> Replies.isOk(reply)
              ? Future.succeededFuture(render.apply(Codec.state(reply.getJsonObject("snapshot")), zone))
              : Future.failedFuture(new RefusedException(reply.getJsonObject("error"))))
          .onComplete(ar -> {
            if (ar.failed()) {
              fail(ctx, ar.cause());
              return;
            }
            var response = ctx.response().setStatusCode(200).putHeader("content-type", contentType)
                .putHeader("content-disposition", "inline; filename=\"minutes-" + roomId + "." + extension + "\"")
                .putHeader("cache-control", "no-store")
                .putHeader("referrer-policy", "no-referrer")
                .putHeader("x-content-type-options", "nosniff");
            if (extension.equals("html")) {
              response.putHeader("content-security-policy",
                  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
            }
            response.end(ar.result());
          });
    });
  }

  private static ZoneId zone(String tz) {
    if (tz == null || tz.isEmpty()) {
      return ZoneOffset.UTC;
    }
    try {
      return tz.length() <= 64 ? ZoneId.of(tz) : null;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String queryParam(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    return values.isEmpty() ? null : values.get(0);
  }

  private static JsonObject summarize(String roomId, JsonObject reply, java.util.Optional<String> joinCode) {
    JsonObject s = reply.getJsonObject("snapshot");
    JsonObject meeting = s.getJsonObject("meeting", new JsonObject());
    JsonObject participants = s.getJsonObject("participants", new JsonObject());
    long online = participants.stream()
        .filter(e -> !((JsonObject) e.getValue()).getJsonArray("connections", new JsonArray()).isEmpty()).count();
    JsonArray agenda = s.getJsonArray("agenda", new JsonArray());
    JsonObject current = agenda.stream().map(JsonObject.class::cast)
        .filter(i -> "active".equals(i.getString("status"))).findFirst()
        .map(i -> new JsonObject().put("id", i.getString("id")).put("title", i.getString("title"))
            .put("owner", i.getString("owner")).put("expectedOutput", i.getString("expectedOutput")))
        .orElse(null);
    return new JsonObject()
        .put("roomId", roomId).put("joinCode", joinCode.orElse(null)).put("seq", reply.getLong("seq"))
        .put("title", meeting.getString("title")).put("goal", meeting.getString("goal"))
        .put("kind", meeting.getString("kind")).put("status", meeting.getString("status"))
        .put("participants", participants.size()).put("online", online)
        .put("agendaItems", agenda.size()).put("currentItem", current);
  }

  private JsonObject credentials(String roomId, String participantId, Role role) {
    return new JsonObject().put("roomId", roomId).put("participantId", participantId)
        .put("role", role.name().toLowerCase(Locale.ROOT))
        .put("token", tokens.issue(new Identity(roomId, participantId, role)));
  }

  private Future<String> registerJoinCode(String roomId, int attempt) {
    String code = newJoinCode();
    return store.registerRoom(roomId, code, clock.millis()).compose(taken -> {
      if (taken) {
        return Future.succeededFuture(code);
      }
      return attempt < JOIN_CODE_ATTEMPTS ? registerJoinCode(roomId, attempt + 1)
          : Future.failedFuture(new RefusedException(ErrorCode.UNAVAILABLE, "could not allocate a join code"));
    });
  }

  private String newRoomId() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String newJoinCode() {
    StringBuilder sb = new StringBuilder(JOIN_CODE_LENGTH);
    for (int i = 0; i < JOIN_CODE_LENGTH; i++) {
      sb.append(JOIN_CODE_ALPHABET.charAt(random.nextInt(JOIN_CODE_ALPHABET.length())));
    }
    return sb.toString();
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    try {
      Object json = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
      if (json instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      // answered below
    }
    HttpErrors.send(ctx, ErrorCode.BAD_JSON, "the request body must be a JSON object");
    return null;
  }

  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
  }

  private static void respond(RoutingContext ctx, int status, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(ar.result().encode());
    } else {
      fail(ctx, ar.cause());
    }
  }

  private static void fail(RoutingContext ctx, Throwable cause) {
    if (cause instanceof RefusedException r) {
      HttpErrors.send(ctx, r.error);
    } else {
      HttpErrors.send(ctx, ErrorCode.UNAVAILABLE, "the server could not complete the request; retry");
    }
  }

  /** A refusal with a protocol error object, carried through a failed future to the response. */
  private static final class RefusedException extends RuntimeException {
    final JsonObject error;

    RefusedException(JsonObject error) {
      super(error.getString("message"), null, false, false);
      this.error = error;
    }

    RefusedException(ErrorCode code, String message) {
      this(new JsonObject().put("code", code.name()).put("message", message));
    }
  }
}
