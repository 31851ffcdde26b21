package dev.roundtable.store;

import java.util.List;

/**
 * What the store holds for a room: its latest snapshot (or none) and log entries in order: those after the
 * snapshot, possibly preceded by some the snapshot already covers.
 */
public record StoredRoom(Snapshot snapshot, List<LogEntry> entries) {
  public StoredRoom {
    entries = List.copyOf(entries);
  }

  public static StoredRoom empty() {
    return new StoredRoom(null, List.of());
  }

  public boolean isEmpty() {
    return snapshot == null && entries.isEmpty();
  }
}
