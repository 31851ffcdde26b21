package dev.roundtable.tracker.core;

import dev.roundtable.domain.ActionStatus;

/** One entry of an item's progress log: when, who ({@link TrackerActor#label}), the status after it, a note or null. */
public record Progress(long at, String by, ActionStatus status, String note) {
}
