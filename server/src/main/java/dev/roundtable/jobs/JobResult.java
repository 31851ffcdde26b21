package dev.roundtable.jobs;

import java.time.Instant;

/** What a run of a job came to: done, run again at a time of the handler's choosing, or failed for good. */
public sealed interface JobResult {

  /** The job's effect happened; it is not run again. */
  record Done() implements JobResult {
  }

  /** Not now (a service refused, a rate limit): run it again at {@code at}; {@code reason} is recorded. */
  record RetryAt(Instant at, String reason) implements JobResult {
  }

  /** It cannot succeed; recorded with its reason and never run again. */
  record Failed(String reason) implements JobResult {
  }

  static JobResult done() {
    return new Done();
  }
}
