package dev.roundtable.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.jobs.core.JobRules.Lease;
import dev.roundtable.jobs.core.JobRules.Next;
import dev.roundtable.jobs.core.JobRules.Run;
import dev.roundtable.jobs.core.JobRules.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The job queue's rules")
class JobRulesTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final JobRules RULES = new JobRules(Duration.ofSeconds(30), Duration.ofSeconds(10),
      Duration.ofMinutes(10), 5);

  @ParameterizedTest(name = "run {0} failed: wait {1} s")
  @CsvSource({"1, 10", "2, 20", "3, 40", "4, 80", "5, 160", "6, 320", "7, 600", "8, 600", "40, 600", "100, 600",
      "0, 10"})
  @DisplayName("backs off exponentially from the base and never beyond the cap")
  void backoff(int attempt, long seconds) {
    assertThat(RULES.backoff(attempt)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "{0}, due {1} s from now, lease {2}: claimable {3}")
  @CsvSource({
      "QUEUED, -1, none, true",
      "QUEUED, 0, none, true",
      "QUEUED, 1, none, false",
      "QUEUED, -5, expired, true",
      "QUEUED, -5, expiring-now, true",
      "QUEUED, -5, held, false",
      "DONE, -5, none, false",
      "FAILED, -5, none, false"})
  @DisplayName("lets a node claim only a queued job that is due and that nobody holds")
  void claimable(State state, long dueInSeconds, String lease, boolean claimable) {
    Lease l = switch (lease) {
      case "expired" -> new Lease("other", NOW.minusSeconds(1));
      case "expiring-now" -> new Lease("other", NOW);
      case "held" -> new Lease("other", NOW.plusSeconds(1));
      default -> null;
    };
    assertThat(JobRules.claimable(state, NOW.plusSeconds(dueInSeconds), l, NOW)).isEqualTo(claimable);
  }

  @Test
  @DisplayName("gives a lease that runs for the lease time and is renewed a third of the way through")
  void lease() {
    Lease lease = RULES.leaseFor("node-a", NOW);
    assertThat(lease).isEqualTo(new Lease("node-a", NOW.plusSeconds(30)));
    assertThat(lease.expired(NOW.plusSeconds(29))).isFalse();
    assertThat(lease.expired(NOW.plusSeconds(30))).isTrue();
    assertThat(RULES.renewEvery()).isEqualTo(Duration.ofSeconds(10));
  }

  @ParameterizedTest(name = "run {0}: {1}")
  @CsvSource({
      "1, done, DONE, , ",
      "1, failed, FAILED, , broken",
      "5, failed, FAILED, , broken",
      "1, retry-later, QUEUED, 3600, later",
      "1, retry-past, QUEUED, 0, past",
      "1, crash, QUEUED, 10, crash",
      "3, crash, QUEUED, 40, crash",
      "4, retry-later, QUEUED, 3600, later",
      "5, retry-later, FAILED, , gave up after 5 attempts: later",
      "5, crash, FAILED, , gave up after 5 attempts: crash"})
  @DisplayName("decides after each run: done, failed for good, or queued again (with backoff) until the attempts run out")
  void afterRun(int attempts, String outcome, State state, Long dueInSeconds, String reason) {
    Run run = switch (outcome) {
      case "done" -> new Run.Succeeded();
      case "failed" -> new Run.GaveUp("broken");
      case "retry-later" -> new Run.Again(NOW.plusSeconds(3600), "later");
      case "retry-past" -> new Run.Again(NOW.minusSeconds(3600), "past");
      default -> new Run.Again(null, "crash");
    };
    Next next = RULES.afterRun(attempts, run, NOW);
    if (state == State.QUEUED) {
      assertThat(next).isEqualTo(new Next.Requeue(NOW.plusSeconds(dueInSeconds), attempts, reason));
    } else {
      assertThat(next).isEqualTo(new Next.Finish(state, reason, attempts));
    }
  }

  @Test
  @DisplayName("refuses rules that make no sense")
  void invalid() {
    assertThatThrownBy(() -> new JobRules(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JobRules(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JobRules(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
