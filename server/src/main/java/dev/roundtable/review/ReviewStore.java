package dev.roundtable.review;

import com.mongodb.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where ratings and suggestions are kept, apart: a rating is one document per rater of a meeting (so rating
 * again replaces it), a suggestion one document holding its meeting, its text and its day, and nothing that
 * names or orders its author (no rater, no participant, a random id, no time finer than the day). Blocking
 * driver calls run on a worker.
 */
public interface ReviewStore {

  /** Opens the store on the node's database (collections {@code ratings} and {@code suggestions}, indexed). */
  static Future<ReviewStore> open(Vertx vertx, MongoDatabase database) {
    return new MongoReviewStore(vertx, database).open();
  }

  /** Records (or replaces) {@code raterKey}'s score for {@code roomId}. */
  Future<Void> rate(String roomId, String raterKey, int score);

  /** Adds a suggestion to {@code roomId}, dated by {@code day} only; false when the meeting has its maximum. */
  Future<Boolean> suggest(String roomId, String text, long day, int max);

  /** The score {@code raterKey} gave {@code roomId}, if any. */
  Future<Optional<Integer>> scoreOf(String roomId, String raterKey);

  /** Every room's scores and suggestion texts, for the rooms named (a room nobody rated is absent). */
  Future<Map<String, Stored>> of(Collection<String> roomIds);

  /** One room's scores (in no particular order) and suggestion texts. */
  record Stored(List<Integer> scores, List<String> suggestions) {
  }
}
