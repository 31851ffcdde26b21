package dev.roundtable.domain;

/** The kind of an agenda item; each has the time-box it gets when none is given. */
public enum ItemKind {
  INFORM(5 * 60), DISCUSS(10 * 60), DECIDE(10 * 60), OPEN_DISCUSSION(10 * 60);

  private final int defaultTimeboxSeconds;

  ItemKind(int defaultTimeboxSeconds) {
    this.defaultTimeboxSeconds = defaultTimeboxSeconds;
  }

  public int defaultTimeboxSeconds() {
    return defaultTimeboxSeconds;
  }
}
