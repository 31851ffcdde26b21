package dev.roundtable.series;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.protocol.Codec;
import dev.roundtable.domain.PreparedMeetingCommands.Person;
import dev.roundtable.room.RoomIds;
import dev.roundtable.room.RoomService;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobQueue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The way from a series link into an occurrence's live room, in three steps, each safe to repeat:
 * <ol>
 *   <li>the series records the occurrence's room id ({@link OccurrenceCommands.OpenRoom}); of several callers
 *   at once, exactly one id wins, and everyone goes on with that one;</li>
 *   <li>the room is made to exist as the occurrence prepared it ({@link OccurrenceMeeting}), with a join code;
 *   a room that exists already stays as it is, so a caller that died between the steps leaves nothing half
 *   done that the next one does not finish;</li>
 *   <li>the caller joins by the key the room knows them by: the coordinator is the facilitator, a member is the
 *   participant the room was prepared with (or one made for them, as for someone added since), so joining
 *   twice, or from two devices, is the same participant.</li>
 * </ol>
 * The room is then an ordinary room: everything after goes through its own commands.
 *
 * <p>Between the first and second step, every entry also schedules the occurrence's follow-up, a durable
 * {@value #FOLLOW_UP} job due at the occurrence's planned end (id {@code meeting.followup/<sid>/<oid>}; payload
 * {@code {series, occurrence, room, end}}), which takes the finalized minutes' action items into the series'
 * tracker. Scheduling the same id again leaves a waiting job as it is and a finished one finished, so repeating
 * it costs one write and a node that died after the first step leaves no meeting without its follow-up. Its
 * handler is registered elsewhere (the tracker); this package only names it.
 */
public final class OccurrenceRooms {
  /** The job kind of an occurrence's follow-up after its meeting. */
  public static final String FOLLOW_UP = "meeting.followup";

  private final SeriesOwner owner;
  private final RoomService rooms;
  private final JobQueue jobs;
  private final OpenActionItems openItems;

  private OccurrenceRooms(SeriesOwner owner, RoomService rooms, JobQueue jobs, OpenActionItems openItems) {
    this.owner = owner;
    this.rooms = rooms;
    this.jobs = jobs;
    this.openItems = openItems;
  }

  /** {@code openItems}: what the next meeting's first agenda item reviews (the series' open action items). */
  public static OccurrenceRooms create(SeriesOwner owner, RoomService rooms, JobQueue jobs, OpenActionItems openItems) {
    return new OccurrenceRooms(owner, rooms, jobs, openItems);
  }

  /** The id of the first follow-up run of an occurrence ({@code meeting.followup/<sid>/<oid>}). */
  public static String followUpId(String seriesId, String occurrenceId) {
    return FOLLOW_UP + "/" + seriesId + "/" + occurrenceId;
  }

  /** Opens (or finds) the room of {@code occurrenceId} and admits {@code actor}, the coordinator or a member. */
  public Future<RoomService.Admission> enter(String seriesId, SeriesActor actor, String occurrenceId) {
    String candidate = RoomIds.next();
    return owner.apply(seriesId, actor, s -> new OccurrenceCommands.OpenRoom(Recurrence.slotOf(s, occurrenceId),
            candidate))
        .compose(r -> {
          Series s = r.series();
          String roomId = (String) r.result().get("roomId");
          // A room with its join code went through every step (the code is registered last): only join.
          return rooms.joinCodeOf(roomId).compose(code -> code.isPresent() ? admit(s, actor, roomId)
              : prepare(s, occurrenceId, roomId).compose(v -> admit(s, actor, roomId)));
        });
  }

  /** Schedules the follow-up and creates the room; each step can be repeated after a crash between them. */
  private Future<String> prepare(Series s, String occurrenceId, String roomId) {
    Occurrence o = s.occurrence(occurrenceId).orElseThrow();
    return jobs.schedule(Job.of(followUpId(s.id(), o.id()), FOLLOW_UP, Instant.ofEpochMilli(o.end()),
            new JsonObject().put("series", s.id()).put("occurrence", o.id()).put("room", roomId).put("end", o.end())))
        .recover(e -> Future.failedFuture(new SeriesRefusal(ErrorCode.UNAVAILABLE,
            "the meeting's follow-up could not be scheduled; retry")))
        .compose(v -> openItems.of(s))
        .compose(open -> rooms.openPrepared(roomId, Codec.toJson(OccurrenceMeeting.of(s, o, open))));
  }

  private Future<RoomService.Admission> admit(Series s, SeriesActor actor, String roomId) {
    Member m = actor.kind() == SeriesActor.Kind.MEMBER ? s.member(actor.memberId()).orElse(null) : null;
    if (actor.kind() == SeriesActor.Kind.MEMBER && m == null) {
      return Future.failedFuture(new SeriesRefusal(ErrorCode.UNAUTHORIZED, "the link belongs to nobody in this series"));
    }
    Person p = m == null ? OccurrenceMeeting.coordinator(s) : OccurrenceMeeting.person(m);
    return rooms.joinByKey(roomId, p.key(), p.name(), p.department());
  }

}
