package dev.roundtable.review;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.MeetingStatus;
import dev.roundtable.domain.Participant;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import dev.roundtable.protocol.Headers;
import dev.roundtable.review.core.Reviews;
import dev.roundtable.room.RoomRefusal;
import dev.roundtable.room.RoomService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Ratings and anonymous suggestions of finished meetings: the review's owner. A rating is taken only once the
 * room's meeting has ended (read through {@link RoomService#view}, never through a room command: a command
 * would be logged with its actor) and is keyed by the rater as the room knows them, their
 * {@link Participant#key} when they have one ({@code member:<id>} for a series member), else their participant
 * id, so rating from the room and from a series link is one rating, and the second replaces the first. A
 * suggestion is written apart with neither, and nothing here logs or answers who wrote it. Refusals are
 * {@link RoomRefusal}s carrying {@code {code, message}}; nothing is written before every check has passed.
 *
 * <p>Invariant: no stored document, log line or reply links a suggestion's text to its author.
 */
public final class ReviewService {
  /** The reason of a rating refused because the meeting has not ended (yet). */
  public static final String NOT_ENDED = "NOT_ENDED";

  private final ReviewStore store;
  private final RoomService rooms;
  private final Clock clock;

  public ReviewService(ReviewStore store, RoomService rooms, Clock clock) {
    this.store = store;
    this.rooms = rooms;
    this.clock = clock;
  }

  /** What a rater gave: their score, and whether a suggestion was added. */
  public record Rated(int score, boolean suggested) {
  }

  /** A room participant rates the room's ended meeting. */
  public Future<Rated> rateAsParticipant(String roomId, String participantId, Integer score, String suggestion) {
    return checked(score, suggestion).compose(v -> ended(roomId)).compose(state -> {
      Participant p = state.participants().get(participantId);
      if (p == null || p.role() == Role.SCREEN) {
        return refused(ErrorCode.FORBIDDEN, "only the meeting's attendees rate it");
      }
      return record(roomId, raterKey(p), score, suggestion);
    });
  }

  /** The person the room knows by {@code key} (a series member's {@code member:<id>}) rates its ended meeting. */
  public Future<Rated> rateAsKey(String roomId, String key, Integer score, String suggestion) {
    return checked(score, suggestion).compose(v -> ended(roomId)).compose(state -> {
      if (byKey(state, key).isEmpty()) {
        return refused(ErrorCode.FORBIDDEN, "you were not invited to this meeting");
      }
      return record(roomId, key, score, suggestion);
    });
  }

  /** A participant's own score of the room's meeting, if they rated it. */
  public Future<Optional<Integer>> scoreOfParticipant(String roomId, String participantId) {
    return rooms.view(roomId, Headers.SYSTEM_ACTOR).compose(state -> {
      Participant p = state.participants().get(participantId);
      return p == null ? Future.succeededFuture(Optional.empty()) : store.scoreOf(roomId, raterKey(p));
    });
  }

  /** The score the person known by {@code key} gave the room's meeting, if any. */
  public Future<Optional<Integer>> scoreOfKey(String roomId, String key) {
    return store.scoreOf(roomId, key);
  }

  /** The results of the rooms named, each with its ratings (a room nobody rated has none). */
  public Future<Map<String, Reviews.Result>> results(Collection<String> roomIds) {
    return store.of(roomIds).map(stored -> {
      Map<String, Reviews.Result> out = new HashMap<>();
      stored.forEach((room, s) -> out.put(room, Reviews.result(s.scores(), s.suggestions())));
      return out;
    });
  }

  /** The scores of the rooms named, in no particular order (a room nobody rated is absent). */
  public Future<Map<String, java.util.List<Integer>>> scores(Collection<String> roomIds) {
    return store.of(roomIds).map(stored -> {
      Map<String, java.util.List<Integer>> out = new HashMap<>();
      stored.forEach((room, s) -> out.put(room, s.scores()));
      return out;
    });
  }

  private Future<Rated> record(String roomId, String raterKey, int score, String suggestion) {
    Optional<String> text = Reviews.suggestion(suggestion);
    Future<Boolean> suggested = text.isEmpty() ? Future.succeededFuture(false)
        : store.suggest(roomId, text.get(), Reviews.day(clock.millis()), Reviews.MAX_SUGGESTIONS);
    return suggested.compose(added -> {
      if (text.isPresent() && !added) {
        return refused(ErrorCode.LIMIT_REACHED, "this meeting has its " + Reviews.MAX_SUGGESTIONS + " suggestions");
      }
      return store.rate(roomId, raterKey, score).map(v -> new Rated(score, added));
    });
  }

  private static Future<Void> checked(Integer score, String suggestion) {
    return Reviews.problem(score, suggestion)
        .<Future<Void>>map(p -> refused(p.tooLarge() ? ErrorCode.TOO_LARGE : ErrorCode.INVALID_FIELD, p.message()))
        .orElse(Future.succeededFuture());
  }

  private Future<RoomState> ended(String roomId) {
    return rooms.view(roomId, Headers.SYSTEM_ACTOR).compose(state -> {
      if (state.meeting() == null) {
        return refused(ErrorCode.ROOM_NOT_FOUND, "no such meeting");
      }
      if (state.meeting().status() != MeetingStatus.ENDED) {
        return Future.failedFuture(new RoomRefusal(new JsonObject().put("code", ErrorCode.INVALID_STATE.name())
            .put("message", "the meeting has not ended; rate it after its end").put("reason", NOT_ENDED)));
      }
      return Future.succeededFuture(state);
    });
  }

  private static Optional<Participant> byKey(RoomState state, String key) {
    return state.participants().values().stream().filter(p -> key.equals(p.key())).findFirst();
  }

  private static String raterKey(Participant p) {
    return p.key() != null ? p.key() : p.id();
  }

  private static <T> Future<T> refused(ErrorCode code, String message) {
    return Future.failedFuture(new RoomRefusal(code, message));
  }
}
