package dev.roundtable.jobs;

import com.mongodb.client.MongoDatabase;
import dev.roundtable.jobs.core.JobRules;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the queue's jobs live, behind Futures; the runtime never names the implementation. Every change of
 * a claimed job is conditional on the claim ({@link Claimed#token()}), so a node whose lease was taken over
 * changes nothing.
 */
interface JobStore {

  static JobStore mongo(Vertx vertx, MongoDatabase database) {
    return new MongoJobStore(vertx, database);
  }

  /** A job this node holds: the job and the claim token every later change of it must name. */
  record Claimed(Job job, String token) {
  }

  /** What is stored of a job (for the runtime's tests and for whoever shows a job's fate). */
  record Stored(Job job, JobRules.State state, int attempts, String reason, String leaseHolder) {
  }

  /** A finished run to record: requeued for {@code dueAt}, or finished ({@code state} DONE or FAILED). */
  record Outcome(Claimed claimed, JobRules.Next next) {
  }

  /** Creates the (state, dueAt) index. */
  Future<Void> init();

  /** Writes the job, or replaces due time and payload of the queued job of that id (dropping any lease). */
  Future<Void> schedule(Job job);

  /** Deletes the queued job of that id; true when there was one. */
  Future<Boolean> cancel(String id);

  /** Claims at most {@code limit} jobs claimable at {@code now}, earliest due first, under a lease of {@code holder}. */
  Future<List<Claimed>> claim(String holder, Instant now, Instant leaseUntil, int limit);

  /** Extends the leases {@code holder} still has on these claims. */
  Future<Void> renew(String holder, Collection<String> tokens, Instant leaseUntil);

  /** Records run outcomes, each only if its claim still stands; returns how many did. */
  Future<Integer> record(List<Outcome> outcomes, Instant now);

  /** Drops every lease of {@code holder} (a departed node): its jobs are claimable again at once. */
  Future<Integer> release(String holder);

  /** Drops every lease whose holder is not among {@code live} (nodes that died before this one saw them). */
  Future<Integer> releaseAllBut(Collection<String> live);

  /** The earliest due time of a queued job nobody holds, if one is due by {@code until}. */
  Future<Optional<Instant>> nextDue(Instant until);

  Future<Optional<Stored>> get(String id);
}
