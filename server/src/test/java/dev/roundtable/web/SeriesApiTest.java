package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.mongodb.client.gridfs.GridFSBuckets;
import dev.roundtable.series.NoticeSender;
import dev.roundtable.series.PreReadFiles;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The series API over HTTP")
class SeriesApiTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");
  /** A small limit for pre-read files, so that a test can send more. */
  private static final int FILE_LIMIT = 64 * 1024;

  private final MutableClock clock = new MutableClock();
  private final List<NoticeSender.Notice> sent = new CopyOnWriteArrayList<>();
  private TestServer server;
  private WebClient http;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    this.vertx = vertx;
    NoticeSender recording = notice -> {
      sent.add(notice);
      return Future.succeededFuture();
    };
    server = result(TestServer.start(vertx, TestServer.config(dataDir)
        .with(new JsonObject().put("preReadMaxBytes", FILE_LIMIT).put("jobPollSeconds", 1)), clock, recording));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    result(server.stop());
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> request = http.request(method, server.port(), "127.0.0.1", path).timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body instanceof String raw) {
      return result(request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(raw)));
    }
    return result(body == null ? request.send() : request.sendJsonObject((JsonObject) body));
  }

  private JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  private static void refused(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
  }

  /** A weekly zh-CN series whose first meeting is {@code firstStart} (local, Shanghai). */
  private static JsonObject seriesBody(LocalDateTime firstStart) {
    return new JsonObject().put("title", "项目周会").put("goal", "确定下周的优先级").put("kind", "decision")
        .put("department", "PMO").put("coordinator", new JsonObject().put("name", "李娜").put("email", "li.na@example.com"))
        .put("language", "zh-CN").put("template", "project_coordination").put("place", "3 号会议室")
        .put("onlineLink", "https://meet.example.com/weekly")
        .put("schedule", new JsonObject().put("firstStart", firstStart.toString()).put("rrule", "FREQ=WEEKLY")
            .put("timeZone", "Asia/Shanghai").put("durationMinutes", 60));
  }

  private static LocalDateTime daysAhead(int days) {
    return LocalDate.now(SHANGHAI).plusDays(days).atTime(10, 0);
  }

  private record Made(String id, String token, String firstOccurrence) {
  }

  private Made create(LocalDateTime firstStart) {
    JsonObject created = ok(call(HttpMethod.POST, "/api/series", null, seriesBody(firstStart)), 201);
    return new Made(created.getString("seriesId"), created.getString("coordinatorToken"),
        created.getJsonArray("upcoming").getJsonObject(0).getString("occurrenceId"));
  }

  private JsonObject addMember(Made s, String name, String department, String email, String part) {
    return ok(call(HttpMethod.POST, "/api/series/" + s.id() + "/members", s.token(), new JsonObject()
        .put("name", name).put("department", department).put("email", email).put("part", part)), 201);
  }

  private static String token(JsonObject member) {
    String link = member.getString("link");
    return link.substring(link.indexOf('#') + 1);
  }

  private JsonObject view(Made s, String token) {
    return ok(call(HttpMethod.GET, "/api/series/" + s.id(), token, null), 200);
  }

  private String occ(Made s) {
    return "/api/series/" + s.id() + "/occurrences/" + s.firstOccurrence();
  }

  @Test
  @DisplayName("creates a series, gives the coordinator link once, and shows the coordinator view with the template")
  void createAndView() {
    JsonObject created = ok(call(HttpMethod.POST, "/api/series", null, seriesBody(daysAhead(3))), 201);
    assertThat(created.getString("coordinatorToken")).isNotBlank();
    String id = created.getString("seriesId");
    JsonObject view = ok(call(HttpMethod.GET, "/api/series/" + id, created.getString("coordinatorToken"), null), 200);
    assertThat(view.getString("view")).isEqualTo("coordinator");
    assertThat(view.containsKey("coordinatorToken")).isFalse();
    assertThat(view.getJsonObject("series").getString("title")).isEqualTo("项目周会");
    JsonArray upcoming = view.getJsonArray("upcoming");
    assertThat(upcoming).hasSize(5);
    assertThat(upcoming.getJsonObject(0).getString("occurrenceId"))
        .isEqualTo(ID.format(daysAhead(3)));
    assertThat(upcoming.getJsonObject(0).getJsonArray("agenda").getJsonObject(0).getString("title"))
        .isEqualTo("对照计划的进展");
    refused(call(HttpMethod.GET, "/api/series/" + id, null, null), 401, "UNAUTHORIZED");
    refused(call(HttpMethod.GET, "/api/series/" + id, "not-a-token", null), 401, "UNAUTHORIZED");
    refused(call(HttpMethod.GET, "/api/series/nosuchseries", created.getString("coordinatorToken"), null), 403,
        "FORBIDDEN");
  }

  @Test
  @DisplayName("refuses a bad series with {code, message} and creates nothing")
  void badSeries() {
    refused(call(HttpMethod.POST, "/api/series", null, "{not json"), 400, "BAD_JSON");
    refused(call(HttpMethod.POST, "/api/series", null, seriesBody(daysAhead(3)).put("title", " ")), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.POST, "/api/series", null, seriesBody(daysAhead(3)).put("title", 42)), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.POST, "/api/series", null, seriesBody(daysAhead(3)).put("kind", "party")), 400,
        "INVALID_FIELD");
    JsonObject badRule = seriesBody(daysAhead(3));
    badRule.getJsonObject("schedule").put("rrule", "FREQ=SOMETIMES");
    refused(call(HttpMethod.POST, "/api/series", null, badRule), 400, "INVALID_FIELD");
    JsonObject badZone = seriesBody(daysAhead(3));
    badZone.getJsonObject("schedule").put("timeZone", "Mars/Olympus");
    refused(call(HttpMethod.POST, "/api/series", null, badZone), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, "/api/series", null, seriesBody(daysAhead(3)).put("language", "fr")), 400,
        "INVALID_FIELD");
  }

  @Test
  @DisplayName("adds, edits, rotates and removes members; a member sees their own view; old links open nothing")
  void members() {
    Made s = create(daysAhead(3));
    JsonObject wang = addMember(s, "王伟", "销售部", "wang@example.com", "decision_maker");
    assertThat(wang.getString("memberId")).isEqualTo("u1");
    assertThat(wang.getString("link")).contains("/series#");
    assertThat(wang.getString("feedUrl")).contains("/api/series/feed/");
    addMember(s, "赵磊", "销售部", "zhao@example.com", "executor");
    refused(call(HttpMethod.POST, "/api/series/" + s.id() + "/members", s.token(),
        new JsonObject().put("name", "X").put("department", "D").put("email", "not-an-email")), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, "/api/series/" + s.id() + "/members", s.token(),
        new JsonObject().put("name", "X").put("department", "D").put("email", "x@example.com").put("part", "boss")),
        400, "INVALID_FIELD");
    assertThat(view(s, s.token()).getJsonArray("members")).hasSize(2);

    JsonObject edited = ok(call(HttpMethod.PATCH, "/api/series/" + s.id() + "/members/u2", s.token(),
        new JsonObject().put("part", "support")), 200);
    assertThat(edited.getString("part")).isEqualTo("support");
    refused(call(HttpMethod.PATCH, "/api/series/" + s.id() + "/members/u9", s.token(),
        new JsonObject().put("part", "support")), 404, "NOT_FOUND");

    String wangToken = token(wang);
    JsonObject mine = view(s, wangToken);
    assertThat(mine.getString("view")).isEqualTo("member");
    assertThat(mine.getJsonObject("me").getString("name")).isEqualTo("王伟");
    assertThat(mine.getJsonArray("attendees").encode()).doesNotContain("zhao@example.com");
    assertThat(mine.getJsonObject("series").getJsonObject("coordinator").containsKey("email")).isFalse();
    refused(call(HttpMethod.POST, "/api/series/" + s.id() + "/members", wangToken,
        new JsonObject().put("name", "X").put("department", "D").put("email", "x@example.com")), 403, "FORBIDDEN");

    JsonObject rotated = ok(call(HttpMethod.POST, "/api/series/" + s.id() + "/members/u1/link", s.token(), null), 200);
    assertThat(rotated.getInteger("linkVersion")).isEqualTo(2);
    refused(call(HttpMethod.GET, "/api/series/" + s.id(), wangToken, null), 401, "UNAUTHORIZED");
    String newToken = token(rotated);
    view(s, newToken);
    ok(call(HttpMethod.DELETE, "/api/series/" + s.id() + "/members/u1", s.token(), null), 200);
    refused(call(HttpMethod.GET, "/api/series/" + s.id(), newToken, null), 401, "UNAUTHORIZED");

    JsonObject coordinatorLink = ok(call(HttpMethod.POST, "/api/series/" + s.id() + "/coordinator-link", s.token(),
        null), 200);
    refused(call(HttpMethod.GET, "/api/series/" + s.id(), s.token(), null), 401, "UNAUTHORIZED");
    view(s, coordinatorLink.getString("coordinatorToken"));
  }

  @Test
  @DisplayName("warns when more than 15 members are invited, and not for the informed")
  void tooManyInvited() {
    Made s = create(daysAhead(3));
    for (int i = 1; i <= 15; i++) {
      addMember(s, "成员" + i, "部门", "m" + i + "@example.com", "executor");
    }
    assertThat(addMember(s, "旁听", "部门", "i@example.com", "informed").getJsonArray("warnings")).isEmpty();
    JsonArray warnings = addMember(s, "成员16", "部门", "m16@example.com", "executor").getJsonArray("warnings");
    assertThat(warnings.getJsonObject(0).getString("code")).isEqualTo("TOO_MANY_INVITED");
    assertThat(view(s, s.token()).getJsonArray("warnings").getJsonObject(0).getString("code"))
        .isEqualTo("TOO_MANY_INVITED");
  }

  @Test
  @DisplayName("lists templates and next occurrences, edits an agenda with an order warning, adds pre-reads and input requests")
  void preparing() {
    JsonObject templates = ok(call(HttpMethod.GET, "/api/series/templates?lang=zh-CN", null, null), 200);
    assertThat(templates.getJsonArray("templates")).hasSize(5);
    assertThat(templates.getJsonArray("templates").encode()).contains("问题与事实");
    refused(call(HttpMethod.GET, "/api/series/templates?lang=fr", null, null), 400, "INVALID_FIELD");

    Made s = create(daysAhead(3));
    addMember(s, "王伟", "销售部", "wang@example.com", "decision_maker");
    JsonObject zhao = addMember(s, "赵磊", "销售部", "zhao@example.com", "executor");
    assertThat(ok(call(HttpMethod.GET, "/api/series/" + s.id() + "/occurrences?count=8", s.token(), null), 200)
        .getJsonArray("occurrences")).hasSize(8);
    refused(call(HttpMethod.GET, "/api/series/" + s.id() + "/occurrences?count=0", s.token(), null), 400,
        "INVALID_FIELD");

    JsonObject agenda = new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("title", "选定方案").put("minutes", 15).put("kind", "decide").put("ownerId", "u1"))
        .add(new JsonObject().put("title", "风险").put("minutes", 20).put("kind", "inform").put("ownerId", "u2")));
    JsonObject set = ok(call(HttpMethod.PUT, occ(s) + "/agenda", s.token(), agenda), 200);
    assertThat(set.getJsonArray("warnings").getJsonObject(0).getString("code")).isEqualTo("AGENDA_ORDER");
    assertThat(set.getJsonObject("occurrence").getInteger("agendaMinutes")).isEqualTo(35);
    refused(call(HttpMethod.PUT, occ(s) + "/agenda", s.token(), new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("title", "x").put("minutes", 5).put("ownerId", "u9")))), 404, "NOT_FOUND");
    refused(call(HttpMethod.PUT, occ(s) + "/agenda", s.token(), new JsonObject().put("items", "x")), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.PUT, "/api/series/" + s.id() + "/occurrences/20990101T1000/agenda", s.token(), agenda),
        404, "NOT_FOUND");
    refused(call(HttpMethod.PUT, occ(s) + "/agenda", token(zhao), agenda), 403, "FORBIDDEN");
    assertThat(view(s, s.token()).getJsonArray("upcoming").getJsonObject(0).getJsonArray("agenda")
        .getJsonObject(0).getString("title")).isEqualTo("选定方案");

    JsonObject read = ok(call(HttpMethod.POST, occ(s) + "/pre-reads", s.token(),
        new JsonObject().put("title", "计划").put("url", "https://docs.example.com/plan")), 201);
    refused(call(HttpMethod.POST, occ(s) + "/pre-reads", s.token(),
        new JsonObject().put("title", "计划").put("url", "javascript:alert(1)")), 400, "INVALID_FIELD");
    JsonObject ask = ok(call(HttpMethod.POST, occ(s) + "/inputs", s.token(),
        new JsonObject().put("question", "各部门当前的风险？")), 201);
    String requestId = ask.getString("requestId");
    ok(call(HttpMethod.PUT, occ(s) + "/inputs/" + requestId + "/answer", token(zhao),
        new JsonObject().put("text", "供应商延期")), 200);
    refused(call(HttpMethod.PUT, occ(s) + "/inputs/" + requestId + "/answer", s.token(),
        new JsonObject().put("text", "x")), 403, "FORBIDDEN");
    JsonObject answers = view(s, s.token()).getJsonArray("upcoming").getJsonObject(0).getJsonArray("inputs")
        .getJsonObject(0);
    assertThat(answers.getJsonArray("answers").getJsonObject(0).getString("text")).isEqualTo("供应商延期");
    ok(call(HttpMethod.DELETE, occ(s) + "/pre-reads/" + read.getString("preReadId"), s.token(), null), 200);
    refused(call(HttpMethod.DELETE, occ(s) + "/pre-reads/r999", s.token(), null), 404, "NOT_FOUND");
  }

  private HttpResponse<Buffer> upload(Made s, String token, String name, String type, Buffer bytes) {
    HttpRequest<Buffer> request = http.request(HttpMethod.POST, server.port(), "127.0.0.1", occ(s)
        + "/pre-reads/files?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (type != null) {
      request.putHeader("content-type", type);
    }
    return result(request.sendBuffer(bytes));
  }

  /** An upload without Content-Length, in chunks of 1 KiB: its status, or 0 when the server cut it off. */
  private int chunkedUpload(Made s, int bytes) {
    io.vertx.core.http.HttpClient client = vertx.createHttpClient();
    try {
      return result(client.request(HttpMethod.POST, server.port(), "127.0.0.1",
          occ(s) + "/pre-reads/files?name=big.bin").compose(req -> {
            req.setChunked(true).putHeader("Authorization", "Bearer " + s.token());
            Future<io.vertx.core.http.HttpClientResponse> answer = req.response();
            for (int sent = 0; sent < bytes; sent += 1024) {
              req.write(Buffer.buffer(new byte[Math.min(1024, bytes - sent)]));
            }
            req.end();
            return answer.map(io.vertx.core.http.HttpClientResponse::statusCode);
          }).otherwise(0));
    } finally {
      client.close();
    }
  }

  private long storedFiles() {
    return GridFSBuckets.create(server.database(), PreReadFiles.BUCKET).find().into(new java.util.ArrayList<>())
        .size();
  }

  @Test
  @DisplayName("stores a pre-read file the coordinator uploads, lists it for members, serves it to them as an attachment, and deletes it with its pre-read")
  void preReadFile() {
    Made s = create(daysAhead(3));
    JsonObject zhao = addMember(s, "赵磊", "销售部", "zhao@example.com", "executor");
    assertThat(view(s, s.token()).getInteger("preReadMaxBytes")).isEqualTo(FILE_LIMIT);
    Buffer bytes = Buffer.buffer("部门,风险\n销售,供应商延期\n");
    JsonObject added = ok(upload(s, s.token(), "C:\\报告\\风险清单.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; charset=binary", bytes), 201);
    String id = added.getString("preReadId");
    JsonObject listed = added.getJsonObject("occurrence").getJsonArray("preReads").getJsonObject(0);
    assertThat(listed.getString("title")).isEqualTo("风险清单.xlsx");
    assertThat(listed.getValue("url")).isNull();
    assertThat(listed.getJsonObject("file")).isEqualTo(new JsonObject().put("name", "风险清单.xlsx")
        .put("contentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .put("size", bytes.length()));
    assertThat(storedFiles()).isEqualTo(1);

    JsonObject mine = view(s, token(zhao)).getJsonArray("upcoming").getJsonObject(0).getJsonArray("preReads")
        .getJsonObject(0);
    assertThat(mine.getString("download")).isEqualTo(occ(s).substring(1) + "/pre-reads/" + id + "/file");
    HttpResponse<Buffer> file = call(HttpMethod.GET, "/" + mine.getString("download"), token(zhao), null);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(bytes);
    assertThat(file.getHeader("content-type"))
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(file.getHeader("content-disposition")).isEqualTo("attachment; filename=\"____.xlsx\"; "
        + "filename*=UTF-8''%E9%A3%8E%E9%99%A9%E6%B8%85%E5%8D%95.xlsx");
    assertThat(file.getHeader("x-content-type-options")).isEqualTo("nosniff");
    assertThat(call(HttpMethod.GET, "/" + mine.getString("download"), s.token(), null).body()).isEqualTo(bytes);

    String preview = ok(call(HttpMethod.GET, occ(s) + "/notice", s.token(), null), 200).getString("body");
    assertThat(preview).contains("- 风险清单.xlsx: 文件 风险清单.xlsx（" + bytes.length() + " B），请用你的个人链接打开会议页面下载");

    ok(call(HttpMethod.DELETE, occ(s) + "/pre-reads/" + id, s.token(), null), 200);
    assertThat(storedFiles()).isZero();
    refused(call(HttpMethod.GET, "/" + mine.getString("download"), token(zhao), null), 404, "NOT_FOUND");
  }

  @Test
  @DisplayName("refuses a pre-read file that is too large, empty, nameless or not the coordinator's, storing nothing")
  void preReadFileRefused() {
    Made s = create(daysAhead(3));
    JsonObject zhao = addMember(s, "赵磊", "销售部", "zhao@example.com", "executor");
    refused(upload(s, s.token(), "big.pdf", "application/pdf", Buffer.buffer(new byte[FILE_LIMIT + 1])), 413,
        "TOO_LARGE");
    refused(upload(s, s.token(), "empty.pdf", "application/pdf", Buffer.buffer()), 400, "INVALID_FIELD");
    refused(upload(s, s.token(), "a\nb.pdf", "application/pdf", Buffer.buffer("x")), 400, "INVALID_FIELD");
    refused(upload(s, token(zhao), "mine.pdf", "application/pdf", Buffer.buffer("x")), 403, "FORBIDDEN");
    refused(upload(s, null, "mine.pdf", "application/pdf", Buffer.buffer("x")), 401, "UNAUTHORIZED");
    refused(upload(s, s.token(), "x".repeat(201) + ".pdf", "application/pdf", Buffer.buffer("x")), 413,
        "TOO_LARGE");
    assertThat(chunkedUpload(s, FILE_LIMIT + 1)).isEqualTo(413);
    assertThat(storedFiles()).isZero();
    assertThat(view(s, s.token()).getJsonArray("upcoming").getJsonObject(0).getJsonArray("preReads")).isEmpty();

    JsonObject exact = ok(upload(s, s.token(), "exact.bin", "not a type", Buffer.buffer(new byte[FILE_LIMIT])), 201);
    assertThat(exact.getJsonObject("occurrence").getJsonArray("preReads").getJsonObject(0).getJsonObject("file")
        .getString("contentType")).isEqualTo("application/octet-stream");
    assertThat(storedFiles()).isEqualTo(1);
  }

  @Test
  @DisplayName("serves a pre-read file to nobody with another series' link, a replaced link or no link")
  void preReadFileForeignLinks() {
    Made s = create(daysAhead(3));
    JsonObject zhao = addMember(s, "赵磊", "销售部", "zhao@example.com", "executor");
    Made other = create(daysAhead(4));
    JsonObject stranger = addMember(other, "钱多", "财务部", "qian@example.com", "executor");
    String id = ok(upload(s, s.token(), "plan.pdf", "application/pdf", Buffer.buffer("%PDF-1.4")), 201)
        .getString("preReadId");
    String path = occ(s) + "/pre-reads/" + id + "/file";

    refused(call(HttpMethod.GET, path, token(stranger), null), 403, "FORBIDDEN");
    refused(call(HttpMethod.GET, path, other.token(), null), 403, "FORBIDDEN");
    refused(call(HttpMethod.GET, path, null, null), 401, "UNAUTHORIZED");
    ok(call(HttpMethod.POST, "/api/series/" + s.id() + "/members/u1/link", s.token(), null), 200);
    refused(call(HttpMethod.GET, path, token(zhao), null), 401, "UNAUTHORIZED");
    refused(call(HttpMethod.GET, occ(s) + "/pre-reads/r999/file", s.token(), null), 404, "NOT_FOUND");
    String link = ok(call(HttpMethod.POST, occ(s) + "/pre-reads", s.token(),
        new JsonObject().put("title", "计划").put("url", "https://docs.example.com/plan")), 201).getString("preReadId");
    refused(call(HttpMethod.GET, occ(s) + "/pre-reads/" + link + "/file", s.token(), null), 404, "NOT_FOUND");
  }

  @Test
  @DisplayName("previews and sends the notice in zh-CN with its invitation; a later agenda change sends an update with a higher SEQUENCE")
  void notice() {
    Made s = create(daysAhead(3));
    addMember(s, "王伟", "销售部", "wang@example.com", "decision_maker");
    JsonObject preview = ok(call(HttpMethod.GET, occ(s) + "/notice", s.token(), null), 200);
    assertThat(preview.getString("subject")).startsWith("会议通知：项目周会");
    assertThat(preview.getString("body")).contains("目标: 确定下周的优先级", "议程：", "分钟", "参会人: 王伟 (销售部)",
        "3 号会议室", "https://meet.example.com/weekly");
    assertThat(preview.getString("calendar")).contains("METHOD:REQUEST", "RRULE:FREQ=WEEKLY");
    assertThat(sent).isEmpty();

    JsonObject done = ok(call(HttpMethod.POST, occ(s) + "/notice", s.token(), new JsonObject()), 200);
    assertThat(done.getBoolean("late")).isFalse();
    assertThat(done.getLong("pendingNotices")).isZero();
    assertThat(sent).hasSize(1);
    NoticeSender.Notice notice = sent.get(0);
    assertThat(notice.kind()).isEqualTo(PendingEffect.Kind.NOTICE);
    assertThat(notice.recipients()).extracting(NoticeSender.Recipient::email).containsExactly("wang@example.com");
    assertThat(notice.recipients().get(0).link()).contains("/series#");
    ICalendar ical = Biweekly.parse(notice.calendar()).first();
    assertThat(ical.getMethod().getValue()).isEqualTo("REQUEST");
    assertThat(ical.getEvents().get(1).getSequence().getValue()).isZero();
    refused(call(HttpMethod.POST, occ(s) + "/notice", s.token(), new JsonObject()), 409, "INVALID_STATE");

    ok(call(HttpMethod.PUT, occ(s) + "/agenda", s.token(), new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("title", "唯一议题").put("minutes", 30).put("kind", "decide")))), 200);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).kind()).isEqualTo(PendingEffect.Kind.UPDATE);
    assertThat(sent.get(1).subject()).startsWith("会议变更");
    assertThat(Biweekly.parse(sent.get(1).calendar()).first().getEvents().get(1).getSequence().getValue())
        .isEqualTo(1);
    assertThat(sent.get(1).idempotencyKey()).isNotEqualTo(sent.get(0).idempotencyKey());
  }

  @Test
  @DisplayName("refuses a notice less than 24 h ahead unless confirmed, and one for a past occurrence")
  void lateAndPastNotice() {
    LocalDateTime soon = LocalDateTime.now(SHANGHAI).plusHours(5).withSecond(0).withNano(0);
    Made s = create(soon);
    addMember(s, "王伟", "销售部", "wang@example.com", "executor");
    HttpResponse<Buffer> late = call(HttpMethod.POST, occ(s) + "/notice", s.token(), new JsonObject());
    refused(late, 409, "INVALID_STATE");
    assertThat(late.bodyAsJsonObject().getString("reason")).isEqualTo("NOTICE_LATE");
    assertThat(sent).isEmpty();
    refused(call(HttpMethod.POST, occ(s) + "/notice", s.token(), new JsonObject().put("confirmLate", "yes")), 400,
        "INVALID_FIELD");
    JsonObject confirmed = ok(call(HttpMethod.POST, occ(s) + "/notice", s.token(),
        new JsonObject().put("confirmLate", true)), 200);
    assertThat(confirmed.getBoolean("late")).isTrue();
    assertThat(sent).hasSize(1);

    Made past = create(daysAhead(-2));
    addMember(past, "王伟", "销售部", "wang@example.com", "executor");
    HttpResponse<Buffer> refusedPast = call(HttpMethod.POST, "/api/series/" + past.id() + "/occurrences/"
        + ID.format(daysAhead(-2)) + "/notice", past.token(), new JsonObject().put("confirmLate", true));
    refused(refusedPast, 409, "INVALID_STATE");
    assertThat(refusedPast.bodyAsJsonObject().getString("reason")).isEqualTo("NOTICE_PAST");
  }

  @Test
  @DisplayName("takes RSVPs: accept, decline with a reason, a key absentee and a late decline are flagged")
  void rsvp() {
    LocalDateTime soon = LocalDateTime.now(SHANGHAI).plusHours(5).withSecond(0).withNano(0);
    Made s = create(soon);
    String wang = token(addMember(s, "王伟", "销售部", "wang@example.com", "decision_maker"));
    String zhao = token(addMember(s, "赵磊", "销售部", "zhao@example.com", "executor"));
    String chen = token(addMember(s, "陈静", "人事部", "chen@example.com", "informed"));
    refused(call(HttpMethod.POST, occ(s) + "/rsvp", zhao, new JsonObject().put("response", "declined")), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.POST, occ(s) + "/rsvp", zhao, new JsonObject().put("response", "maybe")), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.POST, occ(s) + "/rsvp", chen, new JsonObject().put("response", "accepted")), 403,
        "FORBIDDEN");
    refused(call(HttpMethod.POST, occ(s) + "/rsvp", s.token(), new JsonObject().put("response", "accepted")), 403,
        "FORBIDDEN");
    JsonObject accepted = ok(call(HttpMethod.POST, occ(s) + "/rsvp", zhao,
        new JsonObject().put("response", "accepted")), 200);
    assertThat(accepted.getJsonObject("occurrence").getJsonObject("myRsvp").getString("response"))
        .isEqualTo("accepted");
    ok(call(HttpMethod.POST, occ(s) + "/rsvp", wang,
        new JsonObject().put("response", "declined").put("reason", "出差")), 200);
    JsonObject o = view(s, s.token()).getJsonArray("upcoming").getJsonObject(0);
    assertThat(o.getJsonArray("keyAbsentees").getList()).containsExactly("u1");
    assertThat(o.getJsonArray("lateDeclines").getList()).containsExactly("u1");
    assertThat(sent).extracting(NoticeSender.Notice::kind)
        .containsExactlyInAnyOrder(PendingEffect.Kind.LATE_DECLINE_ALERT, PendingEffect.Kind.KEY_ABSENTEE_ALERT);
    assertThat(sent.get(0).recipients()).extracting(NoticeSender.Recipient::memberId)
        .containsExactly(PendingEffect.COORDINATOR);
    assertThat(sent.get(0).body()).contains("王伟");
  }

  @Test
  @DisplayName("lets a member name a substitute of their department, who gets a personal link by notice")
  void substitute() {
    Made s = create(daysAhead(3));
    String wang = token(addMember(s, "王伟", "销售部", "wang@example.com", "decision_maker"));
    addMember(s, "陈静", "人事部", "chen@example.com", "executor");
    refused(call(HttpMethod.POST, occ(s) + "/substitute", wang, new JsonObject().put("substituteId", "u2")), 400,
        "INVALID_FIELD");
    refused(call(HttpMethod.POST, occ(s) + "/substitute", wang, new JsonObject()), 400, "INVALID_FIELD");
    JsonObject named = ok(call(HttpMethod.POST, occ(s) + "/substitute", wang, new JsonObject()
        .put("newPerson", new JsonObject().put("name", "刘洋").put("email", "liu@example.com")).put("reason", "出差")),
        200);
    String substituteId = named.getString("substituteId");
    assertThat(substituteId).isEqualTo("u3");
    assertThat(named.encode()).doesNotContain("/series#");
    assertThat(sent).extracting(NoticeSender.Notice::kind).containsExactly(PendingEffect.Kind.SUBSTITUTE_NOTICE);
    NoticeSender.Recipient liu = sent.get(0).recipients().get(0);
    assertThat(liu.name()).isEqualTo("刘洋");
    assertThat(sent.get(0).body()).contains("你代替 王伟 (销售部) 参会");
    JsonObject mine = view(s, liu.link().substring(liu.link().indexOf('#') + 1));
    assertThat(mine.getJsonObject("me").getString("department")).isEqualTo("销售部");
    assertThat(mine.getJsonObject("me").getString("substituteFor")).isEqualTo("u1");
    JsonObject o = view(s, s.token()).getJsonArray("upcoming").getJsonObject(0);
    assertThat(o.getJsonArray("keyAbsentees")).isEmpty();
  }

  @Test
  @DisplayName("opens the occurrence's live room near its start with its agenda, invitees and the answers asked for; "
      + "a substitute joins with one tap, again as the same participant, and the coordinator as its facilitator")
  void liveRoom() {
    Made s = create(daysAhead(2));
    String wang = token(addMember(s, "王伟", "销售部", "wang@example.com", "decision_maker"));
    String zhao = token(addMember(s, "赵磊", "研发部", "zhao@example.com", "executor"));
    String qian = token(addMember(s, "钱敏", "财务部", "qian@example.com", "informed"));
    ok(call(HttpMethod.PUT, occ(s) + "/agenda", s.token(), new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("title", "进展通报").put("minutes", 10).put("kind", "inform").put("ownerId", "u2"))
        .add(new JsonObject().put("title", "选定方案").put("minutes", 20).put("kind", "decide").put("ownerId", "u1")))),
        200);
    String ask = ok(call(HttpMethod.POST, occ(s) + "/inputs", s.token(),
        new JsonObject().put("question", "各部门当前的风险")), 201).getString("requestId");
    ok(call(HttpMethod.PUT, occ(s) + "/inputs/" + ask + "/answer", zhao, new JsonObject().put("text", "接口联调延期一周")),
        200);
    ok(call(HttpMethod.POST, occ(s) + "/substitute", wang, new JsonObject()
        .put("newPerson", new JsonObject().put("name", "刘洋").put("email", "liu@example.com"))), 200);
    String liuLink = sent.get(0).recipients().get(0).link();
    String liu = liuLink.substring(liuLink.indexOf('#') + 1);

    HttpResponse<Buffer> early = call(HttpMethod.POST, occ(s) + "/room", liu, null);
    refused(early, 409, "INVALID_STATE");
    assertThat(early.bodyAsJsonObject().getString("reason")).isEqualTo("ROOM_NOT_YET");
    long start = Instant.parse(view(s, s.token()).getJsonArray("upcoming").getJsonObject(0).getString("start"))
        .toEpochMilli();
    clock.advance(start - clock.millis() - 10 * 60_000);

    JsonObject in = ok(call(HttpMethod.POST, occ(s) + "/room", liu, null), 200);
    assertThat(in.getString("role")).isEqualTo("participant");
    assertThat(in.getString("token")).isNotBlank();
    assertThat(in.getString("joinCode")).matches("[A-Z0-9]{6}");
    JsonObject again = ok(call(HttpMethod.POST, occ(s) + "/room", liu, null), 200);
    assertThat(again.getString("roomId")).isEqualTo(in.getString("roomId"));
    assertThat(again.getString("participantId")).isEqualTo(in.getString("participantId"));
    JsonObject chair = ok(call(HttpMethod.POST, occ(s) + "/room", s.token(), null), 200);
    assertThat(chair.getString("roomId")).isEqualTo(in.getString("roomId"));
    assertThat(chair.getString("role")).isEqualTo("facilitator");
    refused(call(HttpMethod.POST, occ(s) + "/room", qian, null), 403, "FORBIDDEN");
    refused(call(HttpMethod.POST, "/api/join", null, new JsonObject().put("code", in.getString("joinCode"))
        .put("name", "冒充者").put("key", "member:u4")), 400, "INVALID_FIELD");

    String roomId = in.getString("roomId");
    JsonObject summary = ok(call(HttpMethod.GET, "/api/rooms/" + roomId, in.getString("token"), null), 200);
    assertThat(summary.getString("title")).isEqualTo("项目周会");
    assertThat(summary.getString("goal")).isEqualTo("确定下周的优先级");
    assertThat(summary.getInteger("agendaItems")).isEqualTo(2);
    assertThat(summary.getInteger("participants")).as("the coordinator and the three invited, substitute included")
        .isEqualTo(4);
    HttpResponse<Buffer> minutes = call(HttpMethod.GET, "/api/rooms/" + roomId + "/minutes.md", chair.getString("token"),
        null);
    assertThat(minutes.bodyAsString()).contains("进展通报", "选定方案", "各部门当前的风险", "接口联调延期一周", "刘洋",
        "赵磊");
  }

  @Test
  @DisplayName("sends a scheduled notice by itself at its time, once; a time later than 24 h before is refused, "
      + "and a cancelled or moved time sends nothing")
  void scheduledNotice() {
    Made s = create(daysAhead(4));
    addMember(s, "王伟", "销售部", "wang@example.com", "decision_maker");
    long start = Instant.parse(view(s, s.token()).getJsonArray("upcoming").getJsonObject(0).getString("start"))
        .toEpochMilli();
    HttpResponse<Buffer> late = call(HttpMethod.PUT, occ(s) + "/notice-time", s.token(),
        new JsonObject().put("at", Instant.ofEpochMilli(start - 3_600_000).toString()));
    refused(late, 400, "INVALID_FIELD");
    assertThat(late.bodyAsJsonObject().getString("reason")).isEqualTo("NOTICE_LATE");
    refused(call(HttpMethod.PUT, occ(s) + "/notice-time", s.token(), new JsonObject().put("at", "tomorrow")), 400,
        "INVALID_FIELD");
    assertThat(server.database().getCollection("jobs").countDocuments(new org.bson.Document("kind", "series.notice")))
        .as("a refused time leaves no job").isZero();

    long first = start - 72 * 3_600_000L;
    long second = start - 48 * 3_600_000L;
    ok(call(HttpMethod.PUT, occ(s) + "/notice-time", s.token(),
        new JsonObject().put("at", Instant.ofEpochMilli(first).toString())), 200);
    JsonObject moved = ok(call(HttpMethod.PUT, occ(s) + "/notice-time", s.token(),
        new JsonObject().put("at", Instant.ofEpochMilli(second).toString())), 200);
    assertThat(moved.getJsonObject("occurrence").getString("noticeAt")).isEqualTo(Instant.ofEpochMilli(second).toString());

    clock.advance(first - clock.millis() + 1_000);
    Eventually.until("the job of the replaced time ran", Duration.ofSeconds(10), () -> jobsDone() >= 1);
    assertThat(sent).as("the replaced time sends nothing").isEmpty();
    clock.advance(second - clock.millis() + 1_000);
    Eventually.until("the scheduled notice went out", Duration.ofSeconds(10), () -> !sent.isEmpty());
    assertThat(sent).extracting(NoticeSender.Notice::kind).containsExactly(PendingEffect.Kind.NOTICE);
    assertThat(view(s, s.token()).getJsonArray("upcoming").getJsonObject(0).getBoolean("noticed")).isTrue();
    refused(call(HttpMethod.PUT, occ(s) + "/notice-time", s.token(), new JsonObject().putNull("at")), 409,
        "INVALID_STATE");
  }

  /** How many of the scheduled-notice jobs are finished. */
  private long jobsDone() {
    return server.database().getCollection("jobs").countDocuments(new org.bson.Document("kind", "series.notice")
        .append("state", "done"));
  }

  @Test
  @DisplayName("serves a member's calendar feed as text/calendar, opened only by the feed link")
  void feed() {
    Made s = create(daysAhead(3));
    JsonObject wang = addMember(s, "王伟", "销售部", "wang@example.com", "executor");
    String feedPath = wang.getString("feedUrl").substring(wang.getString("feedUrl").indexOf("/api/"));
    HttpResponse<Buffer> feed = call(HttpMethod.GET, feedPath, null, null);
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.getHeader("content-type")).isEqualTo("text/calendar; charset=utf-8");
    ICalendar ical = Biweekly.parse(feed.bodyAsString()).first();
    assertThat(ical.getMethod().getValue()).isEqualTo("PUBLISH");
    assertThat(ical.getEvents().get(0).getSummary().getValue()).isEqualTo("项目周会");
    refused(call(HttpMethod.GET, "/api/series/feed/" + token(wang), null, null), 401, "UNAUTHORIZED");
    String feedToken = feedPath.substring(feedPath.lastIndexOf('/') + 1);
    refused(call(HttpMethod.GET, "/api/series/" + s.id(), feedToken, null), 401, "UNAUTHORIZED");
    ok(call(HttpMethod.POST, "/api/series/" + s.id() + "/members/u1/link", s.token(), null), 200);
    refused(call(HttpMethod.GET, feedPath, null, null), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("edits a series' fields and schedule; a bad RRULE or zone is refused and nothing changes")
  void editsSeries() {
    Made s = create(daysAhead(3));
    JsonObject edited = ok(call(HttpMethod.PATCH, "/api/series/" + s.id(), s.token(), new JsonObject()
        .put("title", "项目双周会").put("schedule", new JsonObject().put("firstStart", daysAhead(3).toString())
            .put("rrule", "FREQ=WEEKLY;INTERVAL=2").put("timeZone", "Asia/Shanghai").put("durationMinutes", 45))), 200);
    assertThat(edited.getJsonObject("series").getString("title")).isEqualTo("项目双周会");
    assertThat(edited.getJsonObject("series").getString("goal")).isEqualTo("确定下周的优先级");
    assertThat(edited.getJsonObject("series").getJsonObject("schedule").getString("rrule"))
        .isEqualTo("FREQ=WEEKLY;INTERVAL=2");
    refused(call(HttpMethod.PATCH, "/api/series/" + s.id(), s.token(), new JsonObject().put("schedule",
        new JsonObject().put("firstStart", daysAhead(3).toString()).put("rrule", "FREQ=NEVER"))), 400, "INVALID_FIELD");
    refused(call(HttpMethod.PATCH, "/api/series/" + s.id(), s.token(), new JsonObject().put("schedule",
        new JsonObject().put("firstStart", daysAhead(3).toString()).put("timeZone", "Mars/Base"))), 400, "INVALID_FIELD");
    refused(call(HttpMethod.PATCH, "/api/series/" + s.id(), s.token(), new JsonObject().put("title", 7)), 400,
        "INVALID_FIELD");
    JsonObject after = view(s, s.token());
    assertThat(after.getJsonObject("series").getString("title")).isEqualTo("项目双周会");
    assertThat(after.getJsonObject("series").getJsonObject("schedule").getInteger("durationMinutes")).isEqualTo(45);
  }
}
