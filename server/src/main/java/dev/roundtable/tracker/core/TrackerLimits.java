package dev.roundtable.tracker.core;

/** The tracker's limits (documented in PROTOCOL.md §14.8). */
public final class TrackerLimits {
  private TrackerLimits() {
  }

  /** Items one series' tracker keeps. */
  public static final int MAX_ITEMS = 2_000;
  /** Items one import brings at most (a room holds at most 200 action items). */
  public static final int MAX_IMPORT = 200;
  public static final int TASK_CHARS = 300;
  public static final int STANDARD_CHARS = 300;
  public static final int NAME_CHARS = 100;
  public static final int DEPARTMENT_CHARS = 100;
  public static final int TITLE_CHARS = 200;
  public static final int ID_CHARS = 100;
  public static final int NOTE_CHARS = 1_000;
  /** Progress entries one item keeps. */
  public static final int MAX_PROGRESS = 200;
}
