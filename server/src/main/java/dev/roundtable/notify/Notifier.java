package dev.roundtable.notify;

import com.mongodb.client.MongoDatabase;
import dev.roundtable.cluster.Membership;
import dev.roundtable.domain.Language;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * The notifications of the whole cluster, durable. {@link #enqueue} writes a message to the outbox and
 * schedules a {@value #DELIVER} job for it; the job (run by one node at a time) sends it within its
 * robot's rate window, merging what waits for a full window into one digest, retrying with backoff, and
 * records the outcome. Delivery is at least once: a message is sent again only when a node died (or left the
 * cluster) between handing it to the service and the outbox's "sent" and the service had taken it (or the
 * service answered after the request timed out);
 * a message marked sent is never sent again. Webhook URLs, secrets and the SMTP password never appear in a
 * log line, a job's reason or anything this returns.
 */
public interface Notifier {
  /** The job kind; its payload is {@code {"key": <message key>}}. */
  String DELIVER = "notify.deliver";

  /**
   * Registers the {@value #DELIVER} handler on {@code jobs} (call before the queue starts) and schedules the
   * messages written but never tried (a node that died between the write and the scheduling). A message
   * claimed by a node that is no longer in {@code membership} is sent again at once, not after the claim's
   * timeout.
   */
  static Future<Notifier> create(Vertx vertx, MongoDatabase database, JobQueue jobs, Membership membership,
      NotifyOptions options, Clock clock) {
    return Outbox.create(vertx, database)
        .compose(outbox -> OutboxNotifier.start(vertx, outbox, jobs, membership, options, clock));
  }

  /**
   * Writes the message (once per key: true when it was new) and schedules its delivery. Succeeds once both
   * are stored; on failure the caller enqueues the same message again.
   */
  Future<Boolean> enqueue(Message message);

  /** Sends a test message to {@code destination} now, outside the outbox, and gives the service's answer. */
  Future<Outcome> sendTest(Destination destination, Language language);

  /** The notifications of a series, newest first (at most 200). */
  Future<List<NotificationStatus>> statuses(String seriesId);
}
