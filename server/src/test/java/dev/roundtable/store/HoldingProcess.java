package dev.roundtable.store;

import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedStoreCrashTest}: holds the embedded store of {@code args[0]} on port
 * {@code args[1]} for other processes to write to, prints {@code ready}, and waits until it is killed.
 */
public final class HoldingProcess {
  private HoldingProcess() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    MongoStores.open(vertx, new MongoStores.Options(null, "roundtable", Path.of(args[0]), "127.0.0.1",
        Integer.parseInt(args[1]))).await();
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
