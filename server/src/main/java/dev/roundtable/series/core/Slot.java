package dev.roundtable.series.core;

/**
 * One occurrence's place in time, computed outside the core from the series' schedule: its id (the
 * originally scheduled local start, {@code 20261210T1000}), the originally scheduled start and its end (epoch
 * milliseconds). A command about an occurrence that has no record yet opens it from its slot.
 */
public record Slot(String occurrenceId, long start, long end) {
}
