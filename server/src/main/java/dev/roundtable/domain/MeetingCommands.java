package dev.roundtable.domain;

import dev.roundtable.domain.MeetingEvents.ConnectionsChanged;
import dev.roundtable.domain.MeetingEvents.FacilitatorHandedOff;
import dev.roundtable.domain.MeetingEvents.MeetingCreated;
import dev.roundtable.domain.MeetingEvents.MeetingEdited;
import dev.roundtable.domain.MeetingEvents.MeetingEnded;
import dev.roundtable.domain.MeetingEvents.MeetingStarted;
import dev.roundtable.domain.MeetingEvents.ParticipantJoined;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Commands about the meeting as a whole and its people. */
public final class MeetingCommands {
  private MeetingCommands() {
  }

  /**
   * Creates the meeting and its facilitator; sent once, by the server, when a room is created over HTTP.
   * The goal must read as "verb + result" (for example "Decide the Q3 launch date"), so it needs two words.
   */
  public record CreateMeeting(String title, String goal, MeetingKind kind, Long scheduledStart,
      Integer plannedMinutes, Integer speakerLimitSeconds, String facilitatorName, String department)
      implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system()
          .check(!s.created(), ErrorCode.ROOM_EXISTS, "the meeting already exists")
          .text("title", title, Limits.TITLE_CHARS, true)
          .text("goal", goal, Limits.GOAL_CHARS, true)
          .check(goal == null || isVerbPlusResult(goal), ErrorCode.INVALID_FIELD, GOAL_RULE)
          .present("kind", kind)
          .range("plannedMinutes", plannedMinutes, Limits.MIN_PLANNED_MINUTES, Limits.MAX_PLANNED_MINUTES, false)
          .range("speakerLimitSeconds", speakerLimitSeconds, Limits.MIN_SPEAKER_LIMIT_SECONDS,
              Limits.MAX_SPEAKER_LIMIT_SECONDS, false)
          .text("facilitatorName", facilitatorName, Limits.NAME_CHARS, true)
          .text("department", department, Limits.DEPARTMENT_CHARS, false)
          .then(() -> {
            String facilitatorId = Ids.participant(s.serial() + 1);
            return Decision.accept(Map.of("participantId", facilitatorId),
                new MeetingCreated(title.strip(), goal.strip(), kind, scheduledStart == null ? now : scheduledStart,
                    plannedMinutes == null ? 60 : plannedMinutes,
                    speakerLimitSeconds == null ? s.speakerLimitSeconds() : speakerLimitSeconds),
                new ParticipantJoined(facilitatorId, facilitatorName.strip(), Text.orEmpty(department),
                    Role.FACILITATOR, now, s.serial() + 1));
          });
    }

    static final String GOAL_RULE = "goal must read as verb + result, e.g. \"Decide the Q3 launch date\"";

    static boolean isVerbPlusResult(String goal) {
      return goal.strip().split("\\s+").length >= 2;
    }
  }

  /** Changes the meeting's details; fields left out keep their value. */
  public record EditMeeting(Integer version, String title, String goal, MeetingKind kind, Long scheduledStart,
      Integer plannedMinutes) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .present("version", version)
          .text("title", title, Limits.TITLE_CHARS, false)
          .text("goal", goal, Limits.GOAL_CHARS, false)
          .check(goal == null || goal.isBlank() || CreateMeeting.isVerbPlusResult(goal), ErrorCode.INVALID_FIELD,
              CreateMeeting.GOAL_RULE)
          .range("plannedMinutes", plannedMinutes, Limits.MIN_PLANNED_MINUTES, Limits.MAX_PLANNED_MINUTES, false)
          .andThen(() -> Versions.check("meeting", s.meeting().version(), version))
          .then(() -> {
            Meeting m = s.meeting();
            return Decision.accept(new MeetingEdited(
                Text.or(title, m.title()), Text.or(goal, m.goal()), kind == null ? m.kind() : kind,
                scheduledStart == null ? m.scheduledStart() : scheduledStart,
                plannedMinutes == null ? m.plannedMinutes() : plannedMinutes, m.version() + 1));
          });
    }
  }

  /** Takes the meeting live; starting the first agenda item does this too. */
  public record StartMeeting() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .check(!s.created() || s.meeting().status() == MeetingStatus.SCHEDULED, ErrorCode.INVALID_STATE,
              "the meeting is already live")
          .then(() -> Decision.accept(new MeetingStarted(now)));
    }
  }

  /** Ends the meeting: the current item is completed, the floor closed, and the room stops changing. */
  public record EndMeeting() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator().then(() -> {
        List<Event> events = new ArrayList<>();
        s.activeItem().ifPresent(item -> events.add(AgendaCommands.completion(s, item, now)));
        SpeakerCommands.endOfFloor(s, now).ifPresent(events::add);
        events.add(new MeetingEnded(now));
        return Decision.accept(events);
      });
    }
  }

  /** Adds a participant or screen; sent by the server after it checked the join code. */
  public record Join(String name, String department, Role role) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().open()
          .text("name", name, Limits.NAME_CHARS, true)
          .text("department", department, Limits.DEPARTMENT_CHARS, false)
          .present("role", role)
          .check(role != Role.FACILITATOR, ErrorCode.INVALID_FIELD,
              "role must be participant or screen; the facilitator role is handed off in the room")
          .check(s.participants().size() < Limits.MAX_PARTICIPANTS, ErrorCode.LIMIT_REACHED,
              "the room is full (" + Limits.MAX_PARTICIPANTS + " participants)")
          .then(() -> {
            String id = Ids.participant(s.serial() + 1);
            return Decision.accept(Map.of("participantId", id),
                new ParticipantJoined(id, name.strip(), Text.orEmpty(department), role, now, s.serial() + 1));
          });
    }
  }

  /** A socket of the participant subscribed to the room (sent by the server). */
  public record Connect(String participantId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().created()
          .andThen(() -> Lookups.participant(s, participantId))
          .then(() -> Decision.accept(
              new ConnectionsChanged(participantId, s.participants().get(participantId).connections() + 1)));
    }
  }

  /** A socket of the participant went away (sent by the server). */
  public record Disconnect(String participantId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().created()
          .andThen(() -> Lookups.participant(s, participantId))
          .then(() -> {
            int connections = s.participants().get(participantId).connections();
            return connections == 0 ? Decision.accept()
                : Decision.accept(new ConnectionsChanged(participantId, connections - 1));
          });
    }
  }

  /**
   * Marks everyone offline; sent by the server when it (re)loads a room, because the sockets counted
   * before belonged to a process that is gone. Clients that are still there subscribe again.
   */
  public record ResetPresence() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().then(() -> Decision.accept(s.participants().values().stream()
          .filter(Participant::online)
          .<Event>map(p -> new ConnectionsChanged(p.id(), 0))
          .toList()));
    }
  }

  /** Hands the facilitator role to another participant; the giver becomes a participant. */
  public record HandOff(String toParticipantId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .present("toParticipantId", toParticipantId)
          .andThen(() -> Lookups.participant(s, toParticipantId))
          .andThen(() -> {
            Role role = s.participants().get(toParticipantId).role();
            return role == Role.PARTICIPANT ? Optional.empty()
                : Optional.of(Rejection.of(ErrorCode.INVALID_STATE,
                    "the facilitator role can only go to a participant (this one is " + role.name().toLowerCase() + ")"));
          })
          .then(() -> Decision.accept(
              new FacilitatorHandedOff(s.facilitator().map(Participant::id).orElse(null), toParticipantId)));
    }
  }
}
