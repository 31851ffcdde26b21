package dev.roundtable.web;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.domain.Role;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A series' links")
class SeriesTokensTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  @DisplayName("name their series, member and version, and open only what their scope opens")
  void scopesAreDistinct(Vertx vertx) {
    Tokens tokens = new Tokens(vertx, SECRET, 3600);
    String coordinator = tokens.issueSeriesCoordinator("s1", 2);
    String member = tokens.issueSeriesMember("s1", "u3", 4);
    String feed = tokens.issueSeriesFeed("s1", "u3", 4);
    assertThat(result(tokens.verifySeries(coordinator, false)))
        .isEqualTo(new Tokens.SeriesPass("series-coordinator", "s1", null, 2));
    assertThat(result(tokens.verifySeries(member, false))).isEqualTo(new Tokens.SeriesPass("series-member", "s1", "u3", 4));
    assertThat(result(tokens.verifySeries(feed, true))).isEqualTo(new Tokens.SeriesPass("series-feed", "s1", "u3", 4));
    // A feed URL opens only the feed; a personal link is no feed; no series link is a room token or a download.
    assertThatThrownBy(() -> result(tokens.verifySeries(feed, false))).isNotNull();
    assertThatThrownBy(() -> result(tokens.verifySeries(member, true))).isNotNull();
    for (String t : new String[] {coordinator, member, feed}) {
      assertThatThrownBy(() -> result(tokens.verify(t))).isNotNull();
      assertThatThrownBy(() -> result(tokens.verifyDownload(t))).isNotNull();
    }
  }

  @Test
  @DisplayName("refuse a room's participant and download tokens, a forged one and garbage")
  void refuseOthers(Vertx vertx) {
    Tokens tokens = new Tokens(vertx, SECRET, 3600);
    Identity who = new Identity("r1", "p1", Role.FACILITATOR);
    assertThatThrownBy(() -> result(tokens.verifySeries(tokens.issue(who), false))).isNotNull();
    assertThatThrownBy(() -> result(tokens.verifySeries(tokens.issueDownload(who).token(), false))).isNotNull();
    String forged = new Tokens(vertx, "another secret another secret 12", 3600).issueSeriesCoordinator("s1", 1);
    assertThatThrownBy(() -> result(tokens.verifySeries(forged, false))).isNotNull();
    assertThatThrownBy(() -> result(tokens.verifySeries("garbage", false))).isNotNull();
    assertThatThrownBy(() -> result(tokens.verifySeries(null, false))).isNotNull();
  }
}
