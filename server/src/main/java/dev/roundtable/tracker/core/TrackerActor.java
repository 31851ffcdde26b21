package dev.roundtable.tracker.core;

/** Who sends a tracker command: the series' coordinator, one of its members (by id), or the server itself. */
public record TrackerActor(Kind kind, String memberId) {
  public enum Kind {
    COORDINATOR, MEMBER, SYSTEM
  }

  public static final TrackerActor COORDINATOR = new TrackerActor(Kind.COORDINATOR, null);
  public static final TrackerActor SYSTEM = new TrackerActor(Kind.SYSTEM, null);

  public static TrackerActor member(String memberId) {
    return new TrackerActor(Kind.MEMBER, memberId);
  }

  /** How the progress log names this actor: {@code coordinator}, {@code system} or the member's id. */
  public String label() {
    return switch (kind) {
      case COORDINATOR -> "coordinator";
      case SYSTEM -> "system";
      case MEMBER -> memberId;
    };
  }
}
