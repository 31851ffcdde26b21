package dev.roundtable.jobs;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.jobs.core.JobRules;
import dev.roundtable.jobs.core.JobRules.State;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.FakeMembership;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The durable job queue, on the embedded store,")
class DurableJobQueueTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** Long enough that only the timer, an announcement or a departure can have made a job run in a test. */
  private static final Duration NO_POLL = Duration.ofMinutes(10);

  @TempDir
  Path dataDir;
  private Vertx vertx;
  private Storage storage;
  private JobStore store;
  private final List<DurableJobQueue> queues = new ArrayList<>();
  private final Map<String, List<Instant>> runs = new ConcurrentHashMap<>();

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    store = JobStore.mongo(vertx, storage.database());
    result(store.init());
  }

  @AfterEach
  void close() {
    queues.forEach(q -> result(q.close()));
    result(storage.close());
  }

  private static DurableJobQueue.Options options(Duration lease, int maxAttempts, Duration timeout, int maxRunning) {
    return new DurableJobQueue.Options(new JobRules(lease, Duration.ofMillis(100), Duration.ofSeconds(1), maxAttempts),
        NO_POLL, timeout, maxRunning);
  }

  private static DurableJobQueue.Options options() {
    return options(Duration.ofSeconds(30), 5, Duration.ofSeconds(10), 64);
  }

  private DurableJobQueue queue(FakeMembership membership, DurableJobQueue.Options options) {
    DurableJobQueue queue = DurableJobQueue.create(vertx, storage, membership, Clock.systemUTC(), options);
    queues.add(queue);
    return queue;
  }

  /** A handler that records each run's time and answers with what {@code answer} says for that run (from 1). */
  private JobHandler recording(java.util.function.BiFunction<Job, Integer, Future<JobResult>> answer) {
    return job -> {
      List<Instant> times = runs.computeIfAbsent(job.id(), id -> new CopyOnWriteArrayList<>());
      times.add(Instant.now());
      return answer.apply(job, times.size());
    };
  }

  private JobHandler done() {
    return recording((job, run) -> Future.succeededFuture(JobResult.done()));
  }

  private JobStore.Stored stored(String id) {
    return result(store.get(id)).orElseThrow();
  }

  private void untilFinished(String... ids) {
    dev.roundtable.support.Eventually.until("jobs " + List.of(ids) + " are finished", WAIT,
        () -> List.of(ids).stream().allMatch(id -> stored(id).state() != State.QUEUED));
  }

  private int runsOf(String id) {
    return runs.getOrDefault(id, List.of()).size();
  }

  @Test
  @DisplayName("runs a job at its due time, by its timer, and records it done")
  void firesOnTime() {
    DurableJobQueue queue = queue(new FakeMembership("a"), options());
    queue.handle("notice", done());
    result(queue.start());
    Instant due = Instant.now().plusMillis(600);

    result(queue.schedule(Job.of("n1", "notice", due, new JsonObject().put("series", "s1"))));
    untilFinished("n1");

    Instant ran = runs.get("n1").get(0);
    System.out.printf("DurableJobQueueTest: ran %d ms after its due time%n", Duration.between(due, ran).toMillis());
    assertThat(ran).as("never before its due time").isAfterOrEqualTo(due.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(stored("n1").state()).isEqualTo(State.DONE);
    assertThat(stored("n1").attempts()).isOne();
    assertThat(runsOf("n1")).isOne();
  }

  @Test
  @DisplayName("hears of a job moved earlier (also from another node) and runs it then, not at its old time")
  void earlierJobIsAnnounced() {
    DurableJobQueue runner = queue(new FakeMembership("a"), options());
    runner.handle("notice", done());
    result(runner.start());
    DurableJobQueue other = queue(new FakeMembership("b"), options());
    result(other.schedule(Job.of("n1", "notice", Instant.now().plusSeconds(100), new JsonObject())));
    result(runner.schedule(Job.of("n2", "notice", Instant.now().plusSeconds(50), new JsonObject())));

    result(other.schedule(Job.of("n1", "notice", Instant.now().plusMillis(300), new JsonObject().put("moved", true))));
    untilFinished("n1");

    assertThat(stored("n1").job().payload().getBoolean("moved")).isTrue();
    assertThat(stored("n2").state()).isEqualTo(State.QUEUED);
  }

  @Test
  @DisplayName("reschedules on RetryAt, retries after an exception, a failed Future or a timeout, and records a failure with its reason")
  void outcomes() {
    DurableJobQueue queue = queue(new FakeMembership("a"), options(Duration.ofSeconds(30), 5, Duration.ofMillis(500), 64));
    queue.handle("retry", recording((job, run) -> Future.succeededFuture(run == 1
        ? new JobResult.RetryAt(Instant.now().plusMillis(200), "rate limited") : JobResult.done())));
    queue.handle("throw", recording((job, run) -> {
      if (run == 1) {
        throw new IllegalStateException("boom");
      }
      return Future.succeededFuture(JobResult.done());
    }));
    queue.handle("failed-future", recording((job, run) -> run == 1 ? Future.failedFuture("smtp down")
        : Future.succeededFuture(JobResult.done())));
    queue.handle("slow", recording((job, run) -> run == 1 ? Promise.<JobResult>promise().future()
        : Future.succeededFuture(JobResult.done())));
    queue.handle("fail", recording((job, run) -> Future.succeededFuture(new JobResult.Failed("no such robot"))));
    queue.handle("always-throws", recording((job, run) -> {
      throw new IllegalStateException("still broken");
    }));
    result(queue.start());
    Instant now = Instant.now();
    for (String kind : List.of("retry", "throw", "failed-future", "slow", "fail", "always-throws")) {
      result(queue.schedule(Job.of(kind, kind, now, new JsonObject())));
    }

    untilFinished("retry", "throw", "failed-future", "slow", "fail", "always-throws");

    for (String retried : List.of("retry", "throw", "failed-future", "slow")) {
      assertThat(stored(retried).state()).as(retried).isEqualTo(State.DONE);
      assertThat(stored(retried).attempts()).as(retried).isEqualTo(2);
      assertThat(runsOf(retried)).as(retried).isEqualTo(2);
    }
    assertThat(Duration.between(runs.get("retry").get(0), runs.get("retry").get(1)))
        .as("the retry waited for the time the handler asked").isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(stored("fail").state()).isEqualTo(State.FAILED);
    assertThat(stored("fail").reason()).isEqualTo("no such robot");
    assertThat(runsOf("fail")).isOne();
    assertThat(stored("always-throws").state()).isEqualTo(State.FAILED);
    assertThat(stored("always-throws").reason()).startsWith("gave up after 5 attempts: ").contains("still broken");
    assertThat(runsOf("always-throws")).isEqualTo(5);
  }

  @Test
  @DisplayName("never runs a cancelled job")
  void cancelled() throws InterruptedException {
    DurableJobQueue queue = queue(new FakeMembership("a"), options());
    queue.handle("notice", done());
    result(queue.start());
    result(queue.schedule(Job.of("n1", "notice", Instant.now().plusMillis(400), new JsonObject())));
    result(queue.schedule(Job.of("n2", "notice", Instant.now().plusMillis(600), new JsonObject())));

    assertThat(result(queue.cancel("n1"))).isTrue();
    untilFinished("n2");

    assertThat(runsOf("n1")).isZero();
    assertThat(result(store.get("n1"))).isEmpty();
  }

  @Test
  @DisplayName("runs no more jobs at once than allowed, and all of them in the end")
  void boundedConcurrency() {
    DurableJobQueue queue = queue(new FakeMembership("a"), options(Duration.ofSeconds(30), 5, Duration.ofSeconds(10), 5));
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    queue.handle("notice", recording((job, run) -> {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      Promise<JobResult> p = Promise.promise();
      vertx.setTimer(30, t -> {
        now.decrementAndGet();
        p.complete(JobResult.done());
      });
      return p.future();
    }));
    Instant due = Instant.now();
    IntStream.range(0, 60).forEach(i -> result(queue.schedule(Job.of("n" + i, "notice", due, new JsonObject()))));

    result(queue.start());
    untilFinished(IntStream.range(0, 60).mapToObj(i -> "n" + i).toArray(String[]::new));

    assertThat(most.get()).isBetween(1, 5);
    assertThat(runs).hasSize(60).allSatisfy((id, times) -> assertThat(times).hasSize(1));
  }

  @Test
  @DisplayName("takes over the jobs of a member that leaves at once, and of holders already gone when it starts")
  void departedHoldersJobsRunAtOnce() {
    Instant now = Instant.now();
    result(store.schedule(Job.of("held-by-b", "notice", now, new JsonObject())));
    result(store.schedule(Job.of("held-by-dead", "notice", now, new JsonObject())));
    result(store.claim("b", now, now.plusSeconds(600), 1));
    result(store.claim("dead", now, now.plusSeconds(600), 1));
    FakeMembership membership = new FakeMembership("a", "b");
    DurableJobQueue queue = queue(membership, options());
    queue.handle("notice", done());

    result(queue.start());
    untilFinished("held-by-dead");
    assertThat(stored("held-by-b").leaseHolder()).as("a live member's job is left to it").isEqualTo("b");

    membership.leave("b");
    untilFinished("held-by-b");
    assertThat(runsOf("held-by-b")).isOne();
  }

  @Test
  @DisplayName("renews the lease of a long run, so nobody else takes the job meanwhile")
  void leaseRenewed() throws InterruptedException {
    DurableJobQueue queue = queue(new FakeMembership("a"), options(Duration.ofMillis(900), 5, Duration.ofSeconds(10), 64));
    queue.handle("notice", recording((job, run) -> {
      Promise<JobResult> p = Promise.promise();
      vertx.setTimer(2_500, t -> p.complete(JobResult.done()));
      return p.future();
    }));
    result(queue.start());
    result(queue.schedule(Job.of("long", "notice", Instant.now(), new JsonObject())));
    dev.roundtable.support.Eventually.until("the job runs", WAIT, () -> runsOf("long") == 1);

    Thread.sleep(1_500);
    assertThat(result(store.claim("other", Instant.now(), Instant.now().plusSeconds(30), 10)))
        .as("claimable by another node, past the first lease's end").isEmpty();
    untilFinished("long");
    assertThat(stored("long").state()).isEqualTo(State.DONE);
    assertThat(runsOf("long")).isOne();
  }

  @Test
  @DisplayName("with two nodes on one store, runs each of many due jobs once")
  void twoNodesShareTheWork() {
    DurableJobQueue a = queue(new FakeMembership("a", "b"), options());
    DurableJobQueue b = queue(new FakeMembership("b", "a"), options());
    Map<String, String> ranOn = new ConcurrentHashMap<>();
    a.handle("notice", recording((job, run) -> {
      ranOn.put(job.id(), "a");
      return Future.succeededFuture(JobResult.done());
    }));
    b.handle("notice", recording((job, run) -> {
      ranOn.put(job.id(), "b");
      return Future.succeededFuture(JobResult.done());
    }));
    result(a.start());
    result(b.start());
    Instant due = Instant.now().plusMillis(800);

    IntStream.range(0, 200).forEach(i -> result(a.schedule(Job.of("n" + i, "notice", due, new JsonObject()))));
    untilFinished(IntStream.range(0, 200).mapToObj(i -> "n" + i).toArray(String[]::new));

    assertThat(runs).hasSize(200).allSatisfy((id, times) -> assertThat(times).hasSize(1));
    System.out.printf("DurableJobQueueTest: 200 jobs, %d run on a, %d on b%n",
        ranOn.values().stream().filter("a"::equals).count(), ranOn.values().stream().filter("b"::equals).count());
  }
}
