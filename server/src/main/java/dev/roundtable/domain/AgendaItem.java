package dev.roundtable.domain;

/**
 * One topic of the agenda. {@code actualMs} is the time the topic's countdown has been running in total
 * (pauses excluded); comparing it with the time-box gives the overrun recorded in the minutes.
 */
public record AgendaItem(
    String id,
    String title,
    String owner,
    int timeboxSeconds,
    String expectedOutput,
    ItemKind kind,
    ItemStatus status,
    int version,
    long actualMs,
    Long completedAt) {

  public long plannedMs() {
    return timeboxSeconds * 1000L;
  }

  /** Time spent beyond the time-box, zero when the topic finished within it. */
  public long overrunMs() {
    return Math.max(0, actualMs - plannedMs());
  }

  AgendaItem withStatus(ItemStatus newStatus, long newActualMs, Long newCompletedAt) {
    return new AgendaItem(id, title, owner, timeboxSeconds, expectedOutput, kind, newStatus, version,
        newActualMs, newCompletedAt);
  }
}
