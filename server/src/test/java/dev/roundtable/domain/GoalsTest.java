package dev.roundtable.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The goal rule")
class GoalsTest {

  static Stream<Arguments> goals() {
    return Stream.of(
        // English
        Arguments.of("Decide the Q3 launch date", null),
        Arguments.of("Decide it", null),
        Arguments.of("  Agree   the release plan  ", null),
        Arguments.of("Update the roadmap", null),
        Arguments.of("Decide", Goals.TOO_SHORT),
        Arguments.of(" Launch ", Goals.TOO_SHORT),
        Arguments.of("Q3!!!", Goals.TOO_SHORT),
        Arguments.of("sync", Goals.VAGUE_GOAL),
        Arguments.of("Sync!", Goals.VAGUE_GOAL),
        Arguments.of("  SYNC  ", Goals.VAGUE_GOAL),
        Arguments.of("Discuss progress", Goals.VAGUE_GOAL),
        Arguments.of("discuss   progress.", Goals.VAGUE_GOAL),
        Arguments.of("Discuss-progress?!", Goals.VAGUE_GOAL),
        Arguments.of("Ｓｙｎｃ", Goals.VAGUE_GOAL),
        // Chinese
        Arguments.of("确定第三季度的发布日期", null),
        Arguments.of("确定日期", null),
        Arguments.of("批准下季度预算。", null),
        Arguments.of("开会", Goals.VAGUE_GOAL),
        Arguments.of("批准", Goals.TOO_SHORT),
        Arguments.of("确定", Goals.TOO_SHORT),
        Arguments.of("确定。。。", Goals.TOO_SHORT),
        Arguments.of("加强沟通", Goals.VAGUE_GOAL),
        Arguments.of("加强沟通。", Goals.VAGUE_GOAL),
        Arguments.of(" 加强 沟通 ！", Goals.VAGUE_GOAL),
        Arguments.of("讨论进展", Goals.VAGUE_GOAL),
        Arguments.of("「讨论进展」", Goals.VAGUE_GOAL),
        Arguments.of("讨论、进展……", Goals.VAGUE_GOAL),
        // mixed
        Arguments.of("确定 Q3 发布日期", null),
        Arguments.of("确定Q3", null),
        Arguments.of("Q3 发布", null),
        Arguments.of("Q3 发", Goals.TOO_SHORT),
        Arguments.of("sync 一下", null));
  }

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @MethodSource("goals")
  @DisplayName("accepts a goal that names a result and refuses a short or vague one, in English, Chinese or both:")
  void table(String goal, String reason) {
    Optional<Rejection> problem = Goals.problem(goal, true);

    if (reason == null) {
      assertThat(problem).as("problem with %s", goal).isEmpty();
    } else {
      assertThat(problem).as("problem with %s", goal).hasValueSatisfying(r -> {
        assertThat(r.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.message()).isNotBlank().isASCII();
      });
    }
  }

  static Stream<Arguments> otherRefusals() {
    return Stream.of(
        Arguments.of(null, ErrorCode.INVALID_FIELD, Goals.REQUIRED),
        Arguments.of("  ", ErrorCode.INVALID_FIELD, Goals.REQUIRED),
        Arguments.of("确".repeat(Limits.GOAL_CHARS + 1), ErrorCode.TOO_LARGE, Goals.TOO_LONG),
        Arguments.of("Decide \uD800 it", ErrorCode.INVALID_FIELD, Goals.MALFORMED));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("otherRefusals")
  @DisplayName("gives every other refusal of a goal a reason too:")
  void everyRefusalHasAReason(String goal, ErrorCode code, String reason) {
    assertThat(Goals.problem(goal, true)).hasValueSatisfying(r -> {
      assertThat(r.code()).isEqualTo(code);
      assertThat(r.reason()).isEqualTo(reason);
    });
  }

  @Test
  @DisplayName("lets an edit leave the goal blank, which keeps the old one")
  void blankIsAllowedWhenOptional() {
    assertThat(Goals.problem(null, false)).isEmpty();
    assertThat(Goals.problem(" ", false)).isEmpty();
    assertThat(Goals.problem("sync", false)).isPresent();
  }

  @Test
  @DisplayName("refuses every vague goal it lists, however it is spaced, cased or punctuated")
  void everyListedGoalIsVague() {
    for (String vague : Goals.VAGUE) {
      for (String variant : new String[] {vague, vague.toUpperCase() + "!", " " + vague + "。", vague.replace("", " ")}) {
        assertThat(Goals.problem(variant, true)).as(variant)
            .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Goals.VAGUE_GOAL));
      }
    }
  }
}
