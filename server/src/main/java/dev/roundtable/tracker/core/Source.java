package dev.roundtable.tracker.core;

/**
 * Where an item came from: the occurrence, its live room, the action item's id in that room and the title of the
 * agenda item it was recorded under (null when none). {@code roomId} + {@code actionId} identify the import.
 */
public record Source(String occurrenceId, String roomId, String actionId, String agendaItem) {
}
