package dev.roundtable.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.review.core.Reviews;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The review's rules")
class ReviewsTest {
  @Test
  @DisplayName("take whole scores 1 to 5 and suggestions up to 1 000 well-formed characters")
  void checks() {
    assertThat(Reviews.problem(1, null)).isEmpty();
    assertThat(Reviews.problem(5, "x".repeat(1_000))).isEmpty();
    assertThat(Reviews.problem(0, null).orElseThrow().field()).isEqualTo("score");
    assertThat(Reviews.problem(6, null).orElseThrow().field()).isEqualTo("score");
    assertThat(Reviews.problem(null, null).orElseThrow().field()).isEqualTo("score");
    assertThat(Reviews.problem(3, "x".repeat(1_001)).orElseThrow().tooLarge()).isTrue();
    assertThat(Reviews.problem(3, "bad \uD800").orElseThrow().field()).isEqualTo("suggestion");
    assertThat(Reviews.suggestion("   ")).isEmpty();
    assertThat(Reviews.suggestion("  keep it short ")).contains("keep it short");
  }

  @Test
  @DisplayName("average the scores, sort the suggestions by text, and ask a plan below 3 until one is written")
  void results() {
    Reviews.Result r = Reviews.result(List.of(2, 3, 3), List.of("zebra", "apple", "议程"));
    assertThat(r.ratings()).isEqualTo(3);
    assertThat(r.rounded()).isEqualTo(2.7);
    assertThat(r.suggestions()).containsExactly("apple", "zebra", "议程");
    assertThat(Reviews.planDue(r, false)).isTrue();
    assertThat(Reviews.planDue(r, true)).isFalse();
    assertThat(Reviews.planDue(Reviews.result(List.of(3, 3), List.of()), false)).as("3.0 is not below 3").isFalse();
    assertThat(Reviews.planDue(Reviews.result(List.of(), List.of("x")), false)).as("nobody rated").isFalse();
    assertThat(Reviews.day(86_400_000L * 5 + 3_600_000L)).isEqualTo(86_400_000L * 5);
  }
}
