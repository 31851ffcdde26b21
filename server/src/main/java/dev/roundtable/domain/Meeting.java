package dev.roundtable.domain;

/**
 * What the meeting is for and where it stands. {@code version} grows with every edit of these details, so a
 * facilitator editing from a stale screen is refused instead of overwriting a colleague's change.
 * {@code language} is the one it is held in, fixed at creation; its exports are written in it.
 */
public record Meeting(
    String title,
    String goal,
    MeetingKind kind,
    long scheduledStart,
    int plannedMinutes,
    MeetingStatus status,
    Long startedAt,
    Long endedAt,
    int version,
    Language language) {

  public Meeting {
    language = language == null ? Language.DEFAULT : language;
  }

  /** A meeting in the default language. */
  public Meeting(String title, String goal, MeetingKind kind, long scheduledStart, int plannedMinutes,
      MeetingStatus status, Long startedAt, Long endedAt, int version) {
    this(title, goal, kind, scheduledStart, plannedMinutes, status, startedAt, endedAt, version, Language.DEFAULT);
  }

  Meeting withStatus(MeetingStatus newStatus, long at) {
    return new Meeting(title, goal, kind, scheduledStart, plannedMinutes, newStatus,
        newStatus == MeetingStatus.LIVE ? Long.valueOf(at) : startedAt,
        newStatus == MeetingStatus.ENDED ? Long.valueOf(at) : endedAt,
        version, language);
  }
}
