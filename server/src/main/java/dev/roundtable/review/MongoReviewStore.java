package dev.roundtable.review;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.bson.Document;

/**
 * {@link ReviewStore} on the node's MongoDB database. {@code ratings}: {@code _id} = room id + "/" + rater key,
 * {@code room}, {@code score}. {@code suggestions}: {@code _id} a random UUID (not an ObjectId, which would carry
 * the second it was written), {@code room}, {@code text}, {@code day} (ms at the start of the UTC day). Both
 * have a plain index on {@code room}. Only operations the embedded store supports.
 */
final class MongoReviewStore implements ReviewStore {
  private final Vertx vertx;
  private final MongoCollection<Document> ratings;
  private final MongoCollection<Document> suggestions;

  MongoReviewStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.ratings = database.getCollection("ratings");
    this.suggestions = database.getCollection("suggestions");
  }

  /** Creates the indexes; called once before use. */
  Future<ReviewStore> open() {
    return blocking(() -> {
      ratings.createIndex(Indexes.ascending("room"));
      suggestions.createIndex(Indexes.ascending("room"));
      return this;
    });
  }

  @Override
  public Future<Void> rate(String roomId, String raterKey, int score) {
    return blocking(() -> {
      ratings.replaceOne(Filters.eq("_id", id(roomId, raterKey)),
          new Document("_id", id(roomId, raterKey)).append("room", roomId).append("score", score),
          new ReplaceOptions().upsert(true));
      return null;
    });
  }

  @Override
  public Future<Boolean> suggest(String roomId, String text, long day, int max) {
    return blocking(() -> {
      if (suggestions.countDocuments(Filters.eq("room", roomId)) >= max) {
        return false;
      }
      suggestions.insertOne(new Document("_id", UUID.randomUUID().toString()).append("room", roomId)
          .append("text", text).append("day", day));
      return true;
    });
  }

  @Override
  public Future<Optional<Integer>> scoreOf(String roomId, String raterKey) {
    return blocking(() -> Optional.ofNullable(ratings.find(Filters.eq("_id", id(roomId, raterKey))).first())
        .map(d -> ((Number) d.get("score")).intValue()));
  }

  @Override
  public Future<Map<String, Stored>> of(Collection<String> roomIds) {
    if (roomIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return blocking(() -> {
      Map<String, List<Integer>> scores = new HashMap<>();
      Map<String, List<String>> texts = new HashMap<>();
      for (Document d : ratings.find(Filters.in("room", roomIds))) {
        scores.computeIfAbsent(d.getString("room"), r -> new ArrayList<>()).add(((Number) d.get("score")).intValue());
      }
      for (Document d : suggestions.find(Filters.in("room", roomIds))) {
        texts.computeIfAbsent(d.getString("room"), r -> new ArrayList<>()).add(d.getString("text"));
      }
      Map<String, Stored> out = new HashMap<>();
      for (String room : roomIds) {
        if (scores.containsKey(room) || texts.containsKey(room)) {
          out.put(room, new Stored(scores.getOrDefault(room, List.of()), texts.getOrDefault(room, List.of())));
        }
      }
      return out;
    });
  }

  private static String id(String roomId, String raterKey) {
    return roomId + "/" + raterKey;
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
