package dev.roundtable.series;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.roundtable.series.core.Series;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@link SeriesStore} on the node's MongoDB database. Collection {@code series}: {@code _id} the series id,
 * {@code version}, {@code coordinatorVersion}, {@code state} (the series as {@link SeriesJson}). Only plain
 * operations the embedded store supports: insert, find by id, and updates conditional on the version.
 */
final class MongoSeriesStore implements SeriesStore {
  private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private final Vertx vertx;
  private final MongoCollection<Document> series;

  MongoSeriesStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.series = database.getCollection("series");
  }

  @Override
  public Future<Optional<Stored>> load(String seriesId) {
    return blocking(() -> Optional.ofNullable(series.find(Filters.eq("_id", seriesId)).first())
        .map(MongoSeriesStore::stored));
  }

  @Override
  public Future<Stored> insert(Series s) {
    return blocking(() -> {
      series.insertOne(new Document("_id", s.id()).append("version", 1L).append("coordinatorVersion", 1)
          .append("state", Document.parse(SeriesJson.write(s))));
      return new Stored(s, 1, 1);
    });
  }

  @Override
  public Future<Boolean> save(Series s, long expectedVersion) {
    return blocking(() -> series.updateOne(
        Filters.and(Filters.eq("_id", s.id()), Filters.eq("version", expectedVersion)),
        Updates.combine(Updates.set("state", Document.parse(SeriesJson.write(s))),
            Updates.set("version", expectedVersion + 1))).getMatchedCount() == 1);
  }

  @Override
  public Future<Optional<Stored>> rotateCoordinator(String seriesId) {
    return blocking(() -> Optional.ofNullable(series.findOneAndUpdate(Filters.eq("_id", seriesId),
            Updates.inc("coordinatorVersion", 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(MongoSeriesStore::stored));
  }

  private static Stored stored(Document d) {
    Document state = d.get("state", Document.class);
    return new Stored(SeriesJson.read(state.toJson(RELAXED)), ((Number) d.get("version")).longValue(),
        ((Number) d.get("coordinatorVersion")).intValue());
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
