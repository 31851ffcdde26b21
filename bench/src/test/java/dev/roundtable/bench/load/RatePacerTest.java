package dev.roundtable.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("open-loop rate pacing")
class RatePacerTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName("polled often, a 10/s pacer releases 10 sends per second")
  void steadyRate() {
    RatePacer p = new RatePacer(10, 0, 0);
    int sent = 0;
    for (long t = 0; t < SECOND; t += 2_000_000) {
      sent += p.due(t, 4);
    }
    assertThat(sent).isEqualTo(10);
    assertThat(p.skipped()).isZero();
  }

  @Test
  @DisplayName("the phase delays the first send by a fraction of an interval")
  void phase() {
    RatePacer p = new RatePacer(2, 0, 0.5);
    assertThat(p.due(SECOND / 4 - 1, 4)).isZero();
    assertThat(p.due(SECOND / 4, 4)).isEqualTo(1);
  }

  @Test
  @DisplayName("a late poll releases at most the burst and counts the rest as skipped")
  void catchUpCapped() {
    RatePacer p = new RatePacer(100, 0, 0);
    assertThat(p.due(SECOND, 4)).isEqualTo(4);
    assertThat(p.skipped()).isEqualTo(97);
    assertThat(p.due(SECOND + SECOND / 100, 4)).isEqualTo(1);
  }

  @Test
  @DisplayName("a new rate applies from the next send on")
  void newRate() {
    RatePacer p = new RatePacer(1, 0, 0);
    assertThat(p.due(0, 4)).isEqualTo(1);
    p.setRate(10, 0);
    int sent = 0;
    for (long t = 0; t <= SECOND; t += 1_000_000) {
      sent += p.due(t, 4);
    }
    assertThat(sent).isBetween(10, 11);
  }
}
