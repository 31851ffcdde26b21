package dev.roundtable.series.core;

/** The series' limits (documented in PROTOCOL.md §14). */
public final class SeriesLimits {
  private SeriesLimits() {
  }

  public static final int TITLE_CHARS = 200;
  public static final int GOAL_CHARS = 500;
  public static final int NAME_CHARS = 100;
  public static final int DEPARTMENT_CHARS = 100;
  public static final int EMAIL_CHARS = 254;
  public static final int MENTION_CHARS = 64;
  public static final int PLACE_CHARS = 200;
  public static final int URL_CHARS = 2_000;
  public static final int TEXT_CHARS = 2_000;
  public static final int MAX_MEMBERS = 200;
  /** Invited members above this get a warning (the guides: 10–15 at most, 5–10 preferred). */
  public static final int INVITED_WARNING_ABOVE = 15;
  public static final int MAX_AGENDA_ITEMS = 50;
  public static final int MAX_ITEM_MINUTES = 480;
  public static final int MAX_PRE_READS = 20;
  /** A pre-read file's name, as uploaded. */
  public static final int FILE_NAME_CHARS = 200;
  public static final int MAX_INPUT_REQUESTS = 10;
  public static final int MAX_OCCURRENCES = 500;
  public static final int MIN_DURATION_MINUTES = 5;
  public static final int MAX_DURATION_MINUTES = 24 * 60;
  public static final int MAX_CHAT_GROUPS = 10;
  public static final int LABEL_CHARS = 100;
  /** A webhook URL's length (the notifier's rule, {@code WebhookUrls.MAX_LENGTH}). */
  public static final int WEBHOOK_CHARS = 2_048;
  public static final int SECRET_CHARS = 200;
  /** A notice should go out at least this long before the start; later only with {@code confirmLate}. */
  public static final long NOTICE_LEAD_MS = 24L * 60 * 60 * 1000;
  /** How long before its start an occurrence's live room opens (people arrive early). */
  public static final long ROOM_OPENS_BEFORE_MS = 30L * 60 * 1000;
  /** How long after its planned end a room that was never opened still can be. */
  public static final long ROOM_OPENS_UNTIL_AFTER_END_MS = 12L * 60 * 60 * 1000;
}
