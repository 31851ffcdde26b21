package dev.roundtable.bench.jobs;

import dev.roundtable.RoundtableServer;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.room.RoomClient;
import dev.roundtable.bench.report.MachineInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The {@code jobs} scenario (docs/PERFORMANCE.md, "Scheduled jobs"): one Roundtable node on a fresh embedded
 * store, started in this process so that the bench can give its job queue a handler of its own kind, gets
 * {@code --jobs} jobs due within one {@code --window-seconds} window starting {@code --lead-seconds} after the
 * run starts; the handler records how late each job's first run starts. All the while one meeting room takes a
 * command (RaiseHand / LowerHand, through the room client the edge uses, so it is owned, applied, written and
 * published as any command) every {@code --command-every-ms}; its latencies are kept apart for the time jobs are
 * written, the quiet time before the first is due, and the time they fire, so the report shows whether the
 * queue slows the room.
 */
public final class JobsRun {
  private static final String KIND = "bench.fire";
  /** Jobs written at once while scheduling. */
  private static final int SCHEDULING_IN_FLIGHT = 64;

  private final Map<String, String> options;
  private final Map<String, Histogram> commandMicros = new HashMap<>();
  private final Histogram latenessMicros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
  private final Set<String> fired = ConcurrentHashMap.newKeySet();
  private final AtomicInteger runs = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private volatile String phase = "scheduling";

  private JobsRun(Map<String, String> options) {
    this.options = options;
    for (String p : new String[] {"scheduling", "quiet", "firing"}) {
      commandMicros.put(p, new Histogram(TimeUnit.MINUTES.toMicros(1), 3));
    }
  }

  private int integer(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  /** {@code jobs [--jobs N] [--window-seconds S] [--lead-seconds S] [--command-every-ms M] --out-base PATH}. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int status = 1;
    try {
      new JobsRun(options).run();
      status = 0;
    } finally {
      System.exit(status);
    }
  }

  private void run() throws Exception {
    int jobs = integer("jobs", 10_000);
    int windowSeconds = integer("window-seconds", 60);
    int leadSeconds = integer("lead-seconds", 120);
    int commandEveryMs = integer("command-every-ms", 50);
    Path data = Files.createTempDirectory("roundtable-bench-jobs");
    RoundtableConfig config = RoundtableConfig.load(Map.of(
        "ROUNDTABLE_HTTP_HOST", "127.0.0.1", "ROUNDTABLE_HTTP_PORT", "0",
        "ROUNDTABLE_DATA_DIR", data.toString(),
        "ROUNDTABLE_COMMANDS_PER_SECOND", "100000", "ROUNDTABLE_COMMAND_BURST", "100000"));
    Vertx vertx = Vertx.vertx();
    RoundtableServer server = RoundtableServer.start(vertx, config).await();
    server.jobs().handle(KIND, job -> {
      runs.incrementAndGet();
      if (fired.add(job.id())) {
        long late = Math.max(0, ChronoUnit.MICROS.between(job.dueAt(), Instant.now()));
        synchronized (latenessMicros) {
          latenessMicros.recordValue(Math.min(late, latenessMicros.getHighestTrackableValue()));
        }
      }
      return Future.succeededFuture(JobResult.done());
    });

    JsonObject room = createRoom(vertx, server.port());
    RoomClient rooms = new RoomClient(vertx, server.rooms());
    JsonObject started = rooms.send(room.getString("roomId"), room.getString("participantId"),
        new JsonObject().put("type", "StartMeeting")).await();
    if (!started.getBoolean("ok", false)) {
      throw new IllegalStateException("StartMeeting refused: " + started.encode());
    }
    boolean[] raised = {false};
    long commands = vertx.setPeriodic(commandEveryMs, t -> {
      raised[0] = !raised[0];
      String current = phase;
      long start = System.nanoTime();
      rooms.send(room.getString("roomId"), room.getString("participantId"),
          new JsonObject().put("type", raised[0] ? "RaiseHand" : "LowerHand")).onComplete(ar -> {
            long micros = (System.nanoTime() - start) / 1_000;
            if ((ar.failed() || !ar.result().getBoolean("ok", false)) && rejected.getAndIncrement() == 0) {
              System.err.println("first refused command: " + (ar.failed() ? ar.cause() : ar.result().encode()));
            }
            Histogram h = commandMicros.get(current);
            synchronized (h) {
              h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
            }
          });
    });

    Instant startedAt = Instant.now();
    Instant firstDue = startedAt.plusSeconds(leadSeconds);
    long windowMillis = windowSeconds * 1_000L;
    Semaphore inFlight = new Semaphore(SCHEDULING_IN_FLIGHT);
    long schedulingStart = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      inFlight.acquire();
      Instant due = firstDue.plusMillis(windowMillis * i / jobs);
      if (i > 0 && i % 1_000 == 0) {
        System.err.printf("%d jobs written after %.1f s%n", i, (System.nanoTime() - schedulingStart) / 1e9);
      }
      server.jobs().schedule(Job.of("bench-" + i, KIND, due, new JsonObject().put("n", i)))
          .onComplete(ar -> inFlight.release());
    }
    inFlight.acquire(SCHEDULING_IN_FLIGHT);
    System.err.printf("wrote %d jobs in %.1f s%n", jobs, (System.nanoTime() - schedulingStart) / 1e9);
    double schedulingSeconds = (System.nanoTime() - schedulingStart) / 1e9;
    if (Instant.now().isAfter(firstDue)) {
      throw new IllegalStateException("writing the jobs took longer than --lead-seconds; raise it");
    }
    phase = "quiet";
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstDue).toMillis()));
    phase = "firing";
    Instant deadline = firstDue.plusMillis(windowMillis).plusSeconds(60);
    while (fired.size() < jobs && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    Thread.sleep(1_000);
    vertx.cancelTimer(commands);
    Thread.sleep(500);
    server.stop().await(30, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);

    JsonObject result = new JsonObject()
        .put("scenario", "jobs").put("utc", startedAt.toString()).put("machine", MachineInfo.collect())
        .put("jobs", jobs).put("windowSeconds", windowSeconds).put("fired", fired.size()).put("runs", runs.get())
        .put("schedulingSeconds", schedulingSeconds).put("lateness", summary(latenessMicros))
        .put("commandRejectedOrFailed", rejected.get());
    JsonObject byPhase = new JsonObject();
    commandMicros.forEach((p, h) -> byPhase.put(p, summary(h)));
    result.put("commandLatency", byPhase);
    String base = options.get("out-base");
    String md = markdown(result);
    if (base != null) {
      Files.writeString(Path.of(base + ".json"), result.encodePrettily());
      Files.writeString(Path.of(base + ".md"), md);
    }
    System.out.println(md);
  }

  private static JsonObject createRoom(Vertx vertx, int port) {
    HttpClient http = vertx.createHttpClient();
    JsonObject body = new JsonObject().put("title", "Jobs bench").put("goal", "Stay responsive")
        .put("kind", "decision").put("facilitatorName", "Ana").put("department", "Operations");
    return http.request(HttpMethod.POST, port, "127.0.0.1", "/api/rooms")
        .compose(req -> req.putHeader("content-type", "application/json").send(body.encode()))
        .compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() != 201) {
            throw new IllegalStateException("room not created: " + resp.statusCode() + " " + b);
          }
          return b.toJsonObject();
        }))
        .await();
  }

  private static JsonObject summary(Histogram h) {
    synchronized (h) {
      return new JsonObject().put("count", h.getTotalCount())
          .put("p50ms", h.getValueAtPercentile(50) / 1000.0).put("p99ms", h.getValueAtPercentile(99) / 1000.0)
          .put("p999ms", h.getValueAtPercentile(99.9) / 1000.0).put("maxms", h.getMaxValue() / 1000.0);
    }
  }

  private static String markdown(JsonObject r) {
    StringBuilder md = new StringBuilder();
    JsonObject m = r.getJsonObject("machine");
    md.append("# jobs — ").append(r.getString("utc")).append("\n\n")
        .append("Machine: ").append(m.getString("cpu")).append(", ").append(m.getString("cores")).append(", ")
        .append(m.getString("memory")).append(", ").append(m.getString("kernel")).append(", ")
        .append(m.getString("java")).append("\n\n")
        .append(String.format("%d jobs due over %d s, written in %.1f s; %d fired (%d runs)%n%n",
            r.getInteger("jobs"), r.getInteger("windowSeconds"), r.getDouble("schedulingSeconds"),
            r.getInteger("fired"), r.getInteger("runs")))
        .append("| measure | count | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---|---|---|---|---|\n");
    row(md, "job start after its due time", r.getJsonObject("lateness"));
    JsonObject byPhase = r.getJsonObject("commandLatency");
    for (String p : new String[] {"scheduling", "quiet", "firing"}) {
      row(md, "room command, " + p, byPhase.getJsonObject(p));
    }
    md.append("\nRoom commands rejected or failed: ").append(r.getInteger("commandRejectedOrFailed")).append('\n');
    return md.toString();
  }

  private static void row(StringBuilder md, String name, JsonObject s) {
    md.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, s.getLong("count"),
        s.getDouble("p50ms"), s.getDouble("p99ms"), s.getDouble("p999ms"), s.getDouble("maxms")));
  }
}
