package dev.roundtable.web;

import static dev.roundtable.web.SeriesRequests.name;

import dev.roundtable.review.core.Reviews;
import dev.roundtable.series.Recurrence;
import dev.roundtable.series.SeriesLinks;
import dev.roundtable.series.SeriesStore;
import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.DraftItem;
import dev.roundtable.series.core.InputRequest;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Mentions;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.PreRead;
import dev.roundtable.series.core.Rsvp;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesLimits;
import dev.roundtable.series.core.Slot;
import dev.roundtable.series.core.Warnings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A series as the API shows it: the coordinator's view (everything but links), a member's view (the series,
 * the attendees, their own record, answers and link to the feed; no other member's contact details or
 * answers, no chat groups). Links are never part of a view except a member's own feed URL; a chat group's
 * webhook URL and secret never are.
 */
final class SeriesViews {
  /** Scheduled occurrences looked at for the live one: more than an hourly series has in the window. */
  private static final int LIVE_CANDIDATES = 64;

  private SeriesViews() {
  }

  static JsonObject coordinator(SeriesStore.Stored stored, List<Warnings.Warning> warnings, long now, int upcoming) {
    Series s = stored.series();
    JsonArray members = new JsonArray();
    s.members().forEach(m -> members.add(member(m)));
    JsonArray effects = new JsonArray();
    s.effects().forEach(e -> effects.add(new JsonObject().put("id", e.id()).put("kind", name(e.kind()))
        .put("occurrenceId", e.occurrenceId()).put("recipients", new JsonArray(e.recipients()))
        .put("at", iso(e.at()))));
    JsonArray occurrences = new JsonArray();
    upcoming(s, now, upcoming).forEach(o -> occurrences.add(occurrence(s, o, null)));
    return new JsonObject().put("seriesId", s.id()).put("view", "coordinator").put("series", details(s))
        .put("sequence", s.sequence()).put("members", members).put("invited", s.invited().count())
        .put("upcoming", occurrences).put("live", live(s, now).map(o -> occurrence(s, o, null)).orElse(null))
        .put("pendingEffects", effects).put("chatGroups", chatGroups(s))
        .put("warnings", warnings(warnings));
  }

  /** Occurrences a review lists at most, the latest first. */
  static final int REVIEWED = 10;

  /** The occurrences whose live rooms were opened, the latest first, at most {@link #REVIEWED}. */
  static List<Occurrence> held(Series s, long now) {
    return s.occurrences().stream().filter(o -> o.roomId() != null)
        .sorted(Comparator.comparingLong(Occurrence::start).reversed()).limit(REVIEWED).toList();
  }

  /**
   * For the coordinator, per held occurrence: how many rated it, the average, the suggestions (texts only, by
   * text) and the improvement plan, due when the average is below 3 and none is written.
   */
  static JsonArray reviews(List<Occurrence> held, Map<String, Reviews.Result> results) {
    JsonArray out = new JsonArray();
    for (Occurrence o : held) {
      Reviews.Result r = results.getOrDefault(o.roomId(), Reviews.result(List.of(), List.of()));
      out.add(new JsonObject().put("occurrenceId", o.id()).put("start", iso(o.start())).put("end", iso(o.end()))
          .put("ratings", r.ratings()).put("average", r.ratings() == 0 ? null : r.rounded())
          .put("suggestions", new JsonArray(r.suggestions()))
          .put("improvementPlan", o.improvementPlan() == null ? null : new JsonObject()
              .put("text", o.improvementPlan().text()).put("writtenAt", iso(o.improvementPlan().writtenAt())))
          .put("planDue", Reviews.planDue(r, o.improvementPlan() != null)));
    }
    return out;
  }

  /**
   * The meeting a member is asked to rate: the latest held occurrence they were invited to whose scheduled end
   * has passed (the room itself says whether it ended when they rate).
   */
  static Optional<Occurrence> toRate(Series s, Member me, long now) {
    return me.part().invited() ? held(s, now).stream().filter(o -> o.end() <= now).findFirst() : Optional.empty();
  }

  /** The chat groups without their secrets: the webhook's host only, as a hint of which robot it is. */
  static JsonArray chatGroups(Series s) {
    JsonArray out = new JsonArray();
    s.chatGroups().forEach(g -> out.add(chatGroup(g)));
    return out;
  }

  static JsonObject chatGroup(ChatGroup g) {
    return new JsonObject().put("chatGroupId", g.id()).put("channel", g.service().wire()).put("label", g.label())
        .put("hint", hint(g.webhookUrl())).put("signed", g.signed());
  }

  /** {@code https://oapi.dingtalk.com/robot/send?access_token=…} → {@code oapi.dingtalk.com/…}. */
  static String hint(String webhookUrl) {
    String host;
    try {
      host = URI.create(webhookUrl).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    return (host == null ? "" : host) + "/…";
  }

  static JsonObject member(Series s, Member me, long now, int upcoming, SeriesLinks links) {
    JsonArray attendees = new JsonArray();
    s.invited().forEach(m -> attendees.add(new JsonObject().put("memberId", m.id()).put("name", m.name())
        .put("department", m.department()).put("part", name(m.part()))));
    JsonArray occurrences = new JsonArray();
    JsonObject live = null;
    if (me.part().invited()) {
      upcoming(s, now, upcoming).forEach(o -> occurrences.add(occurrence(s, o, me)));
      live = live(s, now).map(o -> occurrence(s, o, me)).orElse(null);
    }
    JsonObject details = details(s);
    details.getJsonObject("coordinator").remove("email");
    return new JsonObject().put("seriesId", s.id()).put("view", "member").put("series", details)
        .put("me", member(me)).put("attendees", attendees).put("upcoming", occurrences).put("live", live)
        .put("toRate", toRate(s, me, now).map(o -> new JsonObject().put("occurrenceId", o.id())
            .put("start", iso(o.start())).put("end", iso(o.end()))).orElse(null))
        .put("feedUrl", links.feed(s, me));
  }

  /** The next {@code count} occurrences: the recorded ones as prepared, the others as the template opens them. */
  static List<Occurrence> upcoming(Series s, long now, int count) {
    List<Occurrence> out = new ArrayList<>();
    for (Slot slot : Recurrence.next(s.details().schedule(), now, count)) {
      out.add(s.occurrence(slot.occurrenceId()).orElseGet(() -> opened(s, slot)));
    }
    return out;
  }

  /**
   * The occurrence whose live room can be entered now (from shortly before its start until some hours after
   * its end), the earliest if several: what the pages offer to join with one tap.
   */
  static Optional<Occurrence> live(Series s, long now) {
    long since = now - SeriesLimits.ROOM_OPENS_UNTIL_AFTER_END_MS - SeriesLimits.MAX_DURATION_MINUTES * 60_000L;
    return Recurrence.next(s.details().schedule(), since, LIVE_CANDIDATES).stream()
        .map(slot -> s.occurrence(slot.occurrenceId()).orElseGet(() -> opened(s, slot)))
        .filter(o -> o.enterable(now)).findFirst();
  }

  /** An occurrence nothing was prepared for yet, as the series' template opens it. */
  static Occurrence opened(Series s, Slot slot) {
    return Occurrence.open(slot, s.details().template().items(s.details().language()));
  }

  static JsonObject details(Series s) {
    Series.Details d = s.details();
    return new JsonObject().put("title", d.title()).put("goal", d.goal()).put("kind", name(d.kind()))
        .put("department", d.department())
        .put("coordinator", new JsonObject().put("name", d.coordinator().name()).put("email", d.coordinator().email()))
        .put("language", d.language().tag())
        .put("schedule", new JsonObject().put("firstStart", d.schedule().firstStart())
            .put("rrule", d.schedule().rrule()).put("timeZone", d.schedule().zone())
            .put("durationMinutes", d.schedule().durationMinutes()))
        .put("place", d.place()).put("onlineLink", d.onlineLink()).put("template", name(d.template()));
  }

  static JsonObject member(Member m) {
    Mentions x = m.mentions() == null ? Mentions.NONE : m.mentions();
    return new JsonObject().put("memberId", m.id()).put("name", m.name()).put("department", m.department())
        .put("email", m.email()).put("part", name(m.part())).put("linkVersion", m.linkVersion())
        .put("substituteFor", m.substituteFor())
        .put("mentions", new JsonObject().put("dingTalkMobile", x.dingTalkMobile())
            .put("weComUserId", x.weComUserId()).put("feishuOpenId", x.feishuOpenId()));
  }

  /** An occurrence; for a member ({@code me} not null) only their own answers and RSVP. */
  static JsonObject occurrence(Series s, Occurrence o, Member me) {
    JsonArray agenda = new JsonArray();
    int minutes = 0;
    for (DraftItem i : o.agenda()) {
      minutes += i.minutes();
      agenda.add(new JsonObject().put("title", i.title()).put("ownerId", i.ownerId())
          .put("ownerName", i.ownerId() == null ? null : s.member(i.ownerId()).map(Member::name).orElse(null))
          .put("minutes", i.minutes()).put("expectedOutput", i.expectedOutput()).put("kind", name(i.kind())));
    }
    JsonArray preReads = new JsonArray();
    for (PreRead p : o.preReads()) {
      JsonObject pre = new JsonObject().put("id", p.id()).put("title", p.title()).put("url", p.url());
      if (p.hasFile()) {
        pre.put("file", new JsonObject().put("name", p.file().name()).put("contentType", p.file().contentType())
            .put("size", p.file().size()))
            .put("download", "api/series/" + s.id() + "/occurrences/" + o.id() + "/pre-reads/" + p.id() + "/file");
      }
      preReads.add(pre);
    }
    JsonArray inputs = new JsonArray();
    for (InputRequest r : o.inputs()) {
      JsonArray answers = new JsonArray();
      r.answers().stream().filter(a -> me == null || a.memberId().equals(me.id()))
          .forEach(a -> answers.add(new JsonObject().put("memberId", a.memberId())
              .put("name", s.member(a.memberId()).map(Member::name).orElse(null)).put("text", a.text())
              .put("at", iso(a.at()))));
      inputs.add(new JsonObject().put("id", r.id()).put("question", r.question()).put("answers", answers));
    }
    JsonObject out = new JsonObject().put("occurrenceId", o.id()).put("start", iso(o.start()))
        .put("end", iso(o.end())).put("originalStart", iso(o.originalStart())).put("noticed", o.noticed())
        .put("noticedAt", o.noticedAt() == null ? null : iso(o.noticedAt()))
        .put("noticeAt", o.noticeAt() == null ? null : iso(o.noticeAt()))
        .put("agenda", agenda).put("agendaMinutes", minutes).put("preReads", preReads).put("inputs", inputs)
        .put("roomOpen", o.roomId() != null)
        .put("roomOpensAt", iso(o.start() - SeriesLimits.ROOM_OPENS_BEFORE_MS));
    if (me != null) {
      return out.put("myRsvp", o.rsvp(me.id()).map(r -> rsvp(s, r)).orElse(null));
    }
    JsonArray rsvps = new JsonArray();
    o.rsvps().forEach(r -> rsvps.add(rsvp(s, r)));
    return out.put("rsvps", rsvps).put("lateDeclines", new JsonArray(lateDeclines(o)))
        .put("keyAbsentees", new JsonArray(keyAbsentees(s, o)));
  }

  static JsonObject rsvp(Series s, Rsvp r) {
    return new JsonObject().put("memberId", r.memberId())
        .put("name", s.member(r.memberId()).map(Member::name).orElse(null)).put("response", name(r.response()))
        .put("reason", r.reason()).put("substituteId", r.substituteId()).put("at", iso(r.at())).put("late", r.late());
  }

  /** Members who declined less than 24 h before the start. */
  static List<String> lateDeclines(Occurrence o) {
    return o.rsvps().stream().filter(r -> r.late() && r.response() == Rsvp.Response.DECLINED)
        .map(Rsvp::memberId).toList();
  }

  /** Decision makers who declined and named no substitute. */
  static List<String> keyAbsentees(Series s, Occurrence o) {
    return o.rsvps().stream().filter(r -> r.response() == Rsvp.Response.DECLINED && r.substituteId() == null)
        .filter(r -> s.member(r.memberId()).map(m -> m.part() == Part.DECISION_MAKER).orElse(false))
        .map(Rsvp::memberId).toList();
  }

  static JsonArray warnings(List<Warnings.Warning> warnings) {
    JsonArray out = new JsonArray();
    warnings.forEach(w -> out.add(new JsonObject().put("code", w.code()).put("occurrenceId", w.occurrenceId())
        .put("message", w.message())));
    return out;
  }

  static String iso(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }
}
