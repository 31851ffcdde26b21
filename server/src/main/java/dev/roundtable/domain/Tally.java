package dev.roundtable.domain;

import java.util.Map;

/** Votes counted by choice, and how many voted. In a hidden view the counts are {@code null}, the voters not. */
public record Tally(Integer agree, Integer oppose, Integer neutral, int voters) {
  static final Tally NONE = new Tally(0, 0, 0, 0);

  static Tally of(Map<String, Choice> votes) {
    int agree = 0;
    int oppose = 0;
    int neutral = 0;
    for (Choice c : votes.values()) {
      switch (c) {
        case AGREE -> agree++;
        case OPPOSE -> oppose++;
        case NEUTRAL -> neutral++;
      }
    }
    return new Tally(agree, oppose, neutral, votes.size());
  }

  Tally hidden() {
    return new Tally(null, null, null, voters);
  }
}
