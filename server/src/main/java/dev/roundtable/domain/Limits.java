package dev.roundtable.domain;

/**
 * Sizes and ranges the server accepts, in characters (UTF-16 units) or counts. They are part of the
 * protocol contract (docs/PROTOCOL.md); a value outside them is refused with INVALID_FIELD or TOO_LARGE.
 */
public final class Limits {
  private Limits() {
  }

  public static final int TITLE_CHARS = 200;
  public static final int GOAL_CHARS = 300;
  public static final int NAME_CHARS = 80;
  public static final int DEPARTMENT_CHARS = 80;
  public static final int OWNER_CHARS = 80;
  public static final int EXPECTED_OUTPUT_CHARS = 500;
  public static final int MAX_AGENDA_ITEMS = 100;
  public static final int MAX_PARTICIPANTS = 2_000;
  public static final int MIN_TIMEBOX_SECONDS = 10;
  public static final int MAX_TIMEBOX_SECONDS = 8 * 3600;
  public static final int MIN_EXTEND_SECONDS = 1;
  public static final int MAX_EXTEND_SECONDS = 3600;
  public static final int MIN_SPEAKER_LIMIT_SECONDS = 10;
  public static final int MAX_SPEAKER_LIMIT_SECONDS = 3600;
  public static final int DEFAULT_SPEAKER_LIMIT_SECONDS = 180;
  public static final int MIN_PLANNED_MINUTES = 1;
  public static final int MAX_PLANNED_MINUTES = 24 * 60;
  public static final int NOTE_TEXT_CHARS = 500;
  public static final int MAX_NOTES = 500;
  /** Board coordinates run from 0 to this, in both directions, whatever the screen. */
  public static final int BOARD_EXTENT = 10_000;
  public static final int CLUSTER_NAME_CHARS = 80;
  public static final int MAX_CLUSTERS = 100;
  public static final int MAX_DOT_LIMIT = 20;
  public static final int MOTION_TEXT_CHARS = 500;
  public static final int MAX_MOTIONS = 100;
  public static final int DECISION_TEXT_CHARS = 1_000;
  public static final int MAX_DECISIONS = 200;
  public static final int ACTION_TASK_CHARS = 300;
  public static final int ACTION_STANDARD_CHARS = 300;
  public static final int MAX_ACTION_ITEMS = 200;
  public static final int PARKED_POINT_CHARS = 300;
  public static final int MAX_PARKED_POINTS = 100;
  public static final int MINUTES_CHARS = 100_000;
  /** Operations kept to transform late edits; an edit based on an older revision must resync. */
  public static final int MINUTES_HISTORY = 500;
  public static final int MAX_OPERATION_COMPONENTS = 1_000;
}
