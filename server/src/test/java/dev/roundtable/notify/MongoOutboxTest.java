package dev.roundtable.notify;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Language;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The outbox, on the embedded store,")
class MongoOutboxTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  static final Destination.Robot ROBOT = new Destination.Robot(Channel.WECOM, "https://robot.example/hook?key=K", "");
  @TempDir
  Path dataDir;
  private Storage storage;
  private Outbox outbox;

  @BeforeEach
  void open(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    outbox = result(Outbox.create(vertx, storage.database()));
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  /** A claim of node n1, the only member. */
  static Outbox.Claimant claimant(String claimId) {
    return new Outbox.Claimant(claimId, "n1", List.of("n1"));
  }

  static Message message(String key) {
    return new Message(key, "series-1", ROBOT, Language.ZH_CN, "通知 " + key, "内容", List.of("u1"), null);
  }

  @Test
  @DisplayName("writes a message once per idempotency key and reads it back whole")
  void idempotentAdd() {
    assertThat(result(outbox.add(message("a"), T0))).isTrue();
    assertThat(result(outbox.add(message("a"), T0.plusSeconds(1)))).isFalse();
    OutboxEntry entry = result(outbox.get("a")).orElseThrow();
    assertThat(entry.message()).isEqualTo(message("a"));
    assertThat(entry.state()).isEqualTo(DeliveryState.QUEUED);
    Message mail = new Message("m", "series-1", new Destination.Mailbox(List.of("a@example.org")), Language.EN,
        "Notice", "Body", List.of(), "BEGIN:VCALENDAR".getBytes(StandardCharsets.UTF_8));
    result(outbox.add(mail, T0));
    assertThat(result(outbox.get("m")).orElseThrow().message()).isEqualTo(mail);
  }

  @Test
  @DisplayName("lets one claim take a message; a second claim gets nothing until the first expires")
  void oneClaim() {
    result(outbox.add(message("a"), T0));
    assertThat(result(outbox.claim("a", ROBOT.rateKey(), true, claimant("c1"), T0, T0.plusSeconds(60)))).hasSize(1);
    assertThat(result(outbox.claim("a", ROBOT.rateKey(), true, claimant("c2"), T0.plusSeconds(1), T0.plusSeconds(61)))).isEmpty();
    List<OutboxEntry> retaken = result(outbox.claim("a", ROBOT.rateKey(), true, claimant("c3"), T0.plusSeconds(61), T0.plusSeconds(120)));
    assertThat(retaken).hasSize(1);
    assertThat(retaken.get(0).attempts()).isEqualTo(2);
    // The expired claim's late answer changes nothing.
    result(outbox.sent("c1", "late", T0.plusSeconds(62), ""));
    assertThat(result(outbox.get("a")).orElseThrow().state()).isEqualTo(DeliveryState.SENDING);
    result(outbox.sent("c3", "errcode 0: ok", T0.plusSeconds(62), ""));
    assertThat(result(outbox.get("a")).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
    assertThat(result(outbox.claim("a", ROBOT.rateKey(), true, claimant("c4"), T0.plusSeconds(200), T0.plusSeconds(260)))).isEmpty();
  }

  @Test
  @DisplayName("a claim takes the held messages of the same robot along, oldest first, and a release holds them all")
  void heldTogether() {
    for (int i = 1; i <= 3; i++) {
      result(outbox.add(message("m" + i), T0.plusMillis(i)));
    }
    result(outbox.hold("m1", T0));
    result(outbox.hold("m2", T0));
    List<OutboxEntry> claimed = result(outbox.claim("m3", ROBOT.rateKey(), true, claimant("c1"), T0, T0.plusSeconds(60)));
    assertThat(claimed).extracting(e -> e.message().key()).containsExactly("m1", "m2", "m3");
    result(outbox.release("c1", "45009", "errcode 45009: api freq out of limit", T0.plusSeconds(1)));
    assertThat(result(outbox.get("m3")).orElseThrow().held()).isTrue();
    // Held messages alone are not taken by a run whose own message is busy elsewhere.
    result(outbox.claim("m3", ROBOT.rateKey(), true, claimant("c2"), T0.plusSeconds(2), T0.plusSeconds(60)));
    assertThat(result(outbox.claim("m1", ROBOT.rateKey(), true, claimant("c3"), T0.plusSeconds(3), T0.plusSeconds(60)))).isEmpty();
    result(outbox.failed("c2", "45009", "gave up", T0.plusSeconds(4)));
    List<NotificationStatus> view = result(outbox.bySeries("series-1", 10));
    assertThat(view).extracting(NotificationStatus::state).containsOnly(DeliveryState.FAILED);
    assertThat(view).extracting(NotificationStatus::errorCode).containsOnly("45009");
    assertThat(view.get(0).toJson().encode()).doesNotContain("robot.example").doesNotContain("key=K");
  }

  @Test
  @DisplayName("frees a claim at once when its node is no longer a member, and a live node's only when it expires")
  void claimOfADepartedNode() {
    result(outbox.add(message("a"), T0));
    assertThat(result(outbox.claim("a", ROBOT.rateKey(), true, new Outbox.Claimant("c1", "n1", List.of("n1", "n2")),
        T0, T0.plusSeconds(60)))).hasSize(1);
    assertThat(result(outbox.get("a")).orElseThrow().claimNode()).isEqualTo("n1");
    assertThat(result(outbox.claim("a", ROBOT.rateKey(), true, new Outbox.Claimant("c2", "n2", List.of("n1", "n2")),
        T0.plusSeconds(1), T0.plusSeconds(61)))).as("n1 still a member").isEmpty();
    List<OutboxEntry> taken = result(outbox.claim("a", ROBOT.rateKey(), true,
        new Outbox.Claimant("c3", "n2", List.of("n2")), T0.plusSeconds(2), T0.plusSeconds(62)));
    assertThat(taken).as("n1 gone").hasSize(1);
    assertThat(taken.get(0).claimNode()).isEqualTo("n2");
    assertThat(taken.get(0).attempts()).isEqualTo(2);
    // The departed node's late answer changes nothing.
    result(outbox.sent("c1", "late", T0.plusSeconds(3), ""));
    assertThat(result(outbox.get("a")).orElseThrow().state()).isEqualTo(DeliveryState.SENDING);
  }

  @Test
  @DisplayName("keeps each robot's sends for its rate window")
  void sends() {
    result(outbox.recordSend("r1", T0));
    result(outbox.recordSend("r1", T0.plusSeconds(30)));
    result(outbox.recordSend("r2", T0.plusSeconds(30)));
    assertThat(result(outbox.sendsSince("r1", T0.minusSeconds(1)))).hasSize(2);
    assertThat(result(outbox.sendsSince("r1", T0))).containsExactly(T0.plusSeconds(30));
  }
}
