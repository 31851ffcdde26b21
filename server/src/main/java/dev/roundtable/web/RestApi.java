package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.RoomState;
import dev.roundtable.export.MinutesExport;
import dev.roundtable.room.RoomRefusal;
import dev.roundtable.room.RoomService;
import dev.roundtable.room.RoomSummary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The HTTP API: create a room, join one by code, read a room's summary, export its minutes. HTTP only: it
 * checks the request's shape and its token, asks the {@link RoomService}, and turns the answer into JSON
 * (or, for the minutes, hands the room state to {@link MinutesExport}) and refusals into {@code {code,
 * message}} with the status that fits.
 */
final class RestApi {
  /** The reason (PROTOCOL.md §10.1) of the refusal of a participant token in an export's URL. */
  static final String TOKEN_IN_URL = "TOKEN_IN_URL";

  private final RoomService rooms;
  private final Tokens tokens;
  private final String publicUrl;

  /** {@code publicUrl}: the configured address people open, or empty to use the one a request came in on. */
  RestApi(RoomService rooms, Tokens tokens, String publicUrl) {
    this.rooms = rooms;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  /** {@code POST /api/rooms}: the body is CreateMeeting's fields; the creator becomes the facilitator. */
  void createRoom(RoutingContext ctx) {
    JsonObject body = RequestParts.jsonBody(ctx);
    if (body == null) {
      return;
    }
    rooms.createRoom(body)
        .map(admitted -> credentials(admitted).put("joinCode", admitted.joinCode()))
        .onComplete(ar -> respond(ctx, 201, ar));
  }

  /** {@code POST /api/join}: {@code {code, name, department, role}} with role participant (default) or screen. */
  void join(RoutingContext ctx) {
    JsonObject body = RequestParts.jsonBody(ctx);
    if (body == null) {
      return;
    }
    if (!(body.getValue("code") instanceof String code) || code.isBlank() || code.length() > 32) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "code is required");
      return;
    }
    JsonObject fields = body.copy();
    fields.remove("code");
    rooms.join(code, fields).map(this::credentials).onComplete(ar -> respond(ctx, 200, ar));
  }

  /**
   * {@code GET /api/join/:code/qr.svg}: the join link of a room as a QR code, for the shared screen. The link
   * uses the configured public URL, or else the address the request came in on.
   */
  void joinQrCode(RoutingContext ctx) {
    String code = RoomService.normalizedJoinCode(ctx.pathParam("code"));
    if (!code.matches("[A-Z0-9]{4,12}")) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "not a join code");
      return;
    }
    rooms.roomByJoinCode(code).onComplete(found -> {
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

  /** {@code GET /api/rooms/:roomId} with {@code Authorization: Bearer <token>} of that room. */
  void summary(RoutingContext ctx) {
    String roomId = ctx.pathParam("roomId");
    asMemberOf(ctx, roomId, RequestParts.bearer(ctx), who -> rooms.summary(roomId, who.participantId())
        .map(RestApi::toJson).onComplete(ar -> respond(ctx, 200, ar)));
  }

  /**
   * {@code POST /api/rooms/:roomId/downloads} with {@code Authorization: Bearer <token>} of that room: a
   * short-lived download token for that room's exports, and the export links that carry it, so a link that
   * leaves the console carries no participant's power. Every role may have one, as every role may export.
   */
  void download(RoutingContext ctx) {
    String roomId = ctx.pathParam("roomId");
    asMemberOf(ctx, roomId, RequestParts.bearer(ctx), who -> {
      Tokens.Download download = tokens.issueDownload(who);
      String query = "?download=" + URLEncoder.encode(download.token(), StandardCharsets.UTF_8);
      String base = "/api/rooms/" + URLEncoder.encode(roomId, StandardCharsets.UTF_8) + "/minutes.";
      ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
          .putHeader("cache-control", "no-store")
          .end(new JsonObject().put("download", download.token()).put("expiresAt", download.expiresAt())
              .put("expiresInSeconds", download.ttlSeconds())
              .put("links", new JsonObject().put("markdown", base + "md" + query).put("html", base + "html" + query))
              .encode());
    });
  }

  /** Runs {@code then} when {@code token} is valid and of {@code roomId}; otherwise answers 401 or 403 itself. */
  private void asMemberOf(RoutingContext ctx, String roomId, String token, Consumer<Identity> then) {
    ofRoom(ctx, roomId, tokens.verify(token), then);
  }

  /** Runs {@code then} with the verified identity when it is of {@code roomId}; otherwise answers 401 or 403. */
  static void ofRoom(RoutingContext ctx, String roomId, Future<Identity> identity, Consumer<Identity> then) {
    identity.onComplete(verified -> {
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

  /** How one export format is written. */
  @FunctionalInterface
  private interface Renderer {
    String render(RoomState state, ZoneId zone, Language language);
  }

  /**
   * The minutes as the bearer's participant sees the room (a Sync as that participant), rendered by
   * {@link MinutesExport}. The credential is {@code Authorization: Bearer} with a participant token or, when
   * no header is sent, a {@code download} query parameter with a download token (what links that leave the
   * console carry). A request with a {@code token} query parameter is refused with its own reason, header or
   * not: a participant token in a URL leaks through history, logs and Referer, and hands out that
   * participant's power. {@code tz} (an IANA
   * zone id or offset, default UTC) sets the zone times are shown in, {@code lang} ({@code en} or
   * {@code zh-CN}, default the meeting's language) the language.
   */
  private void minutes(RoutingContext ctx, String extension, String contentType, Renderer render) {
    String roomId = ctx.pathParam("roomId");
    String header = RequestParts.bearer(ctx);
    String download = queryParam(ctx, "download");
    if (queryParam(ctx, "token") != null) {
      HttpErrors.send(ctx, new JsonObject().put("code", ErrorCode.UNAUTHORIZED.name())
          .put("message", "a token in the URL is not accepted: open the exports with a download link "
              + "(POST /api/rooms/:roomId/downloads) or send Authorization: Bearer")
          .put("reason", TOKEN_IN_URL));
      return;
    }
    Future<Identity> identity = header == null ? tokens.verifyDownload(download) : tokens.verify(header);
    ofRoom(ctx, roomId, identity, who -> {
      ZoneId zone = zone(queryParam(ctx, "tz"));
      if (zone == null) {
        HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "tz must be a time zone such as Europe/Berlin or UTC");
        return;
      }
      String lang = queryParam(ctx, "lang");
      Language language = lang == null || lang.isEmpty() ? null : Language.ofTag(lang).orElse(null);
      if (language == null && lang != null && !lang.isEmpty()) {
        HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "lang must be " + Language.tags());
        return;
      }
      rooms.view(roomId, who.participantId()).map(state -> render.render(state, zone, language)).onComplete(ar -> {
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

  private static JsonObject toJson(RoomSummary s) {
    JsonObject current = s.currentItem().map(i -> new JsonObject().put("id", i.id()).put("title", i.title())
        .put("owner", i.owner()).put("expectedOutput", i.expectedOutput())).orElse(null);
    return new JsonObject()
        .put("roomId", s.roomId()).put("joinCode", s.joinCode()).put("seq", s.seq())
        .put("title", s.title()).put("goal", s.goal())
        .put("kind", s.kind() == null ? null : s.kind().name().toLowerCase(Locale.ROOT))
        .put("status", s.status() == null ? null : s.status().name().toLowerCase(Locale.ROOT))
        .put("participants", s.participants()).put("online", s.online())
        .put("agendaItems", s.agendaItems()).put("currentItem", current);
  }

  private JsonObject credentials(RoomService.Admission admitted) {
    return new JsonObject().put("roomId", admitted.roomId()).put("participantId", admitted.participantId())
        .put("role", admitted.role().name().toLowerCase(Locale.ROOT))
        .put("token", tokens.issue(new Identity(admitted.roomId(), admitted.participantId(), admitted.role())));
  }

  private static void respond(RoutingContext ctx, int status, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(ar.result().encode());
    } else {
      fail(ctx, ar.cause());
    }
  }

  private static void fail(RoutingContext ctx, Throwable cause) {
    if (cause instanceof RoomRefusal r) {
      HttpErrors.send(ctx, r.error());
    } else {
      HttpErrors.send(ctx, ErrorCode.UNAVAILABLE, "the server could not complete the request; retry");
    }
  }
}
