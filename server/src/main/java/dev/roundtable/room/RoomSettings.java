package dev.roundtable.room;

import dev.roundtable.config.RoundtableConfig;

/** The part of the configuration a room runtime needs. */
public record RoomSettings(int speakerLimitSeconds, int snapshotEvery, long idleTimeoutMs, int resyncWindow,
    int maxPendingCommands) {

  public static RoomSettings from(RoundtableConfig c) {
    return new RoomSettings(c.speakerLimitSeconds(), c.snapshotEvery(), c.idleTimeoutSeconds() * 1000,
        c.resyncWindow(), c.maxPendingCommands());
  }
}
