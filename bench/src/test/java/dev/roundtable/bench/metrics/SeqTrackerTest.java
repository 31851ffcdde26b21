package dev.roundtable.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("loss and reorder tracking")
class SeqTrackerTest {

  @Test
  @DisplayName("a gap-free stream has nothing lost or reordered")
  void inOrder() {
    SeqTracker t = new SeqTracker(10);
    for (long s = 11; s <= 20; s++) {
      t.accept(s);
    }
    assertThat(t.lost()).isZero();
    assertThat(t.reordered()).isZero();
    assertThat(t.last()).isEqualTo(20);
    assertThat(t.behind(20)).isZero();
  }

  @Test
  @DisplayName("a jump counts the skipped numbers as lost")
  void gap() {
    SeqTracker t = new SeqTracker(0);
    t.accept(1);
    t.accept(4);
    assertThat(t.lost()).isEqualTo(2);
    assertThat(t.reordered()).isZero();
  }

  @Test
  @DisplayName("a late arrival is reordered, not lost")
  void lateArrival() {
    SeqTracker t = new SeqTracker(0);
    t.accept(1);
    t.accept(3);
    t.accept(2);
    assertThat(t.lost()).isZero();
    assertThat(t.reordered()).isEqualTo(1);
  }

  @Test
  @DisplayName("a duplicate is counted as reordered")
  void duplicate() {
    SeqTracker t = new SeqTracker(0);
    t.accept(1);
    t.accept(1);
    assertThat(t.reordered()).isEqualTo(1);
    assertThat(t.lost()).isZero();
  }

  @Test
  @DisplayName("the end-of-run check counts what a receiver never reached")
  void behind() {
    SeqTracker t = new SeqTracker(5);
    t.accept(6);
    assertThat(t.behind(9)).isEqualTo(3);
    assertThat(t.behind(4)).isZero();
  }
}
