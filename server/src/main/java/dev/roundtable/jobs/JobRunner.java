package dev.roundtable.jobs;

import dev.roundtable.cluster.Membership;
import dev.roundtable.jobs.JobStore.Claimed;
import dev.roundtable.jobs.JobStore.Outcome;
import dev.roundtable.jobs.core.JobRules;
import dev.roundtable.jobs.core.JobRules.Run;
import dev.roundtable.protocol.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue's runtime on one node: claims due jobs from the store under a lease and runs them with the
 * handler of their kind, at most {@code maxRunning} at once.
 *
 * <p>When: a timer is set for the earliest due time the store holds within the horizon ({@code 2 × pollEvery}),
 * and set earlier when any node announces an earlier job on {@link Addresses#JOB_DUE}; a full batch of
 * claims or a finished run claims again at once. A slow safety poll catches what the timer missed and frees
 * the leases of holders that are no longer members (they died before this node saw them go). A member's
 * departure frees its leases at once. While a job runs its lease is renewed; its outcome is recorded only
 * under its claim's token, so a node that lost a job cannot finish it.
 *
 * <p>Invariants: all fields below the handlers are touched on this verticle's event loop only; a claimed job
 * stays in {@code running} (and its lease is renewed) until its outcome is written.
 */
final class JobRunner extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** Most jobs claimed with one write. */
  private static final int CLAIM_BATCH = 100;
  /** How long {@code stop} waits for the runs in progress. */
  private static final Duration DRAIN = Duration.ofSeconds(5);
  private static final long STORE_RETRY_MS = 1_000;

  private final JobStore store;
  /** The bus, known before deployment: a queue that is not started (or another node's) still announces. */
  private final EventBus bus;
  private final Membership membership;
  private final Clock clock;
  private final DurableJobQueue.Options options;
  private final JobRules rules;
  private final String self;
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();

  /** Claimed jobs whose outcome is not written yet, by claim token + id. */
  private final Map<String, Claimed> running = new LinkedHashMap<>();
  private List<Outcome> unwritten = new ArrayList<>();
  private boolean writing;
  private boolean claiming;
  private boolean claimAgain;
  private boolean stopping;
  private long timer = -1;
  private Instant timerAt;
  private long pollTimer = -1;
  private long renewTimer = -1;
  private MessageConsumer<Long> announcements;
  private Promise<Void> drained;

  JobRunner(EventBus bus, JobStore store, Membership membership, Clock clock, DurableJobQueue.Options options) {
    this.bus = bus;
    this.store = store;
    this.membership = membership;
    this.clock = clock;
    this.options = options;
    this.rules = options.rules();
    this.self = membership.self();
  }

  JobStore store() {
    return store;
  }

  void handle(String kind, JobHandler handler) {
    handlers.put(kind, handler);
  }

  Future<Void> schedule(Job job) {
    return store.schedule(job).onSuccess(v -> announce(job.dueAt()));
  }

  Future<Boolean> cancel(String id) {
    return store.cancel(id);
  }

  @Override
  public Future<?> start() {
    return store.init()
        .compose(v -> listenForEarlierJobs())
        .compose(v -> freeLeasesOfTheDead())
        .onSuccess(v -> {
          membership.onMemberLeft(node -> context.runOnContext(ignored -> memberLeft(node)));
          pollTimer = vertx.setPeriodic(options.pollEvery().toMillis(), t -> poll());
          renewTimer = vertx.setPeriodic(rules.renewEvery().toMillis(), t -> renewLeases());
          claim();
        });
  }

  // ---- when to claim

  private Future<Void> listenForEarlierJobs() {
    announcements = vertx.eventBus().<Long>consumer(Addresses.JOB_DUE, m -> dueAt(Instant.ofEpochMilli(m.body())));
    return announcements.completion();
  }

  private void announce(Instant dueAt) {
    if (dueAt.isBefore(clock.instant().plus(horizon()))) {
      bus.publish(Addresses.JOB_DUE, dueAt.toEpochMilli());
    }
  }

  private Duration horizon() {
    return options.pollEvery().multipliedBy(2);
  }

  /** Sets the timer for {@code at} unless it is already set for that time or earlier. */
  private void dueAt(Instant at) {
    if (stopping || (timer >= 0 && !at.isBefore(timerAt))) {
      return;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis());
    timerAt = at;
    timer = vertx.setTimer(delay, t -> {
      timer = -1;
      timerAt = null;
      claim();
    });
  }

  private void setTimerForNextJob() {
    store.nextDue(clock.instant().plus(horizon()))
        .onSuccess(next -> next.ifPresent(this::dueAt))
        .onFailure(e -> LOG.warn("cannot read the next due job ({}); the poll will try again", e.toString()));
  }

  private void poll() {
    freeLeasesOfTheDead().onComplete(ar -> claim());
  }

  private Future<Void> freeLeasesOfTheDead() {
    return store.releaseAllBut(membership.members()).map(n -> {
      if (n > 0) {
        LOG.info("freed {} jobs held by nodes that are no longer members", n);
      }
      return null;
    });
  }

  private void memberLeft(String node) {
    store.release(node).onComplete(ar -> {
      if (ar.succeeded() && ar.result() > 0) {
        LOG.info("node {} left holding {} jobs; they are free to run again", node, ar.result());
      } else if (ar.failed()) {
        LOG.warn("cannot free the jobs of departed node {} ({}); their leases run out instead", node,
            ar.cause().toString());
      }
      claim();
    });
  }

  // ---- claiming and running

  private void claim() {
    if (stopping) {
      return;
    }
    if (claiming) {
      claimAgain = true;
      return;
    }
    int free = options.maxRunning() - running.size();
    if (free <= 0) {
      return; // a finished run claims again
    }
    claiming = true;
    claimAgain = false;
    int batch = Math.min(free, CLAIM_BATCH);
    Instant now = clock.instant();
    store.claim(self, now, rules.leaseFor(self, now).expiresAt(), batch).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        LOG.warn("cannot claim due jobs ({}); the poll will try again", ar.cause().toString());
        return;
      }
      ar.result().forEach(this::run);
      if (claimAgain || ar.result().size() == batch) {
        claim();
      } else {
        setTimerForNextJob();
      }
    });
  }

  private void run(Claimed claimed) {
    running.put(key(claimed), claimed);
    Job job = claimed.job();
    JobHandler handler = handlers.get(job.kind());
    if (handler == null) {
      // Another node (a newer version) may know the kind: back to the queue, not counted as a run.
      Instant later = clock.instant().plus(rules.retryBase());
      finished(claimed, new JobRules.Next.Requeue(later, job.attempt(), "no handler for " + job.kind() + " on " + self));
      return;
    }
    Future<JobResult> result;
    try {
      result = handler.run(job);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.timeout(options.handlerTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(ar -> context.runOnContext(v -> {
          Run run = ar.succeeded() ? asRun(ar.result()) : new Run.Again(null, String.valueOf(ar.cause()));
          finished(claimed, rules.afterRun(job.attempt() + 1, run, clock.instant()));
        }));
  }

  private static Run asRun(JobResult result) {
    if (result instanceof JobResult.RetryAt r) {
      return new Run.Again(r.at(), r.reason());
    }
    if (result instanceof JobResult.Failed f) {
      return new Run.GaveUp(f.reason());
    }
    if (result instanceof JobResult.Done) {
      return new Run.Succeeded();
    }
    return new Run.Again(null, "handler answered null");
  }

  private void finished(Claimed claimed, JobRules.Next next) {
    unwritten.add(new Outcome(claimed, next));
    writeOutcomes();
  }

  /** One write at a time takes every outcome that finished meanwhile (one commit for many jobs). */
  private void writeOutcomes() {
    if (writing || unwritten.isEmpty()) {
      return;
    }
    writing = true;
    List<Outcome> batch = unwritten;
    unwritten = new ArrayList<>();
    store.record(batch, clock.instant()).onComplete(ar -> {
      writing = false;
      if (ar.failed()) {
        LOG.warn("cannot record {} job outcomes ({}); trying again", batch.size(), ar.cause().toString());
        batch.addAll(unwritten);
        unwritten = batch;
        vertx.setTimer(STORE_RETRY_MS, t -> writeOutcomes());
        return;
      }
      if (ar.result() < batch.size()) {
        LOG.info("{} of {} jobs were taken over by another node before their outcome was written",
            batch.size() - ar.result(), batch.size());
      }
      batch.forEach(o -> running.remove(key(o.claimed())));
      writeOutcomes();
      if (stopping) {
        checkDrained();
      } else {
        claim();
      }
    });
  }

  private void renewLeases() {
    if (running.isEmpty()) {
      return;
    }
    List<String> tokens = running.values().stream().map(Claimed::token).distinct().toList();
    store.renew(self, tokens, rules.leaseFor(self, clock.instant()).expiresAt())
        .onFailure(e -> LOG.warn("cannot renew the leases of {} running jobs ({})", running.size(), e.toString()));
  }

  private static String key(Claimed claimed) {
    return claimed.token() + "/" + claimed.job().id();
  }

  // ---- stopping

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    drained = Promise.promise();
    checkDrained();
    long giveUp = vertx.setTimer(DRAIN.toMillis(), t -> drained.tryComplete());
    return drained.future()
        .compose(v -> {
          vertx.cancelTimer(giveUp);
          vertx.cancelTimer(renewTimer);
          return announcements.unregister();
        })
        .compose(v -> store.release(self))
        .otherwiseEmpty()
        .mapEmpty();
  }

  private void checkDrained() {
    if (drained != null && running.isEmpty()) {
      drained.tryComplete();
    }
  }
}
