package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("The minutes export over HTTP")
class MinutesExportApiTest {
  private static final String MARKDOWN = "text/markdown; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final List<String> SECTIONS = List.of("Attendees", "Agenda", "Minutes text", "Decisions",
      "Action items", "Parking lot", "Suggested next meeting");

  private final MutableClock clock = new MutableClock();
  private TestServer server;
  private WebClient http;
  private long clientSeq;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), clock));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    result(server.stop());
  }

  private HttpResponse<Buffer> get(String path, String token) {
    return result(server.get(path, token));
  }

  private HttpResponse<Buffer> request(HttpMethod method, String path) {
    return result(http.request(method, server.port(), "127.0.0.1", path).timeout(5_000).send());
  }

  private static String minutesPath(JsonObject room, String extension) {
    return "/api/rooms/" + room.getString("roomId") + "/minutes." + extension;
  }

  private static String withToken(String path, String token) {
    return path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  /** A participant token in the URL is refused, with a reason that says to use a download link. */
  private static void assertTokenInUrlRefused(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(401);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("code", "message", "reason");
    assertThat(error.getString("code")).isEqualTo("UNAUTHORIZED");
    assertThat(error.getString("reason")).isEqualTo("TOKEN_IN_URL");
    assertThat(error.getString("message")).contains("download link").contains("/downloads");
  }

  private static JsonObject assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("code", "message");
    assertThat(error.getString("code")).isEqualTo(code);
    return error;
  }

  private JsonObject createRoom() {
    return result(server.createRoom());
  }

  /** Sends commands as the facilitator over the bridge; each must be accepted. Returns the last reply. */
  private JsonObject send(BusClient client, JsonObject room, JsonObject... commands) {
    JsonObject reply = null;
    for (JsonObject command : commands) {
      reply = result(client.command(room.getString("roomId"), room.getString("token"), "fac", ++clientSeq,
          command));
      assertThat(reply.getBoolean("ok")).as("reply to %s: %s", command, reply).isTrue();
    }
    return reply;
  }

  /**
   * A room where Ana facilitates from a connected socket and Bo joined but never connected: one agenda item
   * completed, a decision, an action item, a parked point and some minutes text.
   */
  private JsonObject meetingWithContent() {
    JsonObject room = createRoom();
    result(server.join(room.getString("joinCode"), "Bo", "Sales", "participant"));
    BusClient facilitator = result(server.connect());
    result(facilitator.join(room.getString("roomId"), room.getString("token")));
    send(facilitator, room,
        new JsonObject().put("type", "AddItem").put("title", "Budget").put("owner", "Ana")
            .put("timeboxSeconds", 600).put("kind", "decide"),
        new JsonObject().put("type", "StartItem").put("itemId", "i3"),
        new JsonObject().put("type", "CompleteItem"),
        new JsonObject().put("type", "RecordDecision").put("text", "Approve the budget").put("itemId", "i3"),
        new JsonObject().put("type", "AddActionItem").put("task", "Send the budget").put("owner", "Ana")
            .put("standard", "Signed off").put("deadline", "2030-01-31").put("itemId", "i3"),
        new JsonObject().put("type", "ParkPoint").put("text", "Office move"),
        new JsonObject().put("type", "EditMinutes").put("baseRevision", 0)
            .put("ops", new JsonArray().add("Budget approved after a short discussion.")));
    Eventually.until("Ana is recorded as attending", Duration.ofSeconds(5),
        () -> get(minutesPath(room, "md"), room.getString("token")).bodyAsString().contains("### Present (1)"));
    result(facilitator.close());
    return room;
  }

  @Test
  @DisplayName("serves the minutes as Markdown with every section and what was recorded in the room")
  void markdown() {
    JsonObject room = meetingWithContent();

    HttpResponse<Buffer> response = get(minutesPath(room, "md"), room.getString("token"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo(MARKDOWN);
    assertThat(response.getHeader("content-disposition"))
        .isEqualTo("inline; filename=\"minutes-" + room.getString("roomId") + ".md\"");
    assertThat(response.getHeader("cache-control")).isEqualTo("no-store");
    String body = response.bodyAsString();
    assertThat(body).startsWith("# Minutes: Q3 launch\n").contains("- **Goal:** Decide the launch date")
        .contains("- **Kind:** Decision").contains("- **Minutes:** Draft");
    for (String section : SECTIONS) {
      assertThat(body).contains("\n## " + section + "\n");
    }
    assertThat(body).contains("| Ana | Operations | facilitator |", "### Absent (1)", "| Bo | Sales | participant |",
        "| 1 | Budget | Ana | 10:00 |", "| done |", "Budget approved after a short discussion.",
        "- Approve the budget — *Agenda item:* Budget; *Decided by:* the facilitator",
        "| Send the budget | Ana | Signed off | 2030-01-31 | open | Budget |", "- Office move — *Raised by:* Ana",
        "- Send the budget — *From:* action items, open");
  }

  @Test
  @DisplayName("serves the minutes as a printable HTML page with every section and what was recorded in the room")
  void html() {
    JsonObject room = meetingWithContent();

    HttpResponse<Buffer> response = get(minutesPath(room, "html"), room.getString("token"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo(HTML);
    assertThat(response.getHeader("content-disposition"))
        .isEqualTo("inline; filename=\"minutes-" + room.getString("roomId") + ".html\"");
    assertThat(response.getHeader("content-security-policy")).startsWith("default-src 'none'");
    assertThat(response.getHeader("x-content-type-options")).isEqualTo("nosniff");
    String body = response.bodyAsString();
    assertThat(body).startsWith("<!DOCTYPE html>").contains("<h1>Minutes: Q3 launch</h1>").contains("@media print")
        .endsWith("</html>\n");
    for (String section : SECTIONS) {
      assertThat(body).contains("<h2>" + section + "</h2>");
    }
    assertThat(body).contains("<tr><td>Ana</td><td>Operations</td><td>facilitator</td></tr>",
        "<tr><td>Bo</td><td>Sales</td><td>participant</td></tr>", "<td>Budget</td>",
        "<div class=\"minutes-text\">\n<p>Budget approved after a short discussion.</p>\n</div>",
        "<li>Approve the budget — ", "<td>Send the budget</td><td>Ana</td><td>Signed off</td>",
        "<li>Office move — ");
  }

  @ParameterizedTest(name = "minutes.{0}")
  @ValueSource(strings = {"md", "html"})
  @DisplayName("opens with a download link alone, so a plain link opens the minutes without any other credential:")
  void downloadLinkAlone(String extension) {
    JsonObject room = createRoom();

    HttpResponse<Buffer> response = get(withDownload(minutesPath(room, extension), downloadToken(room)), null);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo(extension.equals("md") ? MARKDOWN : HTML);
    assertThat(response.getHeader("referrer-policy")).isEqualTo("no-referrer");
    assertThat(response.bodyAsString()).contains("Minutes: Q3 launch");
  }

  @ParameterizedTest(name = "minutes.{0}")
  @ValueSource(strings = {"md", "html"})
  @DisplayName("refuses a participant token in the URL, even a valid one and even with a header, with 401 TOKEN_IN_URL:")
  void tokenInQueryRefused(String extension) {
    JsonObject room = createRoom();
    String token = room.getString("token");

    assertTokenInUrlRefused(get(withToken(minutesPath(room, extension), token), null));
    assertTokenInUrlRefused(get(withToken(minutesPath(room, extension), token), token));
    assertTokenInUrlRefused(get(withToken(withDownload(minutesPath(room, extension), downloadToken(room)), token)
        .replaceFirst("\\?token=", "&token="), null));
    assertTokenInUrlRefused(get(withToken(minutesPath(room, extension), "not-a-token"), null));
  }

  @Test
  @DisplayName("opens the minutes to every role of the room, screens included")
  void everyRole() {
    JsonObject room = createRoom();
    JsonObject screen = result(server.join(room.getString("joinCode"), "Room TV", "", "screen"));
    JsonObject bo = result(server.join(room.getString("joinCode"), "Bo", "Sales", "participant"));

    assertThat(get(minutesPath(room, "md"), screen.getString("token")).statusCode()).isEqualTo(200);
    assertThat(get(minutesPath(room, "html"), bo.getString("token")).bodyAsString()).contains("<td>Bo</td>")
        .doesNotContain("Room TV");
  }

  @Test
  @DisplayName("shows times in the zone named by tz, and refuses a zone it does not know with 400 INVALID_FIELD")
  void timeZone() {
    JsonObject room = createRoom();
    String token = room.getString("token");

    String berlin = get(minutesPath(room, "md") + "?tz=Europe/Berlin", token).bodyAsString();
    assertThat(berlin).containsPattern("- \\*\\*Date and time:\\*\\* .* Europe/Berlin \\(UTC\\+0[12]:00\\)");
    String utc = get(minutesPath(room, "md"), token).bodyAsString();
    assertThat(utc).containsPattern("- \\*\\*Date and time:\\*\\* .*:\\d\\d UTC \\(scheduled\\)");
    JsonObject error = assertError(get(minutesPath(room, "html") + "?tz=Mars/Olympus", token), 400,
        "INVALID_FIELD");
    assertThat(error.getString("message")).contains("tz");
  }

  @ParameterizedTest(name = "minutes.{0}")
  @ValueSource(strings = {"md", "html"})
  @DisplayName("refuses the minutes without a token with 401 UNAUTHORIZED:")
  void withoutToken(String extension) {
    JsonObject room = createRoom();

    JsonObject error = assertError(get(minutesPath(room, extension), null), 401, "UNAUTHORIZED");

    assertThat(error.getString("message")).isEqualTo("missing or invalid token");
    assertError(get(minutesPath(room, extension) + "?download=", null), 401, "UNAUTHORIZED");
    assertTokenInUrlRefused(get(minutesPath(room, extension) + "?token=", null));
  }

  @ParameterizedTest(name = "minutes.{0}")
  @ValueSource(strings = {"md", "html"})
  @DisplayName("refuses the minutes with a forged token, in the header or a download link, with 401 UNAUTHORIZED:")
  void forgedToken(String extension) {
    JsonObject room = createRoom();
    String token = room.getString("token");
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

    assertError(get(minutesPath(room, extension), forged), 401, "UNAUTHORIZED");
    assertError(get(withDownload(minutesPath(room, extension), forged), null), 401, "UNAUTHORIZED");
    assertError(get(withDownload(minutesPath(room, extension), "not-a-token"), null), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("reads the Authorization header before the query, so a bad header is not rescued by a good query")
  void headerFirst() {
    JsonObject room = createRoom();
    String token = room.getString("token");

    assertError(get(withDownload(minutesPath(room, "md"), downloadToken(room)), "forged"), 401, "UNAUTHORIZED");
    assertThat(get(withDownload(minutesPath(room, "md"), "forged"), token).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "minutes.{0}")
  @ValueSource(strings = {"md", "html"})
  @DisplayName("refuses the minutes with another room's token, in the header or a download link, with 403 WRONG_ROOM:")
  void otherRoomsToken(String extension) {
    JsonObject room = createRoom();
    JsonObject other = createRoom();

    JsonObject error = assertError(get(minutesPath(room, extension), other.getString("token")), 403,
        "WRONG_ROOM");

    assertThat(error.getString("message")).isEqualTo("the token is for another room");
    assertError(get(withDownload(minutesPath(room, extension), downloadToken(other)), null), 403, "WRONG_ROOM");
  }

  @Test
  @DisplayName("answers other methods and other formats of the minutes with 404 NOT_FOUND")
  void otherRoutes() {
    JsonObject room = createRoom();
    String roomId = room.getString("roomId");

    assertError(request(HttpMethod.POST, "/api/rooms/" + roomId + "/minutes.md"), 404, "NOT_FOUND");
    assertError(request(HttpMethod.GET, "/api/rooms/" + roomId + "/minutes.pdf"), 404, "NOT_FOUND");
    assertError(request(HttpMethod.GET, "/api/rooms/" + roomId + "/minutesXmd"), 404, "NOT_FOUND");
  }

  // ---- download tokens and languages

  private HttpResponse<Buffer> issueDownload(String roomId, String token) {
    var request = http.request(HttpMethod.POST, server.port(), "127.0.0.1", "/api/rooms/" + roomId + "/downloads")
        .timeout(5_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return result(request.send());
  }

  private String downloadToken(JsonObject room) {
    HttpResponse<Buffer> response = issueDownload(room.getString("roomId"), room.getString("token"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("download");
  }

  private static String withDownload(String path, String token) {
    return path + "?download=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("issues a short-lived download token for a room's exports, with the links that carry it")
  void issuesDownloadToken() {
    JsonObject room = createRoom();
    long before = System.currentTimeMillis();

    HttpResponse<Buffer> response = issueDownload(room.getString("roomId"), room.getString("token"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.getHeader("cache-control")).isEqualTo("no-store");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("download", "expiresAt", "expiresInSeconds", "links");
    assertThat(body.getLong("expiresInSeconds")).isEqualTo(900);
    assertThat(body.getLong("expiresAt")).isBetween(before + 899_000, System.currentTimeMillis() + 900_000);
    String download = body.getString("download");
    assertThat(download).isNotEqualTo(room.getString("token"));
    JsonObject links = body.getJsonObject("links");
    assertThat(links.getString("markdown")).isEqualTo(withDownload(minutesPath(room, "md"), download));
    assertThat(links.getString("html")).isEqualTo(withDownload(minutesPath(room, "html"), download));
    HttpResponse<Buffer> markdown = get(links.getString("markdown"), null);
    assertThat(markdown.statusCode()).as(markdown.bodyAsString()).isEqualTo(200);
    assertThat(markdown.bodyAsString()).contains("# Minutes: Q3 launch");
    assertThat(get(links.getString("html"), null).bodyAsString()).contains("<h1>Minutes: Q3 launch</h1>");
  }

  @Test
  @DisplayName("gives every role a download token, screens included, as every role may export")
  void downloadTokenForEveryRole() {
    JsonObject room = createRoom();
    JsonObject screen = result(server.join(room.getString("joinCode"), "Room TV", "", "screen"));

    HttpResponse<Buffer> response = issueDownload(room.getString("roomId"), screen.getString("token"));

    assertThat(response.statusCode()).isEqualTo(201);
    HttpResponse<Buffer> markdown = get(response.bodyAsJsonObject().getJsonObject("links").getString("markdown"),
        null);
    assertThat(markdown.statusCode()).isEqualTo(200);
    assertThat(markdown.bodyAsString()).contains("# Minutes: Q3 launch").doesNotContain("Room TV");
  }

  @Test
  @DisplayName("refuses a download token anywhere but an export's download link: the summary, a new download, the bridge")
  void downloadTokenOpensOnlyExports() {
    JsonObject room = createRoom();
    String roomId = room.getString("roomId");
    String download = downloadToken(room);

    assertError(get("/api/rooms/" + roomId, download), 401, "UNAUTHORIZED");
    assertError(issueDownload(roomId, download), 401, "UNAUTHORIZED");
    assertError(get(minutesPath(room, "md"), download), 401, "UNAUTHORIZED");
    assertTokenInUrlRefused(get(withToken(minutesPath(room, "md"), download), null));
    BusClient client = result(server.connect());
    JsonObject reply = result(client.sync(roomId, download, null));
    assertThat(reply.getBoolean("ok")).isFalse();
    assertThat(reply.getJsonObject("error").getString("code")).isEqualTo("UNAUTHORIZED");
    client.register("rt.room." + roomId + ".events", download);
    Eventually.until("the bridge refuses to register with a download token", Duration.ofSeconds(5),
        () -> client.errors().stream().anyMatch(e -> e.encode().contains("UNAUTHORIZED")));
    result(client.close());
  }

  @ParameterizedTest(name = "minutes.{0}")
  @ValueSource(strings = {"md", "html"})
  @DisplayName("refuses as a download token a participant token, a forged one and another room's:")
  void refusesOtherDownloadTokens(String extension) {
    JsonObject room = createRoom();
    JsonObject other = createRoom();
    String download = downloadToken(room);
    String forged = download.substring(0, download.lastIndexOf('.') + 1) + "AAAA";

    assertError(get(withDownload(minutesPath(room, extension), room.getString("token")), null), 401,
        "UNAUTHORIZED");
    assertError(get(withDownload(minutesPath(room, extension), forged), null), 401, "UNAUTHORIZED");
    assertError(get(withDownload(minutesPath(other, extension), download), null), 403, "WRONG_ROOM");
    assertError(get(withDownload(minutesPath(room, extension), download), "forged"), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("refuses a download token once it expired")
  void expiredDownloadToken(Vertx vertx) throws InterruptedException {
    JsonObject room = createRoom();
    String shortLived = new Tokens(vertx, TestServer.SECRET, 3600, 1)
        .issueDownload(new Identity(room.getString("roomId"), "p1", dev.roundtable.domain.Role.FACILITATOR)).token();
    assertThat(get(withDownload(minutesPath(room, "md"), shortLived), null).statusCode()).isEqualTo(200);

    Thread.sleep(2_100);

    assertError(get(withDownload(minutesPath(room, "md"), shortLived), null), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("writes no token into a log line, whether it is refused, accepted or sent in the URL")
  void noTokenInTheLogs() {
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      JsonObject room = createRoom();
      String token = room.getString("token");
      String download = downloadToken(room);
      String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
      get(withToken(minutesPath(room, "md"), token), null);
      get(withDownload(minutesPath(room, "html"), download), null);
      get(withDownload(minutesPath(room, "html"), forged), null);
      get(minutesPath(room, "md") + "?tz=Mars/Olympus", token);
      get("/api/rooms/" + room.getString("roomId"), download);
      BusClient client = result(server.connect());
      result(client.sync(room.getString("roomId"), download, null));
      result(client.close());

      for (var event : logs.list) {
        String line = event.getFormattedMessage() + " " + event.getKeyValuePairs()
            + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage());
        assertThat(line).doesNotContain(token).doesNotContain(download).doesNotContain(forged);
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  @DisplayName("refuses to issue a download token without a valid token of the room")
  void issuingNeedsAToken() {
    JsonObject room = createRoom();
    JsonObject other = createRoom();

    assertError(issueDownload(room.getString("roomId"), null), 401, "UNAUTHORIZED");
    assertError(issueDownload(room.getString("roomId"), "not-a-token"), 401, "UNAUTHORIZED");
    assertError(issueDownload(room.getString("roomId"), other.getString("token")), 403, "WRONG_ROOM");
  }

  @Test
  @DisplayName("writes the minutes in the meeting's language, or in the one lang names, and refuses another")
  void language() {
    JsonObject body = new JsonObject().put("title", "发布会").put("goal", "确定第三季度的发布日期").put("kind", "decision")
        .put("facilitatorName", "芳").put("language", "zh-CN");
    HttpResponse<Buffer> created = result(server.post("/api/rooms", body));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject room = created.bodyAsJsonObject();
    String token = room.getString("token");

    assertThat(get(minutesPath(room, "md"), token).bodyAsString()).startsWith("# 会议纪要：发布会\n");
    assertThat(get(minutesPath(room, "html"), token).bodyAsString()).contains("<html lang=\"zh-CN\">");
    assertThat(get(minutesPath(room, "md") + "?lang=en", token).bodyAsString()).startsWith("# Minutes: 发布会\n");
    JsonObject english = createRoom();
    assertThat(get(minutesPath(english, "md") + "?lang=zh-cn", english.getString("token")).bodyAsString())
        .startsWith("# 会议纪要：Q3 launch\n");
    JsonObject error = assertError(get(minutesPath(room, "html") + "?lang=fr", token), 400, "INVALID_FIELD");
    assertThat(error.getString("message")).isEqualTo("lang must be en or zh-CN");
  }
}
