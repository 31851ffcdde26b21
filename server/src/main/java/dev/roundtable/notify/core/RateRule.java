package dev.roundtable.notify.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How many messages one robot takes: DingTalk and WeCom 20 a minute per robot, Feishu 100 a minute and 5 a
 * second (their documented limits; a DingTalk robot over its limit is muted for 10 minutes, so staying under
 * it matters). Windows slide: a window of length W at time t holds the sends in (t − W, t]. Email has none.
 */
public record RateRule(int perMinute, int perSecond) {
  public static final Duration MINUTE = Duration.ofMinutes(1);
  public static final Duration SECOND = Duration.ofSeconds(1);
  public static final RateRule NONE = new RateRule(0, 0);

  public static RateRule of(Channel channel) {
    return switch (channel) {
      case DINGTALK, WECOM -> new RateRule(20, 0);
      case FEISHU -> new RateRule(100, 5);
      case EMAIL -> NONE;
    };
  }

  /** How far back the sends this rule needs go. */
  public Duration lookBack() {
    return MINUTE;
  }

  /**
   * When a new message may be sent, given the sends of the last minute (any order): empty when it may go
   * now, else the instant the fullest window has room again.
   */
  public Optional<Instant> nextOpening(List<Instant> recentSends, Instant now) {
    Instant opening = now;
    opening = later(opening, opening(recentSends, now, MINUTE, perMinute));
    opening = later(opening, opening(recentSends, now, SECOND, perSecond));
    return opening.equals(now) ? Optional.empty() : Optional.of(opening);
  }

  private static Instant opening(List<Instant> sends, Instant now, Duration window, int limit) {
    if (limit <= 0) {
      return now;
    }
    List<Instant> inWindow = sends.stream().filter(s -> s.isAfter(now.minus(window)) && !s.isAfter(now))
        .sorted().toList();
    if (inWindow.size() < limit) {
      return now;
    }
    // The window has room once all but limit − 1 of its sends have left it.
    return inWindow.get(inWindow.size() - limit).plus(window);
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }
}
