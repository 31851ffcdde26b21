package dev.roundtable.series;

import dev.roundtable.aggregate.InOrder;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.series.core.SeriesCommand;
import dev.roundtable.series.core.SeriesCommands;
import dev.roundtable.series.core.SeriesOutcome;
import dev.roundtable.series.core.Warnings;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a series changes. On this node, the mutations of a series run one after another: load, apply
 * the core, write conditionally on the version read, then hand the pending effects to {@link SeriesEffects}
 * and complete those it took. Across nodes there is no lease: every write is conditional on the document's
 * version, so of two nodes applying at once exactly one writes; the other reloads and decides again (up to
 * {@link #DEFAULT_ATTEMPTS} times), so no command is ever applied to a state it was not decided on.
 *
 * <p>Effects are delivered at least once: an effect stays in the document until completed, and every later
 * mutation of the series (on any node) offers the still-pending ones again. So that none waits for an
 * unrelated change, a hand-over (or completion) that fails schedules a durable {@value #REOFFER} job, which
 * re-offers the series' pending effects, in order with this node's mutations of it, with backoff
 * ({@link #reofferDelay}) until none is pending. Each run that still finds some schedules the next run as a
 * job of its own (ids {@code series.effects/<seriesId>/<effectId>/<n>}), so the job queue's attempt limit
 * never ends the re-offers.
 */
public final class SeriesOwner {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesOwner.class);
  /** Loads and decisions tried before a write lost to other nodes answers UNAVAILABLE. */
  public static final int DEFAULT_ATTEMPTS = 3;
  private static final String ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final int ID_LENGTH = 12;
  /** The job kind that re-offers a series' pending effects; payload {@code {series, effect, run}}. */
  public static final String REOFFER = "series.effects";
  static final Duration REOFFER_BASE = Duration.ofSeconds(10);
  static final Duration REOFFER_CAP = Duration.ofMinutes(10);

  private final SeriesStore store;
  private final Clock clock;
  private final SeriesEffects effects;
  private final JobQueue jobs;
  private final SecureRandom random = new SecureRandom();
  private final InOrder order = new InOrder();
  private final Map<String, Future<SeriesStore.Stored>> loading = new ConcurrentHashMap<>();
  private final Set<String> delivering = ConcurrentHashMap.newKeySet();

  private SeriesOwner(SeriesStore store, Clock clock, SeriesEffects effects, JobQueue jobs) {
    this.store = store;
    this.clock = clock;
    this.effects = effects;
    this.jobs = jobs;
  }

  /** The owner of the series in {@code store}; registers its {@value #REOFFER} handler on {@code jobs} (before they start). */
  public static SeriesOwner create(SeriesStore store, Clock clock, SeriesEffects effects, JobQueue jobs) {
    SeriesOwner owner = new SeriesOwner(store, clock, effects, jobs);
    jobs.handle(REOFFER, owner::reoffer);
    return owner;
  }

  /** What an accepted command led to: the stored series after it, the command's result, the warnings. */
  public record Result(SeriesStore.Stored stored, Map<String, Object> result, List<Warnings.Warning> warnings) {
    public Series series() {
      return stored.series();
    }
  }

  /** Creates a series under a fresh id; its schedule is checked by {@link Recurrence} first. */
  public Future<Result> create(Series.Details details) {
    if (details != null) {
      Optional<Rejection> bad = Recurrence.validate(details.schedule());
      if (bad.isPresent() && details.schedule() != null) {
        return Future.failedFuture(new SeriesRefusal(bad.get()));
      }
    }
    String id = newId();
    SeriesOutcome outcome = Series.apply(Series.NONE, SeriesActor.COORDINATOR,
        new SeriesCommands.CreateSeries(id, details), clock.millis());
    if (outcome instanceof SeriesOutcome.Refused refused) {
      return Future.failedFuture(new SeriesRefusal(refused.rejection()));
    }
    SeriesOutcome.Applied applied = (SeriesOutcome.Applied) outcome;
    return store.insert(applied.state())
        .recover(e -> Future.failedFuture(unavailable(e)))
        .map(stored -> new Result(stored, applied.result(), applied.warnings()));
  }

  /** The series as stored now; concurrent loads of one series share one read. Fails NOT_FOUND. */
  public Future<SeriesStore.Stored> load(String seriesId) {
    List<Future<SeriesStore.Stored>> made = new java.util.ArrayList<>(1);
    Future<SeriesStore.Stored> f = loading.computeIfAbsent(seriesId, id -> {
      Future<SeriesStore.Stored> read = read(id);
      made.add(read);
      return read;
    });
    // Registered after the map holds it, so a read that is already done cannot stay behind as a stale answer.
    if (!made.isEmpty()) {
      f.onComplete(ar -> loading.remove(seriesId, f));
    }
    return f;
  }

  /** A read of its own: a mutation must not join a read that began before the previous write. */
  private Future<SeriesStore.Stored> read(String seriesId) {
    return store.load(seriesId)
        .recover(e -> Future.failedFuture(unavailable(e)))
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(new SeriesRefusal(ErrorCode.NOT_FOUND, "no series " + seriesId))));
  }

  /**
   * Applies the command {@code command} makes of the current state (commands that name an occurrence need
   * the state to find its slot), in order with this node's other mutations of the series.
   */
  public Future<Result> apply(String seriesId, SeriesActor actor, Function<Series, SeriesCommand> command) {
    return inOrder(seriesId, () -> attempt(seriesId, actor, command, DEFAULT_ATTEMPTS))
        .compose(this::deliverPending);
  }

  /** Issues a new coordinator link version: every coordinator link issued before opens nothing afterwards. */
  public Future<SeriesStore.Stored> rotateCoordinator(String seriesId) {
    return inOrder(seriesId, () -> store.rotateCoordinator(seriesId)
        .recover(e -> Future.failedFuture(unavailable(e)))
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() ->
            Future.failedFuture(new SeriesRefusal(ErrorCode.NOT_FOUND, "no series " + seriesId)))));
  }

  private Future<Result> attempt(String seriesId, SeriesActor actor, Function<Series, SeriesCommand> command,
      int attemptsLeft) {
    return read(seriesId).compose(stored -> {
      SeriesCommand c;
      try {
        c = command.apply(stored.series());
      } catch (SeriesRefusal r) {
        return Future.failedFuture(r);
      }
      if (c instanceof SeriesCommands.EditSeries edit && edit.changes() != null
          && edit.changes().schedule() != null) {
        Optional<Rejection> bad = Recurrence.validate(edit.changes().schedule());
        if (bad.isPresent()) {
          return Future.failedFuture(new SeriesRefusal(bad.get()));
        }
      }
      SeriesOutcome outcome = Series.apply(stored.series(), actor, c, clock.millis());
      if (outcome instanceof SeriesOutcome.Refused refused) {
        return Future.failedFuture(new SeriesRefusal(refused.rejection()));
      }
      SeriesOutcome.Applied applied = (SeriesOutcome.Applied) outcome;
      if (applied.events().isEmpty()) {
        return Future.succeededFuture(new Result(stored, applied.result(), applied.warnings()));
      }
      return store.save(applied.state(), stored.version())
          .recover(e -> Future.failedFuture(unavailable(e)))
          .compose(written -> {
            if (written) {
              SeriesStore.Stored after = new SeriesStore.Stored(applied.state(), stored.version() + 1,
                  stored.coordinatorVersion());
              return Future.succeededFuture(new Result(after, applied.result(), applied.warnings()));
            }
            if (attemptsLeft <= 1) {
              return Future.failedFuture(new SeriesRefusal(ErrorCode.UNAVAILABLE,
                  "the series is being changed elsewhere; retry"));
            }
            return attempt(seriesId, actor, command, attemptsLeft - 1);
          });
    });
  }

  /**
   * Offers every pending effect not already on its way from this node, and completes those taken. A failed
   * hand-over leaves the effect pending (logged, without its contents) and schedules its re-offer; the answer
   * to the caller is the same.
   */
  private Future<Result> deliverPending(Result result) {
    return offer(result).compose(after -> {
      Optional<String> stuck = after.stuck();
      if (stuck.isEmpty()) {
        return Future.succeededFuture(after.result());
      }
      String seriesId = result.series().id();
      return scheduleReoffer(seriesId, stuck.get(), 0)
          .onFailure(e -> LOG.warn("series {}: cannot schedule the re-offer of its pending effects ({}); the next "
              + "change offers them", seriesId, e.toString()))
          .transform(ignored -> Future.succeededFuture(after.result()));
    });
  }

  /** What an offer came to, and the first effect it offered that is still pending (not taken, or not completed). */
  private record Offered(Result result, Optional<String> stuck) {
  }

  private Future<Offered> offer(Result result) {
    Series s = result.series();
    List<PendingEffect> offered = s.effects().stream()
        .filter(e -> delivering.add(s.id() + "/" + e.id())).toList();
    if (offered.isEmpty()) {
      return Future.succeededFuture(new Offered(result, Optional.empty()));
    }
    List<Future<String>> handed = offered.stream().map(e -> safely(() -> effects.deliver(s, e))
        .map(v -> e.id())
        .otherwise(err -> {
          LOG.warn("series {}: effect {} ({}) not handed over yet: {}", s.id(), e.id(), e.kind(), err.toString());
          return null;
        })).toList();
    return Future.join(handed).transform(ignored -> {
      List<String> taken = handed.stream().map(Future::result).filter(id -> id != null).toList();
      Future<Result> done = Future.succeededFuture(result);
      for (String effectId : taken) {
        done = done.compose(r -> inOrder(s.id(), () -> attempt(s.id(), SeriesActor.SYSTEM,
            state -> new SeriesCommands.CompleteEffect(effectId), DEFAULT_ATTEMPTS))
            .map(completed -> new Result(completed.stored(), result.result(), completed.warnings()))
            .otherwise(err -> r));
      }
      return done.onComplete(ar -> offered.forEach(e -> delivering.remove(s.id() + "/" + e.id())))
          .map(after -> {
            Set<String> pending = after.series().effects().stream().map(PendingEffect::id).collect(Collectors.toSet());
            return new Offered(after, offered.stream().map(PendingEffect::id).filter(pending::contains).findFirst());
          });
    });
  }

  // ---- re-offering pending effects

  /** The wait before re-offer run number {@code run} (0 for the first). */
  static Duration reofferDelay(int run) {
    Duration d = REOFFER_BASE.multipliedBy(1L << Math.min(Math.max(run, 0), 20));
    return d.compareTo(REOFFER_CAP) > 0 ? REOFFER_CAP : d;
  }

  static String reofferJobId(String seriesId, String effectId, int run) {
    return REOFFER + "/" + seriesId + "/" + effectId + "/" + run;
  }

  private Future<Void> scheduleReoffer(String seriesId, String effectId, int run) {
    return jobs.schedule(Job.of(reofferJobId(seriesId, effectId, run), REOFFER,
        clock.instant().plus(reofferDelay(run)),
        new JsonObject().put("series", seriesId).put("effect", effectId).put("run", run)));
  }

  /**
   * One re-offer run: reads the series in order with this node's mutations of it and offers its pending
   * effects. Done when none is left pending (or the series is gone); otherwise the next run is scheduled
   * first. A store that cannot be read fails the run, and the queue runs it again after its backoff.
   */
  private Future<JobResult> reoffer(Job job) {
    String seriesId = job.payload().getString("series", "");
    String effectId = job.payload().getString("effect", "");
    int run = job.payload().getInteger("run", 0);
    return inOrder(seriesId, () -> read(seriesId))
        .compose(stored -> offer(new Result(stored, Map.of(), List.of())))
        .compose(after -> {
          List<PendingEffect> left = after.result().series().effects();
          if (left.isEmpty()) {
            return Future.succeededFuture(JobResult.done());
          }
          LOG.info("series {}: {} effect(s) still pending after re-offer {}; again in {} s", seriesId, left.size(),
              run + 1, reofferDelay(run + 1).toSeconds());
          return scheduleReoffer(seriesId, effectId, run + 1).map(JobResult.done());
        })
        .recover(e -> e instanceof SeriesRefusal r && r.rejection().code() == ErrorCode.NOT_FOUND
            ? Future.succeededFuture(JobResult.done()) : Future.failedFuture(e));
  }

  private static Future<Void> safely(Supplier<Future<Void>> work) {
    try {
      Future<Void> f = work.get();
      return f == null ? Future.failedFuture("no answer") : f;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private <T> Future<T> inOrder(String seriesId, Supplier<Future<T>> work) {
    return order.run(seriesId, work);
  }

  private String newId() {
    StringBuilder b = new StringBuilder(ID_LENGTH);
    for (int i = 0; i < ID_LENGTH; i++) {
      b.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return b.toString();
  }

  private static Throwable unavailable(Throwable e) {
    if (e instanceof SeriesRefusal) {
      return e;
    }
    LOG.warn("series store failed: {}", e.toString());
    return new SeriesRefusal(ErrorCode.UNAVAILABLE, "the series store is unavailable; retry");
  }
}
