package dev.roundtable.jobs;

import io.vertx.core.Future;

/**
 * The cluster's durable scheduled jobs (notice times, reminders, outbox deliveries). A job written is never
 * dropped: it survives restarts, and the node that claimed it dying hands it to another node. Each due job is
 * run by one node at a time, within about a second of its due time, by the handler registered for its kind on
 * that node. Every node that runs a queue registers the same handlers.
 */
public interface JobQueue {

  /** Writes the job durably (replacing a pending job of the same id); succeeds once it is stored. */
  Future<Void> schedule(Job job);

  /** Removes a job that has not run yet; true when there was one. */
  Future<Boolean> cancel(String id);

  /** The handler for jobs of {@code kind} on this node. Register before {@code start}. */
  JobQueue handle(String kind, JobHandler handler);
}
