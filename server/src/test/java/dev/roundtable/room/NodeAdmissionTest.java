package dev.roundtable.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The node's admission budget")
class NodeAdmissionTest {
  private final AtomicLong storeBacklog = new AtomicLong();
  private final NodeAdmission budget = new NodeAdmission(new NodeAdmission.Limits(3, 500, 200, 1_000),
      storeBacklog::get, 2);

  @Test
  @DisplayName("admits commands up to its limit in flight and refuses the next one at once")
  void boundsWorkInFlight() {
    assertThat(budget.tryAdmit()).isNull();
    assertThat(budget.tryAdmit()).isNull();
    assertThat(budget.tryAdmit()).isNull();

    NodeAdmission.Refusal refused = budget.tryAdmit();

    assertThat(refused).isNotNull();
    assertThat(refused.message()).isEqualTo(NodeAdmission.BUSY);
    assertThat(refused.retryAfterMs()).isEqualTo(1_000);
    assertThat(budget.inFlight()).isEqualTo(3);
    assertThat(budget.refusals()).isEqualTo(1);
  }

  @Test
  @DisplayName("admits again once an admitted command is answered")
  void releasesOnAnswer() {
    for (int i = 0; i < 3; i++) {
      budget.tryAdmit();
    }
    assertThat(budget.tryAdmit()).isNotNull();

    budget.release();

    assertThat(budget.tryAdmit()).isNull();
    assertThat(budget.inFlight()).isEqualTo(3);
  }

  @Test
  @DisplayName("refuses while the store's oldest unwritten append is too old, and hints to wait at least that long")
  void refusesWhileTheStoreFallsBehind() {
    storeBacklog.set(2_500);

    NodeAdmission.Refusal refused = budget.tryAdmit();

    assertThat(refused.message()).isEqualTo(NodeAdmission.STORE_BEHIND);
    assertThat(refused.retryAfterMs()).isEqualTo(2_500);
    assertThat(budget.inFlight()).isZero();

    storeBacklog.set(100);
    assertThat(budget.tryAdmit()).isNull();
  }

  @Test
  @DisplayName("refuses while any event loop runs late, and admits once its probe reports it caught up")
  void refusesWhileAnEventLoopLags() {
    budget.lag(0, 10);
    budget.lag(1, 300);

    assertThat(budget.tryAdmit().message()).isEqualTo(NodeAdmission.LOOPS_BEHIND);

    budget.lag(1, 0);
    assertThat(budget.tryAdmit()).isNull();
  }

  @Test
  @DisplayName("answers a refusal as UNAVAILABLE with its message and retryAfterMs")
  void refusalReply() {
    JsonObject reply = new NodeAdmission.Refusal("busy", 750).reply();

    assertThat(reply.getBoolean("ok")).isFalse();
    assertThat(reply.getJsonObject("error").getString("code")).isEqualTo("UNAVAILABLE");
    assertThat(reply.getJsonObject("error").getString("message")).isEqualTo("busy");
    assertThat(reply.getJsonObject("error").getLong("retryAfterMs")).isEqualTo(750);
  }
}
