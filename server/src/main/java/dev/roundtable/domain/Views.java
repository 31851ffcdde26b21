package dev.roundtable.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one viewer may see of a room: the room state with everything private to others taken out. Used for
 * every snapshot a client receives; events have their own {@link Event#viewFor}. The rules:
 * another participant's private notes are absent; anonymous notes carry no author; dot votes show the
 * total and the viewer's own; motions show named votes only when named and visible, tallies only when
 * not hidden, and always the viewer's own vote. The minutes' operation history stays on the server: a
 * client needs only the text and its revision.
 */
public final class Views {
  private Views() {
  }

  /** {@code viewerId} null gives the public view. */
  public static RoomState forViewer(RoomState s, String viewerId) {
    Map<String, Note> notes = new LinkedHashMap<>();
    s.notes().values().stream().filter(n -> n.visibleTo(viewerId)).forEach(n -> notes.put(n.id(), n.seenBy(viewerId)));
    Map<String, Motion> motions = new LinkedHashMap<>();
    s.motions().values().forEach(m -> motions.put(m.id(), m.seenBy(viewerId)));
    Minutes m = s.minutes();
    Minutes minutes = new Minutes(m.text(), m.revision(), List.of(), m.finalized(), m.finalizedAt());
    return new RoomState(s.roomId(), s.meeting(), s.participants(), s.agenda(), s.countdown(), s.floor(), s.queue(),
        s.speakerLimitSeconds(), s.speakingMs(), s.departmentSpeakingMs(), s.board(), notes, s.clusters(), motions,
        minutes, s.decisions(), s.actionItems(), s.parkingLot(), s.serial());
  }
}
