package dev.roundtable.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** A {@link JobRunner} deployed as a verticle of its own, so that all its state lives on one event loop. */
final class DeployedJobQueue implements DurableJobQueue {
  private final Vertx vertx;
  private final JobRunner runner;
  private String deployment;

  DeployedJobQueue(Vertx vertx, JobRunner runner) {
    this.vertx = vertx;
    this.runner = runner;
  }

  @Override
  public Future<Void> schedule(Job job) {
    return runner.schedule(job);
  }

  @Override
  public Future<Boolean> cancel(String id) {
    return runner.cancel(id);
  }

  @Override
  public JobQueue handle(String kind, JobHandler handler) {
    runner.handle(kind, handler);
    return this;
  }

  @Override
  public synchronized Future<Void> start() {
    return vertx.deployVerticle(runner).map(id -> {
      synchronized (this) {
        deployment = id;
      }
      return null;
    });
  }

  @Override
  public synchronized Future<Void> close() {
    if (deployment == null) {
      return Future.succeededFuture();
    }
    String id = deployment;
    deployment = null;
    return vertx.undeploy(id);
  }

  /** For tests of this package: the store the queue runs on. */
  JobStore store() {
    return runner.store();
  }
}
