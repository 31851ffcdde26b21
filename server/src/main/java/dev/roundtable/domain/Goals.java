package dev.roundtable.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule a meeting's goal must meet, the same in every language: it says what the meeting will produce
 * ("Decide the Q3 launch date", "确定第三季度的发布日期"), so it is long enough to name a verb and a result,
 * and it is not one of the vague goals the guides warn against ("sync", "加强沟通").
 *
 * <p>Length is counted in words, where a run of letters or digits of a spaced script is one word and each
 * Chinese, Japanese or Korean character is half a word (a Chinese word is mostly two characters, and these
 * scripts put no spaces between words). A goal needs two words, so "Decide it", "确定日期" and "确定 Q3"
 * pass and "Decide", "开会" do not. A goal is vague when, lower-cased and with everything but letters and
 * digits removed, it is one of {@link #VAGUE}; so "Sync!", " s y n c " and "加强沟通。" are vague too.
 *
 * <p>Every refusal about a goal carries one of the {@code GOAL_*} reasons, stable protocol values a client
 * translates; the message is English for logs and developers.
 */
public final class Goals {
  public static final String REQUIRED = "GOAL_REQUIRED";
  public static final String TOO_LONG = "GOAL_TOO_LONG";
  public static final String MALFORMED = "GOAL_MALFORMED";
  public static final String TOO_SHORT = "GOAL_TOO_SHORT";
  public static final String VAGUE_GOAL = "GOAL_VAGUE";

  /** Two words, counted in half words so a CJK character can count one half. */
  static final int MIN_HALF_WORDS = 4;

  /** Goals that name no result, in both languages the room speaks. Compared by {@link #key}. */
  static final Set<String> VAGUE = Set.of(
      "sync", "sync up", "weekly sync", "catch up", "update", "status update", "updates", "discussion",
      "discuss", "discuss progress", "discuss the progress", "progress", "review progress", "alignment",
      "align", "brainstorm", "brainstorming", "communicate", "improve communication", "meeting", "general",
      "加强沟通", "讨论进展", "沟通", "同步", "讨论", "讨论一下", "交流", "汇报", "进展", "对齐", "例会", "周会",
      "开会", "碰头", "讨论问题", "同步进展", "沟通进展", "工作汇报");
  private static final Set<String> VAGUE_KEYS = VAGUE.stream().map(Goals::key).collect(Collectors.toUnmodifiableSet());

  static final String RULE_MESSAGE = "goal must read as verb + result, e.g. \"Decide the Q3 launch date\"";
  static final String VAGUE_MESSAGE = "goal is too vague: say what the meeting will decide or produce, "
      + "e.g. \"Decide the Q3 launch date\"";

  private Goals() {
  }

  /** Why {@code goal} is refused, if it is; a blank goal is refused only when {@code required}. */
  public static Optional<Rejection> problem(String goal, boolean required) {
    if (goal == null || goal.isBlank()) {
      return required ? refuse(ErrorCode.INVALID_FIELD, "goal is required", REQUIRED) : Optional.empty();
    }
    if (goal.length() > Limits.GOAL_CHARS) {
      return refuse(ErrorCode.TOO_LARGE, "goal is longer than " + Limits.GOAL_CHARS + " characters", TOO_LONG);
    }
    if (!Text.wellFormed(goal)) {
      return refuse(ErrorCode.INVALID_FIELD, "goal contains a broken character", MALFORMED);
    }
    if (VAGUE_KEYS.contains(key(goal))) {
      return refuse(ErrorCode.INVALID_FIELD, VAGUE_MESSAGE, VAGUE_GOAL);
    }
    if (halfWords(goal) < MIN_HALF_WORDS) {
      return refuse(ErrorCode.INVALID_FIELD, RULE_MESSAGE, TOO_SHORT);
    }
    return Optional.empty();
  }

  /** Words times two: a run of spaced-script letters or digits counts two, a CJK character one. */
  static int halfWords(String goal) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < goal.length(); ) {
      int c = goal.codePointAt(i);
      i += Character.charCount(c);
      if (isCjk(c)) {
        count++;
        inWord = false;
      } else if (Character.isLetterOrDigit(c)) {
        if (!inWord) {
          count += 2;
        }
        inWord = true;
      } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
        inWord = false;
      }
    }
    return count;
  }

  private static boolean isCjk(int c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }

  /** The goal without case, width variants, spaces or punctuation: what is left to compare. */
  static String key(String goal) {
    String folded = Normalizer.normalize(goal, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(folded.length());
    folded.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
    return b.toString();
  }

  private static Optional<Rejection> refuse(ErrorCode code, String message, String reason) {
    return Optional.of(new Rejection(code, message, reason));
  }
}
