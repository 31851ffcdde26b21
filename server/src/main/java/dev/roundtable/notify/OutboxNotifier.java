package dev.roundtable.notify;

import dev.roundtable.cluster.Membership;
import dev.roundtable.domain.Language;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Digest;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import dev.roundtable.notify.core.RateRule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier over the outbox and the job queue. One delivery run, for the message of its job:
 * <ol>
 *   <li>finished already → done (a job run twice sends nothing twice);</li>
 *   <li>its robot's window is full → the message is held, run again when the window opens;</li>
 *   <li>claim it together with every held message of the same robot (one conditional update each), count
 *       the send against the window, send them as one message (a digest when several), and record the
 *       answer: sent; refused for good → failed; otherwise back to held and run again after the backoff (at
 *       least a window after a rate-limit answer), failed with the service's last code after the last try.</li>
 * </ol>
 * A message claimed by another run is left to that run; its job looks again once the claim could expire.
 * A claim of a node that is no longer a member is taken over at once (the node died mid-send, and its jobs
 * were freed when it left): sending it again is the at-least-once duplicate when that node's send had
 * reached the service.
 */
final class OutboxNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxNotifier.class);
  private static final int STATUS_LIMIT = 200;
  private static final int SWEEP_LIMIT = 10_000;
  private final Outbox outbox;
  private final JobQueue jobs;
  private final Membership membership;
  private final NotifyOptions options;
  private final Clock clock;
  private final Sender robots;
  private final Sender mail;

  private OutboxNotifier(Outbox outbox, JobQueue jobs, Membership membership, NotifyOptions options, Clock clock,
      Sender robots, Sender mail) {
    this.outbox = outbox;
    this.jobs = jobs;
    this.membership = membership;
    this.options = options;
    this.clock = clock;
    this.robots = robots;
    this.mail = mail;
  }

  static Future<Notifier> start(Vertx vertx, Outbox outbox, JobQueue jobs, Membership membership,
      NotifyOptions options, Clock clock) {
    Sender robots = new RobotSender(vertx, WebClient.create(vertx), options.allowPrivateWebhooks(),
        options.requestTimeoutMs());
    Sender mail = new MailSender(options.emailConfigured() ? MailClient.createShared(vertx, mailConfig(options),
        "roundtable-notify") : null, options.smtpFrom());
    OutboxNotifier notifier = new OutboxNotifier(outbox, jobs, membership, options, clock, robots, mail);
    jobs.handle(DELIVER, notifier::deliver);
    return notifier.scheduleUntried().map(notifier);
  }

  private static MailConfig mailConfig(NotifyOptions o) {
    MailConfig config = new MailConfig().setHostname(o.smtpHost()).setPort(o.smtpPort())
        .setStarttls(StartTLSOptions.valueOf(o.smtpStarttls().toUpperCase(Locale.ROOT)));
    if (o.smtpUsername().isEmpty()) {
      config.setLogin(LoginOption.DISABLED);
    } else {
      config.setLogin(LoginOption.REQUIRED).setUsername(o.smtpUsername()).setPassword(o.smtpPassword());
    }
    return config;
  }

  static String jobId(String key) {
    return DELIVER + ":" + key;
  }

  @Override
  public Future<Boolean> enqueue(Message message) {
    Instant now = clock.instant();
    return outbox.add(message, now).compose(added -> added ? schedule(message.key(), now).map(true)
        : outbox.get(message.key()).compose(existing -> existing.isPresent() && !existing.get().state().finished()
            && existing.get().attempts() == 0
            // Written before, perhaps without its job (the caller saw the write fail and tries again).
            ? schedule(message.key(), now).map(false) : Future.succeededFuture(false)));
  }

  private Future<Void> schedule(String key, Instant at) {
    return jobs.schedule(Job.of(jobId(key), DELIVER, at, new JsonObject().put("key", key)));
  }

  private Future<Void> scheduleUntried() {
    Instant now = clock.instant();
    return outbox.untried(SWEEP_LIMIT).compose(keys -> {
      Future<Void> all = Future.succeededFuture();
      for (String key : keys) {
        all = all.compose(v -> schedule(key, now));
      }
      return all;
    });
  }

  Future<JobResult> deliver(Job job) {
    String key = job.payload().getString("key", "");
    Instant now = clock.instant();
    return outbox.get(key).compose(found -> {
      if (found.isEmpty() || found.get().state().finished()) {
        return Future.succeededFuture(JobResult.done());
      }
      OutboxEntry entry = found.get();
      if (entry.state() == DeliveryState.SENDING && entry.claimUntil() != null && entry.claimUntil().isAfter(now)
          && !departed(entry.claimNode())) {
        return Future.succeededFuture(new JobResult.RetryAt(entry.claimUntil(), "being sent by another run"));
      }
      Message message = entry.message();
      RateRule rule = RateRule.of(message.channel());
      String rateKey = message.destination().rateKey();
      Future<Optional<Instant>> opening = rule == RateRule.NONE ? Future.succeededFuture(Optional.empty())
          : outbox.sendsSince(rateKey, now.minus(rule.lookBack())).map(sends -> rule.nextOpening(sends, now));
      return opening.compose(open -> open.isPresent()
          ? outbox.hold(key, now).map(v -> (JobResult) new JobResult.RetryAt(open.get(), "rate window full"))
          : sendClaimed(key, message, rateKey, rule != RateRule.NONE, now));
    });
  }

  /** A claim's node that is no longer a member (null: a claim from before nodes were recorded, never departed). */
  private boolean departed(String node) {
    return node != null && !membership.members().contains(node);
  }

  private Future<JobResult> sendClaimed(String key, Message message, String rateKey, boolean limited, Instant now) {
    String claimId = UUID.randomUUID().toString();
    Outbox.Claimant claimant = new Outbox.Claimant(claimId, membership.self(), membership.members());
    return outbox.claim(key, rateKey, message.channel() != Channel.EMAIL, claimant, now,
        now.plusMillis(options.claimTimeoutMs())).compose(claimed -> {
      if (claimed.isEmpty()) {
        return Future.succeededFuture(new JobResult.RetryAt(now.plusMillis(options.claimTimeoutMs()),
            "claimed by another run"));
      }
      List<Message> messages = claimed.stream().map(OutboxEntry::message).toList();
      Message toSend = Digest.merge("digest-" + claimId, messages);
      int attempts = claimed.stream().mapToInt(OutboxEntry::attempts).max().orElse(1);
      Future<Void> counted = limited ? outbox.recordSend(rateKey, now) : Future.succeededFuture();
      return counted.compose(v -> sender(message).send(toSend, now))
          .compose(outcome -> settle(claimId, key, messages.size(), toSend, outcome, attempts));
    });
  }

  private Future<JobResult> settle(String claimId, String key, int count, Message sent, Outcome outcome,
      int attempts) {
    Instant now = clock.instant();
    String digest = count > 1 ? sent.key() : "";
    if (outcome instanceof Outcome.Sent s) {
      LOG.info("notification {} sent to {} ({} message(s), try {})", key, sent.channel().wire(), count, attempts);
      return outbox.sent(claimId, s.answer(), now, digest).map(v -> JobResult.done());
    }
    if (outcome instanceof Outcome.Failed f) {
      LOG.warn("notification {} to {} failed for good: {}", key, sent.channel().wire(), f.answer());
      return outbox.failed(claimId, f.code(), f.answer(), now).map(v -> new JobResult.Failed(f.code() + ": " + f.answer()));
    }
    Outcome.RetryLater r = (Outcome.RetryLater) outcome;
    if (attempts >= options.maxAttempts()) {
      LOG.warn("notification {} to {} failed after {} tries: {}", key, sent.channel().wire(), attempts, r.answer());
      return outbox.failed(claimId, r.code(), r.answer(), now)
          .map(v -> new JobResult.Failed(r.code() + ": " + r.answer() + " (after " + attempts + " tries)"));
    }
    long wait = Math.max(options.backoffMs(attempts), r.rateLimited() ? options.rateLimitRetryMs() : 0);
    LOG.info("notification {} to {} not sent ({}), try {} of {}, again in {} ms", key, sent.channel().wire(),
        r.answer(), attempts, options.maxAttempts(), wait);
    return outbox.release(claimId, r.code(), r.answer(), now)
        .map(v -> new JobResult.RetryAt(now.plusMillis(wait), r.code() + ": " + r.answer()));
  }

  private Sender sender(Message message) {
    return message.channel() == Channel.EMAIL ? mail : robots;
  }

  @Override
  public Future<Outcome> sendTest(Destination destination, Language language) {
    boolean zh = language == Language.ZH_CN;
    Message test = new Message("test-" + UUID.randomUUID(), "", destination, language,
        zh ? "Roundtable 测试消息" : "Roundtable test message",
        zh ? "看到这条消息，说明 Roundtable 的通知能送达这里。" : "If you can read this, Roundtable's notifications reach here.",
        List.of(), null);
    Instant now = clock.instant();
    Future<Void> counted = RateRule.of(destination.channel()) == RateRule.NONE ? Future.succeededFuture()
        : outbox.recordSend(destination.rateKey(), now);
    return counted.compose(v -> sender(test).send(test, now));
  }

  @Override
  public Future<List<NotificationStatus>> statuses(String seriesId) {
    return outbox.bySeries(seriesId, STATUS_LIMIT);
  }
}
