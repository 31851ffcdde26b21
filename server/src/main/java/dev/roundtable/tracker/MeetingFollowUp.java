package dev.roundtable.tracker;

import dev.roundtable.domain.ActionItem;
import dev.roundtable.domain.AgendaItem;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.PreparedMeetingCommands.Person;
import dev.roundtable.domain.RoomState;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.room.RoomService;
import dev.roundtable.series.OccurrenceMeeting;
import dev.roundtable.series.MinutesDelivery;
import dev.roundtable.series.OccurrenceRooms;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Series;
import dev.roundtable.tracker.core.Tracker;
import dev.roundtable.tracker.core.TrackerActor;
import dev.roundtable.tracker.core.TrackerCommands;
import dev.roundtable.tracker.core.TrackerCommands.Imported;
import dev.roundtable.tracker.core.TrackerCommands.Owner;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an occurrence after its meeting: the handler of the durable {@value OccurrenceRooms#FOLLOW_UP}
 * job that opening its live room scheduled for its planned end. A run reads the room as its facilitator (the
 * coordinator's key, {@link RoomService#joinByKey}, which changes nothing for a key the room knows). While the
 * minutes are not finalized, it schedules the next run {@link #EVERY} later, as a job of its own
 * ({@code meeting.followup/<sid>/<oid>/<n>}: a finished id cannot run again, and the queue's attempt limit must
 * not end the waiting), until {@link #GIVE_UP_AFTER} past the end; a room or store that cannot be reached is
 * looked at again the same way. Once they are, it takes the steps after the
 * meeting, each idempotent so that a run repeated after a crash changes nothing twice:
 * <ol>
 *   <li>the minutes' action items into the series' tracker ({@link TrackerCommands.ImportFromMeeting}, keyed by
 *   room id + the room's action id), each owner matched to a member: the participant of that name's series key,
 *   else the member of exactly that name, else none (the name is kept);</li>
 *   <li>their reminders and the series' daily chat digest scheduled ({@link ActionReminders}, idempotent ids),
 *   before the run is done, so a run repeated after a crash schedules them again;</li>
 *   <li>until then, the coordinator reminded when the minutes are not final 2 h and 24 h after the end;</li>
 *   <li>the minutes delivered ({@link MinutesDelivery}: attendees, informed members, the coordinator, the chat
 *   groups; keyed, so a second run sends nothing twice).</li>
 * </ol>
 */
public final class MeetingFollowUp {
  private static final Logger LOG = LoggerFactory.getLogger(MeetingFollowUp.class);
  /** How often a meeting whose minutes are not final is looked at again. */
  public static final Duration EVERY = Duration.ofMinutes(15);
  /** How long after the planned end the follow-up waits for the minutes at most. */
  public static final Duration GIVE_UP_AFTER = Duration.ofDays(7);

  private final SeriesOwner series;
  private final RoomService rooms;
  private final TrackerOwner tracker;
  private final JobQueue jobs;
  private final Clock clock;
  private final MinutesDelivery minutes;
  private final ActionReminders reminders;

  private MeetingFollowUp(SeriesOwner series, RoomService rooms, TrackerOwner tracker, JobQueue jobs, Clock clock,
      MinutesDelivery minutes, ActionReminders reminders) {
    this.minutes = minutes;
    this.reminders = reminders;
    this.series = series;
    this.rooms = rooms;
    this.tracker = tracker;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Registers the follow-up's handler on {@code jobs} (call before the queue starts). */
  public static MeetingFollowUp register(SeriesOwner series, RoomService rooms, TrackerOwner tracker, JobQueue jobs,
      Clock clock, MinutesDelivery minutes, ActionReminders reminders) {
    MeetingFollowUp f = new MeetingFollowUp(series, rooms, tracker, jobs, clock, minutes, reminders);
    jobs.handle(OccurrenceRooms.FOLLOW_UP, f::run);
    return f;
  }

  Future<JobResult> run(Job job) {
    JsonObject p = job.payload();
    String seriesId = p.getString("series", "");
    String occurrenceId = p.getString("occurrence", "");
    String roomId = p.getString("room", "");
    long end = p.getLong("end", 0L);
    int run = p.getInteger("run", 0);
    return series.load(seriesId).compose(stored -> {
      Series s = stored.series();
      Person facilitator = OccurrenceMeeting.coordinator(s);
      return rooms.joinByKey(roomId, facilitator.key(), facilitator.name(), facilitator.department())
          .compose(in -> rooms.view(roomId, in.participantId()))
          .compose(room -> room.minutes().finalized()
              ? afterMinutes(s, occurrenceId, room).map(JobResult.done())
              : remindIfLate(s, occurrenceId, room)
                  .compose(v -> later(job, seriesId, occurrenceId, roomId, end, run, "the minutes are not final yet")));
    }).recover(e -> {
      if (e instanceof SeriesRefusal r && r.rejection().code() == ErrorCode.NOT_FOUND) {
        return Future.succeededFuture(JobResult.done());
      }
      // The room or a store could not be reached: look again later, like minutes not final yet (a run that
      // cannot even schedule that fails, and the queue retries it).
      LOG.warn("series {} occurrence {}: follow-up run {} failed ({}); looking again in {}", seriesId, occurrenceId,
          run, e.toString(), EVERY);
      return later(job, seriesId, occurrenceId, roomId, end, run, "the room could not be read");
    });
  }

  /** The steps once the minutes are final. Each must be idempotent. */
  private Future<Void> afterMinutes(Series s, String occurrenceId, RoomState room) {
    return importActions(s, occurrenceId, room)
        .compose(t -> reminders.schedule(s, t.items().stream()
            .filter(i -> i.source() != null && room.roomId().equals(i.source().roomId())).toList()))
        .compose(v -> s.occurrence(occurrenceId)
        .map(o -> minutes.deliver(s, o, room)).orElseGet(Future::succeededFuture));
  }

  /** Minutes not final 2 h, then 24 h after the end: the coordinator is reminded, once each. */
  private Future<Void> remindIfLate(Series s, String occurrenceId, RoomState room) {
    return s.occurrence(occurrenceId).map(o -> minutes.remindIfLate(s, o, room, clock.millis()))
        .orElseGet(Future::succeededFuture);
  }

  private Future<Tracker> importActions(Series s, String occurrenceId, RoomState room) {
    List<Imported> items = room.actionItems().stream().map(a -> imported(s, room, a)).toList();
    return tracker.apply(s.id(), TrackerActor.SYSTEM,
            t -> new TrackerCommands.ImportFromMeeting(occurrenceId, room.roomId(), items))
        .onSuccess(r -> LOG.info("series {} occurrence {}: {} action item(s) taken into the tracker", s.id(),
            occurrenceId, r.result().get("imported")))
        .map(TrackerOwner.Result::tracker);
  }

  /** The run after this one, {@link #EVERY} from now, or none when the follow-up has waited long enough. */
  private Future<JobResult> later(Job job, String seriesId, String occurrenceId, String roomId, long end, int run,
      String why) {
    Instant next = clock.instant().plus(EVERY);
    if (next.isAfter(Instant.ofEpochMilli(end).plus(GIVE_UP_AFTER))) {
      LOG.info("series {} occurrence {}: {} {} after the meeting; the follow-up stops", seriesId, occurrenceId, why,
          GIVE_UP_AFTER);
      return Future.succeededFuture(JobResult.done());
    }
    JsonObject payload = job.payload().copy().put("run", run + 1);
    return jobs.schedule(Job.of(OccurrenceRooms.followUpId(seriesId, occurrenceId) + "/" + (run + 1),
        OccurrenceRooms.FOLLOW_UP, next, payload)).map(JobResult.done());
  }

  /** A room action item as the tracker takes it, its owner matched to a member of the series. */
  static Imported imported(Series s, RoomState room, ActionItem a) {
    Owner owner = owner(s, room, a.owner());
    String agenda = a.itemId() == null ? null : room.item(a.itemId()).map(AgendaItem::title).orElse(null);
    return new Imported(a.id(), a.task(), owner, a.standard(), a.deadline(), a.status(), agenda);
  }

  /**
   * The member {@code text} names: the room participant of that name whose key is a member's, else the one
   * member of exactly that name; otherwise nobody (the name is kept).
   */
  static Owner owner(Series s, RoomState room, String text) {
    if (text == null || text.isBlank()) {
      return new Owner(null, null, null);
    }
    String name = text.strip();
    Optional<Member> byKey = room.participants().values().stream()
        .filter(p -> name.equals(p.name()))
        .flatMap(p -> OccurrenceMeeting.memberIdOf(p.key()).flatMap(s::member).stream()).findFirst();
    Optional<Member> m = byKey.isPresent() ? byKey : uniqueByName(s, name);
    return m.map(x -> new Owner(x.id(), x.name(), x.department())).orElse(new Owner(null, name, null));
  }

  private static Optional<Member> uniqueByName(Series s, String name) {
    List<Member> named = s.members().stream().filter(m -> name.equals(m.name())).toList();
    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
  }
}
