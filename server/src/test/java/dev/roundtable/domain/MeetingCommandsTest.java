package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.ANA_ID;
import static dev.roundtable.domain.Rooms.BEN;
import static dev.roundtable.domain.Rooms.BEN_ID;
import static dev.roundtable.domain.Rooms.ENGINEERING;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.FACILITATOR_ID;
import static dev.roundtable.domain.Rooms.ITEM_1;
import static dev.roundtable.domain.Rooms.PRODUCT;
import static dev.roundtable.domain.Rooms.ROOM_ID;
import static dev.roundtable.domain.Rooms.SCREEN;
import static dev.roundtable.domain.Rooms.SCREEN_ID;
import static dev.roundtable.domain.Rooms.STRANGER;
import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.UNKNOWN_ID;
import static dev.roundtable.domain.Rooms.accepted;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.chars;
import static dev.roundtable.domain.Rooms.createMeeting;
import static dev.roundtable.domain.Rooms.created;
import static dev.roundtable.domain.Rooms.empty;
import static dev.roundtable.domain.Rooms.ended;
import static dev.roundtable.domain.Rooms.refused;
import static dev.roundtable.domain.Rooms.rejected;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.AgendaCommands.StartItem;
import dev.roundtable.domain.AgendaEvents.ItemCompleted;
import dev.roundtable.domain.MeetingCommands.Connect;
import dev.roundtable.domain.MeetingCommands.CreateMeeting;
import dev.roundtable.domain.MeetingCommands.Disconnect;
import dev.roundtable.domain.MeetingCommands.EditMeeting;
import dev.roundtable.domain.MeetingCommands.EndMeeting;
import dev.roundtable.domain.MeetingCommands.HandOff;
import dev.roundtable.domain.MeetingCommands.Join;
import dev.roundtable.domain.MeetingCommands.ResetPresence;
import dev.roundtable.domain.MeetingCommands.StartMeeting;
import dev.roundtable.domain.MeetingEvents.Connected;
import dev.roundtable.domain.MeetingEvents.Disconnected;
import dev.roundtable.domain.MeetingEvents.FacilitatorHandedOff;
import dev.roundtable.domain.MeetingEvents.MeetingCreated;
import dev.roundtable.domain.MeetingEvents.MeetingEdited;
import dev.roundtable.domain.MeetingEvents.MeetingEnded;
import dev.roundtable.domain.MeetingEvents.MeetingStarted;
import dev.roundtable.domain.MeetingEvents.ParticipantJoined;
import dev.roundtable.domain.MeetingEvents.PresenceReset;
import dev.roundtable.domain.SpeakerCommands.GiveFloor;
import dev.roundtable.domain.SpeakerCommands.RaiseHand;
import dev.roundtable.domain.SpeakerEvents.FloorEnded;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Meeting commands")
class MeetingCommandsTest {

  private static RoomState live() {
    return after(room(), FACILITATOR, new StartMeeting(), T0 + 1_000);
  }

  @Nested
  @DisplayName("CreateMeeting")
  class CreateMeetingTest {

    @Test
    @DisplayName("creates a scheduled meeting whose creator becomes facilitator p1")
    void createsMeetingAndFacilitator() {
      CreateMeeting command = new CreateMeeting("  Q3 launch ", " Decide the Q3 launch date ", MeetingKind.DECISION,
          T0 + 60_000, 45, 120, " Fran ", " Product ");

      Outcome.Applied outcome = accepted(empty(), SYSTEM, command, T0);

      assertThat(outcome.events()).containsExactly(
          new MeetingCreated("Q3 launch", "Decide the Q3 launch date", MeetingKind.DECISION, T0 + 60_000, 45, 120),
          new ParticipantJoined(FACILITATOR_ID, "Fran", PRODUCT, Role.FACILITATOR, T0, 1));
      assertThat(outcome.result()).isEqualTo(Map.of("participantId", FACILITATOR_ID));
      RoomState s = outcome.state();
      assertThat(s.created()).isTrue();
      assertThat(s.roomId()).isEqualTo(ROOM_ID);
      assertThat(s.meeting()).isEqualTo(new Meeting("Q3 launch", "Decide the Q3 launch date", MeetingKind.DECISION,
          T0 + 60_000, 45, MeetingStatus.SCHEDULED, null, null, 1));
      assertThat(s.speakerLimitSeconds()).isEqualTo(120);
      assertThat(s.participants()).containsOnlyKeys(FACILITATOR_ID);
      assertThat(s.facilitator()).contains(new Participant(FACILITATOR_ID, "Fran", PRODUCT, Role.FACILITATOR, List.of(), false, T0));
      assertThat(s.serial()).isEqualTo(1);
      assertThat(s.agenda()).isEmpty();
      assertThat(s.countdown()).isNull();
      assertThat(s.floor()).isNull();
    }

    @Test
    @DisplayName("accepts a goal written in Chinese, such as the example the Chinese form shows")
    void acceptsChineseGoal() {
      RoomState s = after(empty(), SYSTEM, new CreateMeeting("发布会", "确定第三季度的发布日期", MeetingKind.DECISION,
          null, null, null, "芳", null, "zh-CN"), T0);

      assertThat(s.meeting().goal()).isEqualTo("确定第三季度的发布日期");
    }

    @Test
    @DisplayName("holds the meeting in the language it is created with, in any case, and in English by default")
    void language() {
      CreateMeeting chinese = new CreateMeeting("T", "Decide it", MeetingKind.DECISION, null, null, null, "F", null,
          "zh-cn");

      Outcome.Applied outcome = accepted(empty(), SYSTEM, chinese, T0);

      assertThat(outcome.events().get(0)).isEqualTo(new MeetingCreated("T", "Decide it", MeetingKind.DECISION, T0,
          60, Limits.DEFAULT_SPEAKER_LIMIT_SECONDS, Language.ZH_CN));
      assertThat(outcome.state().meeting().language()).isEqualTo(Language.ZH_CN);
      assertThat(after(empty(), SYSTEM, createMeeting(), T0).meeting().language()).isEqualTo(Language.EN);
      assertThat(after(outcome.state(), FACILITATOR, new EditMeeting(1, "Renamed", "确定日期", null, null, null), T0)
          .meeting().language()).isEqualTo(Language.ZH_CN);
    }

    @Test
    @DisplayName("fills in the start time, the planned length, the speaker limit and the department when left out")
    void appliesDefaults() {
      CreateMeeting command = new CreateMeeting("Weekly", "Share the news", MeetingKind.INFORMATION, null, null, null,
          "Fran", null);

      RoomState s = after(RoomState.empty(ROOM_ID, 240), SYSTEM, command, T0);

      assertThat(s.meeting().scheduledStart()).isEqualTo(T0);
      assertThat(s.meeting().plannedMinutes()).isEqualTo(60);
      assertThat(s.speakerLimitSeconds()).isEqualTo(240);
      assertThat(s.participant(FACILITATOR_ID).orElseThrow().department()).isEmpty();
    }

    @Test
    @DisplayName("accepts every field at its documented limit")
    void acceptsLimits() {
      CreateMeeting command = new CreateMeeting(chars(Limits.TITLE_CHARS), "Decide " + chars(Limits.GOAL_CHARS - 7),
          MeetingKind.DISCUSSION, null, Limits.MAX_PLANNED_MINUTES, Limits.MAX_SPEAKER_LIMIT_SECONDS,
          chars(Limits.NAME_CHARS), chars(Limits.DEPARTMENT_CHARS));

      RoomState s = after(empty(), SYSTEM, command, T0);

      assertThat(s.meeting().plannedMinutes()).isEqualTo(Limits.MAX_PLANNED_MINUTES);
      assertThat(s.speakerLimitSeconds()).isEqualTo(Limits.MAX_SPEAKER_LIMIT_SECONDS);
      assertThat(after(empty(), SYSTEM, new CreateMeeting("T", "Decide it", MeetingKind.DECISION, null,
          Limits.MIN_PLANNED_MINUTES, Limits.MIN_SPEAKER_LIMIT_SECONDS, "F", null), T0).speakerLimitSeconds())
          .isEqualTo(Limits.MIN_SPEAKER_LIMIT_SECONDS);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState e = empty();
      return Stream.of(
          refused("a participant creating the meeting", e, STRANGER, createMeeting(), ErrorCode.FORBIDDEN),
          refused("a participant re-creating an existing meeting", created(), FACILITATOR, createMeeting(),
              ErrorCode.FORBIDDEN),
          refused("creating a meeting twice", created(), SYSTEM, createMeeting(), ErrorCode.ROOM_EXISTS),
          refused("a missing title", e, SYSTEM, with(null, "Decide it", MeetingKind.DECISION, null, null, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("a blank title", e, SYSTEM, with("  ", "Decide it", MeetingKind.DECISION, null, null, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("a title over the limit", e, SYSTEM,
              with(chars(Limits.TITLE_CHARS + 1), "Decide it", MeetingKind.DECISION, null, null, "F", null),
              ErrorCode.TOO_LARGE),
          refused("a missing goal", e, SYSTEM, with("T", null, MeetingKind.DECISION, null, null, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("a goal over the limit", e, SYSTEM,
              with("T", "Decide " + chars(Limits.GOAL_CHARS - 6), MeetingKind.DECISION, null, null, "F", null),
              ErrorCode.TOO_LARGE),
          refused("a goal that is not verb + result", e, SYSTEM,
              with("T", " Launch ", MeetingKind.DECISION, null, null, "F", null), ErrorCode.INVALID_FIELD),
          refused("a vague goal", e, SYSTEM,
              with("T", "加强沟通。", MeetingKind.DECISION, null, null, "F", null), ErrorCode.INVALID_FIELD),
          refused("a language the server does not write", e, SYSTEM, new CreateMeeting("T", "Decide it",
              MeetingKind.DECISION, null, null, null, "F", null, "fr"), ErrorCode.INVALID_FIELD),
          refused("a missing kind", e, SYSTEM, with("T", "Decide it", null, null, null, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("planned minutes below the minimum", e, SYSTEM,
              with("T", "Decide it", MeetingKind.DECISION, Limits.MIN_PLANNED_MINUTES - 1, null, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("planned minutes above the maximum", e, SYSTEM,
              with("T", "Decide it", MeetingKind.DECISION, Limits.MAX_PLANNED_MINUTES + 1, null, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("a speaker limit below the minimum", e, SYSTEM,
              with("T", "Decide it", MeetingKind.DECISION, null, Limits.MIN_SPEAKER_LIMIT_SECONDS - 1, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("a speaker limit above the maximum", e, SYSTEM,
              with("T", "Decide it", MeetingKind.DECISION, null, Limits.MAX_SPEAKER_LIMIT_SECONDS + 1, "F", null),
              ErrorCode.INVALID_FIELD),
          refused("a missing facilitator name", e, SYSTEM,
              with("T", "Decide it", MeetingKind.DECISION, null, null, " ", null), ErrorCode.INVALID_FIELD),
          refused("a facilitator name over the limit", e, SYSTEM,
              with("T", "Decide it", MeetingKind.DECISION, null, null, chars(Limits.NAME_CHARS + 1), null),
              ErrorCode.TOO_LARGE),
          refused("a department over the limit", e, SYSTEM,
              with("T", "Decide it", MeetingKind.DECISION, null, null, "F", chars(Limits.DEPARTMENT_CHARS + 1)),
              ErrorCode.TOO_LARGE));
    }

    private CreateMeeting with(String title, String goal, MeetingKind kind, Integer plannedMinutes,
        Integer speakerLimitSeconds, String facilitatorName, String department) {
      return new CreateMeeting(title, goal, kind, null, plannedMinutes, speakerLimitSeconds, facilitatorName,
          department);
    }
  }

  @Nested
  @DisplayName("EditMeeting")
  class EditMeetingTest {

    @Test
    @DisplayName("changes the given details and bumps the version")
    void editsDetails() {
      EditMeeting command = new EditMeeting(1, " Q4 launch ", "Decide the Q4 launch date", MeetingKind.DISCUSSION,
          T0 + 7_200_000, 90);

      Outcome.Applied outcome = accepted(room(), FACILITATOR, command, T0 + 5);

      assertThat(outcome.events()).containsExactly(new MeetingEdited("Q4 launch", "Decide the Q4 launch date",
          MeetingKind.DISCUSSION, T0 + 7_200_000, 90, 2));
      assertThat(outcome.state().meeting()).isEqualTo(new Meeting("Q4 launch", "Decide the Q4 launch date",
          MeetingKind.DISCUSSION, T0 + 7_200_000, 90, MeetingStatus.SCHEDULED, null, null, 2));
    }

    @Test
    @DisplayName("keeps the fields that are left out or blank")
    void keepsOmittedFields() {
      Meeting before = room().meeting();

      Outcome.Applied outcome = accepted(room(), FACILITATOR, new EditMeeting(1, " ", null, null, null, null), T0);

      assertThat(outcome.events()).containsExactly(new MeetingEdited(before.title(), before.goal(), before.kind(),
          before.scheduledStart(), before.plannedMinutes(), 2));
      assertThat(outcome.state().meeting().version()).isEqualTo(2);
    }

    @Test
    @DisplayName("keeps a live meeting live with its start time")
    void keepsStatus() {
      RoomState s = after(live(), FACILITATOR, new EditMeeting(1, "Renamed", null, null, null, null), T0 + 2_000);

      assertThat(s.meeting().status()).isEqualTo(MeetingStatus.LIVE);
      assertThat(s.meeting().startedAt()).isEqualTo(T0 + 1_000);
      assertThat(s.meeting().title()).isEqualTo("Renamed");
    }

    @Test
    @DisplayName("refuses an edit made against an older version")
    void refusesStaleEdit() {
      RoomState s = after(room(), FACILITATOR, new EditMeeting(1, "First", null, null, null, null), T0);

      rejected(s, FACILITATOR, new EditMeeting(1, "Second", null, null, null, null), ErrorCode.STALE_VERSION);
      rejected(room(), FACILITATOR, new EditMeeting(7, "Future", null, null, null, null), ErrorCode.STALE_VERSION);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("an edit before the meeting exists", empty(), SYSTEM, titled("X"), ErrorCode.ROOM_NOT_FOUND),
          refused("an edit after the meeting ended", ended(), FACILITATOR, titled("X"), ErrorCode.MEETING_ENDED),
          refused("an edit by a participant", s, ANA, titled("X"), ErrorCode.FORBIDDEN),
          refused("an edit by a screen", s, SCREEN, titled("X"), ErrorCode.FORBIDDEN),
          refused("an edit by someone not in the room", s, STRANGER, titled("X"), ErrorCode.FORBIDDEN),
          refused("an edit without a version", s, FACILITATOR, new EditMeeting(null, "X", null, null, null, null),
              ErrorCode.INVALID_FIELD),
          refused("a one-word goal, which is not verb + result", s, FACILITATOR,
              new EditMeeting(1, null, "Budget", null, null, null), ErrorCode.INVALID_FIELD),
          refused("a vague goal", s, FACILITATOR,
              new EditMeeting(1, null, " Discuss progress! ", null, null, null), ErrorCode.INVALID_FIELD),
          refused("a title over the limit", s, FACILITATOR, titled(chars(Limits.TITLE_CHARS + 1)),
              ErrorCode.TOO_LARGE),
          refused("a goal over the limit", s, FACILITATOR,
              new EditMeeting(1, null, "Decide " + chars(Limits.GOAL_CHARS), null, null, null), ErrorCode.TOO_LARGE),
          refused("planned minutes below the minimum", s, FACILITATOR,
              new EditMeeting(1, null, null, null, null, Limits.MIN_PLANNED_MINUTES - 1), ErrorCode.INVALID_FIELD),
          refused("planned minutes above the maximum", s, FACILITATOR,
              new EditMeeting(1, null, null, null, null, Limits.MAX_PLANNED_MINUTES + 1), ErrorCode.INVALID_FIELD));
    }

    private EditMeeting titled(String title) {
      return new EditMeeting(1, title, null, null, null, null);
    }
  }

  @Nested
  @DisplayName("StartMeeting")
  class StartMeetingTest {

    @Test
    @DisplayName("takes a scheduled meeting live at the current time")
    void startsMeeting() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR, new StartMeeting(), T0 + 1_000);

      assertThat(outcome.events()).containsExactly(new MeetingStarted(T0 + 1_000));
      assertThat(outcome.state().meeting().status()).isEqualTo(MeetingStatus.LIVE);
      assertThat(outcome.state().meeting().startedAt()).isEqualTo(T0 + 1_000);
      assertThat(outcome.state().meeting().endedAt()).isNull();
    }

    @Test
    @DisplayName("lets the server start the meeting as well")
    void serverMayStart() {
      assertThat(after(room(), SYSTEM, new StartMeeting(), T0).meeting().status()).isEqualTo(MeetingStatus.LIVE);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return Stream.of(
          refused("starting before the meeting exists", empty(), SYSTEM, new StartMeeting(), ErrorCode.ROOM_NOT_FOUND),
          refused("starting after the meeting ended", ended(), FACILITATOR, new StartMeeting(),
              ErrorCode.MEETING_ENDED),
          refused("a participant starting the meeting", room(), ANA, new StartMeeting(), ErrorCode.FORBIDDEN),
          refused("a screen starting the meeting", room(), SCREEN, new StartMeeting(), ErrorCode.FORBIDDEN),
          refused("starting a meeting that is already live", live(), FACILITATOR, new StartMeeting(),
              ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("EndMeeting")
  class EndMeetingTest {

    @Test
    @DisplayName("ends a meeting with nothing going on with a single event")
    void endsQuietMeeting() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR, new EndMeeting(), T0 + 9_000);

      assertThat(outcome.events()).containsExactly(new MeetingEnded(T0 + 9_000));
      assertThat(outcome.state().meeting().status()).isEqualTo(MeetingStatus.ENDED);
      assertThat(outcome.state().meeting().endedAt()).isEqualTo(T0 + 9_000);
    }

    @Test
    @DisplayName("reveals the notes of a writing phase still running, since nobody could reveal them later")
    void revealsPrivateNotes() {
      RoomState s = after(room(), FACILITATOR, new BoardCommands.StartWritingPhase(), T0);
      s = after(s, ANA, new BoardCommands.AddNote("Cut the scope", null, 10, 10, null), T0 + 1_000);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new EndMeeting(), T0 + 9_000);

      assertThat(outcome.events()).hasSize(2).last().isEqualTo(new MeetingEnded(T0 + 9_000));
      assertThat(outcome.state().board().writingPhase()).isFalse();
      assertThat(outcome.state().notes().values()).singleElement()
          .satisfies(n -> assertThat(n.hidden()).isFalse());
    }

    @Test
    @DisplayName("completes the active item, ends the floor and clears the queue")
    void wrapsUpEverything() {
      RoomState s = after(room(), FACILITATOR, new StartItem(ITEM_1), T0);
      s = after(s, BEN, new RaiseHand(), T0 + 1_000);
      s = after(s, FACILITATOR, new GiveFloor(ANA_ID), T0 + 10_000);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new EndMeeting(), T0 + 70_000);

      assertThat(outcome.events()).containsExactly(
          new ItemCompleted(ITEM_1, T0 + 70_000, 70_000),
          new FloorEnded(ANA_ID, ENGINEERING, T0 + 70_000, 60_000),
          new MeetingEnded(T0 + 70_000));
      RoomState end = outcome.state();
      assertThat(end.meeting().status()).isEqualTo(MeetingStatus.ENDED);
      assertThat(end.meeting().startedAt()).isEqualTo(T0);
      assertThat(end.meeting().endedAt()).isEqualTo(T0 + 70_000);
      AgendaItem item = end.item(ITEM_1).orElseThrow();
      assertThat(item.status()).isEqualTo(ItemStatus.DONE);
      assertThat(item.actualMs()).isEqualTo(70_000);
      assertThat(item.completedAt()).isEqualTo(T0 + 70_000);
      assertThat(end.activeItem()).isEmpty();
      assertThat(end.countdown()).isNull();
      assertThat(end.floor()).isNull();
      assertThat(end.queue()).isEmpty();
      assertThat(end.speakingMs()).containsExactly(Map.entry(ANA_ID, 60_000L));
      assertThat(end.departmentSpeakingMs()).containsExactly(Map.entry(ENGINEERING, 60_000L));
      assertThat(end.nextDeadline()).isEmpty();
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      return Stream.of(
          refused("ending before the meeting exists", empty(), SYSTEM, new EndMeeting(), ErrorCode.ROOM_NOT_FOUND),
          refused("ending a meeting twice", ended(), FACILITATOR, new EndMeeting(), ErrorCode.MEETING_ENDED),
          refused("a participant ending the meeting", room(), ANA, new EndMeeting(), ErrorCode.FORBIDDEN),
          refused("a screen ending the meeting", room(), SCREEN, new EndMeeting(), ErrorCode.FORBIDDEN));
    }
  }

  @Nested
  @DisplayName("Join")
  class JoinTest {

    @Test
    @DisplayName("adds a participant with the next serial id, offline")
    void addsParticipant() {
      Outcome.Applied outcome = accepted(room(), SYSTEM, new Join(" Dan ", " Legal ", Role.PARTICIPANT), T0 + 3);

      assertThat(outcome.events()).containsExactly(
          new ParticipantJoined("p9", "Dan", "Legal", Role.PARTICIPANT, T0 + 3, 9));
      assertThat(outcome.result()).isEqualTo(Map.of("participantId", "p9", "role", "participant"));
      assertThat(outcome.state().participant("p9"))
          .contains(new Participant("p9", "Dan", "Legal", Role.PARTICIPANT, List.of(), false, T0 + 3));
      assertThat(outcome.state().participant("p9").orElseThrow().online()).isFalse();
      assertThat(outcome.state().serial()).isEqualTo(9);
    }

    @Test
    @DisplayName("adds a screen without a department")
    void addsScreen() {
      RoomState s = after(created(), SYSTEM, new Join("Board", null, Role.SCREEN), T0);

      assertThat(s.participant("p2")).contains(new Participant("p2", "Board", "", Role.SCREEN, List.of(), false, T0));
    }

    @Test
    @DisplayName("fills the room up to the participant limit and then refuses")
    void refusesWhenFull() {
      RoomState s = created();
      for (int i = 1; i < Limits.MAX_PARTICIPANTS; i++) {
        s = after(s, SYSTEM, new Join("Guest " + i, null, i % 10 == 0 ? Role.SCREEN : Role.PARTICIPANT), T0);
      }
      assertThat(s.participants()).hasSize(Limits.MAX_PARTICIPANTS);

      rejected(s, SYSTEM, new Join("One too many", null, Role.PARTICIPANT), ErrorCode.LIMIT_REACHED);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("a participant adding someone", s, FACILITATOR, join("Dan"), ErrorCode.FORBIDDEN),
          refused("joining before the meeting exists", empty(), SYSTEM, join("Dan"), ErrorCode.ROOM_NOT_FOUND),
          refused("joining after the meeting ended", ended(), SYSTEM, join("Dan"), ErrorCode.MEETING_ENDED),
          refused("a missing name", s, SYSTEM, join(null), ErrorCode.INVALID_FIELD),
          refused("a blank name", s, SYSTEM, join(" "), ErrorCode.INVALID_FIELD),
          refused("a name over the limit", s, SYSTEM, join(chars(Limits.NAME_CHARS + 1)), ErrorCode.TOO_LARGE),
          refused("a department over the limit", s, SYSTEM,
              new Join("Dan", chars(Limits.DEPARTMENT_CHARS + 1), Role.PARTICIPANT), ErrorCode.TOO_LARGE),
          refused("a missing role", s, SYSTEM, new Join("Dan", null, null), ErrorCode.INVALID_FIELD),
          refused("joining as facilitator", s, SYSTEM, new Join("Dan", null, Role.FACILITATOR),
              ErrorCode.INVALID_FIELD));
    }

    private Join join(String name) {
      return new Join(name, null, Role.PARTICIPANT);
    }
  }

  @Nested
  @DisplayName("Connect, Disconnect and ResetPresence")
  class PresenceTest {

    @Test
    @DisplayName("track each subscription a participant holds, by its connection id")
    void trackConnections() {
      Outcome.Applied first = accepted(room(), SYSTEM, new Connect(ANA_ID, "c1"), T0);
      Outcome.Applied second = accepted(first.state(), SYSTEM, new Connect(ANA_ID, "c2"), T0);
      Outcome.Applied gone = accepted(second.state(), SYSTEM, new Disconnect(ANA_ID, "c1"), T0);

      assertThat(first.events()).containsExactly(new Connected(ANA_ID, "c1"));
      assertThat(second.events()).containsExactly(new Connected(ANA_ID, "c2"));
      assertThat(gone.events()).containsExactly(new Disconnected(ANA_ID, "c1"));
      assertThat(second.state().participant(ANA_ID).orElseThrow().connections()).containsExactly("c1", "c2");
      assertThat(gone.state().participant(ANA_ID).orElseThrow().online()).isTrue();
      RoomState offline = after(gone.state(), SYSTEM, new Disconnect(ANA_ID, "c2"), T0);
      assertThat(offline.participant(ANA_ID).orElseThrow().online()).isFalse();
    }

    @Test
    @DisplayName("take a repeated Connect of the same subscription as no change, so nodes may announce again")
    void repeatedConnect() {
      RoomState s = after(room(), SYSTEM, new Connect(ANA_ID, "c1"), T0);

      Outcome.Applied outcome = accepted(s, SYSTEM, new Connect(ANA_ID, "c1"), T0);

      assertThat(outcome.events()).isEmpty();
      assertThat(outcome.state()).isEqualTo(s);
    }

    @Test
    @DisplayName("accept a disconnect of an unknown subscription without any event")
    void disconnectUnknown() {
      RoomState s = room();

      Outcome.Applied outcome = accepted(s, SYSTEM, new Disconnect(ANA_ID, "c9"), T0);

      assertThat(outcome.events()).isEmpty();
      assertThat(outcome.state()).isEqualTo(s);
    }

    @Test
    @DisplayName("keep tracking presence after the meeting ended")
    void presenceAfterEnd() {
      RoomState s = after(ended(), SYSTEM, new Connect(SCREEN_ID, "c1"), T0);
      assertThat(s.participant(SCREEN_ID).orElseThrow().online()).isTrue();
      s = after(s, SYSTEM, new Disconnect(SCREEN_ID, "c1"), T0);

      assertThat(s.participant(SCREEN_ID).orElseThrow().connections()).isEmpty();
    }

    @Test
    @DisplayName("reset everyone to offline in one event, and do nothing when nobody is online")
    void resetPresence() {
      RoomState s = after(room(), SYSTEM, new Connect(ANA_ID, "c1"), T0);
      s = after(s, SYSTEM, new Connect(ANA_ID, "c2"), T0);
      s = after(s, SYSTEM, new Connect(SCREEN_ID, "c3"), T0);

      Outcome.Applied outcome = accepted(s, SYSTEM, new ResetPresence(), T0);

      assertThat(outcome.events()).containsExactly(new PresenceReset());
      assertThat(outcome.state().participants().values()).noneMatch(Participant::online);
      assertThat(accepted(outcome.state(), SYSTEM, new ResetPresence(), T0).events()).isEmpty();
    }

    @Test
    @DisplayName("reset presence in a room that has no meeting yet without any event")
    void resetPresenceOfEmptyRoom() {
      Outcome.Applied outcome = accepted(empty(), SYSTEM, new ResetPresence(), T0);

      assertThat(outcome.events()).isEmpty();
      assertThat(outcome.state()).isEqualTo(empty());
    }

    @TestFactory
    @DisplayName("refuse")
    Stream<DynamicTest> refuse() {
      RoomState s = room();
      return Stream.of(
          refused("a participant sending Connect", s, FACILITATOR, new Connect(ANA_ID, "c1"), ErrorCode.FORBIDDEN),
          refused("a participant sending Disconnect", s, ANA, new Disconnect(ANA_ID, "c1"), ErrorCode.FORBIDDEN),
          refused("a participant sending ResetPresence", s, FACILITATOR, new ResetPresence(), ErrorCode.FORBIDDEN),
          refused("Connect before the meeting exists", empty(), SYSTEM, new Connect(ANA_ID, "c1"),
              ErrorCode.ROOM_NOT_FOUND),
          refused("Disconnect before the meeting exists", empty(), SYSTEM, new Disconnect(ANA_ID, "c1"),
              ErrorCode.ROOM_NOT_FOUND),
          refused("Connect of an unknown participant", s, SYSTEM, new Connect(UNKNOWN_ID, "c1"),
              ErrorCode.PARTICIPANT_NOT_FOUND),
          refused("Disconnect of an unknown participant", s, SYSTEM, new Disconnect(UNKNOWN_ID, "c1"),
              ErrorCode.PARTICIPANT_NOT_FOUND),
          refused("Connect without a connection id", s, SYSTEM, new Connect(ANA_ID, null), ErrorCode.INVALID_FIELD),
          refused("Connect with an oversize connection id", s, SYSTEM, new Connect(ANA_ID, "c".repeat(65)),
              ErrorCode.TOO_LARGE));
    }
  }

  @Nested
  @DisplayName("HandOff")
  class HandOffTest {

    @Test
    @DisplayName("swaps the roles of the giver and the receiver")
    void swapsRoles() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR, new HandOff(ANA_ID), T0);

      assertThat(outcome.events()).containsExactly(new FacilitatorHandedOff(FACILITATOR_ID, ANA_ID));
      RoomState s = outcome.state();
      assertThat(s.participant(ANA_ID).orElseThrow().role()).isEqualTo(Role.FACILITATOR);
      assertThat(s.participant(FACILITATOR_ID).orElseThrow().role()).isEqualTo(Role.PARTICIPANT);
      assertThat(s.participants().values()).filteredOn(p -> p.role() == Role.FACILITATOR).hasSize(1);
    }

    @Test
    @DisplayName("honours the new roles at once")
    void newRolesApplyAtOnce() {
      RoomState s = after(room(), FACILITATOR, new HandOff(ANA_ID), T0);

      rejected(s, FACILITATOR, new StartMeeting(), ErrorCode.FORBIDDEN);
      assertThat(after(s, ANA, new StartMeeting(), T0).meeting().status()).isEqualTo(MeetingStatus.LIVE);
      assertThat(after(s, ANA, new HandOff(FACILITATOR_ID), T0).facilitator().orElseThrow().id())
          .isEqualTo(FACILITATOR_ID);
    }

    @Test
    @DisplayName("lets the server hand the role on from the current facilitator")
    void serverHandsOff() {
      Outcome.Applied outcome = accepted(room(), SYSTEM, new HandOff(BEN_ID), T0);

      assertThat(outcome.events()).containsExactly(new FacilitatorHandedOff(FACILITATOR_ID, BEN_ID));
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("a hand-off before the meeting exists", empty(), SYSTEM, new HandOff(ANA_ID),
              ErrorCode.ROOM_NOT_FOUND),
          refused("a hand-off after the meeting ended", ended(), FACILITATOR, new HandOff(ANA_ID),
              ErrorCode.MEETING_ENDED),
          refused("a participant handing off", s, ANA, new HandOff(BEN_ID), ErrorCode.FORBIDDEN),
          refused("a screen handing off", s, SCREEN, new HandOff(ANA_ID), ErrorCode.FORBIDDEN),
          refused("a hand-off without a receiver", s, FACILITATOR, new HandOff(null), ErrorCode.INVALID_FIELD),
          refused("a hand-off to an unknown participant", s, FACILITATOR, new HandOff(UNKNOWN_ID),
              ErrorCode.PARTICIPANT_NOT_FOUND),
          refused("a hand-off to a screen", s, FACILITATOR, new HandOff(SCREEN_ID), ErrorCode.INVALID_STATE),
          refused("a hand-off to the facilitator themself", s, FACILITATOR, new HandOff(FACILITATOR_ID),
              ErrorCode.INVALID_STATE));
    }
  }
}
