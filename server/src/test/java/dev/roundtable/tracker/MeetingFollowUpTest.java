package dev.roundtable.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Participant;
import dev.roundtable.domain.Role;
import dev.roundtable.domain.RoomState;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.Series;
import dev.roundtable.tracker.core.TrackerCommands.Owner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The meeting's follow-up, matching an action item's owner to a member")
class MeetingFollowUpTest {
  private static final Series SERIES = new Series("s1", null, List.of(
      member("u1", "王伟", "销售部"), member("u2", "李娜", "研发部"), member("u3", "李娜", "财务部"),
      member("u4", "Ben", "Ops")), List.of(), List.of(), 4, 0, 0, List.of());

  private static Member member(String id, String name, String department) {
    return new Member(id, name, department, id + "@example.com", null, Part.EXECUTOR, 1, null);
  }

  private static Participant participant(String id, String name, String key) {
    return new Participant(id, name, "", Role.PARTICIPANT, List.of(), true, 0, key);
  }

  /** A room whose participants are 王伟 and one 李娜 by their series keys, and a guest called Ben who joined by code. */
  private static final RoomState ROOM;

  static {
    RoomState e = RoomState.empty("r1", 180);
    ROOM = new RoomState(e.roomId(), e.meeting(), Map.of("p1", participant("p1", "王伟", "member:u1"),
        "p2", participant("p2", "李娜", "member:u3"), "p3", participant("p3", "Ben", null)), e.agenda(),
        e.countdown(), e.floor(), e.queue(), e.speakerLimitSeconds(), e.speakingMs(), e.departmentSpeakingMs(),
        e.board(), e.notes(), e.clusters(), e.motions(), e.minutes(), e.decisions(), e.actionItems(), e.parkingLot(),
        e.serial());
  }

  @Test
  @DisplayName("a participant's name finds the member by their series key, even when two members share it")
  void byKey() {
    assertThat(MeetingFollowUp.owner(SERIES, ROOM, "王伟")).isEqualTo(new Owner("u1", "王伟", "销售部"));
    assertThat(MeetingFollowUp.owner(SERIES, ROOM, " 李娜 ")).isEqualTo(new Owner("u3", "李娜", "财务部"));
  }

  @Test
  @DisplayName("a name no member participant has falls back to the one member of exactly that name")
  void byName() {
    assertThat(MeetingFollowUp.owner(SERIES, ROOM, "Ben")).isEqualTo(new Owner("u4", "Ben", "Ops"));
  }

  @Test
  @DisplayName("a name of nobody, or of two members who were not in the room, keeps the text without a member")
  void unmatched() {
    RoomState empty = RoomState.empty("r2", 180);
    assertThat(MeetingFollowUp.owner(SERIES, empty, "李娜")).isEqualTo(new Owner(null, "李娜", null));
    assertThat(MeetingFollowUp.owner(SERIES, ROOM, "Outside counsel")).isEqualTo(new Owner(null, "Outside counsel", null));
    assertThat(MeetingFollowUp.owner(SERIES, ROOM, "ben")).as("names match exactly").isEqualTo(new Owner(null, "ben", null));
    assertThat(MeetingFollowUp.owner(SERIES, ROOM, " ")).isEqualTo(new Owner(null, null, null));
  }
}
