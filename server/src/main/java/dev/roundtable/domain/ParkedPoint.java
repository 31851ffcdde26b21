package dev.roundtable.domain;

/** An off-topic point set aside; {@code forNextMeeting} marks it as an agenda item to suggest for the next one. */
public record ParkedPoint(String id, String text, String authorId, boolean forNextMeeting, long at) {
}
