package dev.roundtable.store;

import java.util.List;

/** What the store holds for a room: its latest snapshot (or none) and the log entries after it, in order. */
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
