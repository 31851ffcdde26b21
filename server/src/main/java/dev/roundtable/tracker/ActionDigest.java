package dev.roundtable.tracker;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.core.Message;
import dev.roundtable.series.ChatDestinations;
import dev.roundtable.series.NotifiedNotices;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.Series;
import dev.roundtable.tracker.core.TrackedItem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The daily digest of a series' action items for its chat groups: a {@value #KIND} job per series and day
 * ({@code action.digest/<sid>/<yyyy-MM-dd>}), due at {@link ActionReminders#AT} in the series' time zone. A run
 * posts one message to each chat group listing the open items due that day and those overdue (task, owner,
 * deadline; owners mentioned by their id on that service; no personal link), key {@code <job id>/chat/<groupId>},
 * and nothing on a day with neither. Chat groups get this instead of one message per item, which keeps a busy
 * series within the robots' rate limits. While the series has open items with deadlines, every run schedules the
 * next day's run as a job of its own; then the digest stops until {@link ActionReminders} schedules it again.
 */
final class ActionDigest {
  static final String KIND = "action.digest";

  private final SeriesOwner series;
  private final TrackerOwner tracker;
  private final Notifier notifier;
  private final JobQueue jobs;

  private ActionDigest(SeriesOwner series, TrackerOwner tracker, Notifier notifier, JobQueue jobs) {
    this.series = series;
    this.tracker = tracker;
    this.notifier = notifier;
    this.jobs = jobs;
  }

  static ActionDigest register(SeriesOwner series, TrackerOwner tracker, Notifier notifier, JobQueue jobs) {
    ActionDigest d = new ActionDigest(series, tracker, notifier, jobs);
    jobs.handle(KIND, d::run);
    return d;
  }

  static String jobId(String seriesId, LocalDate day) {
    return KIND + "/" + seriesId + "/" + day;
  }

  /** Schedules the series' next digest after {@code now}: today's when it is not yet due, else tomorrow's. */
  Future<Void> schedule(Series s, Instant now) {
    ZoneId zone = ActionReminders.zone(s);
    LocalDate today = now.atZone(zone).toLocalDate();
    return scheduleFor(s.id(), ActionReminders.at(today, zone).isBefore(now) ? today.plusDays(1) : today, zone);
  }

  private Future<Void> scheduleFor(String seriesId, LocalDate day, ZoneId zone) {
    return jobs.schedule(Job.of(jobId(seriesId, day), KIND, ActionReminders.at(day, zone),
        new JsonObject().put("series", seriesId).put("date", day.toString())));
  }

  private Future<JobResult> run(Job job) {
    String seriesId = job.payload().getString("series", "");
    LocalDate day;
    try {
      day = LocalDate.parse(job.payload().getString("date", ""));
    } catch (DateTimeException e) {
      return Future.succeededFuture(new JobResult.Failed("no date in the digest's payload"));
    }
    return series.load(seriesId).compose(stored -> tracker.load(seriesId).compose(t -> {
      Series s = stored.series();
      List<TrackedItem> open = t.tracker().items().stream()
          .filter(i -> i.status() != ActionStatus.DONE && ActionReminders.day(i.deadline()).isPresent()).toList();
      List<Future<Boolean>> sent = new ArrayList<>();
      messages(job.id(), s, open, day).forEach(m -> sent.add(notifier.enqueue(m)));
      return Future.all(sent).compose(v -> open.isEmpty() ? Future.succeededFuture()
          : scheduleFor(seriesId, day.plusDays(1), ActionReminders.zone(s))).map(JobResult.done());
    })).recover(e -> e instanceof SeriesRefusal r && r.rejection().code() == ErrorCode.NOT_FOUND
        ? Future.succeededFuture(JobResult.done()) : Future.failedFuture(e));
  }

  /** One message per chat group, or none when nothing of {@code open} is due on {@code day} or overdue. */
  static List<Message> messages(String jobId, Series s, List<TrackedItem> open, LocalDate day) {
    List<TrackedItem> due = open.stream().filter(i -> ActionReminders.day(i.deadline()).get().equals(day)).toList();
    List<TrackedItem> overdue = open.stream().filter(i -> ActionReminders.day(i.deadline()).get().isBefore(day))
        .toList();
    if ((due.isEmpty() && overdue.isEmpty()) || s.chatGroups().isEmpty()) {
      return List.of();
    }
    Language lang = s.details().language();
    boolean zh = lang == Language.ZH_CN;
    String title = NotifiedNotices.shorten((zh ? "行动项日报：" : "Action items: ") + s.details().title() + " " + day,
        Message.MAX_TITLE);
    StringBuilder b = new StringBuilder();
    if (!due.isEmpty()) {
      b.append("**").append(zh ? "今天到期" : "Due today").append("**\n\n");
      due.forEach(i -> b.append(line(i, day, zh)));
      b.append("\n");
    }
    if (!overdue.isEmpty()) {
      b.append("**").append(zh ? "已逾期" : "Overdue").append("**\n\n");
      overdue.forEach(i -> b.append(line(i, day, zh)));
    }
    String text = NotifiedNotices.fit(b.toString().strip(), "\n\n" + (zh ? "请负责人在自己的会议页面更新状态。"
        : "Owners, please update the status on your own meeting page."), lang);
    List<Message> out = new ArrayList<>();
    List<TrackedItem> listed = new ArrayList<>(due);
    listed.addAll(overdue);
    for (ChatGroup g : s.chatGroups()) {
      out.add(new Message(jobId + "/chat/" + g.id(), s.id(), ChatDestinations.of(g), lang, title, text,
          mentions(s, listed, g.service()), null));
    }
    return out;
  }

  private static String line(TrackedItem i, LocalDate day, boolean zh) {
    String owner = i.ownerName() == null || i.ownerName().isBlank() ? (zh ? "未定" : "not set") : i.ownerName();
    StringBuilder b = new StringBuilder("- ").append(i.task()).append(zh ? " — 负责人 " : " — owner ").append(owner);
    LocalDate deadline = ActionReminders.day(i.deadline()).get();
    if (deadline.isBefore(day)) {
      long late = ChronoUnit.DAYS.between(deadline, day);
      b.append(zh ? "，截止 " + deadline + "（逾期 " + late + " 天）"
          : ", due " + deadline + " (" + late + (late == 1 ? " day" : " days") + " overdue)");
    }
    return b.append("\n").toString();
  }

  /** The ids on {@code service} of the listed items' member owners, each once. */
  private static List<String> mentions(Series s, List<TrackedItem> items, ChatGroup.ChatService service) {
    Set<String> ids = new LinkedHashSet<>();
    for (TrackedItem i : items) {
      if (i.ownerId() != null) {
        s.member(i.ownerId()).map(m -> service.mention(m.mentions())).filter(id -> id != null).ifPresent(ids::add);
      }
    }
    return NotifiedNotices.mentionable(ids);
  }
}
