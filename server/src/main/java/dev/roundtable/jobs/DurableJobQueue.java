package dev.roundtable.jobs;

import dev.roundtable.cluster.Membership;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.jobs.core.JobRules;
import dev.roundtable.store.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The node's {@link JobQueue} on the {@code jobs} collection: one per node, started after the store and
 * closed before it. Delivery is <b>at least once</b>: a job is run by one node at a time under a lease, and
 * run again only when its node died or lost its lease while running it (or its outcome could not be
 * written), so handlers must be idempotent by {@link Job#id()}. See docs/ARCHITECTURE.md §12, "Scheduled jobs".
 */
public interface DurableJobQueue extends JobQueue {

  /**
   * How the queue runs. {@code pollEvery} is the safety poll (it also frees the leases of nodes that died
   * unseen); the queue looks {@code 2 × pollEvery} ahead for its timer. {@code handlerTimeout} bounds a run
   * (a run that takes longer counts as a retry); at most {@code maxRunning} jobs run at once on this node.
   */
  record Options(JobRules rules, Duration pollEvery, Duration handlerTimeout, int maxRunning) {
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_CAP = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_POLL_EVERY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RUNNING = 64;

    public Options {
      Objects.requireNonNull(rules, "rules");
      if (pollEvery.isNegative() || pollEvery.isZero() || handlerTimeout.isNegative() || handlerTimeout.isZero()) {
        throw new IllegalArgumentException("pollEvery and handlerTimeout must be positive");
      }
      if (maxRunning < 1) {
        throw new IllegalArgumentException("maxRunning must be at least 1");
      }
    }

    public static Options defaults() {
      return new Options(new JobRules(DEFAULT_LEASE, DEFAULT_RETRY_BASE, DEFAULT_RETRY_CAP, DEFAULT_MAX_ATTEMPTS),
          DEFAULT_POLL_EVERY, DEFAULT_HANDLER_TIMEOUT, DEFAULT_MAX_RUNNING);
    }

    public static Options from(RoundtableConfig config) {
      return new Options(new JobRules(Duration.ofSeconds(config.jobLeaseSeconds()),
          Duration.ofSeconds(config.jobRetryBaseSeconds()), Duration.ofSeconds(config.jobRetryCapSeconds()),
          config.jobMaxAttempts()), Duration.ofSeconds(config.jobPollSeconds()),
          Duration.ofSeconds(config.jobHandlerTimeoutSeconds()), config.jobMaxRunning());
    }
  }

  /** A queue on this node's store; nothing runs until {@link #start}. */
  static DurableJobQueue create(Vertx vertx, Storage storage, Membership membership, Clock clock, Options options) {
    return new DeployedJobQueue(vertx, new JobRunner(vertx.eventBus(), JobStore.mongo(vertx, storage.database()), membership, clock,
        options));
  }

  /** Creates the index, frees the leases of nodes no longer alive, and starts running due jobs. */
  Future<Void> start();

  /**
   * Stops claiming, waits a little for the runs in progress, records their outcomes and frees the leases of
   * those still running, so that another node takes them at once.
   */
  Future<Void> close();
}
