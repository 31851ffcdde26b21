package dev.roundtable.jobs.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rules of the durable job queue, pure: when a job may be claimed, how long a claim (lease) lasts, when a
 * job runs again after a failed run (exponential backoff from {@code retryBase}, capped at {@code retryCap}),
 * and when a job that keeps failing is given up ({@code maxAttempts} runs). The store translates
 * {@link #claimable} into its query; the runtime asks {@link #afterRun} what a run came to. No clock inside:
 * every rule takes {@code now}.
 */
public record JobRules(Duration lease, Duration retryBase, Duration retryCap, int maxAttempts) {

  public JobRules {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(retryBase, "retryBase");
    Objects.requireNonNull(retryCap, "retryCap");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
    if (retryBase.isNegative() || retryBase.isZero() || retryCap.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException("retryBase must be positive and no more than retryCap");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** A job's place in its life: waiting (perhaps claimed by a lease), or finished one way or the other. */
  public enum State {
    QUEUED, DONE, FAILED
  }

  /** Who holds a job and until when; a lease that has expired is as good as none. */
  public record Lease(String holder, Instant expiresAt) {
    public Lease {
      Objects.requireNonNull(holder, "holder");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expired(Instant now) {
      return !expiresAt.isAfter(now);
    }
  }

  /** A queued job whose due time has come and that nobody holds (or whose holder's lease ran out). */
  public static boolean claimable(State state, Instant dueAt, Lease lease, Instant now) {
    return state == State.QUEUED && !dueAt.isAfter(now) && (lease == null || lease.expired(now));
  }

  /** The lease a node takes (or renews) at {@code now}. */
  public Lease leaseFor(String holder, Instant now) {
    return new Lease(holder, now.plus(lease));
  }

  /** When the lease of a running job is renewed: a third of the way through, so two renewals can fail. */
  public Duration renewEvery() {
    return lease.dividedBy(3);
  }

  /**
   * How long to wait before run {@code attempt + 1} after run {@code attempt} (counted from 1) failed:
   * {@code retryBase × 2^(attempt-1)}, never more than {@code retryCap}.
   */
  public Duration backoff(int attempt) {
    int doublings = Math.max(0, attempt - 1);
    if (doublings >= 62) {
      return retryCap;
    }
    long factor = 1L << doublings;
    Duration d = retryBase.toMillis() > Long.MAX_VALUE / factor ? retryCap : retryBase.multipliedBy(factor);
    return d.compareTo(retryCap) > 0 ? retryCap : d;
  }

  /** What a run came to, as the handler told it (or as a crash, a failed Future or a timeout implies). */
  public sealed interface Run {
    /** The effect happened. */
    record Succeeded() implements Run {
    }

    /** The handler asked to run again at {@code at} ({@code null}: after the backoff). */
    record Again(Instant at, String reason) implements Run {
    }

    /** The handler said it can never succeed. */
    record GaveUp(String reason) implements Run {
    }
  }

  /** What becomes of the job after a run. */
  public sealed interface Next {
    /** Finished: {@code DONE} or {@code FAILED} (with the reason), never run again. */
    record Finish(State state, String reason, int attempts) implements Next {
    }

    /** Queued again for {@code dueAt}, having run {@code attempts} times. */
    record Requeue(Instant dueAt, int attempts, String reason) implements Next {
    }
  }

  /**
   * The job's next state after run number {@code attempts} (counted from 1) ended as {@code run} at
   * {@code now}. A retry never goes back in time, and the last allowed attempt turns a retry into a failure.
   */
  public Next afterRun(int attempts, Run run, Instant now) {
    if (run instanceof Run.Succeeded) {
      return new Next.Finish(State.DONE, null, attempts);
    }
    if (run instanceof Run.GaveUp g) {
      return new Next.Finish(State.FAILED, g.reason(), attempts);
    }
    Run.Again a = (Run.Again) run;
    if (attempts >= maxAttempts) {
      return new Next.Finish(State.FAILED, "gave up after " + attempts + " attempts: " + a.reason(), attempts);
    }
    Instant at = a.at() == null ? now.plus(backoff(attempts)) : a.at();
    return new Next.Requeue(at.isBefore(now) ? now : at, attempts, a.reason());
  }
}
