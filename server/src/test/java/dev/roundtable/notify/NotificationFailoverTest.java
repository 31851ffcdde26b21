package dev.roundtable.notify;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.model.Filters;
import dev.roundtable.cluster.Membership;
import dev.roundtable.domain.Language;
import dev.roundtable.jobs.DurableJobQueue;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.NodeProcess;
import dev.roundtable.support.SharedStore;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real clustered server nodes ({@code dev.roundtable.Main}) in processes of their own, sharing one store:
 * a batch of emails (to GreenMail, behind a gate) and chat-robot messages (to the DingTalk / WeCom / Feishu
 * stand-ins, which check every signature) becomes due while one node claims every delivery and hangs in the
 * sends, because the gate and the stand-ins park the connections it opens. That node is killed with SIGKILL;
 * the survivor must deliver everything, at once rather than after the claims' timeouts.
 *
 * <p>Which node claims is arranged, not left to a race: the holder's safety poll runs every second and the
 * survivor's once a minute, and the test writes the jobs from outside the cluster (no announcement), so only
 * the holder finds them. The parked connections stand for both sides of at-least-once: the Feishu stand-in
 * takes a parked message before its acknowledgement never comes (so a second copy is allowed, and
 * expected), DingTalk, WeCom and the SMTP server never processed theirs, and the messages queued behind the
 * holder's connection pools were never on the wire at all: those must arrive exactly once.
 */
@DisplayName("Notifications across the SIGKILL of the node delivering them")
class NotificationFailoverTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final int EMAILS = 12;
  private static final int PER_ROBOT = 4;
  private static final List<Channel> ROBOTS = List.of(Channel.FEISHU, Channel.DINGTALK, Channel.WECOM);
  /** The test's own notifier only writes (its queue never runs). */
  private static final NotifyOptions WRITER_OPTIONS = new NotifyOptions("", 25, "", "", "", "disabled", true,
      NotifyOptions.DEFAULT_MAX_ATTEMPTS, NotifyOptions.DEFAULT_BACKOFF_BASE_MS, NotifyOptions.DEFAULT_BACKOFF_MAX_MS,
      NotifyOptions.DEFAULT_RATE_LIMIT_RETRY_MS, NotifyOptions.DEFAULT_CLAIM_TIMEOUT_MS,
      NotifyOptions.DEFAULT_REQUEST_TIMEOUT_MS);

  @TempDir
  Path dataDir;
  private SharedStore sharedStore;
  private Vertx vertx;
  private Storage storage;
  private Outbox outbox;
  private RobotStandIns robots;
  private SmtpGate gate;
  private NodeProcess fast;
  private NodeProcess slow;

  @BeforeEach
  void setUp() throws Exception {
    sharedStore = SharedStore.start();
    vertx = Vertx.vertx();
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(sharedStore.uri(), "roundtable",
        dataDir.resolve("test"), "127.0.0.1", 0)));
    outbox = result(Outbox.create(vertx, storage.database()));
    robots = result(new RobotStandIns(Clock.systemUTC()).start(vertx));
    robots.takeWhenParked.add("feishu");
    gate = new SmtpGate(SMTP.getSmtp().getPort());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (NodeProcess p : new NodeProcess[] {fast, slow}) {
      if (p != null) {
        p.close();
      }
    }
    gate.close();
    result(robots.close());
    result(storage.close());
    result(vertx.close());
    sharedStore.close();
  }

  @Test
  @DisplayName("delivers every email and robot message after the node that claimed them is killed, none lost, "
      + "a second copy only of what a service took without answering")
  void everyNotificationArrivesAfterFailover() throws Exception {
    String clusterName = "notify-" + UUID.randomUUID();
    int portA = NodeProcess.freePort();
    int portB = NodeProcess.freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    CompletableFuture<NodeProcess> startingFast = starting("notify-fast", env(clusterName, portA, members, "a", 1));
    CompletableFuture<NodeProcess> startingSlow = starting("notify-slow", env(clusterName, portB, members, "b", 60));
    fast = startingFast.join();
    slow = startingSlow.join();

    robots.parking = true;
    gate.parking = true;
    // Written from outside the cluster, through a queue that never runs: only data in the shared store.
    DurableJobQueue writer = DurableJobQueue.create(vertx, storage, Membership.standalone(), Clock.systemUTC(),
        DurableJobQueue.Options.defaults());
    Notifier notifier = result(Notifier.create(vertx, storage.database(), writer, Membership.standalone(), WRITER_OPTIONS,
        Clock.systemUTC()));
    List<String> mails = new ArrayList<>();
    List<String> chats = new ArrayList<>();
    for (Channel channel : ROBOTS) {
      for (int i = 0; i < PER_ROBOT; i++) {
        String key = "chat-" + channel.wire() + "-" + i;
        chats.add(key);
        result(notifier.enqueue(new Message(key, "series-f", robot(channel), Language.ZH_CN, "会议通知 " + key,
            "**marker** [" + key + "]", List.of(), null)));
      }
    }
    for (int i = 0; i < EMAILS; i++) {
      String key = "mail-" + i;
      mails.add(key);
      result(notifier.enqueue(new Message(key, "series-f", new Destination.Mailbox(List.of("p" + i + "@example.org")),
          Language.EN, "Notice [" + key + "]", "**Goal**: failover", List.of(), null)));
    }
    List<String> all = new ArrayList<>(chats);
    all.addAll(mails);

    Eventually.until("one node has claimed every delivery and hangs in its sends", Duration.ofSeconds(8),
        () -> all.stream().allMatch(k -> state(k) == DeliveryState.SENDING) && robots.parked.size() > 0
            && gate.parkedCount() > 0);
    Thread.sleep(300); // every send the holder can start has started
    String holderId = leaseHolder(jobId(all.get(0)));
    assertThat(all).as("deliveries held by one node").allMatch(k -> holderId.equals(leaseHolder(jobId(k))));
    assertThat(fast.log()).as("the node polling every second is the holder").contains("node " + holderId + " ready");
    assertThat(all).as("every message claimed, none sent yet").allMatch(k -> state(k) == DeliveryState.SENDING);
    List<RobotStandIns.Received> parkedChats = List.copyOf(robots.parked);
    int parkedMails = gate.parkedCount();
    assertThat(parkedChats.size()).as("robot messages the holder put on the wire").isLessThan(chats.size());
    assertThat(parkedMails).as("emails the holder put on the wire").isLessThan(EMAILS);
    assertThat(SMTP.getReceivedMessages()).isEmpty();

    long killedAt = System.nanoTime();
    fast.kill();
    robots.parking = false;
    gate.parking = false;
    Eventually.until("every notification is sent", Duration.ofSeconds(40),
        () -> all.stream().allMatch(k -> state(k) == DeliveryState.SENT));
    long failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    assertThat(SMTP.waitForIncomingEmail(5_000, EMAILS)).isTrue();
    Thread.sleep(500); // a late duplicate would arrive by now

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).as("emails received").hasSize(EMAILS);
    for (String key : mails) {
      assertThat(Arrays.stream(received).filter(m -> subject(m).equals("Notice [" + key + "]")).count())
          .as("copies of " + key).isOne();
    }
    int duplicates = 0;
    for (String key : chats) {
      long parkedTaken = parkedChats.stream().filter(r -> r.service().equals("feishu")).filter(r -> mentions(r, key))
          .count();
      long arrived = robots.received.stream().filter(r -> mentions(r, key)).count();
      assertThat(parkedTaken).as("copies of %s the service took on the holder's connection", key).isLessThanOrEqualTo(1);
      assertThat(arrived).as("copies of %s at its service (%d taken before the kill)", key, parkedTaken)
          .isEqualTo(1 + parkedTaken);
      duplicates += (int) parkedTaken;
    }
    assertThat(robots.received).as("robot requests").allMatch(RobotStandIns.Received::signatureValid);
    for (Channel channel : ROBOTS) {
      assertThat(robots.of(channel.wire())).as("requests at " + channel.wire()).isNotEmpty();
    }
    for (String key : all) {
      OutboxEntry entry = result(outbox.get(key)).orElseThrow();
      assertThat(entry.state()).as("state of " + key).isEqualTo(DeliveryState.SENT);
      assertThat(entry.attempts()).as("tries of " + key + " (the holder's and the survivor's)").isEqualTo(2);
    }
    assertThat(failoverMs).as("ms from the kill until every notification was sent (claim timeout %d ms)",
        NotifyOptions.DEFAULT_CLAIM_TIMEOUT_MS).isLessThan(NotifyOptions.DEFAULT_CLAIM_TIMEOUT_MS / 3);
    System.out.printf("NotificationFailoverTest: %d emails and %d robot messages claimed by the killed node (%d "
        + "emails and %d robot messages on its parked connections) all sent %d ms after the SIGKILL; "
        + "%d second copies, each of a message the service took without answering%n", EMAILS, chats.size(),
        parkedMails, parkedChats.size(), failoverMs, duplicates);
  }

  private Destination robot(Channel channel) {
    return switch (channel) {
      case DINGTALK -> new Destination.Robot(channel, robots.dingTalkUrl(), RobotStandIns.DING_SECRET);
      case WECOM -> new Destination.Robot(channel, robots.weComUrl(), "");
      default -> new Destination.Robot(channel, robots.feishuUrl(), RobotStandIns.FEISHU_SECRET);
    };
  }

  private static boolean mentions(RobotStandIns.Received r, String key) {
    return r.body().encode().contains("[" + key + "]");
  }

  private DeliveryState state(String key) {
    return result(outbox.get(key)).map(OutboxEntry::state).orElse(null);
  }

  private static String jobId(String key) {
    return OutboxNotifier.jobId(key);
  }

  private String leaseHolder(String jobId) {
    Document job = storage.database().getCollection("jobs").find(Filters.eq("_id", jobId)).first();
    return Optional.ofNullable(job).map(j -> j.get("lease", Document.class)).map(l -> l.getString("holder"))
        .orElse("");
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<NodeProcess> starting(String name, Map<String, String> env) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return NodeProcess.start(name, env);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private Map<String, String> env(String clusterName, int port, String members, String name, int pollSeconds) {
    Map<String, String> env = new HashMap<>();
    env.put("ROUNDTABLE_HTTP_HOST", "127.0.0.1");
    env.put("ROUNDTABLE_HTTP_PORT", "0");
    env.put("MONGO_URI", sharedStore.uri());
    env.put("ROUNDTABLE_DATA_DIR", dataDir.resolve(name).toString());
    env.put("ROUNDTABLE_JWT_SECRET", TestServer.SECRET);
    env.put("ROUNDTABLE_CLUSTER_ENABLED", "true");
    env.put("ROUNDTABLE_CLUSTER_NAME", clusterName);
    env.put("ROUNDTABLE_CLUSTER_HOST", "127.0.0.1");
    env.put("ROUNDTABLE_CLUSTER_PORT", Integer.toString(port));
    env.put("ROUNDTABLE_CLUSTER_PORT_COUNT", "1");
    env.put("ROUNDTABLE_CLUSTER_MEMBERS", members);
    env.put("ROUNDTABLE_JOB_POLL_SECONDS", Integer.toString(pollSeconds));
    env.put("ROUNDTABLE_SMTP_HOST", "127.0.0.1");
    env.put("ROUNDTABLE_SMTP_PORT", Integer.toString(gate.port()));
    env.put("ROUNDTABLE_SMTP_FROM", "roundtable@example.org");
    env.put("ROUNDTABLE_SMTP_STARTTLS", "disabled");
    env.put("ROUNDTABLE_ALLOW_PRIVATE_WEBHOOKS", "true");
    return env;
  }
}
