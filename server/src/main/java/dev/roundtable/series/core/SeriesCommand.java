package dev.roundtable.series.core;

/** A request to change a series: {@link #decide} accepts with events or refuses; it never changes anything. */
public interface SeriesCommand {
  SeriesDecision decide(Series state, SeriesActor actor, long now);
}
