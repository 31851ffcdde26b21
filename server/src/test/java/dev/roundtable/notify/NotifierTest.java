package dev.roundtable.notify;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Language;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.FakeMembership;
import dev.roundtable.support.FakeJobQueue;
import dev.roundtable.support.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The notifier, against local stand-ins for DingTalk, WeCom and Feishu,")
class NotifierTest {
  static final NotifyOptions OPTIONS = new NotifyOptions("", 587, "", "", "", "optional", true, 3, 1_000, 4_000,
      60_000, 60_000, 5_000);
  @TempDir
  Path dataDir;
  private Storage storage;
  private RobotStandIns services;
  private final MutableClock clock = new MutableClock();
  private final FakeJobQueue jobs = new FakeJobQueue();
  /** This node and a peer that may leave. */
  private final FakeMembership membership = new FakeMembership("self", "peer");
  private Notifier notifier;

  @BeforeEach
  void start(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    services = result(new RobotStandIns(clock).start(vertx));
    notifier = result(Notifier.create(vertx, storage.database(), jobs, membership, OPTIONS, clock));
  }

  @AfterEach
  void stop() {
    result(services.close());
    result(storage.close());
  }

  private Destination.Robot ding() {
    return new Destination.Robot(Channel.DINGTALK, services.dingTalkUrl(), RobotStandIns.DING_SECRET);
  }

  private Destination.Robot wecom() {
    return new Destination.Robot(Channel.WECOM, services.weComUrl(), "");
  }

  private Destination.Robot feishu() {
    return new Destination.Robot(Channel.FEISHU, services.feishuUrl(), RobotStandIns.FEISHU_SECRET);
  }

  private static Message message(String key, Destination destination, Language language, String title) {
    return new Message(key, "series-1", destination, language, title,
        language == Language.ZH_CN ? "**议程**：各部门风险；负责人：王芳" : "**Agenda**: risks per department; owner: Ann",
        List.of(destination.channel() == Channel.DINGTALK ? "13800001111" : "user1"), null);
  }

  private DeliveryState state(String key) {
    return result(notifier.statuses("series-1")).stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow()
        .state();
  }

  private int runDue() {
    return result(jobs.runDue(clock.instant()));
  }

  @Test
  @DisplayName("delivers to each robot once, signed as each service documents, in zh-CN and en")
  @SuppressWarnings("unchecked")
  void delivers() {
    assertThat(result(notifier.enqueue(message("n1", ding(), Language.ZH_CN, "周例会通知")))).isTrue();
    assertThat(result(notifier.enqueue(message("n2", wecom(), Language.EN, "Weekly sync notice")))).isTrue();
    assertThat(result(notifier.enqueue(message("n3", feishu(), Language.ZH_CN, "月度评审")))).isTrue();
    assertThat(result(notifier.enqueue(message("n3", feishu(), Language.ZH_CN, "月度评审")))).isFalse();
    assertThat(runDue()).isEqualTo(3);

    assertThat(services.received).hasSize(3).allMatch(RobotStandIns.Received::signatureValid);
    JsonObject ding = services.of("dingtalk").get(0).body();
    assertThat(ding.getString("msgtype")).isEqualTo("markdown");
    assertThat(ding.getJsonObject("markdown").getString("text")).startsWith("### 周例会通知").contains("@13800001111");
    assertThat(ding.getJsonObject("at").getJsonArray("atMobiles").getList()).containsExactly("13800001111");
    assertThat(services.of("wecom").get(0).body().getJsonObject("markdown").getString("content"))
        .startsWith("### Weekly sync notice").endsWith("<@user1>");
    JsonObject card = services.of("feishu").get(0).body();
    assertThat(card.getString("msg_type")).isEqualTo("interactive");
    assertThat(card.getJsonObject("card").getJsonObject("header").getJsonObject("title").getString("content"))
        .isEqualTo("月度评审");
    assertThat(List.of("n1", "n2", "n3")).allMatch(k -> state(k) == DeliveryState.SENT);
    assertThat(result(notifier.statuses("series-1")).get(0).answer()).isNotEmpty();

    // A job run again (its node died after the send) sends nothing twice.
    result(jobs.schedule(dev.roundtable.jobs.Job.of(OutboxNotifier.jobId("n1"), Notifier.DELIVER, clock.instant(),
        new JsonObject().put("key", "n1"))));
    runDue();
    assertThat(services.of("dingtalk")).hasSize(1);
    String view = result(notifier.statuses("series-1")).stream().map(s -> s.toJson().encode()).toList().toString();
    assertThat(view).doesNotContain("ding-token-1").doesNotContain("wecom-key-1").doesNotContain(RobotStandIns.DING_SECRET);
  }

  @Test
  @DisplayName("holds what a full window cannot take and sends it as one digest when the window opens")
  void digestWhenWindowFull() {
    IntStream.rangeClosed(1, 23).forEach(i -> result(notifier.enqueue(message("d" + i, ding(), Language.EN, "Item " + i))));
    runDue();
    assertThat(services.of("dingtalk")).hasSize(20);
    assertThat(state("d21")).isEqualTo(DeliveryState.QUEUED);
    assertThat(jobs.lastResults.get(OutboxNotifier.jobId("d23"))).isInstanceOf(JobResult.RetryAt.class);

    clock.advance(30_000);
    assertThat(runDue()).isZero();
    clock.advance(31_000);
    runDue();
    List<RobotStandIns.Received> sent = services.of("dingtalk");
    assertThat(sent).hasSize(21).allMatch(RobotStandIns.Received::signatureValid);
    String digest = sent.get(20).body().getJsonObject("markdown").getString("text");
    assertThat(digest).startsWith("### 3 notifications").contains("**Item 21**", "**Item 22**", "**Item 23**");
    assertThat(List.of("d21", "d22", "d23")).allMatch(k -> state(k) == DeliveryState.SENT);
    assertThat(result(notifier.statuses("series-1")).stream().filter(s -> s.key().equals("d22")).findFirst()
        .orElseThrow().digest()).startsWith("digest-");
    assertThat(jobs.pending()).isEmpty();
  }

  @Test
  @DisplayName("a robot that answers with its rate-limit error gets what waited for it as a digest later")
  void digestAfterServiceRateLimit() {
    services.script("wecom", "rate");
    result(notifier.enqueue(message("w1", wecom(), Language.ZH_CN, "第一条")));
    runDue();
    assertThat(state("w1")).isEqualTo(DeliveryState.QUEUED);
    NotificationStatus w1 = result(notifier.statuses("series-1")).get(0);
    assertThat(w1.errorCode()).isEqualTo("45009");

    result(notifier.enqueue(message("w2", wecom(), Language.ZH_CN, "第二条")));
    runDue();
    List<RobotStandIns.Received> sent = services.of("wecom");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).body().getJsonObject("markdown").getString("content"))
        .startsWith("### 2 条通知").contains("**第一条**", "**第二条**");
    assertThat(state("w1")).isEqualTo(DeliveryState.SENT);
    assertThat(state("w2")).isEqualTo(DeliveryState.SENT);
    clock.advance(60_000);
    runDue();
    assertThat(services.of("wecom")).hasSize(2);
  }

  @Test
  @DisplayName("retries a failing robot with backoff and shows it failed, with the service's code, after the last try")
  void failsAfterLastTry() {
    services.always.put("feishu", "busy");
    result(notifier.enqueue(message("f1", feishu(), Language.EN, "Review")));
    runDue();
    assertThat(state("f1")).isEqualTo(DeliveryState.QUEUED);
    clock.advance(500);
    runDue();
    assertThat(services.of("feishu")).hasSize(1);
    clock.advance(600);
    runDue();
    clock.advance(2_100);
    runDue();
    assertThat(services.of("feishu")).hasSize(3).allMatch(RobotStandIns.Received::signatureValid);
    NotificationStatus status = result(notifier.statuses("series-1")).get(0);
    assertThat(status.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(status.errorCode()).isEqualTo("-1");
    assertThat(status.attempts()).isEqualTo(3);
    assertThat(jobs.lastResults.get(OutboxNotifier.jobId("f1"))).isInstanceOf(JobResult.Failed.class);
    clock.advance(60_000);
    assertThat(runDue()).isZero();
  }

  @Test
  @DisplayName("fails at once on a refused signature, and a test message reports each service's answer")
  void refusalsAndTests() {
    Destination.Robot wrongSecret = new Destination.Robot(Channel.DINGTALK, services.dingTalkUrl(), "SECwrong");
    result(notifier.enqueue(message("x1", wrongSecret, Language.EN, "Notice")));
    runDue();
    NotificationStatus status = result(notifier.statuses("series-1")).get(0);
    assertThat(status.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(status.errorCode()).isEqualTo("310000");

    assertThat(result(notifier.sendTest(ding(), Language.ZH_CN))).isInstanceOf(Outcome.Sent.class);
    assertThat(result(notifier.sendTest(feishu(), Language.EN))).isInstanceOf(Outcome.Sent.class);
    Outcome refused = result(notifier.sendTest(new Destination.Robot(Channel.FEISHU, services.feishuUrl(), "bad"), Language.EN));
    assertThat(refused).isEqualTo(new Outcome.Failed("19021", refused.answer()));
    services.script("wecom", "rate");
    Outcome limited = result(notifier.sendTest(wecom(), Language.EN));
    assertThat(limited).isInstanceOf(Outcome.RetryLater.class);
    assertThat(((Outcome.RetryLater) limited).rateLimited()).isTrue();
    assertThat(limited.answer()).contains("45009").doesNotContain("wecom-key-1");
    assertThat(Outcomes.toJson(limited)).isEqualTo(new JsonObject().put("outcome", "retry").put("errorCode", "45009")
        .put("answer", "errcode 45009: api freq out of limit").put("rateLimited", true));
    assertThat(Outcomes.toJson(refused).getString("outcome")).isEqualTo("failed");
    Outcome unconfigured = result(notifier.sendTest(new Destination.Mailbox(List.of("a@example.org")), Language.EN));
    assertThat(unconfigured).isEqualTo(new Outcome.Failed("NOT_CONFIGURED", "no SMTP server is configured"));
  }

  @Test
  @DisplayName("refuses to send to a webhook inside the network unless private webhooks are allowed")
  void privateWebhooks(Vertx vertx) {
    Path other = dataDir.resolve("strict");
    Storage strictStorage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "strict", other, "127.0.0.1", 0)));
    try {
      NotifyOptions strict = new NotifyOptions("", 587, "", "", "", "optional", false, 3, 1_000, 4_000, 60_000,
          60_000, 5_000);
      Notifier guarded = result(Notifier.create(vertx, strictStorage.database(), new FakeJobQueue(), membership, strict, clock));
      Outcome outcome = result(guarded.sendTest(ding(), Language.EN));
      assertThat(outcome).isInstanceOf(Outcome.Failed.class);
      assertThat(((Outcome.Failed) outcome).code()).isEqualTo("INVALID_WEBHOOK");
      assertThat(services.received).isEmpty();
    } finally {
      result(strictStorage.close());
    }
  }

  @Test
  @DisplayName("two nodes running the same delivery at once send it once")
  void twoNodesOneSend(Vertx vertx) {
    FakeJobQueue otherQueue = new FakeJobQueue();
    result(Notifier.create(vertx, storage.database(), otherQueue, membership, OPTIONS, clock));
    for (int i = 1; i <= 5; i++) {
      Message m = message("r" + i, wecom(), Language.EN, "Race " + i);
      result(notifier.enqueue(m));
      result(otherQueue.schedule(jobs.pending().stream().filter(j -> j.payload().getString("key").equals(m.key()))
          .findFirst().orElseThrow()));
    }
    var first = jobs.runDue(clock.instant());
    var second = otherQueue.runDue(clock.instant());
    result(first);
    result(second);
    clock.advance(61_000);
    result(jobs.runDue(clock.instant()));
    result(otherQueue.runDue(clock.instant()));
    List<String> titles = services.of("wecom").stream()
        .map(r -> r.body().getJsonObject("markdown").getString("content")).toList();
    for (int i = 1; i <= 5; i++) {
      String title = "Race " + i;
      assertThat(titles.stream().filter(t -> t.contains(title + "\n") || t.contains("**" + title + "**")).count())
          .as(title).isEqualTo(1);
    }
    assertThat(List.of("r1", "r2", "r3", "r4", "r5")).allMatch(k -> state(k) == DeliveryState.SENT);
  }

  @Test
  @DisplayName("a message claimed by a node still seen alive is sent by another run once the claim expires")
  void takeOverExpiredClaim(Vertx vertx) {
    Outbox outbox = result(Outbox.create(vertx, storage.database()));
    result(notifier.enqueue(message("k1", ding(), Language.ZH_CN, "接管")));
    // The peer claimed it and went silent (hung, or died unseen): only its claim is left.
    assertThat(result(outbox.claim("k1", ding().rateKey(), true, new Outbox.Claimant("peer-run", "peer",
        membership.members()), clock.instant(), clock.instant().plusMillis(OPTIONS.claimTimeoutMs())))).hasSize(1);
    runDue();
    assertThat(services.of("dingtalk")).isEmpty();
    assertThat(state("k1")).isEqualTo(DeliveryState.SENDING);
    clock.advance(OPTIONS.claimTimeoutMs() + 1_000);
    runDue();
    assertThat(services.of("dingtalk")).hasSize(1).allMatch(RobotStandIns.Received::signatureValid);
    assertThat(state("k1")).isEqualTo(DeliveryState.SENT);
  }

  @Test
  @DisplayName("a message whose node left the cluster while sending it is sent by another run at once, not after the claim's timeout")
  void takeOverClaimOfDepartedNode(Vertx vertx) {
    Outbox outbox = result(Outbox.create(vertx, storage.database()));
    result(notifier.enqueue(message("k1", ding(), Language.ZH_CN, "接管")));
    assertThat(result(outbox.claim("k1", ding().rateKey(), true, new Outbox.Claimant("peer-run", "peer",
        membership.members()), clock.instant(), clock.instant().plusMillis(OPTIONS.claimTimeoutMs())))).hasSize(1);
    membership.leave("peer"); // kill -9: its jobs are freed, its claim names a node that is gone
    runDue();
    assertThat(services.of("dingtalk")).hasSize(1).allMatch(RobotStandIns.Received::signatureValid);
    OutboxEntry entry = result(outbox.get("k1")).orElseThrow();
    assertThat(entry.state()).isEqualTo(DeliveryState.SENT);
    assertThat(entry.attempts()).isEqualTo(2);
  }
}
