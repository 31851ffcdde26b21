package dev.roundtable.series;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.ChatGroupCommands;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.PreRead;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The series store, on the embedded server,")
class MongoSeriesStoreTest {
  @TempDir
  Path dataDir;
  private Vertx vertx;
  private Storage storage;
  private SeriesStore store;

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    store = SeriesStore.create(vertx, storage.database());
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  @Test
  @DisplayName("gives back a series exactly as written: members, occurrences, answers and pending effects")
  void roundTrip() {
    Series s = SeriesSamples.apply(SeriesSamples.prepared(), SeriesActor.COORDINATOR,
        new OccurrenceCommands.PrepareNotice(SeriesSamples.first(), false));
    assertThat(s.effects()).isNotEmpty();
    result(store.insert(s));
    SeriesStore.Stored loaded = result(store.load("s1")).orElseThrow();
    assertThat(loaded.series()).isEqualTo(s);
    assertThat(loaded.version()).isEqualTo(1);
    assertThat(loaded.coordinatorVersion()).isEqualTo(1);
    assertThat(result(store.load("nope"))).isEmpty();
  }

  @Test
  @DisplayName("keeps the chat groups with their URLs and secrets, and loads a document written before there were any")
  void chatGroups() {
    Series s = SeriesSamples.apply(SeriesSamples.prepared(), SeriesActor.COORDINATOR,
        new ChatGroupCommands.AddChatGroup(ChatGroup.ChatService.DINGTALK, "PMO",
            "https://oapi.dingtalk.com/robot/send?access_token=t1", "SEC1"));
    result(store.insert(s));
    assertThat(result(store.load("s1")).orElseThrow().series().chatGroups()).isEqualTo(s.chatGroups()).hasSize(1);

    Document old = Document.parse(SeriesJson.write(SeriesSamples.prepared()));
    old.remove("chatGroups");
    old.put("id", "s2");
    storage.database().getCollection("series").insertOne(new Document("_id", "s2").append("version", 1L)
        .append("coordinatorVersion", 1).append("state", old));
    Series loaded = result(store.load("s2")).orElseThrow().series();
    assertThat(loaded.chatGroups()).isEmpty();
    assertThat(loaded.members()).isEqualTo(SeriesSamples.prepared().members());
  }

  @Test
  @DisplayName("keeps link and file pre-reads, and loads a link pre-read written before there were files")
  void preReads() {
    Series s = SeriesSamples.apply(SeriesSamples.apply(SeriesSamples.prepared(), SeriesActor.COORDINATOR,
        new OccurrenceCommands.AddPreRead(SeriesSamples.first(), "计划", "https://docs.example.com/plan")),
        SeriesActor.COORDINATOR, new OccurrenceCommands.AddFilePreRead(SeriesSamples.first(), null,
            new PreRead.File("65f0c0ffee0000000000cafe", "风险清单.xlsx", "application/vnd.ms-excel", 2048)));
    result(store.insert(s));
    List<PreRead> kept = result(store.load("s1")).orElseThrow().series().occurrences().get(0).preReads();
    assertThat(kept).isEqualTo(s.occurrences().get(0).preReads()).hasSize(3);
    assertThat(kept.get(2).title()).isEqualTo("风险清单.xlsx");

    Document old = Document.parse(SeriesJson.write(s));
    List<Document> preReads = old.getList("occurrences", Document.class).get(0).getList("preReads", Document.class);
    preReads.remove(2);
    preReads.forEach(p -> p.remove("file"));
    old.put("id", "s2");
    storage.database().getCollection("series").insertOne(new Document("_id", "s2").append("version", 1L)
        .append("coordinatorVersion", 1).append("state", old));
    assertThat(result(store.load("s2")).orElseThrow().series().occurrences().get(0).preReads())
        .isEqualTo(kept.subList(0, 2));
  }

  @Test
  @DisplayName("writes only against the version it read, so a second owner's late write is refused")
  void conditionalSave() {
    Series s = SeriesSamples.prepared();
    result(store.insert(s));
    Series changed = SeriesSamples.apply(s, SeriesActor.COORDINATOR,
        new OccurrenceCommands.PrepareNotice(SeriesSamples.first(), false));
    assertThat(result(store.save(changed, 1))).isTrue();
    assertThat(result(store.save(s, 1))).isFalse();
    SeriesStore.Stored loaded = result(store.load("s1")).orElseThrow();
    assertThat(loaded.version()).isEqualTo(2);
    assertThat(loaded.series()).isEqualTo(changed);
  }

  @Test
  @DisplayName("refuses a second series under the same id and keeps the first")
  void duplicateInsert() {
    Series s = SeriesSamples.prepared();
    result(store.insert(s));
    assertThatThrownBy(() -> result(store.insert(s))).isNotNull();
    assertThat(result(store.load("s1")).orElseThrow().series()).isEqualTo(s);
  }

  @Test
  @DisplayName("raises the coordinator link's version, and finds nothing to rotate for an unknown series")
  void rotateCoordinator() {
    result(store.insert(SeriesSamples.prepared()));
    assertThat(result(store.rotateCoordinator("s1")).orElseThrow().coordinatorVersion()).isEqualTo(2);
    assertThat(result(store.load("s1")).orElseThrow().version()).isEqualTo(1);
    assertThat(result(store.rotateCoordinator("nope"))).isEmpty();
  }
}
