package dev.roundtable.domain;

/** Who has the floor, since when, and when their speaking time is up. Time-up is announced once. */
public record Floor(String speakerId, long since, long deadline, boolean timeUpFired) {

  boolean dueAt(long now) {
    return !timeUpFired && now >= deadline;
  }
}
