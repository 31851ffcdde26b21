package dev.roundtable.series;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The pre-read files, in GridFS on the embedded server,")
class GridFsPreReadFilesTest {
  @TempDir
  Path dataDir;
  private Storage storage;
  private PreReadFiles files;

  @BeforeEach
  void open(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    files = PreReadFiles.create(vertx, storage.database());
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  @Test
  @DisplayName("gives back a file of several chunks byte for byte, with its Chinese name and content type")
  void roundTrip() {
    byte[] bytes = new byte[600 * 1024 + 17];
    new Random(7).nextBytes(bytes);
    String id = result(files.store("s1", "风险清单.xlsx", "application/vnd.ms-excel", Buffer.buffer(bytes)));

    PreReadFiles.Content content = result(files.open(id)).orElseThrow();
    assertThat(content.name()).isEqualTo("风险清单.xlsx");
    assertThat(content.contentType()).isEqualTo("application/vnd.ms-excel");
    assertThat(content.bytes().getBytes()).isEqualTo(bytes);
    assertThat(storage.database().getCollection(PreReadFiles.BUCKET + ".chunks").countDocuments()).isGreaterThan(1);
  }

  @Test
  @DisplayName("deletes a file with its chunks, and takes a second delete or an unknown id calmly")
  void delete() {
    String kept = result(files.store("s1", "a.txt", "text/plain", Buffer.buffer("keep")));
    String gone = result(files.store("s1", "b.txt", "text/plain", Buffer.buffer("drop")));

    result(files.delete(gone));
    result(files.delete(gone));
    result(files.delete("not-an-id"));
    result(files.delete("0123456789abcdef01234567"));

    assertThat(result(files.open(gone))).isEmpty();
    assertThat(result(files.open("not-an-id"))).isEmpty();
    assertThat(result(files.open(kept)).orElseThrow().bytes().toString()).isEqualTo("keep");
    assertThat(storage.database().getCollection(PreReadFiles.BUCKET + ".files").countDocuments()).isEqualTo(1);
    assertThat(storage.database().getCollection(PreReadFiles.BUCKET + ".chunks").countDocuments()).isEqualTo(1);
  }
}
