package dev.roundtable.tracker;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.series.NotifiedNotices;
import dev.roundtable.series.SeriesLinks;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import dev.roundtable.tracker.core.TrackedItem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable reminders of an action item's deadline, one {@value #KIND} job per item, kind and deadline
 * ({@code action.remind/<sid>/<itemId>/<kind>/<deadline>}), due at {@link #AT} in the series' time zone the day
 * before the deadline, on the day and the day after (overdue). A run emails the item's current owner (their
 * series member email, in the series' language, with their own page link; key {@code <job id>/mail}, so a run
 * done twice sends one email), and sends nothing when the item is gone or done, has no member owner, or its
 * deadline is no longer the one the job was scheduled for (a new deadline has jobs of its own).
 *
 * <p>Scheduling is idempotent (same ids, same due times); a reminder whose time has passed is not scheduled.
 * Every schedule also schedules the series' {@link ActionDigest} for the chat groups, which never get one
 * message per item.
 */
public final class ActionReminders {
  public static final String KIND = "action.remind";
  /** The time of day reminders and digests go out, in the series' time zone. */
  public static final LocalTime AT = LocalTime.of(9, 0);

  /** When, relative to the deadline, a reminder goes out. */
  enum When {
    BEFORE("before", -1), DUE("due", 0), OVERDUE("overdue", 1);

    final String wire;
    final int days;

    When(String wire, int days) {
      this.wire = wire;
      this.days = days;
    }

    static Optional<When> ofWire(String wire) {
      for (When w : values()) {
        if (w.wire.equals(wire)) {
          return Optional.of(w);
        }
      }
      return Optional.empty();
    }
  }

  private final SeriesOwner series;
  private final TrackerOwner tracker;
  private final Notifier notifier;
  private final JobQueue jobs;
  private final SeriesLinks links;
  private final Clock clock;
  private final ActionDigest digest;

  private ActionReminders(SeriesOwner series, TrackerOwner tracker, Notifier notifier, JobQueue jobs,
      SeriesLinks links, Clock clock) {
    this.series = series;
    this.tracker = tracker;
    this.notifier = notifier;
    this.jobs = jobs;
    this.links = links;
    this.clock = clock;
    this.digest = ActionDigest.register(series, tracker, notifier, jobs);
  }

  /** Registers the reminders' and the digest's handlers on {@code jobs} (call before the queue starts). */
  public static ActionReminders create(SeriesOwner series, TrackerOwner tracker, Notifier notifier, JobQueue jobs,
      SeriesLinks links, Clock clock) {
    ActionReminders r = new ActionReminders(series, tracker, notifier, jobs, links, clock);
    jobs.handle(KIND, r::run);
    return r;
  }

  static String jobId(String seriesId, String itemId, When when, String deadline) {
    return KIND + "/" + seriesId + "/" + itemId + "/" + when.wire + "/" + deadline;
  }

  /** The series' time zone ({@link Schedule#DEFAULT_ZONE} when it has none or an unknown one). */
  public static ZoneId zone(Series s) {
    Schedule sc = s.details() == null ? null : s.details().schedule();
    try {
      return ZoneId.of(sc == null || sc.zone() == null ? Schedule.DEFAULT_ZONE : sc.zone());
    } catch (DateTimeException e) {
      return ZoneId.of(Schedule.DEFAULT_ZONE);
    }
  }

  /** {@link #AT} on {@code day} in {@code zone}. */
  static Instant at(LocalDate day, ZoneId zone) {
    return day.atTime(AT).atZone(zone).toInstant();
  }

  /** The reminders of every open item of {@code items} that has a deadline, and the series' digest. */
  public Future<Void> schedule(Series s, List<TrackedItem> items) {
    List<Future<Void>> all = new ArrayList<>();
    for (TrackedItem i : items) {
      if (i.status() != ActionStatus.DONE) {
        all.add(reminders(s, i.id(), i.deadline()));
      }
    }
    return Future.all(all).compose(v -> items.stream().anyMatch(i -> i.status() != ActionStatus.DONE
        && day(i.deadline()).isPresent()) ? digest.schedule(s, clock.instant()) : Future.succeededFuture());
  }

  /**
   * The reminders of item {@code itemId} for {@code deadline} (nothing for none or one that is not an ISO date)
   * whose time has not passed, and the series' digest.
   */
  public Future<Void> scheduleItem(Series s, String itemId, String deadline) {
    return day(deadline).isEmpty() ? Future.succeededFuture()
        : reminders(s, itemId, deadline).compose(v -> digest.schedule(s, clock.instant()));
  }

  private Future<Void> reminders(Series s, String itemId, String deadline) {
    Optional<LocalDate> day = day(deadline);
    if (day.isEmpty()) {
      return Future.succeededFuture();
    }
    ZoneId zone = zone(s);
    Instant now = clock.instant();
    List<Future<Void>> all = new ArrayList<>();
    for (When w : When.values()) {
      Instant due = at(day.get().plusDays(w.days), zone);
      if (!due.isBefore(now)) {
        all.add(jobs.schedule(Job.of(jobId(s.id(), itemId, w, day.get().toString()), KIND, due, new JsonObject()
            .put("series", s.id()).put("item", itemId).put("kind", w.wire).put("deadline", day.get().toString()))));
      }
    }
    return Future.all(all).mapEmpty();
  }

  static Optional<LocalDate> day(String deadline) {
    if (deadline == null || deadline.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(deadline.strip()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private Future<JobResult> run(Job job) {
    JsonObject p = job.payload();
    String seriesId = p.getString("series", "");
    String itemId = p.getString("item", "");
    String deadline = p.getString("deadline", "");
    Optional<When> when = When.ofWire(p.getString("kind", ""));
    if (when.isEmpty()) {
      return Future.succeededFuture(new JobResult.Failed("unknown reminder kind " + p.getString("kind")));
    }
    return series.load(seriesId).compose(stored -> tracker.load(seriesId).compose(t -> {
      Series s = stored.series();
      Optional<TrackedItem> item = t.tracker().item(itemId)
          .filter(i -> i.status() != ActionStatus.DONE
              && day(i.deadline()).map(LocalDate::toString).orElse("").equals(deadline));
      Optional<Member> owner = item.flatMap(i -> i.ownerId() == null ? Optional.empty() : s.member(i.ownerId()))
          .filter(m -> m.email() != null && !m.email().isBlank());
      if (owner.isEmpty()) {
        return Future.succeededFuture(JobResult.done());
      }
      return notifier.enqueue(message(job.id(), s, item.get(), owner.get(), when.get(), links.personal(s, owner.get())))
          .map(JobResult.done());
    })).recover(e -> e instanceof SeriesRefusal r && r.rejection().code() == ErrorCode.NOT_FOUND
        ? Future.succeededFuture(JobResult.done()) : Future.failedFuture(e));
  }

  /** The reminder email: the task, its deadline and delivery standard, and the owner's own page link. */
  static Message message(String jobId, Series s, TrackedItem i, Member owner, When when, String link) {
    Language lang = s.details().language();
    boolean zh = lang == Language.ZH_CN;
    String lead = switch (when) {
      case BEFORE -> zh ? "行动项明天到期：" : "Action item due tomorrow: ";
      case DUE -> zh ? "行动项今天到期：" : "Action item due today: ";
      case OVERDUE -> zh ? "行动项已逾期：" : "Action item overdue: ";
    };
    StringBuilder b = new StringBuilder();
    b.append("**").append(s.details().title()).append("**\n\n")
        .append("- ").append(zh ? "任务：" : "Task: ").append(i.task()).append("\n")
        .append("- ").append(zh ? "截止日期：" : "Deadline: ").append(i.deadline()).append("\n");
    if (i.standard() != null && !i.standard().isBlank()) {
      b.append("- ").append(zh ? "交付标准：" : "Delivery standard: ").append(i.standard()).append("\n");
    }
    String tail = "\n\n" + (zh ? "完成后请在你的会议页面更新状态（请勿转发）：" : "Update its status on your meeting page "
        + "(do not forward it): ") + link;
    return new Message(jobId + "/mail", s.id(), new Destination.Mailbox(List.of(owner.email())), lang,
        NotifiedNotices.shorten(lead + i.task(), Message.MAX_TITLE),
        NotifiedNotices.fit(b.toString().strip(), tail, lang), List.of(), null);
  }
}
