package dev.roundtable.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.roundtable.tracker.core.Tracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@link TrackerStore} on the node's MongoDB database. Collection {@code actions}: {@code _id} the series id,
 * {@code version}, {@code state} (the tracker as JSON, the core's records field by field; unknown fields are
 * ignored, so an older node reads a newer document). Only what the embedded store supports: insert, find by id,
 * updates conditional on the version.
 */
final class MongoTrackerStore implements TrackerStore {
  private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Vertx vertx;
  private final MongoCollection<Document> actions;

  MongoTrackerStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.actions = database.getCollection("actions");
  }

  @Override
  public Future<Stored> load(String seriesId) {
    return blocking(() -> {
      Document d = actions.find(Filters.eq("_id", seriesId)).first();
      if (d == null) {
        return new Stored(Tracker.empty(seriesId), 0);
      }
      Tracker t = read(d.get("state", Document.class).toJson(RELAXED));
      return new Stored(t, ((Number) d.get("version")).longValue());
    });
  }

  @Override
  public Future<Boolean> save(Tracker tracker, long expectedVersion) {
    return blocking(() -> {
      Document state = Document.parse(write(tracker));
      if (expectedVersion == 0) {
        try {
          actions.insertOne(new Document("_id", tracker.seriesId()).append("version", 1L).append("state", state));
          return true;
        } catch (MongoWriteException e) {
          if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            return false;
          }
          throw e;
        }
      }
      return actions.updateOne(Filters.and(Filters.eq("_id", tracker.seriesId()), Filters.eq("version", expectedVersion)),
          Updates.combine(Updates.set("state", state), Updates.set("version", expectedVersion + 1)))
          .getMatchedCount() == 1;
    });
  }

  static String write(Tracker t) {
    try {
      return MAPPER.writeValueAsString(t);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Tracker read(String json) {
    try {
      return MAPPER.readValue(json, Tracker.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
