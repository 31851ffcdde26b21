package dev.roundtable.review;

import dev.roundtable.domain.Language;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.review.core.Reviews;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Series;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The durable reminder of a due improvement plan: a {@value #KIND} job per occurrence whose live room was
 * opened, first due {@link #FIRST_AFTER} after its scheduled end, then every {@link #EVERY} for at most
 * {@link #RUNS} runs. Each run reads the series and the meeting's ratings; while a plan is due (average below
 * 3, none written) it emails the coordinator through the {@link Notifier} (key {@code <job id>/mail}, so a run
 * done twice sends one email). It stops once a plan is written, the occurrence or series is gone, or the runs are
 * used up. Every run schedules the next as a job of its own, as the series' re-offers do.
 *
 * <p>The reminder says how the meeting was rated (count and average) and never a suggestion.
 */
public final class PlanReminders {
  public static final String KIND = "review.plan";
  static final Duration FIRST_AFTER = Duration.ofHours(24);
  static final Duration EVERY = Duration.ofHours(24);
  static final int RUNS = 7;
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

  private final SeriesOwner series;
  private final ReviewService reviews;
  private final Notifier notifier;
  private final JobQueue jobs;
  private final Clock clock;

  private PlanReminders(SeriesOwner series, ReviewService reviews, Notifier notifier, JobQueue jobs, Clock clock) {
    this.series = series;
    this.reviews = reviews;
    this.notifier = notifier;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Registers the job's handler on {@code jobs} (call before the queue starts). */
  public static PlanReminders create(SeriesOwner series, ReviewService reviews, Notifier notifier, JobQueue jobs,
      Clock clock) {
    PlanReminders reminders = new PlanReminders(series, reviews, notifier, jobs, clock);
    jobs.handle(KIND, reminders::run);
    return reminders;
  }

  static String jobId(String seriesId, String occurrenceId, int run) {
    return KIND + "/" + seriesId + "/" + occurrenceId + "/" + run;
  }

  /**
   * Schedules the first check of an occurrence whose room was opened; scheduling it again before it ran only
   * sets the same due time, and after it ran does nothing.
   */
  public Future<Void> watch(String seriesId, String occurrenceId, long end) {
    return schedule(seriesId, occurrenceId, 0, Instant.ofEpochMilli(end).plus(FIRST_AFTER));
  }

  private Future<Void> schedule(String seriesId, String occurrenceId, int run, Instant due) {
    return jobs.schedule(Job.of(jobId(seriesId, occurrenceId, run), KIND, due,
        new JsonObject().put("series", seriesId).put("occurrence", occurrenceId).put("run", run)));
  }

  private Future<JobResult> run(Job job) {
    String seriesId = job.payload().getString("series", "");
    String occurrenceId = job.payload().getString("occurrence", "");
    int run = job.payload().getInteger("run", 0);
    return series.load(seriesId).compose(stored -> {
      Series s = stored.series();
      Optional<Occurrence> found = s.occurrence(occurrenceId).filter(o -> o.roomId() != null);
      if (found.isEmpty() || found.get().improvementPlan() != null) {
        return Future.succeededFuture(JobResult.done());
      }
      Occurrence o = found.get();
      return reviews.results(List.of(o.roomId())).compose(results -> {
        Reviews.Result r = results.getOrDefault(o.roomId(), Reviews.result(List.of(), List.of()));
        Future<Boolean> mailed = Reviews.planDue(r, false) ? remind(job.id(), s, o, r) : Future.succeededFuture(false);
        return mailed.compose(v -> run + 1 < RUNS
            ? schedule(seriesId, occurrenceId, run + 1, clock.instant().plus(EVERY)) : Future.succeededFuture())
            .map(JobResult.done());
      });
    }).recover(e -> e instanceof SeriesRefusal ? Future.succeededFuture(JobResult.done()) : Future.failedFuture(e));
  }

  private Future<Boolean> remind(String jobId, Series s, Occurrence o, Reviews.Result r) {
    String email = s.details().coordinator() == null ? null : s.details().coordinator().email();
    if (email == null || email.isBlank()) {
      return Future.succeededFuture(false);
    }
    Language language = s.details().language();
    return notifier.enqueue(new Message(jobId + "/mail", s.id(), new Destination.Mailbox(List.of(email)), language,
        subject(s, language), body(s, o, r, language), List.of(), null));
  }

  static String subject(Series s, Language language) {
    String title = s.details().title();
    String subject = language == Language.ZH_CN ? "需要改进计划：" + title : "Improvement plan due: " + title;
    return subject.length() <= Message.MAX_TITLE ? subject : subject.substring(0, Message.MAX_TITLE - 1) + "…";
  }

  /** The reminder's text: the meeting, its count and average; never a suggestion. */
  static String body(Series s, Occurrence o, Reviews.Result r, Language language) {
    String when = LocalDateTime.ofInstant(Instant.ofEpochMilli(o.start()), ZoneId.of(s.details().schedule().zone()))
        .format(DAY_TIME) + " (" + s.details().schedule().zone() + ")";
    String average = String.format(java.util.Locale.ROOT, "%.1f", r.rounded());
    if (language == Language.ZH_CN) {
      return "**" + s.details().title() + "**，" + when + "：" + r.ratings() + " 人评分，平均 " + average
          + " 分（满分 5），低于 3 分。\n\n请在系列会议页面写下改进计划；写好后不再提醒。";
    }
    return "**" + s.details().title() + "**, " + when + ": " + r.ratings() + (r.ratings() == 1 ? " rating" : " ratings")
        + ", " + average + " of 5 on average, below 3.\n\nWrite an improvement plan on the series page; "
        + "the reminders stop once it is written.";
  }
}
