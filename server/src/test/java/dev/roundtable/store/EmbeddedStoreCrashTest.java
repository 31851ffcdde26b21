package dev.roundtable.store;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The embedded store")
class EmbeddedStoreCrashTest {
  private static final int ACKS_BEFORE_KILL = 200;

  private static Process child(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  @DisplayName("keeps every acknowledged append when its process is killed with SIGKILL")
  void survivesKill(Vertx vertx, @TempDir Path dataDir) throws Exception {
    Process child = child(AppendingProcess.class, dataDir.toString());
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

  @Test
  @DisplayName("keeps every append acknowledged to another process writing through its port when the process "
      + "holding it is killed with SIGKILL")
  void survivesKillOfTheHolderWithARemoteWriter(Vertx vertx, @TempDir Path dataDir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process holder = child(HoldingProcess.class, dataDir.toString(), Integer.toString(port));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        // its log lines
      }
      assertThat(line).as("the holder started").isEqualTo("ready");
      RoomStore remote = result(MongoStores.open(vertx,
          new MongoStores.Options("mongodb://127.0.0.1:" + port, "roundtable", null, null, 0)));
      for (long seq = 1; seq <= 20; seq++) {
        result(remote.append(List.of(AppendingProcess.entry(seq))));
      }
      holder.destroyForcibly();
      assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
      remote.close();
    }

    RoomStore store = result(MongoStores.open(vertx,
        new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    try {
      assertThat(result(store.load("crash-room", 0)).entries())
          .isEqualTo(LongStream.rangeClosed(1, 20).mapToObj(AppendingProcess::entry).toList());
    } finally {
      result(store.close());
    }
  }
}
