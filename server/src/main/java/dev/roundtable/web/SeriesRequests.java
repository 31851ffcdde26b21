package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.series.core.AgendaTemplate;
import dev.roundtable.series.core.DraftItem;
import dev.roundtable.series.core.Mentions;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.Rsvp;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The series API's request bodies read into the core's values. Only the JSON shape is checked here (a field
 * of the wrong type, an unknown enum value); the rules are the core's. A bad shape throws a
 * {@link SeriesRefusal} with {@code INVALID_FIELD}, which the API answers as {@code {code, message}}.
 */
final class SeriesRequests {
  private SeriesRequests() {
  }

  static Series.Details details(JsonObject b) {
    JsonObject c = object(b, "coordinator");
    JsonObject s = object(b, "schedule");
    Schedule schedule = s == null ? null : new Schedule(string(s, "firstStart"), string(s, "rrule"),
        orDefault(string(s, "timeZone"), Schedule.DEFAULT_ZONE), integer(s, "durationMinutes", 60));
    String lang = string(b, "language");
    Language language = lang == null ? null : Language.ofTag(lang).orElseThrow(() ->
        invalid("language must be " + Language.tags()));
    return new Series.Details(string(b, "title"), string(b, "goal"), choice(b, "kind", MeetingKind.class),
        string(b, "department"), c == null ? null : new Series.Coordinator(string(c, "name"), string(c, "email")),
        language, schedule, string(b, "place"), string(b, "onlineLink"), choice(b, "template", AgendaTemplate.class));
  }

  static Mentions mentions(JsonObject b) {
    JsonObject m = object(b, "mentions");
    return m == null ? null
        : new Mentions(string(m, "dingTalkMobile"), string(m, "weComUserId"), string(m, "feishuOpenId"));
  }

  static Part part(JsonObject b) {
    return choice(b, "part", Part.class);
  }

  static List<DraftItem> items(JsonObject b) {
    Object value = b.getValue("items");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid("items must be an array");
    }
    List<DraftItem> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        throw invalid("items[" + i + "] must be an object");
      }
      out.add(new DraftItem(string(item, "title"), string(item, "ownerId"), integer(item, "minutes", 0),
          string(item, "expectedOutput"), choice(item, "kind", ItemKind.class)));
    }
    return out;
  }

  static Rsvp.Response response(JsonObject b) {
    return choice(b, "response", Rsvp.Response.class);
  }

  static OccurrenceCommands.Substitute.NewPerson newPerson(JsonObject b) {
    JsonObject p = object(b, "newPerson");
    return p == null ? null
        : new OccurrenceCommands.Substitute.NewPerson(string(p, "name"), string(p, "email"), mentions(p));
  }

  /** An instant with its offset ({@code 2026-12-10T10:00+08:00} or {@code …Z}), as epoch milliseconds. */
  static Long instant(JsonObject b, String field) {
    String value = string(b, field);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      throw invalid(field + " must be a date-time with an offset, such as 2026-12-10T10:00+08:00");
    }
  }

  static boolean flag(JsonObject b, String field) {
    Object value = b.getValue(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean v)) {
      throw invalid(field + " must be true or false");
    }
    return v;
  }

  static String string(JsonObject b, String field) {
    Object value = b.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid(field + " must be a string");
  }

  static int integer(JsonObject b, String field, int fallback) {
    Object value = b.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw invalid(field + " must be a whole number");
  }

  static JsonObject object(JsonObject b, String field) {
    Object value = b.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw invalid(field + " must be an object");
  }

  /** An enum value written in lower case with underscores ({@code decision_maker}); hyphens are accepted. */
  static <E extends Enum<E>> E choice(JsonObject b, String field, Class<E> type) {
    String value = string(b, field);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(field + " must be one of " + names(type));
    }
  }

  static String name(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(SeriesRequests::name).collect(Collectors.joining(", "));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  static SeriesRefusal invalid(String message) {
    return new SeriesRefusal(ErrorCode.INVALID_FIELD, message);
  }
}
