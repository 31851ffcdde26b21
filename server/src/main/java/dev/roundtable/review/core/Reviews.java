package dev.roundtable.review.core;

import dev.roundtable.domain.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The review's rules, pure ({@code java.*} and the domain only): what a rating may be (a whole score 1–5, a suggestion of at most
 * {@link #SUGGESTION_CHARS}), a meeting's result from its ratings, and when an improvement plan is due (ratings
 * averaging below {@link #PLAN_BELOW} and no plan written). A result lists suggestions sorted by their text, so
 * nothing about who wrote which, or when, can be read off their order.
 */
public final class Reviews {
  public static final int MIN_SCORE = 1;
  public static final int MAX_SCORE = 5;
  public static final int SUGGESTION_CHARS = 1_000;
  /** Suggestions one meeting keeps at most (a full room writing several each). */
  public static final int MAX_SUGGESTIONS = 1_000;
  /** An average below this asks the coordinator for an improvement plan. */
  public static final double PLAN_BELOW = 3.0;
  private static final long DAY_MS = 86_400_000L;

  private Reviews() {
  }

  /** Why a rating cannot be taken, or empty: the reason's field is {@code score} or {@code suggestion}. */
  public record Problem(String field, boolean tooLarge, String message) {
  }

  public static Optional<Problem> problem(Integer score, String suggestion) {
    if (score == null || score < MIN_SCORE || score > MAX_SCORE) {
      return Optional.of(new Problem("score", false,
          "score must be a whole number from " + MIN_SCORE + " to " + MAX_SCORE));
    }
    if (suggestion != null && suggestion.length() > SUGGESTION_CHARS) {
      return Optional.of(new Problem("suggestion", true,
          "suggestion is longer than " + SUGGESTION_CHARS + " characters"));
    }
    if (suggestion != null && !Text.wellFormed(suggestion)) {
      return Optional.of(new Problem("suggestion", false, "suggestion contains a broken character"));
    }
    return Optional.empty();
  }

  /** The suggestion as kept: stripped; blank is none. */
  public static Optional<String> suggestion(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  /** The coarsest time a suggestion carries: the start of its UTC day. */
  public static long day(long millis) {
    return Math.floorDiv(millis, DAY_MS) * DAY_MS;
  }

  /** One meeting's result: how many rated, their average (0 when none did) and the suggestions by text. */
  public record Result(int ratings, double average, List<String> suggestions) {
    public Result {
      suggestions = List.copyOf(suggestions);
    }

    /** The average to one decimal, as shown. */
    public double rounded() {
      return Math.round(average * 10) / 10.0;
    }
  }

  public static Result result(Collection<Integer> scores, Collection<String> suggestions) {
    double average = scores.isEmpty() ? 0 : scores.stream().mapToInt(Integer::intValue).average().orElse(0);
    List<String> sorted = new ArrayList<>(suggestions);
    sorted.sort(null);
    return new Result(scores.size(), average, sorted);
  }

  /** Whether the coordinator owes an improvement plan for a meeting with this result. */
  public static boolean planDue(Result r, boolean planWritten) {
    return r.ratings() > 0 && r.average() < PLAN_BELOW && !planWritten;
  }
}
