package dev.roundtable.domain;

/**
 * What the meeting is for and where it stands. {@code version} grows with every edit of these details, so a
 * facilitator editing from a stale screen is refused instead of overwriting a colleague's change.
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
    int version) {

  Meeting withStatus(MeetingStatus newStatus, long at) {
    return new Meeting(title, goal, kind, scheduledStart, plannedMinutes, newStatus,
        newStatus == MeetingStatus.LIVE ? Long.valueOf(at) : startedAt,
        newStatus == MeetingStatus.ENDED ? Long.valueOf(at) : endedAt,
        version);
  }
}
