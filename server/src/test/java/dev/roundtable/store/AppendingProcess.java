package dev.roundtable.store;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link EmbeddedStoreCrashTest}: appends entries to the embedded store one after
 * another and prints {@code acked N} as soon as entry N is acknowledged, until it is killed.
 */
public final class AppendingProcess {
  private AppendingProcess() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    RoomStore store = MongoStores.open(vertx,
        new MongoStores.Options(null, "roundtable", Path.of(args[0]), "127.0.0.1", 0)).await();
    for (long seq = 1; ; seq++) {
      store.append(List.of(entry(seq))).await();
      System.out.println("acked " + seq);
      System.out.flush();
    }
  }

  static LogEntry entry(long seq) {
    return new LogEntry("crash-room", seq, seq, "p1", null, null,
        new JsonArray().add(new JsonObject().put("type", "MeetingStarted").put("at", seq)),
        new JsonObject().put("ok", true).put("seq", seq));
  }
}
