package dev.roundtable.notify;

import com.mongodb.client.MongoDatabase;
import dev.roundtable.notify.core.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: every notification is written here before it is sent, and only leaves the {@code queued} /
 * {@code sending} states once its service took it or it failed for good. The embedded store has no
 * transactions, so every step is one conditional write: a message is claimed by a conditional update of its
 * own document ({@code claim} + {@code claimUntil}), which is how one of several nodes, and one of several
 * digests, gets it. A claim names the node that holds it: once that node is no longer a member (it died, or
 * left), its claim is free at once, as a job's lease is; a claim of a node still seen alive is free only
 * when it expired.
 */
interface Outbox {

  /**
   * Who claims: one run's {@code claimId}, the {@code node} it runs on, and the {@code members} alive as that
   * node sees them (claims of any other node are free).
   */
  record Claimant(String claimId, String node, Collection<String> members) {
  }

  /** Creates the indexes; the driver calls run on a worker. */
  static Future<Outbox> create(Vertx vertx, MongoDatabase database) {
    return MongoOutbox.create(vertx, database);
  }

  /** Writes {@code message} as {@code queued}; false (and nothing changed) when its key is there already. */
  Future<Boolean> add(Message message, Instant now);

  Future<Optional<OutboxEntry>> get(String key);

  /**
   * Claims for one send the message {@code key} and every held message of the same robot that is free
   * (queued, or sending under a claim that expired or whose node is not among the claimant's members),
   * counting an attempt for each; returns what it claimed, oldest first (empty when another run holds
   * {@code key}).
   */
  Future<List<OutboxEntry>> claim(String key, String rateKey, boolean withHeld, Claimant claimant, Instant now,
      Instant until);

  /** Marks a queued message as waiting for its robot's window, so the next send to that robot takes it along. */
  Future<Void> hold(String key, Instant now);

  /** The claimed messages were sent (in a digest of key {@code digest} when several were claimed). */
  Future<Void> sent(String claimId, String answer, Instant now, String digest);

  /** The send did not happen: the claimed messages wait again (held), with the service's code and answer. */
  Future<Void> release(String claimId, String errorCode, String answer, Instant now);

  /** The claimed messages failed for good, with the service's code and answer. */
  Future<Void> failed(String claimId, String errorCode, String answer, Instant now);

  /** The sends to one robot since {@code since}, any order. */
  Future<List<Instant>> sendsSince(String rateKey, Instant since);

  /** Counts a send against a robot's window (written before the send, so a crash over-counts, never under). */
  Future<Void> recordSend(String rateKey, Instant at);

  /** Keys of messages written but never tried yet, oldest first (their job may not have been scheduled). */
  Future<List<String>> untried(int limit);

  /** The notifications of a series, newest first, at most {@code limit}. */
  Future<List<NotificationStatus>> bySeries(String seriesId, int limit);
}
