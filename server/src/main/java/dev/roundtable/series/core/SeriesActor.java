package dev.roundtable.series.core;

/** Who sends a series command: its coordinator, one of its members (by id), or the server itself. */
public record SeriesActor(Kind kind, String memberId) {
  public enum Kind {
    COORDINATOR, MEMBER, SYSTEM
  }

  public static final SeriesActor COORDINATOR = new SeriesActor(Kind.COORDINATOR, null);
  public static final SeriesActor SYSTEM = new SeriesActor(Kind.SYSTEM, null);

  public static SeriesActor member(String memberId) {
    return new SeriesActor(Kind.MEMBER, memberId);
  }

  boolean coordinatorOrSystem() {
    return kind != Kind.MEMBER;
  }
}
