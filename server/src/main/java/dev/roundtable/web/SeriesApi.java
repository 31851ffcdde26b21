package dev.roundtable.web;

import static dev.roundtable.web.SeriesRequests.name;

import com.mongodb.client.MongoDatabase;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.jobs.JobQueue;
import dev.roundtable.notify.Notifier;
import dev.roundtable.review.PlanReminders;
import dev.roundtable.review.ReviewService;
import dev.roundtable.room.RoomRefusal;
import dev.roundtable.room.RoomService;
import dev.roundtable.series.OccurrenceRooms;
import dev.roundtable.series.OpenActionItems;
import dev.roundtable.series.ScheduledNotices;
import dev.roundtable.series.NoticeSender;
import dev.roundtable.series.NoticeText;
import dev.roundtable.series.PreReadFiles;
import dev.roundtable.series.OccurrenceMeeting;
import dev.roundtable.series.Recurrence;
import dev.roundtable.series.SeriesCalendar;
import dev.roundtable.series.SeriesLinks;
import dev.roundtable.series.SeriesNotices;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.series.SeriesStore;
import dev.roundtable.series.core.AgendaTemplate;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.PreRead;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesCommand;
import dev.roundtable.series.core.SeriesCommands;
import dev.roundtable.series.core.SeriesLimits;
import dev.roundtable.series.core.Slot;
import dev.roundtable.series.core.Warnings;
import dev.roundtable.web.SeriesAccess.Access;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The series' REST routes (PROTOCOL.md §14): HTTP only. It reads the link in {@code Authorization: Bearer}
 * (the coordinator's or a member's), checks it against the series' current link versions, turns the body
 * into a core command for the {@link SeriesOwner}, and the answer into JSON; a refusal becomes
 * {@code {code, message}} and changes nothing. Links (tokens) appear only in the replies that issue them
 * (creation, adding a member, rotation) and in a member's own feed URL; never in logs. The link check is
 * {@link SeriesAccess}; the chat groups' routes are {@link SeriesChannelsApi} and the pre-read files'
 * {@link PreReadFilesApi}, mounted with these. Removing a file pre-read deletes its bytes from
 * {@link PreReadFiles} once the series no longer names them.
 */
public final class SeriesApi implements ApiRoutes {
  /** Largest request body: an agenda of 50 items with long titles fits. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  /** Occurrences a view or the occurrences route lists by default, and at most. */
  public static final int DEFAULT_UPCOMING = Recurrence.DEFAULT_UPCOMING;
  public static final int MAX_UPCOMING = 52;
  private static final Pattern OCCURRENCE_ID = Pattern.compile("[0-9]{8}T[0-9]{4}");

  private final SeriesOwner owner;
  private final Tokens tokens;
  private final SeriesLinks links;
  private final RoundtableConfig config;
  private final Clock clock;
  private final Notifier notifier;
  private final OccurrenceRooms occurrenceRooms;
  private final ScheduledNotices scheduledNotices;
  private final PreReadFiles files;
  private final SeriesAccess access;
  private final ReviewService reviews;
  private final PlanReminders reminders;

  private SeriesApi(SeriesOwner owner, Tokens tokens, SeriesLinks links, RoundtableConfig config, Clock clock,
      Notifier notifier, OccurrenceRooms occurrenceRooms, ScheduledNotices scheduledNotices, PreReadFiles files,
      ReviewService reviews, PlanReminders reminders) {
    this.occurrenceRooms = occurrenceRooms;
    this.scheduledNotices = scheduledNotices;
    this.access = new SeriesAccess(tokens, owner);
    this.reviews = reviews;
    this.reminders = reminders;
    this.owner = owner;
    this.files = files;
    this.tokens = tokens;
    this.links = links;
    this.config = config;
    this.clock = clock;
    this.notifier = notifier;
  }

  /**
   * The series on the node's database, their notices handed to {@code sender}. {@code baseUrl} gives the
   * address people open (ending in {@code /}), asked when a link is written. {@code notifier} sends the chat
   * groups' test messages and tells the notifications' states. Notices whose hand-over failed are offered
   * again by jobs on {@code jobs} (call before the queue starts). {@code rooms} opens occurrences' live rooms;
   * {@code reviews} takes members' ratings of finished occurrences and tells the coordinator the results; a
   * due improvement plan is reminded of by {@link PlanReminders} jobs on {@code jobs}.
   */
  public static SeriesApi create(Vertx vertx, MongoDatabase database, Tokens tokens, RoundtableConfig config,
      Clock clock, NoticeSender sender, Notifier notifier, JobQueue jobs, Supplier<String> baseUrl,
      RoomService rooms, ReviewService reviews, OpenActionItems openItems) {
    SeriesLinks links = links(tokens, baseUrl);
    SeriesOwner owner = SeriesOwner.create(SeriesStore.create(vertx, database), clock,
        SeriesNotices.create(sender, links), jobs);
    return new SeriesApi(owner, tokens, links, config, clock, Objects.requireNonNull(notifier, "notifier"),
        OccurrenceRooms.create(owner, Objects.requireNonNull(rooms, "rooms"), jobs, openItems),
        ScheduledNotices.create(owner, jobs, clock), PreReadFiles.create(vertx, database),
        Objects.requireNonNull(reviews, "reviews"), PlanReminders.create(owner, reviews, notifier, jobs, clock));
  }

  /** The series' owner, for the routes beside these that follow a series (the action tracker's). */
  SeriesOwner owner() {
    return owner;
  }

  /** How members' links are written, for the routes and deliveries beside these. */
  SeriesLinks links() {
    return links;
  }

  /** The links' check these routes use. */
  SeriesAccess access() {
    return access;
  }

  /** A member's page link ({@code <base>series#<token>}) and calendar feed ({@code <base>api/series/feed/<token>}). */
  static SeriesLinks links(Tokens tokens, Supplier<String> baseUrl) {
    return new SeriesLinks() {
      @Override
      public String personal(Series s, Member m) {
        return base(baseUrl) + "series#" + tokens.issueSeriesMember(s.id(), m.id(), m.linkVersion());
      }

      @Override
      public String feed(Series s, Member m) {
        return base(baseUrl) + "api/series/feed/" + tokens.issueSeriesFeed(s.id(), m.id(), m.linkVersion());
      }
    };
  }

  private static String base(Supplier<String> baseUrl) {
    String b = baseUrl.get();
    return b.endsWith("/") ? b : b + "/";
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(DEFAULT_MAX_BODY_BYTES);
    RateLimitHandler creates = new RateLimitHandler(new AddressRateLimiter(config.roomCreatesPerMinute(),
        config.roomCreateBurst(), AddressRateLimiter.DEFAULT_MAX_ADDRESSES, clock::millis),
        new ClientAddress(config.trustedProxyRanges()), "series creations");
    String s = "/api/series/:seriesId";
    String o = s + "/occurrences/:occurrenceId";
    router.post("/api/series").handler(creates).handler(body).handler(this::create);
    router.get("/api/series/templates").handler(this::templates);
    router.get("/api/series/feed/:token").handler(this::feed);
    router.get(s).handler(this::view);
    router.patch(s).handler(body).handler(ctx -> access.coordinator(ctx, this::edit));
    router.post(s + "/coordinator-link").handler(ctx -> access.coordinator(ctx, this::rotateCoordinator));
    router.post(s + "/members").handler(body).handler(ctx -> access.coordinator(ctx, this::addMember));
    router.patch(s + "/members/:memberId").handler(body).handler(ctx -> access.coordinator(ctx, this::editMember));
    router.delete(s + "/members/:memberId").handler(ctx -> access.coordinator(ctx, this::removeMember));
    router.post(s + "/members/:memberId/link").handler(ctx -> access.coordinator(ctx, this::rotateMember));
    router.get(s + "/occurrences").handler(ctx -> access.coordinator(ctx, this::occurrences));
    router.put(o + "/agenda").handler(body).handler(ctx -> access.coordinator(ctx, this::agenda));
    router.put(o + "/time").handler(body).handler(ctx -> access.coordinator(ctx, this::move));
    router.post(o + "/pre-reads").handler(body).handler(ctx -> access.coordinator(ctx, this::addPreRead));
    router.delete(o + "/pre-reads/:preReadId").handler(ctx -> access.coordinator(ctx, this::removePreRead));
    router.post(o + "/inputs").handler(body).handler(ctx -> access.coordinator(ctx, this::askInput));
    router.put(o + "/inputs/:requestId/answer").handler(body).handler(ctx -> access.member(ctx, this::answerInput));
    router.get(o + "/notice").handler(ctx -> access.coordinator(ctx, this::previewNotice));
    router.post(o + "/notice").handler(body).handler(ctx -> access.coordinator(ctx, this::sendNotice));
    router.put(o + "/notice-time").handler(body).handler(ctx -> access.coordinator(ctx, this::scheduleNotice));
    router.post(o + "/rsvp").handler(body).handler(ctx -> access.member(ctx, this::rsvp));
    router.post(o + "/substitute").handler(body).handler(ctx -> access.member(ctx, this::substitute));
    router.post(o + "/room").handler(ctx -> access.check(ctx, a -> enterRoom(ctx, a)));
    router.post(o + "/rating").handler(body).handler(ctx -> access.member(ctx, this::rate));
    router.get(o + "/rating").handler(ctx -> access.member(ctx, this::ownRating));
    router.put(o + "/improvement-plan").handler(body).handler(ctx -> access.coordinator(ctx, this::writePlan));
    new SeriesChannelsApi(access, owner, notifier, config.allowPrivateWebhooks()).mount(router);
    new PreReadFilesApi(this, access, files, config.preReadMaxBytes()).mount(router);
  }

  // ---- the coordinator's routes

  /** {@code POST /api/series}: the series' fields; the reply carries the coordinator's link, once. */
  private void create(RoutingContext ctx) {
    JsonObject body = RequestParts.jsonBody(ctx);
    if (body == null) {
      return;
    }
    reply(ctx, 201, () -> owner.create(SeriesRequests.details(body)).map(r -> {
      JsonObject view = SeriesViews.coordinator(r.stored(), r.warnings(), clock.millis(), DEFAULT_UPCOMING);
      return view.put("coordinatorToken",
          tokens.issueSeriesCoordinator(r.series().id(), r.stored().coordinatorVersion()));
    }));
  }

  /** {@code PATCH /api/series/:seriesId}: the fields given change (a schedule is given whole); the reply is the view. */
  private void edit(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b == null) {
      return;
    }
    reply(ctx, 200, () -> apply(a, s -> new SeriesCommands.EditSeries(SeriesRequests.details(b)))
        .map(r -> SeriesViews.coordinator(r.stored(), r.warnings(), clock.millis(), DEFAULT_UPCOMING)));
  }

  private void rotateCoordinator(RoutingContext ctx, Access a) {
    reply(ctx, 200, () -> owner.rotateCoordinator(a.series().id()).map(st -> new JsonObject()
        .put("coordinatorVersion", st.coordinatorVersion())
        .put("coordinatorToken", tokens.issueSeriesCoordinator(st.series().id(), st.coordinatorVersion()))));
  }

  private void addMember(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b == null) {
      return;
    }
    reply(ctx, 201, () -> apply(a, s -> new SeriesCommands.AddMember(SeriesRequests.string(b, "name"),
        SeriesRequests.string(b, "department"), SeriesRequests.string(b, "email"), SeriesRequests.mentions(b),
        SeriesRequests.part(b))).map(r -> {
          Member m = r.series().member((String) r.result().get("memberId")).orElseThrow();
          return withWarnings(r, SeriesViews.member(m).put("link", links.personal(r.series(), m))
              .put("feedUrl", links.feed(r.series(), m)));
        }));
  }

  private void editMember(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b == null) {
      return;
    }
    String id = ctx.pathParam("memberId");
    reply(ctx, 200, () -> apply(a, s -> new SeriesCommands.EditMember(id, SeriesRequests.string(b, "name"),
        SeriesRequests.string(b, "department"), SeriesRequests.string(b, "email"), SeriesRequests.mentions(b),
        SeriesRequests.part(b))).map(r -> withWarnings(r, SeriesViews.member(r.series().member(id).orElseThrow()))));
  }

  private void removeMember(RoutingContext ctx, Access a) {
    String id = ctx.pathParam("memberId");
    reply(ctx, 200, () -> apply(a, s -> new SeriesCommands.RemoveMember(id))
        .map(r -> withWarnings(r, new JsonObject().put("removed", id))));
  }

  private void rotateMember(RoutingContext ctx, Access a) {
    String id = ctx.pathParam("memberId");
    reply(ctx, 200, () -> apply(a, s -> new SeriesCommands.RotateLink(id)).map(r -> {
      Member m = r.series().member(id).orElseThrow();
      return new JsonObject().put("memberId", id).put("linkVersion", m.linkVersion())
          .put("link", links.personal(r.series(), m)).put("feedUrl", links.feed(r.series(), m));
    }));
  }

  /** {@code GET …/occurrences?count=n}: the next n occurrences (default 5, at most 52). */
  private void occurrences(RoutingContext ctx, Access a) {
    String count = ctx.queryParams().get("count");
    int n = DEFAULT_UPCOMING;
    if (count != null) {
      try {
        n = Integer.parseInt(count);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_UPCOMING) {
        HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "count must be between 1 and " + MAX_UPCOMING);
        return;
      }
    }
    Series s = a.series();
    JsonArray list = new JsonArray();
    SeriesViews.upcoming(s, clock.millis(), n).forEach(o -> list.add(SeriesViews.occurrence(s, o, null)));
    ok(ctx, new JsonObject().put("occurrences", list));
  }

  private void agenda(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 200, (b, slot) -> new OccurrenceCommands.SetAgenda(slot, SeriesRequests.items(b)));
  }

  private void move(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 200, (b, slot) -> new OccurrenceCommands.MoveOccurrence(slot,
        SeriesRequests.instant(b, "start"), SeriesRequests.instant(b, "end")));
  }

  private void addPreRead(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 201, (b, slot) -> new OccurrenceCommands.AddPreRead(slot,
        SeriesRequests.string(b, "title"), SeriesRequests.string(b, "url")));
  }

  /** Removes a pre-read; a file's bytes are deleted once the series no longer names them. */
  private void removePreRead(RoutingContext ctx, Access a) {
    String id = ctx.pathParam("preReadId");
    String occurrenceId = occurrenceId(ctx);
    if (occurrenceId == null) {
      return;
    }
    String fileId = a.series().occurrence(occurrenceId).flatMap(o -> o.preRead(id)).filter(PreRead::hasFile)
        .map(p -> p.file().fileId()).orElse(null);
    reply(ctx, 200, () -> occurrenceReply(a, occurrenceId, new JsonObject(),
        (b, slot) -> new OccurrenceCommands.RemovePreRead(slot, id))
        .compose(out -> fileId == null ? Future.succeededFuture(out)
            : files.delete(fileId).otherwise((Void) null).map(out)));
  }

  private void askInput(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 201, (b, slot) -> new OccurrenceCommands.AskInput(slot,
        SeriesRequests.string(b, "question")));
  }

  /** {@code GET …/notice}: what the notice will say and its invitation, without sending or changing anything. */
  private void previewNotice(RoutingContext ctx, Access a) {
    Series s = a.series();
    String id = occurrenceId(ctx);
    if (id == null) {
      return;
    }
    Slot slot = Recurrence.slotOf(s, id);
    if (slot == null) {
      HttpErrors.send(ctx, ErrorCode.NOT_FOUND, "no occurrence " + id + " in this series");
      return;
    }
    Occurrence o = s.occurrence(id).orElseGet(() -> SeriesViews.opened(s, slot));
    PendingEffect.Kind kind = o.noticed() ? PendingEffect.Kind.UPDATE : PendingEffect.Kind.NOTICE;
    long now = clock.millis();
    ok(ctx, new JsonObject().put("occurrenceId", id).put("kind", name(kind))
        .put("language", s.details().language().tag())
        .put("subject", NoticeText.subject(s, o, kind)).put("body", NoticeText.body(s, o, kind, null))
        .put("calendar", SeriesCalendar.invitation(s, o, now))
        .put("hoursAhead", Math.max(0, (o.start() - now) / 3_600_000))
        .put("late", o.start() - now < SeriesLimits.NOTICE_LEAD_MS)
        .put("past", o.start() <= now));
  }

  /** {@code POST …/notice {confirmLate}}: records the notice (≥ 24 h ahead, or confirmed) and hands it on. */
  private void sendNotice(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 200, (b, slot) -> new OccurrenceCommands.PrepareNotice(slot,
        SeriesRequests.flag(b, "confirmLate")));
  }

  /** {@code PUT …/notice-time {at}}: the notice goes out by itself at {@code at} (≥ 24 h ahead); null cancels. */
  private void scheduleNotice(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    String id = b == null ? null : occurrenceId(ctx);
    if (id != null) {
      reply(ctx, 200, () -> scheduledNotices.schedule(a.series().id(), a.actor(), id, SeriesRequests.instant(b, "at"))
          .map(r -> occurrenceReply(a, id, r)));
    }
  }

  // ---- a member's routes

  private void answerInput(RoutingContext ctx, Access a) {
    String id = ctx.pathParam("requestId");
    occurrenceCommand(ctx, a, 200, (b, slot) -> new OccurrenceCommands.AnswerInput(slot, id,
        SeriesRequests.string(b, "text")));
  }

  private void rsvp(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 200, (b, slot) -> new OccurrenceCommands.Respond(slot, SeriesRequests.response(b),
        SeriesRequests.string(b, "reason")));
  }

  private void substitute(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 200, (b, slot) -> new OccurrenceCommands.Substitute(slot,
        SeriesRequests.string(b, "substituteId"), SeriesRequests.newPerson(b), SeriesRequests.string(b, "reason")));
  }

  // ---- after the meeting: ratings and the improvement plan

  /**
   * {@code POST …/rating {score, suggestion?}}: an invited member rates an occurrence held in its live room once
   * the meeting ended; as the room knows them by their key, this is the same rating as one given in the room.
   */
  private void rate(RoutingContext ctx, Access a) {
    Occurrence o = held(ctx, a);
    if (o == null) {
      return;
    }
    ReviewApi.Rating r = ReviewApi.Rating.read(ctx);
    if (r != null) {
      reply(ctx, 200, () -> reviews.rateAsKey(o.roomId(), OccurrenceMeeting.memberKey(a.member().id()), r.score(),
          r.suggestion()).map(ReviewApi::rated).map(out -> out.put("occurrenceId", o.id())));
    }
  }

  /** {@code GET …/rating}: the member's own score of the occurrence, or null. */
  private void ownRating(RoutingContext ctx, Access a) {
    Occurrence o = held(ctx, a);
    if (o != null) {
      reply(ctx, 200, () -> reviews.scoreOfKey(o.roomId(), OccurrenceMeeting.memberKey(a.member().id()))
          .map(score -> new JsonObject().put("occurrenceId", o.id()).put("score", score.orElse(null))));
    }
  }

  /** The occurrence of the path when it was held in its live room; otherwise answers the refusal and is null. */
  private Occurrence held(RoutingContext ctx, Access a) {
    String id = occurrenceId(ctx);
    if (id == null) {
      return null;
    }
    Occurrence o = a.series().occurrence(id).orElse(null);
    if (o == null || o.roomId() == null) {
      HttpErrors.send(ctx, new JsonObject().put("code", ErrorCode.INVALID_STATE.name())
          .put("message", "this meeting was not held in its live room").put("reason", OccurrenceCommands.NOT_HELD));
      return null;
    }
    return o;
  }

  /** {@code PUT …/improvement-plan {text}}: the coordinator's plan after a poorly rated meeting. */
  private void writePlan(RoutingContext ctx, Access a) {
    occurrenceCommand(ctx, a, 200, (b, slot) -> new OccurrenceCommands.WriteImprovementPlan(slot,
        SeriesRequests.string(b, "text")));
  }

  // ---- into the live room

  /**
   * {@code POST …/room}: the coordinator (as facilitator) or an invited member into the occurrence's live room,
   * opened by the first who comes; the reply is the room's credentials, as {@code POST /api/join} gives them.
   */
  private void enterRoom(RoutingContext ctx, Access a) {
    String id = occurrenceId(ctx);
    if (id == null) {
      return;
    }
    Slot slot = Recurrence.slotOf(a.series(), id);
    reply(ctx, 200, () -> occurrenceRooms.enter(a.series().id(), a.actor(), id)
        .compose(in -> (slot == null ? Future.<Void>succeededFuture()
            : reminders.watch(a.series().id(), id, slot.end()).recover(e -> Future.succeededFuture())).map(in))
        .map(in -> new JsonObject()
        .put("roomId", in.roomId()).put("participantId", in.participantId()).put("role", name(in.role()))
        .put("token", tokens.issue(new Identity(in.roomId(), in.participantId(), in.role())))
        .put("joinCode", in.joinCode())));
  }

  // ---- links, views and the feed

  /** {@code GET /api/series/:seriesId}: the coordinator's view, or a member's by their personal link. */
  private void view(RoutingContext ctx) {
    access.check(ctx, a -> {
      long now = clock.millis();
      if (a.member() != null) {
        ok(ctx, SeriesViews.member(a.series(), a.member(), now, DEFAULT_UPCOMING, links));
        return;
      }
      List<Occurrence> held = SeriesViews.held(a.series(), now);
      reply(ctx, 200, () -> reviews.results(held.stream().map(Occurrence::roomId).toList()).map(results ->
          SeriesViews.coordinator(a.stored(), Warnings.of(a.series()), now, DEFAULT_UPCOMING)
              .put("preReadMaxBytes", config.preReadMaxBytes()).put("reviews", SeriesViews.reviews(held, results))));
    });
  }

  /** {@code GET /api/series/templates?lang=}: the agenda templates with their items. */
  private void templates(RoutingContext ctx) {
    String lang = ctx.queryParams().get("lang");
    Language language = lang == null ? Language.DEFAULT : Language.ofTag(lang).orElse(null);
    if (language == null) {
      HttpErrors.send(ctx, ErrorCode.INVALID_FIELD, "lang must be " + Language.tags());
      return;
    }
    JsonArray list = new JsonArray();
    for (AgendaTemplate t : AgendaTemplate.values()) {
      JsonArray items = new JsonArray();
      t.items(language).forEach(i -> items.add(new JsonObject().put("title", i.title()).put("minutes", i.minutes())
          .put("expectedOutput", i.expectedOutput()).put("kind", name(i.kind()))));
      list.add(new JsonObject().put("template", name(t)).put("items", items));
    }
    ok(ctx, new JsonObject().put("language", language.tag()).put("templates", list));
  }

  /** {@code GET /api/series/feed/:token}: a member's calendar feed; the feed token opens nothing else. */
  private void feed(RoutingContext ctx) {
    tokens.verifySeries(ctx.pathParam("token"), true).onComplete(pass -> {
      if (pass.failed()) {
        HttpErrors.send(ctx, ErrorCode.UNAUTHORIZED, "the feed link is not valid");
        return;
      }
      owner.load(pass.result().seriesId()).onComplete(found -> {
        Member m = found.succeeded() ? found.result().series().member(pass.result().memberId())
            .filter(x -> x.linkVersion() == pass.result().version()).orElse(null) : null;
        if (m == null) {
          HttpErrors.send(ctx, ErrorCode.UNAUTHORIZED, "the feed link was replaced or its member removed");
          return;
        }
        ctx.response().setStatusCode(200).putHeader("content-type", SeriesCalendar.CONTENT_TYPE)
            .putHeader("cache-control", "no-store").putHeader("referrer-policy", "no-referrer")
            .end(SeriesCalendar.feed(found.result().series(), m, clock.millis()));
      });
    });
  }

  private void occurrenceCommand(RoutingContext ctx, Access a, int status,
      BiFunction<JsonObject, Slot, SeriesCommand> command) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b != null) {
      occurrenceCommand(ctx, a, status, b, command);
    }
  }

  /** A command about one occurrence: its slot found in the state the owner decides on; the reply is the occurrence. */
  private void occurrenceCommand(RoutingContext ctx, Access a, int status, JsonObject b,
      BiFunction<JsonObject, Slot, SeriesCommand> command) {
    String id = occurrenceId(ctx);
    if (id != null) {
      reply(ctx, status, () -> occurrenceReply(a, id, b, command));
    }
  }

  Future<JsonObject> occurrenceReply(Access a, String id, JsonObject b,
      BiFunction<JsonObject, Slot, SeriesCommand> command) {
    return apply(a, s -> command.apply(b, Recurrence.slotOf(s, id))).map(r -> occurrenceReply(a, id, r));
  }

  /** The occurrence reply (PROTOCOL §14.2): the command's result, the occurrence after it, and the warnings. */
  private static JsonObject occurrenceReply(Access a, String id, SeriesOwner.Result r) {
    Series s = r.series();
    JsonObject out = new JsonObject(new LinkedHashMap<>(r.result()));
    s.occurrence(id).ifPresent(o -> out.put("occurrence", SeriesViews.occurrence(s, o, a.member())));
    out.put("sequence", s.sequence())
        .put("pendingNotices", s.effects().stream().filter(e -> e.occurrenceId().equals(id)).count());
    return withWarnings(r, out);
  }

  static String occurrenceId(RoutingContext ctx) {
    String id = ctx.pathParam("occurrenceId");
    if (id == null || !OCCURRENCE_ID.matcher(id).matches()) {
      HttpErrors.send(ctx, ErrorCode.NOT_FOUND, "no such occurrence: an id looks like 20261210T1000");
      return null;
    }
    return id;
  }

  private Future<SeriesOwner.Result> apply(Access a, Function<Series, SeriesCommand> command) {
    return owner.apply(a.series().id(), a.actor(), command);
  }

  private static JsonObject withWarnings(SeriesOwner.Result r, JsonObject out) {
    return out.put("warnings", SeriesViews.warnings(r.warnings()));
  }

  /** Runs {@code work}, answering a shape error it throws (a {@link SeriesRefusal}) like a refusal. */
  static void reply(RoutingContext ctx, int status, Supplier<Future<JsonObject>> work) {
    Future<JsonObject> f;
    try {
      f = work.get();
    } catch (SeriesRefusal e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> respond(ctx, status, ar));
  }

  static void ok(RoutingContext ctx, JsonObject body) {
    respond(ctx, 200, Future.succeededFuture(body));
  }

  private static void respond(RoutingContext ctx, int status, AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
          .putHeader("cache-control", "no-store").end(ar.result().encode());
    } else {
      fail(ctx, ar.cause());
    }
  }

  static void fail(RoutingContext ctx, Throwable cause) {
    if (cause instanceof SeriesRefusal r) {
      JsonObject error = new JsonObject().put("code", r.rejection().code().name())
          .put("message", r.rejection().message());
      if (r.rejection().reason() != null) {
        error.put("reason", r.rejection().reason());
      }
      HttpErrors.send(ctx, error);
    } else if (cause instanceof RoomRefusal r) {
      HttpErrors.send(ctx, r.error());
    } else {
      HttpErrors.send(ctx, ErrorCode.UNAVAILABLE, "the server could not complete the request; retry");
    }
  }
}
