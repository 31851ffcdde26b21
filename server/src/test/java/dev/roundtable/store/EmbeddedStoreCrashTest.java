package dev.roundtable.store;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The embedded store")
class EmbeddedStoreCrashTest {
  private static final int ACKS_BEFORE_KILL = 200;

  @Test
  @DisplayName("keeps every acknowledged append when its process is killed with SIGKILL")
  void survivesKill(Vertx vertx, @TempDir Path dataDir) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AppendingProcess.class.getName(), dataDir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    long lastAcked = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lastAcked < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith("acked ")) {
          lastAcked = Long.parseLong(line.substring(6));
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lastAcked).as("the child acknowledged appends before it was killed").isEqualTo(ACKS_BEFORE_KILL);

    RoomStore store = result(MongoStores.open(vertx,
        new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    try {
      StoredRoom room = result(store.load("crash-room", 0));
      long acked = lastAcked;
      assertThat(room.entries()).hasSizeGreaterThanOrEqualTo((int) acked);
      assertThat(room.entries().subList(0, (int) acked))
          .allSatisfy(e -> assertThat(e).isEqualTo(AppendingProcess.entry(e.seq())));
    } finally {
      result(store.close());
    }
  }
}
