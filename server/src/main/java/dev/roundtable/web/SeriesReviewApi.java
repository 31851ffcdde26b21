package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.RoomState;
import dev.roundtable.protocol.Headers;
import dev.roundtable.review.ReviewService;
import dev.roundtable.review.core.Metrics;
import dev.roundtable.room.RoomService;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Series;
import dev.roundtable.tracker.TrackerOwner;
import dev.roundtable.tracker.core.TrackedItem;
import dev.roundtable.web.SeriesAccess.Access;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The series' review figures (PROTOCOL.md §14.10): {@code GET /api/series/:seriesId/review?from=&to=}, the
 * coordinator's link only. HTTP only: it gathers the stored data of the period — the tracker's items, the ratings
 * and the rooms of the occurrences held in their live room (read through {@link RoomService#view}, which changes
 * nothing) — and hands them to {@link Metrics#report}, the pure rules. Bad dates are {@code 400 INVALID_FIELD}.
 */
public final class SeriesReviewApi implements ApiRoutes {
  /** The period shown when none is asked for: the last 90 days, today included. */
  static final int DEFAULT_DAYS = 90;
  /** The longest period asked for, bounding the rooms one request reads. */
  static final int MAX_DAYS = 366;

  private final SeriesAccess access;
  private final TrackerOwner tracker;
  private final ReviewService reviews;
  private final RoomService rooms;
  private final Clock clock;

  public SeriesReviewApi(SeriesApi series, ActionsApi actions, ReviewService reviews, RoomService rooms,
      Clock clock) {
    this.access = series.access();
    this.tracker = actions.tracker();
    this.reviews = reviews;
    this.rooms = rooms;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/series/:seriesId/review").handler(ctx -> access.coordinator(ctx, this::review));
  }

  private void review(RoutingContext ctx, Access a) {
    Series s = a.series();
    ZoneId zone = ActionsApi.zone(s);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate from;
    LocalDate to;
    try {
      to = date(ctx, "to", today.plusDays(1));
      from = date(ctx, "from", to.minusDays(DEFAULT_DAYS));
    } catch (IllegalArgumentException e) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, e.getMessage());
      return;
    }
    if (!from.isBefore(to)) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "from must be before to (to is not included)");
      return;
    }
    if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "the period is longer than " + MAX_DAYS + " days");
      return;
    }
    List<Occurrence> held = s.occurrences().stream().filter(o -> o.roomId() != null)
        .filter(o -> within(day(o.start(), zone), from, to)).toList();
    SeriesApi.reply(ctx, 200, () -> tracker.load(s.id()).compose(st ->
        reviews.scores(held.stream().map(Occurrence::roomId).toList()).compose(scores ->
            meetings(held, zone, scores).map(meetings -> {
              List<Metrics.Action> actions = st.tracker().items().stream().map(i -> action(i, zone)).toList();
              Map<String, String> names = new HashMap<>();
              st.tracker().items().forEach(i -> {
                if (i.ownerId() != null) {
                  names.put(i.ownerId(), i.ownerName());
                }
              });
              return json(s, zone, today, Metrics.report(from, to, today, actions, meetings), names, held);
            }))));
  }

  private Future<List<Metrics.Meeting>> meetings(List<Occurrence> held, ZoneId zone,
      Map<String, List<Integer>> scores) {
    List<Future<Metrics.Meeting>> each = new ArrayList<>();
    for (Occurrence o : held) {
      each.add(rooms.view(o.roomId(), Headers.SYSTEM_ACTOR).map((RoomState room) -> room.meeting() == null ? null
          : Metrics.Meeting.of(o.id(), day(o.start(), zone), room, scores.getOrDefault(o.roomId(), List.of()))));
    }
    return Future.all(each).map(all -> each.stream().map(Future::result).filter(m -> m != null).toList());
  }

  private static Metrics.Action action(TrackedItem i, ZoneId zone) {
    return new Metrics.Action(i.department(), i.ownerId(), i.ownerName(),
        i.deadline() == null ? null : LocalDate.parse(i.deadline()), day(i.createdAt(), zone),
        i.doneAt() == null ? null : day(i.doneAt(), zone));
  }

  private static JsonObject json(Series s, ZoneId zone, LocalDate today, Metrics.Report r, Map<String, String> names,
      List<Occurrence> held) {
    Map<String, Occurrence> byId = new HashMap<>();
    held.forEach(o -> byId.put(o.id(), o));
    JsonArray departments = new JsonArray();
    r.byDepartment().forEach((d, c) -> departments.add(completion(c).put("department", dept(d))));
    JsonArray owners = new JsonArray();
    r.byOwner().forEach((o, c) -> owners.add(completion(c).put("ownerId", dept(o))
        .put("ownerName", Metrics.NONE.equals(o) ? null : names.get(o))));
    JsonArray meetings = new JsonArray();
    for (Metrics.MeetingRow m : r.meetings()) {
      meetings.add(new JsonObject().put("occurrenceId", m.occurrenceId()).put("date", m.day().toString())
          .put("start", SeriesViews.iso(byId.get(m.occurrenceId()).start()))
          .put("ratings", m.ratings()).put("average", round(m.average(), 2))
          .put("plannedMinutes", minutes(m.plannedSeconds())).put("actualMinutes", minutes(m.actualSeconds()))
          .put("timeboxed", m.timeboxed()).put("overran", m.overran()));
    }
    JsonArray speaking = new JsonArray();
    for (Metrics.Share sh : r.speaking()) {
      speaking.add(new JsonObject().put("department", dept(sh.department()))
          .put("speakingSeconds", sh.speakingSeconds()).put("speakingShare", round(sh.speakingShare(), 3))
          .put("attendees", sh.attendees()).put("attendeeShare", round(sh.attendeeShare(), 3)));
    }
    return new JsonObject().put("seriesId", s.id()).put("timeZone", zone.getId()).put("today", today.toString())
        .put("from", r.from().toString()).put("to", r.to().toString())
        .put("actions", completion(r.completion())).put("actionsByDepartment", departments)
        .put("actionsByOwner", owners)
        .put("ratings", new JsonObject().put("count", r.ratings()).put("average", round(r.averageRating(), 2)))
        .put("meetings", meetings)
        .put("time", new JsonObject().put("plannedMinutes", minutes(r.plannedSeconds()))
            .put("actualMinutes", minutes(r.actualSeconds())).put("timeboxed", r.timeboxed())
            .put("overran", r.overran()).put("overrunRate", round(r.overrunRate(), 3)))
        .put("speaking", speaking);
  }

  private static JsonObject completion(Metrics.Completion c) {
    return new JsonObject().put("doneOnTime", c.doneOnTime()).put("doneLate", c.doneLate())
        .put("openOverdue", c.openOverdue()).put("openNotDue", c.openNotDue()).put("total", c.total())
        .put("due", c.due()).put("rate", round(c.rate(), 3));
  }

  private static LocalDate date(RoutingContext ctx, String name, LocalDate otherwise) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      if (v.length() != 10) {
        throw new DateTimeParseException("not YYYY-MM-DD", v, 0);
      }
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a date YYYY-MM-DD");
    }
  }

  private static LocalDate day(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
  }

  private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
    return !d.isBefore(from) && d.isBefore(to);
  }

  private static String dept(String d) {
    return Metrics.NONE.equals(d) ? null : d;
  }

  private static double minutes(long seconds) {
    return Math.round(seconds / 6.0) / 10.0;
  }

  private static Double round(Double v, int places) {
    if (v == null) {
      return null;
    }
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
