package dev.roundtable.notify;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole road of a notice on one real node: the series API records it, the node's notifier writes it to
 * the outbox, the node's durable job queue delivers it, and it arrives at a real SMTP server (GreenMail) with
 * its invitation and at a stand-in DingTalk robot that checks the signature. Nothing here is a fake.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A series notice, on a real node,")
class SeriesNoticeDeliveryTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final MutableClock clock = new MutableClock();
  private TestServer server;
  private RobotStandIns robots;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    robots = result(new RobotStandIns(clock).start(vertx));
    server = result(TestServer.start(vertx, TestServer.config(dataDir).with(new JsonObject()
        .put("smtpHost", "127.0.0.1").put("smtpPort", SMTP.getSmtp().getPort())
        .put("smtpFrom", "roundtable@example.org").put("smtpStarttls", "disabled")
        .put("allowPrivateWebhooks", true)), clock));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    result(server.stop());
  }

  private JsonObject call(HttpMethod method, String path, String token, JsonObject body, int status) {
    HttpRequest<Buffer> request = http.request(method, server.port(), "127.0.0.1", path).timeout(10_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> r = result(body == null ? request.send() : request.sendJsonObject(body));
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("reaches each invitee by email with a METHOD:REQUEST invitation and the series' chat group, and an agenda change sends an update")
  void noticeAndUpdateArrive() throws Exception {
    String first = LocalDate.now(SHANGHAI).plusDays(3).atTime(10, 0).toString();
    JsonObject created = call(HttpMethod.POST, "/api/series", null, new JsonObject().put("title", "项目周会")
        .put("goal", "确定下周的优先级").put("kind", "decision").put("department", "PMO")
        .put("coordinator", new JsonObject().put("name", "李娜").put("email", "li.na@example.com"))
        .put("language", "zh-CN").put("template", "project_coordination").put("place", "3 号会议室")
        .put("schedule", new JsonObject().put("firstStart", first).put("rrule", "FREQ=WEEKLY")
            .put("timeZone", "Asia/Shanghai").put("durationMinutes", 60)), 201);
    String sid = created.getString("seriesId");
    String token = created.getString("coordinatorToken");
    String occurrence = "/api/series/" + sid + "/occurrences/"
        + created.getJsonArray("upcoming").getJsonObject(0).getString("occurrenceId");
    call(HttpMethod.POST, "/api/series/" + sid + "/members", token, new JsonObject().put("name", "王伟")
        .put("department", "销售部").put("email", "wang@example.com").put("part", "decision_maker")
        .put("mentions", new JsonObject().put("dingTalkMobile", "13800000000")), 201);
    call(HttpMethod.POST, "/api/series/" + sid + "/channels", token, new JsonObject().put("channel", "dingtalk")
        .put("label", "项目群").put("webhookUrl", robots.dingTalkUrl()).put("secret", RobotStandIns.DING_SECRET), 201);

    call(HttpMethod.POST, occurrence + "/notice", token, new JsonObject(), 200);

    assertThat(SMTP.waitForIncomingEmail(20_000, 1)).isTrue();
    MimeMessage notice = SMTP.getReceivedMessages()[0];
    assertThat(notice.getSubject()).startsWith("会议通知：项目周会");
    assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("wang@example.com");
    ICalendar invitation = invitation(notice);
    assertThat(invitation.getMethod().getValue()).isEqualTo("REQUEST");
    VEvent series = invitation.getEvents().get(0);
    VEvent occurrenceEvent = invitation.getEvents().get(1);
    assertThat(series.getUid().getValue()).isEqualTo(sid + "@roundtable");
    assertThat(series.getRecurrenceRule()).isNotNull();
    assertThat(occurrenceEvent.getSequence().getValue()).isZero();
    assertThat(occurrenceEvent.getAttendees()).extracting(Attendee::getEmail).contains("wang@example.com");

    Eventually.until("the chat group's notice", Duration.ofSeconds(20), () -> !robots.of("dingtalk").isEmpty());
    RobotStandIns.Received chat = robots.of("dingtalk").get(0);
    assertThat(chat.signatureValid()).isTrue();
    assertThat(chat.body().getJsonObject("markdown").getString("text")).contains("项目周会");
    assertThat(chat.body().getJsonObject("at").getJsonArray("atMobiles")).contains("13800000000");

    call(HttpMethod.PUT, occurrence + "/agenda", token, new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("title", "唯一议题").put("minutes", 30).put("kind", "decide"))), 200);
    assertThat(SMTP.waitForIncomingEmail(20_000, 2)).isTrue();
    MimeMessage update = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> m != notice)
        .filter(m -> subject(m).startsWith("会议变更")).findFirst().orElseThrow();
    ICalendar updated = invitation(update);
    assertThat(updated.getEvents().get(0).getUid().getValue()).isEqualTo(sid + "@roundtable");
    assertThat(updated.getEvents().get(1).getSequence().getValue()).isEqualTo(1);

    JsonArray states = call(HttpMethod.GET, "/api/series/" + sid + "/notifications", token, null, 200)
        .getJsonArray("notifications");
    assertThat(states.encode()).doesNotContain(robots.dingTalkUrl()).doesNotContain(RobotStandIns.DING_SECRET);
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ICalendar invitation(Part mail) throws Exception {
    for (Part p : MailParts.leaves(mail)) {
      if (p.getContentType().toLowerCase().startsWith("text/calendar")) {
        return Biweekly.parse(new String(MailParts.bytes(p), StandardCharsets.UTF_8)).first();
      }
    }
    throw new AssertionError("no text/calendar part");
  }
}
