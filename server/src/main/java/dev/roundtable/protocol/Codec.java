package dev.roundtable.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.roundtable.domain.AgendaCommands;
import dev.roundtable.domain.AgendaEvents;
import dev.roundtable.domain.BoardCommands;
import dev.roundtable.domain.BoardEvents;
import dev.roundtable.domain.Command;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Event;
import dev.roundtable.domain.Goals;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingCommands;
import dev.roundtable.domain.PreparedMeetingCommands;
import dev.roundtable.domain.MeetingEvents;
import dev.roundtable.domain.MinutesCommands;
import dev.roundtable.domain.MinutesEvents;
import dev.roundtable.domain.Rejection;
import dev.roundtable.domain.RoomState;
import dev.roundtable.domain.SpeakerCommands;
import dev.roundtable.domain.SpeakerEvents;
import dev.roundtable.domain.TimerCommands;
import dev.roundtable.domain.TimerEvents;
import dev.roundtable.domain.VoteCommands;
import dev.roundtable.domain.VoteEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns protocol JSON into domain values and back. Commands and events are named by their record's simple
 * name in a {@code type} field ({@code {"type":"AddItem","title":"Budget"}}); enums are lower-case.
 * Hostile input never escapes as an exception: {@link #command} returns a {@link Rejection} saying what is
 * wrong.
 */
public final class Codec {
  private static final List<Class<?>> COMMAND_HOLDERS = List.of(
      MeetingCommands.class, AgendaCommands.class, TimerCommands.class, SpeakerCommands.class,
      BoardCommands.class, VoteCommands.class, MinutesCommands.class, PreparedMeetingCommands.class);
  private static final List<Class<?>> EVENT_HOLDERS = List.of(
      MeetingEvents.class, AgendaEvents.class, TimerEvents.class, SpeakerEvents.class, BoardEvents.class,
      VoteEvents.class, MinutesEvents.class);

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface Typed {
  }

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .withCoercionConfig(LogicalType.Textual, text -> text
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .addModule(languages())
      .addMixIn(Command.class, Typed.class)
      .addMixIn(Event.class, Typed.class)
      .registerSubtypes(named(COMMAND_HOLDERS, Command.class))
      .registerSubtypes(named(EVENT_HOLDERS, Event.class))
      .build();

  private static final Set<String> COMMAND_TYPES = types(COMMAND_HOLDERS, Command.class);

  /** A meeting's language is written as its tag ({@code "zh-CN"}), not as a lower-cased enum name. */
  private static SimpleModule languages() {
    return new SimpleModule()
        .addSerializer(Language.class, new StdSerializer<>(Language.class) {
          @Override
          public void serialize(Language value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.tag());
          }
        })
        .addDeserializer(Language.class, new StdDeserializer<>(Language.class) {
          @Override
          public Language deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String tag = p.getValueAsString();
            return Language.ofTag(tag).orElseThrow(() -> InvalidFormatException.from(p,
                "not a language", tag, Language.class));
          }
        });
  }

  private Codec() {
  }

  /** The names of every command type, as clients write them in {@code type}. */
  public static Set<String> commandTypes() {
    return COMMAND_TYPES;
  }

  /** Decodes a client's command object; an unknown type, unknown field or wrong type is a rejection. */
  public static Result<Command> command(JsonObject json) {
    if (json == null) {
      return Result.failed(Rejection.of(ErrorCode.INVALID_FIELD, "command is required"));
    }
    Object type = json.getValue("type");
    if (!(type instanceof String name) || !COMMAND_TYPES.contains(name)) {
      return Result.failed(Rejection.of(ErrorCode.UNKNOWN_COMMAND,
          type == null ? "command type is missing" : "unknown command type " + abbreviate(String.valueOf(type))));
    }
    try {
      // Through text, not convertValue: a body that crossed the event bus holds JsonArray/JsonObject values,
      // which Jackson would not read as lists and maps.
      return Result.ok(MAPPER.readValue(json.encode(), Command.class));
    } catch (JsonMappingException e) {
      return Result.failed(describe(e));
    } catch (JsonProcessingException e) {
      return Result.failed(Rejection.of(ErrorCode.BAD_JSON, "the command is not valid JSON"));
    }
  }

  public static JsonObject toJson(Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = MAPPER.convertValue(value, Map.class);
    return new JsonObject(map);
  }

  public static JsonArray eventsToJson(List<Event> events) {
    JsonArray array = new JsonArray();
    events.forEach(e -> array.add(toJson(e)));
    return array;
  }

  /** Decodes events this server wrote; a failure here means a corrupt store and is thrown. */
  public static List<Event> events(JsonArray json) {
    return List.of(read(json.encode(), Event[].class));
  }

  public static RoomState state(JsonObject json) {
    return read(json.encode(), RoomState.class);
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read", e);
    }
  }

  public static String encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** The name clients use for the resync request, which the room runtime answers itself. */
  public static final String SYNC = "Sync";

  /** The name of the ephemeral minutes-cursor message, which the room relays without recording. */
  public static final String CURSOR = "Cursor";

  private static Rejection describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return Rejection.of(ErrorCode.INVALID_FIELD, "unknown field " + abbreviate(u.getPropertyName()));
    }
    if (e instanceof InvalidTypeIdException) {
      return Rejection.of(ErrorCode.UNKNOWN_COMMAND, "unknown command type");
    }
    String field = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      // A goal carries a reason in every refusal (see Goals), this one included.
      return new Rejection(ErrorCode.INVALID_FIELD,
          field.isEmpty() ? "a field has the wrong type" : abbreviate(field) + " has the wrong type or value",
          field.equals("goal") ? Goals.MALFORMED : null);
    }
    return Rejection.of(ErrorCode.INVALID_FIELD, "the command is malformed");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static NamedType[] named(List<Class<?>> holders, Class<?> base) {
    return subtypes(holders, base).map(c -> new NamedType(c, c.getSimpleName())).toArray(NamedType[]::new);
  }

  private static Set<String> types(List<Class<?>> holders, Class<?> base) {
    return subtypes(holders, base).map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet());
  }

  private static Stream<Class<?>> subtypes(List<Class<?>> holders, Class<?> base) {
    return holders.stream().flatMap(h -> Arrays.stream(h.getDeclaredClasses())).filter(base::isAssignableFrom);
  }

  /** A decoded value or the rejection that explains why there is none. */
  public record Result<T>(T value, Rejection rejection) {
    static <T> Result<T> ok(T value) {
      return new Result<>(value, null);
    }

    static <T> Result<T> failed(Rejection rejection) {
      return new Result<>(null, rejection);
    }

    public boolean ok() {
      return rejection == null;
    }
  }
}
