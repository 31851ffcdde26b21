package dev.roundtable.support;

import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobHandler;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory job queue that runs due jobs only when told to, one at a time, at the time it is given. */
public final class FakeJobQueue implements JobQueue {
  private final Map<String, Job> pending = new LinkedHashMap<>();
  private final Map<String, JobHandler> handlers = new HashMap<>();
  public final Map<String, JobResult> lastResults = new HashMap<>();

  @Override
  public synchronized Future<Void> schedule(Job job) {
    pending.put(job.id(), job);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Boolean> cancel(String id) {
    return Future.succeededFuture(pending.remove(id) != null);
  }

  @Override
  public JobQueue handle(String kind, JobHandler handler) {
    handlers.put(kind, handler);
    return this;
  }

  public synchronized List<Job> pending() {
    return List.copyOf(pending.values());
  }

  /** Runs every job due at {@code now}, in due order, each after the previous one finished; how many ran. */
  public Future<Integer> runDue(Instant now) {
    List<Job> due;
    synchronized (this) {
      due = new ArrayList<>(pending.values().stream().filter(j -> !j.dueAt().isAfter(now))
          .sorted(Comparator.comparing(Job::dueAt)).toList());
    }
    Future<Integer> chain = Future.succeededFuture(0);
    for (Job job : due) {
      chain = chain.compose(n -> handlers.get(job.kind()).run(job).map(result -> {
        settle(job, result);
        return n + 1;
      }));
    }
    return chain;
  }

  private synchronized void settle(Job job, JobResult result) {
    lastResults.put(job.id(), result);
    if (result instanceof JobResult.RetryAt retry) {
      pending.put(job.id(), new Job(job.id(), job.kind(), retry.at(), job.payload(), job.attempt() + 1));
    } else {
      pending.remove(job.id());
    }
  }
}
