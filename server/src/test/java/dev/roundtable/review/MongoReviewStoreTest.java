package dev.roundtable.review;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The review store, on the embedded server,")
class MongoReviewStoreTest {
  private static final long DAY = 86_400_000L;
  @TempDir
  Path dataDir;
  private Storage storage;
  private ReviewStore store;

  @BeforeEach
  void open(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    store = result(ReviewStore.open(vertx, storage.database()));
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  @Test
  @DisplayName("keeps one score per rater and meeting: rating again replaces it")
  void oneScorePerRater() {
    result(store.rate("room-a", "member:u1", 2));
    result(store.rate("room-a", "p7", 4));
    result(store.rate("room-a", "member:u1", 5));
    result(store.rate("room-b", "member:u1", 1));

    assertThat(result(store.scoreOf("room-a", "member:u1"))).contains(5);
    assertThat(result(store.scoreOf("room-a", "p8"))).isEmpty();
    ReviewStore.Stored a = result(store.of(List.of("room-a", "room-b", "room-c"))).get("room-a");
    assertThat(a.scores()).containsExactlyInAnyOrder(5, 4);
    assertThat(result(store.of(List.of("room-a", "room-b", "room-c")))).containsOnlyKeys("room-a", "room-b");
    assertThat(result(store.of(List.of()))).isEmpty();
  }

  @Test
  @DisplayName("stores a suggestion with its meeting, its text and its day only: no rater, a random id, no finer time")
  void suggestionsCarryNoAuthor() {
    assertThat(result(store.suggest("room-a", "更早发议程", 3 * DAY, 10))).isTrue();
    assertThat(result(store.suggest("room-a", "Shorter items", 3 * DAY, 10))).isTrue();

    List<Document> docs = storage.database().getCollection("suggestions").find().into(new java.util.ArrayList<>());
    assertThat(docs).hasSize(2);
    for (Document d : docs) {
      assertThat(d.keySet()).containsExactlyInAnyOrder("_id", "room", "text", "day");
      assertThat(d.get("_id")).isInstanceOf(String.class);
      assertThat(d.getString("_id")).matches("[0-9a-f-]{36}");
      assertThat(d.getLong("day")).isEqualTo(3 * DAY);
    }
    assertThat(result(store.of(List.of("room-a"))).get("room-a").suggestions())
        .containsExactlyInAnyOrder("更早发议程", "Shorter items");
    assertThat(result(store.of(List.of("room-a"))).get("room-a").scores()).isEmpty();
  }

  @Test
  @DisplayName("refuses a suggestion beyond a meeting's maximum and keeps the others")
  void suggestionLimit() {
    assertThat(result(store.suggest("room-a", "one", 0, 2))).isTrue();
    assertThat(result(store.suggest("room-a", "two", 0, 2))).isTrue();
    assertThat(result(store.suggest("room-a", "three", 0, 2))).isFalse();
    assertThat(result(store.suggest("room-b", "elsewhere", 0, 2))).isTrue();
    assertThat(result(store.of(List.of("room-a"))).get("room-a").suggestions()).containsExactlyInAnyOrder("one", "two");
    assertThat(Optional.ofNullable(result(store.of(List.of("room-b"))).get("room-b"))).isPresent();
  }
}
