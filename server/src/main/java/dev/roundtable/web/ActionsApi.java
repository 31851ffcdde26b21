package dev.roundtable.web;

import static dev.roundtable.web.SeriesRequests.name;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.notify.Notifier;
import dev.roundtable.room.RoomService;
import dev.roundtable.series.MinutesDelivery;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Series;
import dev.roundtable.tracker.ActionReminders;
import dev.roundtable.tracker.MeetingFollowUp;
import dev.roundtable.tracker.TrackerExport;
import dev.roundtable.tracker.TrackerOwner;
import dev.roundtable.tracker.core.Progress;
import dev.roundtable.tracker.core.TrackedItem;
import dev.roundtable.tracker.core.Tracker;
import dev.roundtable.tracker.core.TrackerActor;
import dev.roundtable.tracker.core.TrackerCommands;
import dev.roundtable.web.SeriesAccess.Access;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The action tracker's REST routes (PROTOCOL.md §14.8): HTTP only. The link is checked by the series'
 * {@link SeriesAccess}; the body becomes a {@code tracker.core} command for the {@link TrackerOwner}; a refusal
 * is {@code {code, message}} and changes nothing. The coordinator sees and filters every item and edits deadline
 * and owner; a member sees their own items ({@code ?mine=true}) and reports progress on them.
 */
public final class ActionsApi implements ApiRoutes {
  static final int MAX_BODY_BYTES = 8 * 1024;
  private static final int FILTER_CHARS = 100;

  private final SeriesAccess access;
  private final TrackerOwner tracker;
  private final Clock clock;
  private final ActionReminders reminders;

  private ActionsApi(SeriesAccess access, TrackerOwner tracker, Clock clock, ActionReminders reminders) {
    this.access = access;
    this.tracker = tracker;
    this.clock = clock;
    this.reminders = reminders;
  }

  /**
   * The routes of {@code tracker}, for the series of {@code series}; registers the meetings' follow-up
   * ({@link MeetingFollowUp}, reading rooms through {@code rooms}) and the deadline reminders and daily digest
   * ({@link ActionReminders}) on {@code jobs} (call before the queue starts).
   */
  public static ActionsApi create(TrackerOwner tracker, Clock clock, SeriesApi series, RoomService rooms,
      JobQueue jobs, Notifier notifier) {
    ActionReminders reminders = ActionReminders.create(series.owner(), tracker, notifier, jobs, series.links(), clock);
    MeetingFollowUp.register(series.owner(), rooms, tracker, jobs, clock,
        MinutesDelivery.create(notifier, series.links()), reminders);
    return new ActionsApi(series.access(), tracker, clock, reminders);
  }

  /** The trackers' owner, for the series' review ({@link SeriesReviewApi}). */
  TrackerOwner tracker() {
    return tracker;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    String a = "/api/series/:seriesId/actions";
    router.get(a).handler(ctx -> access.check(ctx, x -> list(ctx, x)));
    router.get("/api/series/:seriesId/actions.xlsx").handler(ctx -> access.coordinator(ctx, (c, x) -> export(c, x,
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", TrackerExport::xlsx)));
    router.get("/api/series/:seriesId/actions.csv").handler(ctx -> access.coordinator(ctx, (c, x) -> export(c, x,
        "csv", "text/csv; charset=utf-8", TrackerExport::csvBytes)));
    router.patch(a + "/:itemId").handler(body).handler(ctx -> access.coordinator(ctx, this::edit));
    router.post(a + "/:itemId/progress").handler(body).handler(ctx -> access.check(ctx, x -> progress(ctx, x)));
  }

  /**
   * {@code GET …/actions?department=&owner=&status=&overdue=true}, or a member's {@code ?mine=true}: the items
   * (filters combined), their counts by status and overdue, and what the filters can be set to.
   */
  /** How one export format is written. */
  @FunctionalInterface
  private interface Exporter {
    byte[] write(List<TrackedItem> items, Language language, LocalDate today);
  }

  /**
   * {@code GET …/actions.xlsx} and {@code …/actions.csv}: the whole tracker for the coordinator, in the series'
   * language, as an attachment (the pages fetch it with the link in the header and save it).
   */
  private void export(RoutingContext ctx, Access a, String extension, String contentType, Exporter exporter) {
    LocalDate today = today(a.series());
    // Writing a workbook takes POI a while (the first time, its classes too): off the event loop.
    tracker.load(a.series().id()).compose(st -> ctx.vertx().executeBlocking(() ->
        exporter.write(st.tracker().items(), a.series().details().language(), today), false)).onComplete(ar -> {
      if (ar.failed()) {
        SeriesApi.fail(ctx, ar.cause());
        return;
      }
      byte[] bytes = ar.result();
      ctx.response().setStatusCode(200).putHeader("content-type", contentType)
          .putHeader("content-disposition", "attachment; filename=\"actions-" + a.series().id() + "-" + today + "."
              + extension + "\"")
          .putHeader("x-content-type-options", "nosniff").putHeader("cache-control", "private, no-store")
          .end(Buffer.buffer(bytes));
    });
  }

  private void list(RoutingContext ctx, Access a) {
    boolean mine;
    Predicate<TrackedItem> filter;
    LocalDate today = today(a.series());
    try {
      mine = flag(ctx, "mine");
      if (a.member() != null && !mine) {
        HttpErrors.send(ctx, ErrorCode.FORBIDDEN, "a member sees their own action items: ?mine=true");
        return;
      }
      if (a.member() == null && mine) {
        HttpErrors.send(ctx, ErrorCode.FORBIDDEN, "mine=true needs a member's personal link");
        return;
      }
      filter = filter(ctx, today);
    } catch (IllegalArgumentException e) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, e.getMessage());
      return;
    }
    String me = a.member() == null ? null : a.member().id();
    SeriesApi.reply(ctx, 200, () -> tracker.load(a.series().id()).map(st -> {
      List<TrackedItem> all = st.tracker().items().stream().filter(i -> me == null || me.equals(i.ownerId()))
          .toList();
      List<TrackedItem> shown = all.stream().filter(filter).toList();
      JsonObject out = new JsonObject().put("seriesId", a.series().id()).put("today", today.toString())
          .put("timeZone", zone(a.series()).getId()).put("total", all.size())
          .put("counts", counts(shown, today))
          .put("items", new JsonArray(shown.stream().map(i -> item(a.series(), i, today)).toList()));
      if (me == null) {
        out.put("departments", new JsonArray(all.stream().map(TrackedItem::department).filter(d -> d != null)
            .distinct().sorted().toList()));
        Map<String, String> owners = new TreeMap<>();
        all.forEach(i -> owners.putIfAbsent(i.ownerId() == null ? "none" : i.ownerId(),
            i.ownerId() == null ? null : i.ownerName()));
        JsonArray list = new JsonArray();
        owners.forEach((id, ownerName) -> list.add(new JsonObject().put("ownerId", id).put("ownerName", ownerName)));
        out.put("owners", list);
      }
      return out;
    }));
  }

  /**
   * {@code PATCH …/actions/:itemId {deadline?, ownerId?}}: a new deadline (null or "" clears it) and/or owner. The
   * reminders of the open item's deadline after the edit are scheduled first (jobs of a deadline the item does not
   * get send nothing), so an edit is never stored without them.
   */
  private void edit(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b == null) {
      return;
    }
    String id = ctx.pathParam("itemId");
    SeriesApi.reply(ctx, 200, () -> {
      String deadline = b.containsKey("deadline") ? orEmpty(SeriesRequests.string(b, "deadline")) : null;
      TrackerCommands.Owner owner = null;
      if (b.containsKey("ownerId")) {
        String ownerId = SeriesRequests.string(b, "ownerId");
        Member m = ownerId == null ? null : a.series().member(ownerId).orElse(null);
        if (m == null) {
          throw SeriesRequests.invalid("ownerId must be a member of the series");
        }
        owner = new TrackerCommands.Owner(m.id(), m.name(), m.department());
      }
      TrackerCommands.Owner o = owner;
      return tracker.load(a.series().id())
          .compose(st -> st.tracker().item(id).filter(i -> i.status() != ActionStatus.DONE)
              .map(i -> reminders.scheduleItem(a.series(), id, deadline == null ? i.deadline() : deadline))
              .orElseGet(Future::succeededFuture))
          .compose(v -> tracker.apply(a.series().id(), TrackerActor.COORDINATOR,
              t -> new TrackerCommands.EditItem(id, deadline, o)))
          .map(r -> one(a.series(), r.tracker(), id));
    });
  }

  /**
   * {@code POST …/actions/:itemId/progress {status?, note?}}: the item's owner (their personal link) or the
   * coordinator; a status changes it (with the note, if any), a note alone is added to the log.
   */
  private void progress(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b == null) {
      return;
    }
    String id = ctx.pathParam("itemId");
    TrackerActor actor = a.member() == null ? TrackerActor.COORDINATOR : TrackerActor.member(a.member().id());
    SeriesApi.reply(ctx, 200, () -> {
      ActionStatus status = SeriesRequests.choice(b, "status", ActionStatus.class);
      String note = SeriesRequests.string(b, "note");
      Tracker.Command c = status == null ? new TrackerCommands.AddProgress(id, note)
          : new TrackerCommands.UpdateStatus(id, status, note);
      return tracker.apply(a.series().id(), actor, t -> c).map(r -> one(a.series(), r.tracker(), id));
    });
  }

  private JsonObject one(Series s, Tracker t, String id) {
    LocalDate today = today(s);
    return new JsonObject().put("item", t.item(id).map(i -> item(s, i, today)).orElse(null));
  }

  /** An item as the routes show it; {@code by} in its log is also given as a name. */
  static JsonObject item(Series s, TrackedItem i, LocalDate today) {
    ZoneId zone = zone(s);
    LocalDate doneOn = i.doneAt() == null ? null : Instant.ofEpochMilli(i.doneAt()).atZone(zone).toLocalDate();
    JsonArray log = new JsonArray();
    for (Progress p : i.progress()) {
      log.add(new JsonObject().put("at", SeriesViews.iso(p.at())).put("by", p.by()).put("byName", byName(s, p.by()))
          .put("status", name(p.status())).put("note", p.note()));
    }
    JsonObject source = i.source() == null ? null : new JsonObject().put("occurrenceId", i.source().occurrenceId())
        .put("roomId", i.source().roomId()).put("actionId", i.source().actionId())
        .put("agendaItem", i.source().agendaItem());
    return new JsonObject().put("id", i.id()).put("task", i.task()).put("ownerId", i.ownerId())
        .put("ownerName", i.ownerName()).put("department", i.department()).put("standard", i.standard())
        .put("deadline", i.deadline()).put("status", name(i.status())).put("overdue", i.overdue(today))
        .put("source", source).put("createdAt", SeriesViews.iso(i.createdAt()))
        .put("doneAt", i.doneAt() == null ? null : SeriesViews.iso(i.doneAt()))
        .put("doneLate", i.doneAt() == null ? null : TrackedItem.late(i.deadline(), doneOn))
        .put("progress", log).put("version", i.version());
  }

  private static String byName(Series s, String by) {
    if ("coordinator".equals(by)) {
      return s.details().coordinator().name();
    }
    return s.member(by).map(Member::name).orElse(null);
  }

  private static JsonObject counts(List<TrackedItem> items, LocalDate today) {
    Map<String, Object> c = new LinkedHashMap<>();
    for (ActionStatus st : ActionStatus.values()) {
      c.put(name(st), items.stream().filter(i -> i.status() == st).count());
    }
    c.put("overdue", items.stream().filter(i -> i.overdue(today)).count());
    return new JsonObject(c);
  }

  private static Predicate<TrackedItem> filter(RoutingContext ctx, LocalDate today) {
    String department = param(ctx, "department");
    String owner = param(ctx, "owner");
    String status = param(ctx, "status");
    boolean overdue = flag(ctx, "overdue");
    ActionStatus st = null;
    if (status != null) {
      try {
        st = ActionStatus.valueOf(status.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("status must be open, in_progress, done or blocked");
      }
    }
    ActionStatus wanted = st;
    return i -> (department == null || department.equals(i.department()))
        && (owner == null || ("none".equals(owner) ? i.ownerId() == null : owner.equals(i.ownerId())))
        && (wanted == null || i.status() == wanted)
        && (!overdue || i.overdue(today));
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > FILTER_CHARS) {
      throw new IllegalArgumentException(name + " is longer than " + FILTER_CHARS + " characters");
    }
    return v.strip();
  }

  private static boolean flag(RoutingContext ctx, String name) {
    String v = param(ctx, name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException(name + " must be true or false");
  }

  private LocalDate today(Series s) {
    return LocalDate.now(clock.withZone(zone(s)));
  }

  static ZoneId zone(Series s) {
    return ActionReminders.zone(s);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
