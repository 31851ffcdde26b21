package dev.roundtable.jobs;

import io.vertx.core.Future;

/**
 * Runs the jobs of one kind. A job is run at least once: a node that dies while running one leaves it to
 * another node, which runs it again, so a handler's effect must be idempotent (keyed by {@link Job#id()}).
 * A failed Future counts as a retry after the queue's backoff.
 */
@FunctionalInterface
public interface JobHandler {
  Future<JobResult> run(Job job);
}
