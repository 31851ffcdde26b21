package dev.roundtable.series;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.series.core.SeriesCommand;
import dev.roundtable.series.core.SeriesOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that go out by themselves at the time the coordinator chose. The job is written first and the time
 * recorded in the series second, so no crash between the two can leave a recorded time without its job; a job
 * whose time is no longer the occurrence's (moved, cancelled, never recorded, or the notice went out by hand)
 * does nothing when it fires. Firing applies the core's {@code PrepareNotice} as the server, so the notice
 * goes out exactly as the coordinator's own would (effects, outbox, retries), once: a second firing finds the
 * occurrence noticed.
 */
public final class ScheduledNotices {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledNotices.class);
  /** The job kind; payload {@code {series, occurrence, at}}. */
  public static final String KIND = "series.notice";

  private final SeriesOwner owner;
  private final JobQueue jobs;
  private final Clock clock;

  private ScheduledNotices(SeriesOwner owner, JobQueue jobs, Clock clock) {
    this.owner = owner;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Registers the {@value #KIND} handler on {@code jobs} (before they start). */
  public static ScheduledNotices create(SeriesOwner owner, JobQueue jobs, Clock clock) {
    ScheduledNotices notices = new ScheduledNotices(owner, jobs, clock);
    jobs.handle(KIND, notices::fire);
    return notices;
  }

  /**
   * Sets (or, with {@code at} null, cancels) the time the notice of {@code occurrenceId} goes out. The command
   * is tried on the state as it is first, so a refused time leaves no job behind.
   */
  public Future<SeriesOwner.Result> schedule(String seriesId, SeriesActor actor, String occurrenceId, Long at) {
    Function<Series, SeriesCommand> command =
        s -> new OccurrenceCommands.ScheduleNotice(Recurrence.slotOf(s, occurrenceId), at);
    return owner.load(seriesId).compose(stored -> {
      if (Series.apply(stored.series(), actor, command.apply(stored.series()), clock.millis())
          instanceof SeriesOutcome.Refused refused) {
        return Future.failedFuture(new SeriesRefusal(refused.rejection()));
      }
      Future<Void> job = at == null ? Future.succeededFuture() : jobs.schedule(Job.of(
          KIND + "/" + seriesId + "/" + occurrenceId + "/" + at, KIND, Instant.ofEpochMilli(at),
          new JsonObject().put("series", seriesId).put("occurrence", occurrenceId).put("at", at)));
      return job.compose(v -> owner.apply(seriesId, actor, command));
    });
  }

  private Future<JobResult> fire(Job job) {
    String seriesId = job.payload().getString("series", "");
    String occurrenceId = job.payload().getString("occurrence", "");
    Long at = job.payload().getLong("at");
    return owner.load(seriesId).compose(stored -> {
      Series s = stored.series();
      Occurrence o = s.occurrence(occurrenceId).orElse(null);
      if (o == null || o.noticed() || !Objects.equals(o.noticeAt(), at)) {
        return Future.succeededFuture(JobResult.done());
      }
      return owner.apply(seriesId, SeriesActor.SYSTEM,
              state -> new OccurrenceCommands.PrepareNotice(Recurrence.slotOf(state, occurrenceId), true))
          .map(r -> JobResult.done());
    }).recover(e -> {
      if (e instanceof SeriesRefusal r && r.rejection().code() != ErrorCode.UNAVAILABLE) {
        // The series is gone, the occurrence started, or nobody is invited any more: nothing to send.
        LOG.info("series {}: scheduled notice of {} not sent: {}", seriesId, occurrenceId, r.rejection().message());
        return Future.succeededFuture(JobResult.done());
      }
      return Future.failedFuture(e);
    });
  }
}
