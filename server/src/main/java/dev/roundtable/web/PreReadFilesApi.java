package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.series.PreReadFiles;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.PreRead;
import dev.roundtable.web.SeriesAccess.Access;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pre-read files (PROTOCOL.md §14.8): the coordinator's upload and everyone's download, HTTP only. An upload is
 * limited to {@code maxBytes} while it streams and gets its own, longer timeout; the bytes are stored
 * ({@link PreReadFiles}) before the series records them and deleted again when the record is refused. A file
 * is served only to the series' own current links, always as an attachment, never sniffed.
 */
final class PreReadFilesApi implements ApiRoutes {
  /** A media type as {@code type/subtype}; anything else is stored as {@code application/octet-stream}. */
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
  static final String OCTET_STREAM = "application/octet-stream";
  /** An upload of {@code preReadMaxBytes} over a slow phone link takes longer than the API's usual timeout. */
  static final long UPLOAD_TIMEOUT_MS = 5 * 60_000;

  private final SeriesApi series;
  private final SeriesAccess access;
  private final PreReadFiles files;
  private final int maxBytes;

  PreReadFilesApi(SeriesApi series, SeriesAccess access, PreReadFiles files, int maxBytes) {
    this.series = series;
    this.access = access;
    this.files = files;
    this.maxBytes = maxBytes;
  }

  @Override
  public void mount(Router router) {
    String o = "/api/series/:seriesId/occurrences/:occurrenceId";
    router.get(o + "/pre-reads/:preReadId/file").handler(ctx -> access.check(ctx, a -> download(ctx, a)));
    // Routed before /api/*'s timeout (orders -2, -1): an upload has its own, longer one. Its size is refused
    // from Content-Length (after reading the body, so the client hears the answer) or while it streams in.
    router.post(o + "/pre-reads/files").order(-2).handler(TimeoutHandler.create(UPLOAD_TIMEOUT_MS, 503))
        .handler(RequestParts.refuseLonger(maxBytes, 2L * maxBytes, "the file is larger than " + maxBytes + " bytes"));
    router.post(o + "/pre-reads/files").order(-1).handler(BodyHandler.create(false).setBodyLimit(maxBytes))
        .handler(ctx -> access.coordinator(ctx, this::uploadPreRead));
  }

  /**
   * {@code POST …/pre-reads/files?name=&title=}: the body is the file's bytes, {@code Content-Type} its
   * media type; {@code name} (percent-encoded UTF-8) the file's name, {@code title} what the list shows
   * (default the name). Stored first, then recorded; a refused record deletes the stored bytes.
   */
  private void uploadPreRead(RoutingContext ctx, Access a) {
    String occurrenceId = SeriesApi.occurrenceId(ctx);
    if (occurrenceId == null) {
      return;
    }
    String name = fileName(ctx.queryParams().get("name"));
    if (name == null) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD,
          "name (the file's name, ?name=) is required, without control characters");
      return;
    }
    Buffer bytes = ctx.body().buffer();
    if (bytes == null || bytes.length() == 0) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "the file is empty: send its bytes as the request body");
      return;
    }
    String title = ctx.queryParams().get("title");
    String type = mediaType(ctx.request().getHeader("content-type"));
    long size = bytes.length();
    SeriesApi.reply(ctx, 201, () -> files.store(a.series().id(), name, type, bytes).compose(fileId ->
        series.occurrenceReply(a, occurrenceId, new JsonObject(), (b, slot) -> new OccurrenceCommands.AddFilePreRead(slot,
            title, new PreRead.File(fileId, name, type, size)))
            .recover(e -> files.delete(fileId).transform(ignored -> Future.failedFuture(e)))));
  }

  /**
   * {@code GET …/pre-reads/:preReadId/file}: the file, for the coordinator or any member (their link in
   * {@code Authorization: Bearer}). Always an attachment, its type not sniffed, its name RFC 5987-encoded.
   */
  private void download(RoutingContext ctx, Access a) {
    String occurrenceId = SeriesApi.occurrenceId(ctx);
    if (occurrenceId == null) {
      return;
    }
    String id = ctx.pathParam("preReadId");
    PreRead p = a.series().occurrence(occurrenceId).flatMap(o -> o.preRead(id)).orElse(null);
    if (p == null || !p.hasFile()) {
      HttpErrors.send(ctx, ErrorCode.NOT_FOUND, p == null ? "no pre-read " + id : "pre-read " + id + " is a link");
      return;
    }
    files.open(p.file().fileId()).onComplete(found -> {
      if (found.failed()) {
        SeriesApi.fail(ctx, found.cause());
      } else if (found.result().isEmpty()) {
        HttpErrors.send(ctx, ErrorCode.NOT_FOUND, "the file of pre-read " + id + " is gone");
      } else {
        ctx.response().setStatusCode(200).putHeader("content-type", p.file().contentType())
            .putHeader("content-disposition", attachment(p.file().name()))
            .putHeader("x-content-type-options", "nosniff")
            .putHeader("content-security-policy", "default-src 'none'; sandbox")
            .putHeader("cache-control", "private, no-store").putHeader("referrer-policy", "no-referrer")
            .end(found.result().get().bytes());
      }
    });
  }

  /** The last path segment of an uploaded name, stripped; null when empty or holding control characters. */
  static String fileName(String given) {
    if (given == null) {
      return null;
    }
    String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1).strip();
    return name.isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? null : name;
  }

  static String mediaType(String header) {
    String type = header == null ? "" : header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return MEDIA_TYPE.matcher(type).matches() ? type : OCTET_STREAM;
  }

  /** {@code attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded>} (RFC 6266, 5987). */
  static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
