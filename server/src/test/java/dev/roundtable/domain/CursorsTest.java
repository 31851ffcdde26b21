package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.SCREEN;
import static dev.roundtable.domain.Rooms.STRANGER;
import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.MinutesCommands.EditMinutes;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A minutes cursor")
class CursorsTest {
  /** The fixture with the minutes at revision 1 ("Hi"). */
  private static final RoomState EDITED = after(room(), ANA, new EditMinutes(0, List.of("Hi")), T0);

  private static ErrorCode refusal(RoomState state, Actor actor, int revision, int anchor, int head) {
    return Cursors.check(state, actor, revision, anchor, head).map(Rejection::code).orElse(null);
  }

  @Test
  @DisplayName("is shown for a participant at any revision the room has reached, positions within the limit")
  void accepted() {
    assertThat(EDITED.minutes().revision()).isEqualTo(1);
    assertThat(Cursors.check(EDITED, ANA, 1, 0, 2)).isEmpty();
    assertThat(Cursors.check(EDITED, ANA, 0, Limits.MINUTES_CHARS, Limits.MINUTES_CHARS)).isEmpty();
  }

  @Test
  @DisplayName("is refused at a revision the room has not reached, or below zero")
  void unknownRevision() {
    assertThat(refusal(EDITED, ANA, 2, 0, 0)).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(EDITED, ANA, -1, 0, 0)).isEqualTo(ErrorCode.INVALID_FIELD);
  }

  @Test
  @DisplayName("is refused with a position below zero or beyond the minutes' size limit")
  void outOfBounds() {
    assertThat(refusal(EDITED, ANA, 1, -1, 0)).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(EDITED, ANA, 1, 0, -1)).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(EDITED, ANA, 1, Limits.MINUTES_CHARS + 1, 0)).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(EDITED, ANA, 1, 0, Limits.MINUTES_CHARS + 1)).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(Cursors.check(EDITED, ANA, 1, -1, 0).orElseThrow().message()).isEqualTo(Cursors.INVALID);
  }

  @Test
  @DisplayName("is refused from the server itself, a screen, or someone who is not in the room")
  void notAParticipant() {
    assertThat(refusal(EDITED, SYSTEM, 0, 0, 0)).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refusal(EDITED, SCREEN, 0, 0, 0)).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refusal(EDITED, STRANGER, 0, 0, 0)).isEqualTo(ErrorCode.FORBIDDEN);
  }
}
