package dev.roundtable.room;

import dev.roundtable.domain.AgendaItem;
import dev.roundtable.domain.Meeting;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.domain.MeetingStatus;
import dev.roundtable.domain.Participant;
import dev.roundtable.domain.RoomState;
import java.util.Optional;

/**
 * A room at a glance: what the meeting is, where it stands, how many are in it and online, and the agenda
 * item under way. The meeting's fields are null for a room whose meeting was never created.
 */
public record RoomSummary(String roomId, String joinCode, long seq, String title, String goal, MeetingKind kind,
    MeetingStatus status, int participants, long online, int agendaItems, Optional<AgendaItem> currentItem) {

  public static RoomSummary of(RoomState state, String joinCode, long seq) {
    Meeting m = state.meeting();
    return new RoomSummary(state.roomId(), joinCode, seq, m == null ? null : m.title(), m == null ? null : m.goal(),
        m == null ? null : m.kind(), m == null ? null : m.status(), state.participants().size(),
        state.participants().values().stream().filter(Participant::online).count(), state.agenda().size(),
        state.activeItem());
  }
}
