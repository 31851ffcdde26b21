package dev.roundtable.series.core;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Goals;
import dev.roundtable.domain.Text;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A series command's preconditions, checked in order, keeping the first failure (like the rooms' guard), so a
 * command reads as its rules followed by what it does.
 */
final class Check {
  /** A plain address: local part without spaces or brackets, a dotted domain of letters, digits and hyphens. */
  private static final Pattern EMAIL = Pattern.compile(
      "[^@\\s<>()\\[\\],;:\"]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  private static final Pattern MOBILE = Pattern.compile("\\+?[0-9]{6,20}");
  private static final Pattern CHAT_ID = Pattern.compile("[A-Za-z0-9_.@-]{1," + SeriesLimits.MENTION_CHARS + "}");
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);

  private final Series state;
  private final SeriesActor actor;
  private SeriesOutcome.Refused failure;

  private Check(Series state, SeriesActor actor) {
    this.state = state;
    this.actor = actor;
  }

  static Check on(Series state, SeriesActor actor) {
    return new Check(state, actor);
  }

  Check created() {
    return check(state.created(), ErrorCode.NOT_FOUND, "the series does not exist");
  }

  Check coordinator() {
    created();
    return check(actor.coordinatorOrSystem(), ErrorCode.FORBIDDEN, "only the coordinator may do this");
  }

  Check system() {
    return check(actor.kind() == SeriesActor.Kind.SYSTEM, ErrorCode.FORBIDDEN, "only the server may do this");
  }

  /** The sender is a member of the series (their personal link); the coordinator is not one. */
  Check member() {
    created();
    return check(actor.kind() == SeriesActor.Kind.MEMBER, ErrorCode.FORBIDDEN, "only a member may do this")
        .then(() -> state.member(actor.memberId()).isPresent(), ErrorCode.UNAUTHORIZED,
            "the link belongs to nobody in this series");
  }

  Check text(String field, String value, int maxChars, boolean required) {
    if (value == null || value.isBlank()) {
      return check(!required, ErrorCode.INVALID_FIELD, field + " is required");
    }
    check(value.length() <= maxChars, ErrorCode.TOO_LARGE, field + " is longer than " + maxChars + " characters");
    return check(Text.wellFormed(value), ErrorCode.INVALID_FIELD, field + " contains a broken character");
  }

  /** The rooms' rule for a goal (it names a result, it is not vague), so every occurrence's room accepts it. */
  Check goal(String goal) {
    return andThen(() -> Goals.problem(goal, true)
        .map(r -> SeriesDecision.refuse(r.code(), r.message(), r.reason())).orElse(null));
  }

  Check email(String field, String value, boolean required) {
    text(field, value, SeriesLimits.EMAIL_CHARS, required);
    return check(value == null || value.isBlank() || EMAIL.matcher(value.strip()).matches(), ErrorCode.INVALID_FIELD,
        field + " is not an email address such as name@example.com");
  }

  Check url(String field, String value, boolean required) {
    text(field, value, SeriesLimits.URL_CHARS, required);
    return check(value == null || value.isBlank() || URL.matcher(value.strip()).matches(), ErrorCode.INVALID_FIELD,
        field + " must be an http or https link");
  }

  /** Each mention id, stripped (blank means none), has its service's shape. */
  Check mentions(Mentions given) {
    if (given == null) {
      return this;
    }
    Mentions m = new Mentions(strip(given.dingTalkMobile()), strip(given.weComUserId()), strip(given.feishuOpenId()));
    check(m.dingTalkMobile() == null || MOBILE.matcher(m.dingTalkMobile()).matches(), ErrorCode.INVALID_FIELD,
        "dingTalkMobile must be a mobile number of 6 to 20 digits");
    check(m.weComUserId() == null || CHAT_ID.matcher(m.weComUserId()).matches(), ErrorCode.INVALID_FIELD,
        "weComUserId must be 1 to 64 letters, digits or _.@-");
    return check(m.feishuOpenId() == null || CHAT_ID.matcher(m.feishuOpenId()).matches(), ErrorCode.INVALID_FIELD,
        "feishuOpenId must be 1 to 64 letters, digits or _.@-");
  }

  Check range(String field, Number value, long min, long max, boolean required) {
    if (value == null) {
      return check(!required, ErrorCode.INVALID_FIELD, field + " is required");
    }
    return check(value.longValue() >= min && value.longValue() <= max, ErrorCode.INVALID_FIELD,
        field + " must be between " + min + " and " + max);
  }

  Check present(String field, Object value) {
    return check(value != null, ErrorCode.INVALID_FIELD, field + " is required");
  }

  /** The zone is an IANA zone id and the first start a local date-time; the RRULE is checked outside the core. */
  Check schedule(Schedule s) {
    present("schedule", s);
    if (failure != null) {
      return this;
    }
    try {
      ZoneId.of(s.zone());
    } catch (DateTimeException | NullPointerException e) {
      return check(false, ErrorCode.INVALID_FIELD,
          "timeZone " + s.zone() + " is not a known IANA time zone such as Asia/Shanghai");
    }
    try {
      LocalDateTime.parse(s.firstStart());
    } catch (DateTimeException | NullPointerException e) {
      return check(false, ErrorCode.INVALID_FIELD, "firstStart must be a local date-time such as 2026-12-10T10:00");
    }
    return range("durationMinutes", s.durationMinutes(), SeriesLimits.MIN_DURATION_MINUTES,
        SeriesLimits.MAX_DURATION_MINUTES, true);
  }

  Check check(boolean ok, ErrorCode code, String message) {
    if (failure == null && !ok) {
      failure = SeriesDecision.refuse(code, message);
    }
    return this;
  }

  Check check(boolean ok, ErrorCode code, String message, String reason) {
    if (failure == null && !ok) {
      failure = SeriesDecision.refuse(code, message, reason);
    }
    return this;
  }

  /** A check that needs the earlier ones to have passed (a lookup by id). */
  Check then(Supplier<Boolean> ok, ErrorCode code, String message) {
    if (failure == null && !ok.get()) {
      failure = SeriesDecision.refuse(code, message);
    }
    return this;
  }

  /** A check that needs the earlier ones and may fail with a rejection of its own. */
  Check andThen(Supplier<SeriesOutcome.Refused> laterCheck) {
    if (failure == null) {
      failure = laterCheck.get();
    }
    return this;
  }

  SeriesDecision decide(Supplier<SeriesDecision> decide) {
    return failure != null ? failure : decide.get();
  }

  static String strip(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
