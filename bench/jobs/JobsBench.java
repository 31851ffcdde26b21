import dev.roundtable.cluster.Membership;
import dev.roundtable.jobs.DurableJobQueue;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/run jobs: 10,000 scheduled jobs due in the same minute, on one node with the embedded store (every
 * write committed and synced), the queue's default options. Measures how late each job runs after its due
 * time (p50/p99/max), jobs lost or run twice, and how late a 10 ms timer on another event loop fires while the
 * jobs run (the rest of the server). Run with the server jar on the class path (Java's source launcher):
 *
 *   java -cp server/target/roundtable-server.jar bench/jobs/JobsBench.java [jobs] [spreadSeconds] [leadSeconds] [seed]
 *
 * spreadSeconds 0 puts every job on the same millisecond.
 */
public final class JobsBench {
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int spreadSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int leadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime();
    System.out.printf("jobs %d, due over %d s starting %d s from now, seed %d%n", jobs, spreadSeconds, leadSeconds, seed);
    Path dir = Files.createTempDirectory("roundtable-jobs-bench");
    Vertx vertx = Vertx.vertx();
    Storage storage = MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dir, "127.0.0.1", 0))
        .await();
    DurableJobQueue queue = DurableJobQueue.create(vertx, storage, Membership.standalone(), Clock.systemUTC(),
        DurableJobQueue.Options.defaults());
    ConcurrentHashMap<String, Long> lateness = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    queue.handle("bench", job -> {
      long late = System.currentTimeMillis() - job.dueAt().toEpochMilli();
      if (lateness.putIfAbsent(job.id(), late) != null) {
        duplicates.incrementAndGet();
      }
      return Future.succeededFuture(JobResult.done());
    });
    queue.start().await();

    Random random = new Random(seed);
    Instant first = Instant.now().plusSeconds(leadSeconds);
    long scheduleStart = System.nanoTime();
    List<Future<Void>> inFlight = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      Instant due = first.plusMillis(spreadSeconds == 0 ? 0 : random.nextInt(spreadSeconds * 1_000));
      inFlight.add(queue.schedule(Job.of("job-" + i, "bench", due, new JsonObject().put("member", i))));
      if (inFlight.size() == 200) {
        Future.all(inFlight).await();
        inFlight.clear();
      }
    }
    Future.all(inFlight).await();
    double scheduleSeconds = (System.nanoTime() - scheduleStart) / 1e9;
    System.out.printf("scheduled %d jobs in %.1f s%s%n", jobs, scheduleSeconds,
        Instant.now().isAfter(first) ? " (LATE: the first were due before scheduling ended)" : "");

    // The rest of the server: a 10 ms timer on another event loop, and how late it fires while jobs run.
    List<Long> timerLag = java.util.Collections.synchronizedList(new ArrayList<>());
    long[] expected = {System.nanoTime() + 10_000_000L};
    vertx.deployVerticle(new io.vertx.core.VerticleBase() {
      @Override
      public Future<?> start() {
        vertx.setPeriodic(10, t -> {
          long now = System.nanoTime();
          timerLag.add(Math.max(0, (now - expected[0]) / 1_000_000L));
          expected[0] = now + 10_000_000L;
        });
        return Future.succeededFuture();
      }
    }).await();

    long deadline = System.currentTimeMillis() + Duration.ofSeconds(leadSeconds + spreadSeconds + 60).toMillis();
    while (lateness.size() < jobs && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(2_000);
    long[] late = lateness.values().stream().mapToLong(Long::longValue).sorted().toArray();
    long[] lag;
    synchronized (timerLag) {
      lag = timerLag.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    System.out.printf("ran %d of %d (lost %d, run twice %d)%n", late.length, jobs, jobs - late.length, duplicates.get());
    System.out.printf("lateness after due time ms: min %d, p50 %d, p99 %d, p99.9 %d, max %d%n",
        late[0], pct(late, 50), pct(late, 99), pct(late, 99.9), late[late.length - 1]);
    System.out.printf("10 ms timer on another event loop, late by ms: p50 %d, p99 %d, max %d (%d ticks)%n",
        pct(lag, 50), pct(lag, 99), lag[lag.length - 1], lag.length);
    System.out.printf("target p99 <= 1000 ms: %s%n", pct(late, 99) <= 1_000 && late.length == jobs ? "met" : "NOT MET");
    queue.close().await();
    storage.close().await();
    vertx.close().await();
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
