package dev.roundtable;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("After a restart on the same store")
class RestartTest {
  private final MutableClock clock = new MutableClock();
  @TempDir
  Path dataDir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      result(server.stop());
    }
  }

  private TestServer startServer(Vertx vertx, int snapshotEvery) {
    RoundtableConfig config = TestServer.config(dataDir).with(new JsonObject().put("snapshotEvery", snapshotEvery));
    server = result(TestServer.start(vertx, config, clock));
    return server;
  }

  private void restart(Vertx vertx, int snapshotEvery) {
    result(server.stop());
    server = null;
    startServer(vertx, snapshotEvery);
  }

  private static JsonObject command(String type) {
    return new JsonObject().put("type", type);
  }

  private static String itemId(JsonObject reply) {
    return reply.getJsonObject("result").getString("itemId");
  }

  @ParameterizedTest(name = "with a snapshot every {0} commands")
  @ValueSource(ints = {3, 200})
  @DisplayName("every room is exactly as before, running countdowns included, and a resend is not applied twice")
  void roomsComeBackIdentical(int snapshotEvery, Vertx vertx) {
    startServer(vertx, snapshotEvery);
    JsonObject a = result(server.createRoom());
    JsonObject b = result(server.createRoom());
    String bo = result(server.join(a.getString("joinCode"), "Bo", "Sales", "participant")).getString("token");
    BusClient client = result(server.connect());
    String roomA = a.getString("roomId");
    String tokenA = a.getString("token");
    String budget = itemId(result(client.command(roomA, tokenA, "fac", 1, new JsonObject().put("type", "AddItem")
        .put("title", "Budget").put("owner", "Ana").put("timeboxSeconds", 600).put("kind", "decide"))));
    result(client.command(roomA, tokenA, "fac", 2, new JsonObject().put("type", "AddItem").put("title", "Hiring")));
    result(client.command(roomA, tokenA, "fac", 3, command("StartItem").put("itemId", budget)));
    result(client.command(roomA, bo, "bo", 1, command("RaiseHand")));
    result(client.command(roomA, tokenA, "fac", 4, command("GiveFloor")));
    result(client.command(b.getString("roomId"), b.getString("token"), "fac", 1, new JsonObject()
        .put("type", "AddItem").put("title", "Roadmap")));
    JsonObject beforeA = result(client.sync(roomA, tokenA, null));
    JsonObject beforeB = result(client.sync(b.getString("roomId"), b.getString("token"), null));
    result(client.close());

    restart(vertx, snapshotEvery);

    BusClient again = result(server.connect());
    JsonObject afterA = result(again.sync(roomA, tokenA, null));
    JsonObject afterB = result(again.sync(b.getString("roomId"), b.getString("token"), null));
    assertThat(afterA.getLong("seq")).isEqualTo(beforeA.getLong("seq"));
    assertThat(afterA.getJsonObject("snapshot")).isEqualTo(beforeA.getJsonObject("snapshot"));
    assertThat(afterA.getJsonObject("snapshot").getJsonObject("countdown").getBoolean("running")).isTrue();
    assertThat(afterB.getJsonObject("snapshot")).isEqualTo(beforeB.getJsonObject("snapshot"));

    JsonObject resent = result(again.command(roomA, tokenA, "fac", 1, new JsonObject().put("type", "AddItem")
        .put("title", "Budget").put("owner", "Ana").put("timeboxSeconds", 600).put("kind", "decide")));
    assertThat(itemId(resent)).isEqualTo(budget);
    assertThat(result(again.sync(roomA, tokenA, null)).getJsonObject("snapshot").getJsonArray("agenda")).hasSize(2);
    result(again.close());
  }

  @Test
  @DisplayName("a countdown that ran out while no server ran announces its time-up once, on load")
  void timeUpWhileDown(Vertx vertx) {
    startServer(vertx, 200);
    JsonObject room = result(server.createRoom());
    String roomId = room.getString("roomId");
    String token = room.getString("token");
    BusClient client = result(server.connect());
    String item = itemId(result(client.command(roomId, token, "fac", 1, new JsonObject().put("type", "AddItem")
        .put("title", "Budget").put("timeboxSeconds", 10))));
    result(client.command(roomId, token, "fac", 2, command("StartItem").put("itemId", item)));
    long seqBeforeStop = result(client.sync(roomId, token, null)).getLong("seq");
    result(client.close());

    result(server.stop());
    server = null;
    clock.advance(11_000);
    startServer(vertx, 200);

    BusClient again = result(server.connect());
    JsonObject missed = result(again.sync(roomId, token, seqBeforeStop));
    List<JsonObject> timeUps = missed.getJsonArray("events").stream().map(JsonObject.class::cast)
        .flatMap(envelope -> envelope.getJsonArray("events").stream().map(JsonObject.class::cast))
        .filter(e -> "TopicTimeUp".equals(e.getString("type")))
        .toList();
    assertThat(timeUps).hasSize(1).allSatisfy(e -> assertThat(e.getString("itemId")).isEqualTo(item));

    restart(vertx, 200);
    BusClient third = result(server.connect());
    JsonObject afterSecondRestart = result(third.sync(roomId, token, seqBeforeStop));
    assertThat(afterSecondRestart.getJsonArray("events")).isEqualTo(missed.getJsonArray("events"));
    result(third.close());
    result(again.close());
  }
}
