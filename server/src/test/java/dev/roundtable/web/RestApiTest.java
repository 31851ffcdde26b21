package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.domain.Role;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("The HTTP API of a Roundtable server")
class RestApiTest {
  private static final int MAX_BODY_BYTES = RoundtableConfig.DEFAULT_MAX_COMMAND_BYTES;
  private static final String JOIN_CODE = "[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}";
  private static final String ROOM_ID = "[A-Za-z0-9_-]{16}";

  private final MutableClock clock = new MutableClock();
  private Vertx vertx;
  private TestServer server;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    this.vertx = vertx;
    server = result(TestServer.start(vertx, TestServer.config(dataDir), clock));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    result(server.stop());
  }

  private static JsonObject validRoom() {
    return new JsonObject().put("title", "Q3 launch").put("goal", "Decide the launch date").put("kind", "decision")
        .put("facilitatorName", "Ana").put("department", "Operations");
  }

  private HttpResponse<Buffer> post(String path, Object body) {
    return result(server.post(path, body));
  }

  private HttpResponse<Buffer> get(String path, String token) {
    return result(server.get(path, token));
  }

  private HttpResponse<Buffer> request(HttpMethod method, String path, String authorization) {
    var request = http.request(method, server.port(), "127.0.0.1", path).timeout(5_000);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return result(request.send());
  }

  private static String padded(JsonObject json, int bytes) {
    String encoded = json.encode();
    return encoded + " ".repeat(bytes - encoded.getBytes(StandardCharsets.UTF_8).length);
  }

  private static String base64Url(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.fieldNames()).contains("code", "message").isSubsetOf("code", "message", "reason");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    return error;
  }

  private JsonObject createRoom() {
    return result(server.createRoom());
  }

  private JsonObject join(JsonObject room, String name, String role) {
    return result(server.join(room.getString("joinCode"), name, "Sales", role));
  }

  private JsonObject summaryOf(JsonObject room, String token) {
    HttpResponse<Buffer> response = get("/api/rooms/" + room.getString("roomId"), token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  @DisplayName("creates a room with 201 and the facilitator's credentials and a six-character join code")
  void createsRoom() {
    HttpResponse<Buffer> response = post("/api/rooms", validRoom());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    JsonObject created = response.bodyAsJsonObject();
    assertThat(created.fieldNames()).containsExactlyInAnyOrder("roomId", "participantId", "role", "token", "joinCode");
    assertThat(created.getString("roomId")).matches(ROOM_ID);
    assertThat(created.getString("participantId")).isEqualTo("p1");
    assertThat(created.getString("role")).isEqualTo("facilitator");
    assertThat(created.getString("token")).isNotBlank().matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(created.getString("joinCode")).matches(JOIN_CODE);
  }

  @Test
  @DisplayName("gives every new room its own id, join code and token")
  void eachRoomIsNew() {
    JsonObject first = createRoom();
    JsonObject second = createRoom();

    assertThat(second.getString("roomId")).isNotEqualTo(first.getString("roomId"));
    assertThat(second.getString("joinCode")).isNotEqualTo(first.getString("joinCode"));
    assertThat(second.getString("token")).isNotEqualTo(first.getString("token"));
  }

  @Test
  @DisplayName("ignores a type field in the creation body")
  void ignoresTypeInCreation() {
    HttpResponse<Buffer> response = post("/api/rooms", validRoom().put("type", "Join"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("role")).isEqualTo("facilitator");
  }

  @Test
  @DisplayName("accepts a title of exactly 200 characters")
  void acceptsLongestTitle() {
    HttpResponse<Buffer> response = post("/api/rooms", validRoom().put("title", "t".repeat(200)));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  @Test
  @DisplayName("creates a meeting whose goal is written in Chinese, held in the language it names")
  void createsChineseMeeting() {
    HttpResponse<Buffer> response = post("/api/rooms", validRoom().put("title", "第三季度发布")
        .put("goal", "确定第三季度的发布日期").put("language", "zh-CN"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject room = response.bodyAsJsonObject();
    assertThat(summaryOf(room, room.getString("token")).getString("goal")).isEqualTo("确定第三季度的发布日期");
    BusClient facilitator = result(server.connect());
    JsonObject sync = result(facilitator.join(room.getString("roomId"), room.getString("token")));
    assertThat(sync.getJsonObject("snapshot").getJsonObject("meeting").getString("language")).isEqualTo("zh-CN");
    result(facilitator.close());
  }

  static Stream<Arguments> refusedGoals() {
    return Stream.of(
        Arguments.of("a one-word goal", "Decide", 400, "INVALID_FIELD", "GOAL_TOO_SHORT"),
        Arguments.of("a vague goal in English", "Discuss progress.", 400, "INVALID_FIELD", "GOAL_VAGUE"),
        Arguments.of("a vague goal in Chinese", "加强沟通！", 400, "INVALID_FIELD", "GOAL_VAGUE"),
        Arguments.of("a blank goal", " ", 400, "INVALID_FIELD", "GOAL_REQUIRED"),
        Arguments.of("a goal over 300 characters", "确".repeat(301), 413, "TOO_LARGE", "GOAL_TOO_LONG"),
        Arguments.of("a goal that is not a string", 42, 400, "INVALID_FIELD", "GOAL_MALFORMED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedGoals")
  @DisplayName("refuses a goal with a reason a client can translate, the message staying English:")
  void refusesGoalWithReason(String what, Object goal, int status, String code, String reason) {
    JsonObject error = assertError(post("/api/rooms", validRoom().put("goal", goal)), status, code);

    assertThat(error.getString("reason")).isEqualTo(reason);
    assertThat(error.getString("message")).isASCII();
  }

  @Test
  @DisplayName("refuses a language it does not write with 400 INVALID_FIELD")
  void refusesUnknownLanguage() {
    JsonObject error = assertError(post("/api/rooms", validRoom().put("language", "fr")), 400, "INVALID_FIELD");

    assertThat(error.getString("message")).isEqualTo("language must be en or zh-CN");
  }

  static Stream<Arguments> invalidCreations() {
    return Stream.of(
        Arguments.of("a one-word goal", validRoom().put("goal", "Decide"), 400, "INVALID_FIELD", "verb + result"),
        Arguments.of("a missing title", withoutField("title"), 400, "INVALID_FIELD", "title is required"),
        Arguments.of("a blank title", validRoom().put("title", "   "), 400, "INVALID_FIELD", "title is required"),
        Arguments.of("a missing goal", withoutField("goal"), 400, "INVALID_FIELD", "goal is required"),
        Arguments.of("an unknown kind", validRoom().put("kind", "brainstorm"), 400, "INVALID_FIELD", "kind"),
        Arguments.of("a missing kind", withoutField("kind"), 400, "INVALID_FIELD", "kind is required"),
        Arguments.of("a missing facilitator name", withoutField("facilitatorName"), 400, "INVALID_FIELD",
            "facilitatorName is required"),
        Arguments.of("an unknown field", validRoom().put("foo", 1), 400, "INVALID_FIELD", "unknown field foo"),
        Arguments.of("planned minutes out of range", validRoom().put("plannedMinutes", 0), 400, "INVALID_FIELD",
            "plannedMinutes"),
        Arguments.of("a title over 200 characters", validRoom().put("title", "t".repeat(201)), 413, "TOO_LARGE",
            "title is longer than 200 characters"),
        Arguments.of("a goal over 300 characters", validRoom().put("goal", "Decide " + "g".repeat(300)), 413,
            "TOO_LARGE", "goal is longer than 300 characters"));
  }

  private static JsonObject withoutField(String field) {
    JsonObject body = validRoom();
    body.remove(field);
    return body;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCreations")
  @DisplayName("refuses a creation with an invalid field, with the fitting status and {code, message}:")
  void refusesInvalidCreation(String what, JsonObject body, int status, String code, String message) {
    JsonObject error = assertError(post("/api/rooms", body), status, code);

    assertThat(error.getString("message")).contains(message);
  }

  static Stream<Arguments> bodiesThatAreNotJsonObjects() {
    List<String> bodies = List.of("{not json", "[1, 2]", "null", "42", "\"a string\"", "",
        "{\"title\":\"x\"} trailing");
    return Stream.of("/api/rooms", "/api/join").flatMap(path -> bodies.stream().map(b -> Arguments.of(path, b)));
  }

  @ParameterizedTest(name = "POST {0} with body <{1}>")
  @MethodSource("bodiesThatAreNotJsonObjects")
  @DisplayName("answers a body that is not a JSON object with 400 BAD_JSON:")
  void refusesBodyThatIsNotAnObject(String path, String body) {
    JsonObject error = assertError(post(path, body), 400, "BAD_JSON");

    assertThat(error.getString("message")).isEqualTo("the request body must be a JSON object");
  }

  @Test
  @DisplayName("accepts a body of exactly maxCommandBytes bytes")
  void acceptsBodyAtTheLimit() {
    HttpResponse<Buffer> response = post("/api/rooms", padded(validRoom(), MAX_BODY_BYTES));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  @ParameterizedTest(name = "POST {0}")
  @ValueSource(strings = {"/api/rooms", "/api/join"})
  @DisplayName("refuses a body one byte over maxCommandBytes with 413 and a JSON error:")
  void refusesBodyOverTheLimit(String path) {
    JsonObject error = assertError(post(path, padded(validRoom(), MAX_BODY_BYTES + 1)), 413, "TOO_LARGE");

    assertThat(error.getString("message")).isEqualTo("the request is too large");
  }

  @Test
  @DisplayName("refuses a body of a mebibyte with 413 and a JSON error, and keeps serving")
  void refusesHugeBody() {
    assertError(post("/api/rooms", padded(validRoom(), 1 << 20)), 413, "TOO_LARGE");

    assertThat(post("/api/rooms", validRoom()).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("lets someone join by code as a participant when no role is given")
  void joinsAsParticipant() {
    JsonObject room = createRoom();

    HttpResponse<Buffer> response = post("/api/join",
        new JsonObject().put("code", room.getString("joinCode")).put("name", "Bo").put("department", "Sales"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    JsonObject joined = response.bodyAsJsonObject();
    assertThat(joined.fieldNames()).containsExactlyInAnyOrder("roomId", "participantId", "role", "token");
    assertThat(joined.getString("roomId")).isEqualTo(room.getString("roomId"));
    assertThat(joined.getString("participantId")).isEqualTo("p2");
    assertThat(joined.getString("role")).isEqualTo("participant");
    assertThat(joined.getString("token")).isNotBlank().isNotEqualTo(room.getString("token"));
  }

  @Test
  @DisplayName("finds the room by its code whatever its case and with spaces around it")
  void joinCodeIsForgiving() {
    JsonObject room = createRoom();

    HttpResponse<Buffer> response = post("/api/join", new JsonObject()
        .put("code", "  " + room.getString("joinCode").toLowerCase() + " \t").put("name", "Bo"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("roomId")).isEqualTo(room.getString("roomId"));
  }

  @Test
  @DisplayName("numbers joiners in the order they join")
  void numbersJoiners() {
    JsonObject room = createRoom();

    assertThat(join(room, "Bo", "participant").getString("participantId")).isEqualTo("p2");
    assertThat(join(room, "Cy", "participant").getString("participantId")).isEqualTo("p3");
  }

  @Test
  @DisplayName("lets a screen join with role screen")
  void joinsAsScreen() {
    JsonObject room = createRoom();

    JsonObject screen = join(room, "Room TV", "screen");

    assertThat(screen.getString("role")).isEqualTo("screen");
    assertThat(screen.getString("roomId")).isEqualTo(room.getString("roomId"));
  }

  @Test
  @DisplayName("refuses to let anyone join as facilitator")
  void refusesJoinAsFacilitator() {
    JsonObject room = createRoom();

    JsonObject error = assertError(post("/api/join", new JsonObject().put("code", room.getString("joinCode"))
        .put("name", "Mallory").put("role", "facilitator")), 400, "INVALID_FIELD");

    assertThat(error.getString("message")).contains("role must be participant or screen");
  }

  @Test
  @DisplayName("refuses a role it does not know")
  void refusesUnknownRole() {
    JsonObject room = createRoom();

    assertError(post("/api/join", new JsonObject().put("code", room.getString("joinCode")).put("name", "Bo")
        .put("role", "admin")), 400, "INVALID_FIELD");
  }

  @Test
  @DisplayName("answers a code no room has with 404 ROOM_NOT_FOUND")
  void unknownCode() {
    createRoom();

    JsonObject error = assertError(post("/api/join", new JsonObject().put("code", "000000").put("name", "Bo")),
        404, "ROOM_NOT_FOUND");

    assertThat(error.getString("message")).isEqualTo("no room has this join code");
  }

  static Stream<Arguments> missingCodes() {
    return Stream.of(
        Arguments.of("no code", new JsonObject().put("name", "Bo")),
        Arguments.of("a null code", new JsonObject().putNull("code").put("name", "Bo")),
        Arguments.of("a blank code", new JsonObject().put("code", "   ").put("name", "Bo")),
        Arguments.of("a code that is a number", new JsonObject().put("code", 123456).put("name", "Bo")),
        Arguments.of("a code over 32 characters", new JsonObject().put("code", "A".repeat(33)).put("name", "Bo")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingCodes")
  @DisplayName("refuses a join without a usable code with 400 INVALID_FIELD:")
  void refusesMissingCode(String what, JsonObject body) {
    JsonObject error = assertError(post("/api/join", body), 400, "INVALID_FIELD");

    assertThat(error.getString("message")).isEqualTo("code is required");
  }

  @Test
  @DisplayName("refuses a join without a name")
  void refusesJoinWithoutName() {
    JsonObject room = createRoom();

    JsonObject error = assertError(post("/api/join", new JsonObject().put("code", room.getString("joinCode"))),
        400, "INVALID_FIELD");

    assertThat(error.getString("message")).isEqualTo("name is required");
  }

  @Test
  @DisplayName("refuses to let anyone join a meeting that has ended, with 409 MEETING_ENDED")
  void refusesJoinAfterTheEnd() {
    JsonObject room = createRoom();
    BusClient facilitator = result(server.connect());
    JsonObject ended = result(facilitator.command(room.getString("roomId"), room.getString("token"), "fac", 1,
        new JsonObject().put("type", "EndMeeting")));
    assertThat(ended.getBoolean("ok")).as(ended.encode()).isTrue();
    result(facilitator.close());

    assertError(post("/api/join", new JsonObject().put("code", room.getString("joinCode")).put("name", "Bo")),
        409, "MEETING_ENDED");
  }

  @Test
  @DisplayName("summarizes a room for a holder of its token")
  void summarizesRoom() {
    JsonObject room = createRoom();

    JsonObject summary = summaryOf(room, room.getString("token"));

    assertThat(summary.getString("roomId")).isEqualTo(room.getString("roomId"));
    assertThat(summary.getString("joinCode")).isEqualTo(room.getString("joinCode"));
    assertThat(summary.getLong("seq")).isPositive();
    assertThat(summary.getString("title")).isEqualTo("Q3 launch");
    assertThat(summary.getString("goal")).isEqualTo("Decide the launch date");
    assertThat(summary.getString("kind")).isEqualTo("decision");
    assertThat(summary.getString("status")).isEqualTo("scheduled");
    assertThat(summary.getInteger("participants")).isEqualTo(1);
    assertThat(summary.getInteger("online")).isZero();
    assertThat(summary.getInteger("agendaItems")).isZero();
    assertThat(summary.containsKey("currentItem")).isTrue();
    assertThat(summary.getValue("currentItem")).isNull();
  }

  @Test
  @DisplayName("counts everyone who joined in the summary, screens included, and opens it to every role")
  void summaryCountsJoiners() {
    JsonObject room = createRoom();
    JsonObject bo = join(room, "Bo", "participant");
    JsonObject screen = join(room, "Room TV", "screen");

    assertThat(summaryOf(room, bo.getString("token")).getInteger("participants")).isEqualTo(3);
    assertThat(summaryOf(room, screen.getString("token")).getInteger("participants")).isEqualTo(3);
  }

  @Test
  @DisplayName("reports in the summary the agenda, the item under way, the status and who is online")
  void summaryFollowsTheMeeting() {
    JsonObject room = createRoom();
    String roomId = room.getString("roomId");
    String token = room.getString("token");
    BusClient facilitator = result(server.connect());
    result(facilitator.join(roomId, token));
    JsonObject addItem = new JsonObject().put("type", "AddItem").put("title", "Budget").put("owner", "Ana")
        .put("timeboxSeconds", 600).put("expectedOutput", "Approved budget").put("kind", "decide");
    String itemId = result(facilitator.command(roomId, token, "fac", 1, addItem))
        .getJsonObject("result").getString("itemId");
    result(facilitator.command(roomId, token, "fac", 2, addItem.copy().put("title", "Hiring")));
    result(facilitator.command(roomId, token, "fac", 3, new JsonObject().put("type", "StartItem")
        .put("itemId", itemId)));

    Eventually.until("the facilitator is counted online", Duration.ofSeconds(5),
        () -> summaryOf(room, token).getInteger("online") == 1);
    JsonObject summary = summaryOf(room, token);
    assertThat(summary.getString("status")).isEqualTo("live");
    assertThat(summary.getInteger("agendaItems")).isEqualTo(2);
    assertThat(summary.getJsonObject("currentItem")).isEqualTo(new JsonObject().put("id", itemId)
        .put("title", "Budget").put("owner", "Ana").put("expectedOutput", "Approved budget"));
    result(facilitator.close());
  }

  @Test
  @DisplayName("refuses a summary without a token with 401 UNAUTHORIZED")
  void summaryWithoutToken() {
    JsonObject room = createRoom();

    JsonObject error = assertError(get("/api/rooms/" + room.getString("roomId"), null), 401, "UNAUTHORIZED");

    assertThat(error.getString("message")).isEqualTo("missing or invalid token");
  }

  @Test
  @DisplayName("refuses a summary with a forged, unsigned or unreadable token with 401 UNAUTHORIZED")
  void summaryWithForgedToken() {
    JsonObject room = createRoom();
    String token = room.getString("token");
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

    assertError(get("/api/rooms/" + room.getString("roomId"), forged), 401, "UNAUTHORIZED");
    assertError(get("/api/rooms/" + room.getString("roomId"), "not-a-token"), 401, "UNAUTHORIZED");
    String unsigned = base64Url(new JsonObject().put("alg", "none").put("typ", "JWT")) + "."
        + base64Url(new JsonObject().put("sub", "p1").put("room", room.getString("roomId")).put("role", "facilitator"))
        + ".";
    assertError(get("/api/rooms/" + room.getString("roomId"), unsigned), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("refuses a summary with a token signed by another secret with 401 UNAUTHORIZED")
  void summaryWithTokenOfAnotherSecret() {
    JsonObject room = createRoom();
    String roomId = room.getString("roomId");
    String foreign = new Tokens(vertx, "another-secret-that-is-long-enough-for-hs256", 3600)
        .issue(new Identity(roomId, "p1", Role.FACILITATOR));

    assertError(get("/api/rooms/" + roomId, foreign), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("refuses a summary with an expired token with 401 UNAUTHORIZED")
  void summaryWithExpiredToken() throws InterruptedException {
    JsonObject room = createRoom();
    String roomId = room.getString("roomId");
    String shortLived = new Tokens(vertx, TestServer.SECRET, 1).issue(new Identity(roomId, "p1", Role.FACILITATOR));
    assertThat(get("/api/rooms/" + roomId, shortLived).statusCode()).isEqualTo(200);

    Thread.sleep(2_100);

    assertError(get("/api/rooms/" + roomId, shortLived), 401, "UNAUTHORIZED");
  }

  @ParameterizedTest(name = "without the {0} claim")
  @ValueSource(strings = {"room", "sub"})
  @DisplayName("refuses a summary with a validly signed token that lacks an identity claim, with 401:")
  void summaryWithTokenWithoutIdentity(String claim) {
    JsonObject room = createRoom();
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(TestServer.SECRET)));
    JsonObject claims = new JsonObject().put("sub", "p1").put("room", room.getString("roomId"))
        .put("role", "facilitator");
    claims.remove(claim);
    String token = auth.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(60));

    assertError(request(HttpMethod.GET, "/api/rooms/" + room.getString("roomId"), "Bearer " + token),
        401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("reads the Authorization header's Bearer scheme in any case and refuses other schemes")
  void bearerScheme() {
    JsonObject room = createRoom();
    String path = "/api/rooms/" + room.getString("roomId");

    assertThat(request(HttpMethod.GET, path, "bearer " + room.getString("token")).statusCode()).isEqualTo(200);
    assertError(request(HttpMethod.GET, path, room.getString("token")), 401, "UNAUTHORIZED");
    assertError(request(HttpMethod.GET, path, "Basic " + room.getString("token")), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("refuses a summary with another room's token with 403 WRONG_ROOM")
  void summaryWithOtherRoomsToken() {
    JsonObject room = createRoom();
    JsonObject other = createRoom();

    JsonObject error = assertError(get("/api/rooms/" + room.getString("roomId"), other.getString("token")),
        403, "WRONG_ROOM");

    assertThat(error.getString("message")).isEqualTo("the token is for another room");
    assertError(get("/api/rooms/unknownRoomId42", other.getString("token")), 403, "WRONG_ROOM");
  }

  static Stream<Arguments> unknownApiRoutes() {
    return Stream.of(
        Arguments.of(HttpMethod.GET, "/api/nothing"),
        Arguments.of(HttpMethod.POST, "/api/nothing"),
        Arguments.of(HttpMethod.DELETE, "/api/rooms/someRoomId"),
        Arguments.of(HttpMethod.PUT, "/api/rooms"),
        Arguments.of(HttpMethod.GET, "/api/join"),
        Arguments.of(HttpMethod.GET, "/api/rooms/someRoomId/participants"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unknownApiRoutes")
  @DisplayName("answers an unknown API route with 404 and a JSON NOT_FOUND:")
  void unknownApiRoute(HttpMethod method, String path) {
    JsonObject error = assertError(request(method, path, null), 404, "NOT_FOUND");

    assertThat(error.getString("message")).contains(method.name()).contains(path);
  }

  @Test
  @DisplayName("reports itself live at /health/live")
  void live() {
    HttpResponse<Buffer> response = get("/health/live", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("application/json");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "up"));
  }

  @Test
  @DisplayName("reports itself ready at /health/ready, with the number of rooms it holds")
  void ready() {
    HttpResponse<Buffer> before = get("/health/ready", null);
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.getHeader("content-type")).startsWith("application/json");
    assertThat(before.bodyAsJsonObject().getString("status")).isEqualTo("ready");
    assertThat(before.bodyAsJsonObject().getInteger("rooms")).isNotNegative();

    createRoom();

    JsonObject after = get("/health/ready", null).bodyAsJsonObject();
    assertThat(after.getString("status")).isEqualTo("ready");
    assertThat(after.getInteger("rooms")).isGreaterThanOrEqualTo(1);
  }
}
