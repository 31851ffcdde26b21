package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.cluster.Membership;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.domain.Language;
import dev.roundtable.notify.FakeNotifier;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import dev.roundtable.room.RoomClient;
import dev.roundtable.room.RoomMetrics;
import dev.roundtable.room.RoomRegistry;
import dev.roundtable.review.ReviewService;
import dev.roundtable.review.ReviewStore;
import dev.roundtable.room.RoomService;
import dev.roundtable.room.RoomSettings;
import dev.roundtable.series.NoticeSender;
import dev.roundtable.series.OpenActionItems;
import dev.roundtable.store.InMemoryRoomStore;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.FakeJobQueue;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The series API's chat groups and notifications, on its own router with a notifier in memory. */
@ExtendWith(VertxExtension.class)
@DisplayName("The series API's chat groups and notifications")
class SeriesChannelsApiTest {
  private static final String URL = "https://oapi.dingtalk.com/robot/send?access_token=tok-9f3a7c";
  private static final String SECRET = "SECd41d8cd98f00b204e9800998ecf8427e";

  private final MutableClock clock = new MutableClock();
  private final FakeNotifier notifier = new FakeNotifier();
  private Storage storage;
  private HttpServer server;
  private WebClient http;
  private String seriesId;
  private String token;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    RoundtableConfig config = TestServer.config(dataDir);
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1",
        0)));
    Tokens tokens = new Tokens(vertx, TestServer.SECRET, 3_600);
    InMemoryRoomStore roomStore = new InMemoryRoomStore();
    RoomRegistry registry = result(RoomRegistry.create(vertx, roomStore, RoomSettings.from(config), clock,
        Membership.standalone(), RoomMetrics.none()));
    RoomService rooms = RoomService.create(new RoomClient(vertx, registry), roomStore, clock);
    SeriesApi api = SeriesApi.create(vertx, storage.database(), tokens, config, clock, NoticeSender.keepPending(),
        notifier, new FakeJobQueue(), () -> "http://127.0.0.1/", rooms,
        new ReviewService(result(ReviewStore.open(vertx, storage.database())), rooms, clock), OpenActionItems.NONE);
    Router router = Router.router(vertx);
    api.mount(router);
    server = result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    http = WebClient.create(vertx);
    JsonObject created = ok(call(HttpMethod.POST, "/api/series", null, series("zh-CN")), 201);
    seriesId = created.getString("seriesId");
    token = created.getString("coordinatorToken");
  }

  @AfterEach
  void stop() {
    http.close();
    result(server.close());
    result(storage.close());
  }

  private static JsonObject series(String language) {
    return new JsonObject().put("title", "项目周会").put("goal", "确定下周的优先级").put("kind", "decision")
        .put("department", "PMO").put("coordinator", new JsonObject().put("name", "李娜"))
        .put("language", language)
        .put("schedule", new JsonObject().put("firstStart", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3)
            .atTime(10, 0).toString()).put("rrule", "FREQ=WEEKLY").put("timeZone", "Asia/Shanghai")
            .put("durationMinutes", 60));
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String bearer, JsonObject body) {
    HttpRequest<Buffer> request = http.request(method, server.actualPort(), "127.0.0.1", path).timeout(10_000);
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    HttpResponse<Buffer> r = result(body == null ? request.send() : request.sendJsonObject(body));
    assertThat(r.bodyAsString()).as("a reply never holds a webhook URL or secret")
        .doesNotContain("tok-9f3a7c").doesNotContain(SECRET).doesNotContain("access_token");
    return r;
  }

  private static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  private static JsonObject refused(HttpResponse<Buffer> r, int status, String code) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo(code);
    return r.bodyAsJsonObject();
  }

  private String path(String rest) {
    return "/api/series/" + seriesId + rest;
  }

  private JsonObject addGroup(String channel, String label, String url, String secret) {
    return ok(call(HttpMethod.POST, path("/channels"), token, new JsonObject().put("channel", channel)
        .put("label", label).put("webhookUrl", url).put("secret", secret)), 201);
  }

  private JsonArray groups() {
    return ok(call(HttpMethod.GET, path(""), token, null), 200).getJsonArray("chatGroups");
  }

  @Test
  @DisplayName("adds a chat group and shows its id, channel, label and host, never its URL or secret")
  void adds() {
    JsonObject g = addGroup("dingtalk", "PMO 群", URL, SECRET);
    assertThat(g.getString("chatGroupId")).isNotBlank();
    assertThat(g.getString("channel")).isEqualTo("dingtalk");
    assertThat(g.getString("label")).isEqualTo("PMO 群");
    assertThat(g.getString("hint")).isEqualTo("oapi.dingtalk.com/…");
    assertThat(g.getBoolean("signed")).isTrue();
    assertThat(g.getJsonArray("chatGroups")).hasSize(1);
    JsonArray listed = groups();
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("chatGroupId", "channel", "label", "hint", "signed");
    addGroup("wecom", "Team", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=tok-9f3a7c-2", null);
    assertThat(groups()).hasSize(2);
    assertThat(groups().getJsonObject(1).getBoolean("signed")).isFalse();
  }

  @Test
  @DisplayName("a member's view shows no chat groups, and a member may not add one")
  void membersSeeNone() {
    addGroup("feishu", "Ops", "https://open.feishu.cn/open-apis/bot/v2/hook/tok-9f3a7c", SECRET);
    JsonObject m = ok(call(HttpMethod.POST, path("/members"), token, new JsonObject().put("name", "王伟")
        .put("department", "Sales").put("email", "wang@example.com")), 201);
    String link = m.getString("link");
    String memberToken = link.substring(link.indexOf('#') + 1);
    JsonObject view = ok(call(HttpMethod.GET, path(""), memberToken, null), 200);
    assertThat(view.getString("view")).isEqualTo("member");
    assertThat(view.containsKey("chatGroups")).isFalse();
    refused(call(HttpMethod.POST, path("/channels"), memberToken, new JsonObject().put("channel", "wecom")
        .put("label", "x").put("webhookUrl", URL)), 403, "FORBIDDEN");
    refused(call(HttpMethod.GET, path("/notifications"), memberToken, null), 403, "FORBIDDEN");
  }

  @Test
  @DisplayName("a webhook URL the notifier would refuse is INVALID_FIELD with its reason, and nothing is added")
  void badUrls() {
    for (String bad : List.of("http://oapi.dingtalk.com/robot/send?access_token=tok-9f3a7c",
        "https://127.0.0.1/robot/send?access_token=tok-9f3a7c", "https://localhost/hook",
        "https://10.1.2.3/hook", "https://user:pw@oapi.dingtalk.com/robot", "not a url")) {
      JsonObject error = refused(call(HttpMethod.POST, path("/channels"), token, new JsonObject()
          .put("channel", "dingtalk").put("label", "x").put("webhookUrl", bad)), 400, "INVALID_FIELD");
      assertThat(error.getString("message")).as(bad).startsWith("the webhook URL");
    }
    refused(call(HttpMethod.POST, path("/channels"), token, new JsonObject().put("channel", "slack")
        .put("label", "x").put("webhookUrl", URL)), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, path("/channels"), token, new JsonObject().put("channel", "wecom")
        .put("webhookUrl", URL)), 400, "INVALID_FIELD");
    refused(call(HttpMethod.POST, path("/channels"), token, new JsonObject().put("channel", "wecom")
        .put("label", "x").put("webhookUrl", URL).put("secret", 42)), 400, "INVALID_FIELD");
    assertThat(groups()).isEmpty();
  }

  @Test
  @DisplayName("an eleventh chat group is LIMIT_REACHED")
  void limit() {
    for (int i = 0; i < 10; i++) {
      addGroup("wecom", "g" + i, URL, null);
    }
    refused(call(HttpMethod.POST, path("/channels"), token, new JsonObject().put("channel", "wecom")
        .put("label", "one more").put("webhookUrl", URL)), 409, "LIMIT_REACHED");
    assertThat(groups()).hasSize(10);
  }

  @Test
  @DisplayName("changes a group's label, webhook and secret in place, never showing them; a bad URL changes nothing")
  void edits() {
    String id = addGroup("dingtalk", "PMO", URL, SECRET).getString("chatGroupId");
    String newUrl = URL + "-rotated";
    JsonObject edited = ok(call(HttpMethod.PATCH, path("/channels/" + id), token, new JsonObject()
        .put("label", "项目群").put("webhookUrl", newUrl).put("secret", SECRET + "2")), 200);
    assertThat(edited.getString("chatGroupId")).isEqualTo(id);
    assertThat(edited.getString("label")).isEqualTo("项目群");
    assertThat(edited.getBoolean("signed")).isTrue();
    refused(call(HttpMethod.PATCH, path("/channels/" + id), token, new JsonObject()
        .put("webhookUrl", "http://127.0.0.1/robot")), 400, "INVALID_FIELD");
    refused(call(HttpMethod.PATCH, path("/channels/" + id), token, new JsonObject()
        .put("secret", "with space")), 400, "INVALID_FIELD");
    refused(call(HttpMethod.PATCH, path("/channels/c404"), token, new JsonObject().put("label", "x")), 404,
        "NOT_FOUND");
    ok(call(HttpMethod.POST, path("/channels/" + id + "/test"), token, null), 200);
    assertThat(notifier.tests()).containsExactly(new FakeNotifier.Test(
        new Destination.Robot(Channel.DINGTALK, newUrl, SECRET + "2"), Language.ZH_CN));
    JsonObject unsigned = ok(call(HttpMethod.PATCH, path("/channels/" + id), token,
        new JsonObject().put("unsign", true)), 200);
    assertThat(unsigned.getBoolean("signed")).isFalse();
    assertThat(unsigned.getString("label")).isEqualTo("项目群");
  }

  @Test
  @DisplayName("removes a chat group; removing it again, or testing it, is NOT_FOUND")
  void removes() {
    String id = addGroup("dingtalk", "PMO", URL, SECRET).getString("chatGroupId");
    JsonObject removed = ok(call(HttpMethod.DELETE, path("/channels/" + id), token, null), 200);
    assertThat(removed.getString("removed")).isEqualTo(id);
    assertThat(removed.getJsonArray("chatGroups")).isEmpty();
    refused(call(HttpMethod.DELETE, path("/channels/" + id), token, null), 404, "NOT_FOUND");
    refused(call(HttpMethod.POST, path("/channels/" + id + "/test"), token, null), 404, "NOT_FOUND");
  }

  @Test
  @DisplayName("a test message goes to the group's robot in the series' language and the reply is the service's answer")
  void sendsTest() {
    String id = addGroup("dingtalk", "PMO", URL, SECRET).getString("chatGroupId");
    JsonObject sent = ok(call(HttpMethod.POST, path("/channels/" + id + "/test"), token, null), 200);
    assertThat(sent.getString("outcome")).isEqualTo("sent");
    assertThat(sent.getString("answer")).isEqualTo("errcode 0: ok");
    assertThat(sent.getString("chatGroupId")).isEqualTo(id);
    assertThat(notifier.tests()).containsExactly(new FakeNotifier.Test(
        new Destination.Robot(Channel.DINGTALK, URL, SECRET), Language.ZH_CN));

    notifier.answerTestsWith(new Outcome.Failed("310000", "errcode 310000: sign not match"));
    JsonObject failed = ok(call(HttpMethod.POST, path("/channels/" + id + "/test"), token, null), 200);
    assertThat(failed.getString("outcome")).isEqualTo("failed");
    assertThat(failed.getString("errorCode")).isEqualTo("310000");
    notifier.answerTestsWith(new Outcome.RetryLater("130101", "errcode 130101: send too fast", true));
    JsonObject limited = ok(call(HttpMethod.POST, path("/channels/" + id + "/test"), token, null), 200);
    assertThat(limited.getString("outcome")).isEqualTo("retry");
    assertThat(limited.getBoolean("rateLimited")).isTrue();
  }

  @Test
  @DisplayName("the coordinator sees the series' notifications and their states")
  void notifications() {
    result(notifier.enqueue(new Message("series/" + seriesId + "/e1/mail/u1", seriesId,
        new Destination.Mailbox(List.of("wang@example.com")), Language.ZH_CN, "会议通知", "正文", List.of(), null)));
    result(notifier.enqueue(new Message("other/e1", "elsewhere", new Destination.Mailbox(List.of("x@example.com")),
        Language.EN, "Other", "", List.of(), null)));
    JsonArray list = ok(call(HttpMethod.GET, path("/notifications"), token, null), 200).getJsonArray("notifications");
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getString("state")).isEqualTo("queued");
    assertThat(list.getJsonObject(0).getString("channel")).isEqualTo("email");
    assertThat(list.getJsonObject(0).getString("key")).isEqualTo("series/" + seriesId + "/e1/mail/u1");
  }

  @Test
  @DisplayName("without the coordinator's link the channel routes are UNAUTHORIZED")
  void needsLink() {
    refused(call(HttpMethod.POST, path("/channels"), null, new JsonObject()), 401, "UNAUTHORIZED");
    refused(call(HttpMethod.GET, path("/notifications"), "nonsense", null), 401, "UNAUTHORIZED");
  }
}
