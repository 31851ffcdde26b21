package dev.roundtable.notify.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The robots' rate windows")
class RateRuleTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  /** {@code count} sends, {@code gapMs} apart, starting at T0; asked at T0 + {@code askMs}. */
  @ParameterizedTest(name = "{0}: {1} sends {2} ms apart, asked at +{3} ms → {4}")
  @CsvSource({
      "DINGTALK, 19, 1000, 19000, ''",
      "DINGTALK, 20, 1000, 19000, 60000",
      "DINGTALK, 20, 1000, 59999, 60000",
      "DINGTALK, 20, 1000, 60000, ''",
      "DINGTALK, 20, 1000, 61000, ''",
      "WECOM, 25, 100, 2400, 60500",
      "FEISHU, 4, 100, 400, ''",
      "FEISHU, 5, 100, 400, 1000",
      "FEISHU, 5, 100, 999, 1000",
      "FEISHU, 5, 100, 1000, ''",
      "FEISHU, 6, 100, 1000, 1100",
      "FEISHU, 100, 10, 990, 60000",
      "EMAIL, 1000, 1, 999, ''",
  })
  @DisplayName("a full window opens when its oldest needed send leaves it")
  void opening(Channel channel, int count, long gapMs, long askMs, String expectedMs) {
    List<Instant> sends = new ArrayList<>();
    IntStream.range(0, count).forEach(i -> sends.add(T0.plusMillis(i * gapMs)));
    Optional<Instant> opening = RateRule.of(channel).nextOpening(sends, T0.plusMillis(askMs));
    assertThat(opening).isEqualTo(expectedMs.isEmpty() ? Optional.empty()
        : Optional.of(T0.plusMillis(Long.parseLong(expectedMs))));
  }
}
