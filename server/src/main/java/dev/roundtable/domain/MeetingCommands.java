package dev.roundtable.domain;

import dev.roundtable.domain.MeetingEvents.Connected;
import dev.roundtable.domain.MeetingEvents.Disconnected;
import dev.roundtable.domain.MeetingEvents.FacilitatorHandedOff;
import dev.roundtable.domain.MeetingEvents.MeetingCreated;
import dev.roundtable.domain.MeetingEvents.MeetingEdited;
import dev.roundtable.domain.MeetingEvents.MeetingEnded;
import dev.roundtable.domain.MeetingEvents.MeetingStarted;
import dev.roundtable.domain.MeetingEvents.ParticipantJoined;
import dev.roundtable.domain.MeetingEvents.PresenceReset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Commands about the meeting as a whole and its people. */
public final class MeetingCommands {
  static final int MAX_CONNECTION_ID_CHARS = 64;

  private MeetingCommands() {
  }

  /**
   * Creates the meeting and its facilitator; sent once, by the server, when a room is created over HTTP.
   * The goal must say what the meeting produces, in any language ({@link Goals}). {@code language} is a
   * {@link Language} tag, English when left out.
   */
  public record CreateMeeting(String title, String goal, MeetingKind kind, Long scheduledStart,
      Integer plannedMinutes, Integer speakerLimitSeconds, String facilitatorName, String department,
      String language) implements Command {

    /** A meeting in the default language. */
    public CreateMeeting(String title, String goal, MeetingKind kind, Long scheduledStart, Integer plannedMinutes,
        Integer speakerLimitSeconds, String facilitatorName, String department) {
      this(title, goal, kind, scheduledStart, plannedMinutes, speakerLimitSeconds, facilitatorName, department,
          null);
    }

    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system()
          .check(!s.created(), ErrorCode.ROOM_EXISTS, "the meeting already exists")
          .text("title", title, Limits.TITLE_CHARS, true)
          .goal(goal, true)
          .present("kind", kind)
          .range("plannedMinutes", plannedMinutes, Limits.MIN_PLANNED_MINUTES, Limits.MAX_PLANNED_MINUTES, false)
          .range("speakerLimitSeconds", speakerLimitSeconds, Limits.MIN_SPEAKER_LIMIT_SECONDS,
              Limits.MAX_SPEAKER_LIMIT_SECONDS, false)
          .text("facilitatorName", facilitatorName, Limits.NAME_CHARS, true)
          .text("department", department, Limits.DEPARTMENT_CHARS, false)
          .check(language == null || Language.ofTag(language).isPresent(), ErrorCode.INVALID_FIELD,
              "language must be " + Language.tags())
          .then(() -> {
            String facilitatorId = Ids.participant(s.serial() + 1);
            return Decision.accept(Map.of("participantId", facilitatorId),
                new MeetingCreated(title.strip(), goal.strip(), kind, scheduledStart == null ? now : scheduledStart,
                    plannedMinutes == null ? 60 : plannedMinutes,
                    speakerLimitSeconds == null ? s.speakerLimitSeconds() : speakerLimitSeconds,
                    Language.ofTag(language).orElse(Language.DEFAULT)),
                new ParticipantJoined(facilitatorId, facilitatorName.strip(), Text.orEmpty(department),
                    Role.FACILITATOR, now, s.serial() + 1));
          });
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
          .goal(goal, false)
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

  /**
   * Ends the meeting: the current item is completed, the floor closed, a running writing phase revealed
   * (nobody could reveal it later), and the room stops changing but for its minutes.
   */
  public record EndMeeting() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator().then(() -> {
        List<Event> events = new ArrayList<>();
        s.activeItem().ifPresent(item -> events.add(AgendaCommands.completion(s, item, now)));
        SpeakerCommands.endOfFloor(s, now).ifPresent(events::add);
        if (s.board().writingPhase()) {
          events.add(BoardCommands.revealAll(s, now));
        }
        events.add(new MeetingEnded(now));
        return Decision.accept(events);
      });
    }
  }

  /**
   * Adds a participant or screen; sent by the server after it checked the join code or a series link. With a
   * {@code key} the room already knows (an invitee of its series, its coordinator), it admits that participant
   * again, in whatever role they hold now, and records nothing.
   */
  public record Join(String name, String department, Role role, String key) implements Command {
    public Join(String name, String department, Role role) {
      this(name, department, role, null);
    }

    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      String k = key == null || key.isBlank() ? null : key.strip();
      Participant known = k == null ? null : s.participantByKey(k).orElse(null);
      if (known != null && a.isSystem() && s.created()) {
        return Decision.accept(Map.of("participantId", known.id(), "role", known.role().name().toLowerCase(
            Locale.ROOT)));
      }
      return Guard.on(s, a).system().open()
          .text("name", name, Limits.NAME_CHARS, true)
          .text("department", department, Limits.DEPARTMENT_CHARS, false)
          .text("key", key, Limits.NAME_CHARS, false)
          .present("role", role)
          .check(role != Role.FACILITATOR, ErrorCode.INVALID_FIELD,
              "role must be participant or screen; the facilitator role is handed off in the room")
          .check(s.participants().size() < Limits.MAX_PARTICIPANTS, ErrorCode.LIMIT_REACHED,
              "the room is full (" + Limits.MAX_PARTICIPANTS + " participants)")
          .then(() -> {
            String id = Ids.participant(s.serial() + 1);
            return Decision.accept(Map.of("participantId", id, "role", role.name().toLowerCase(Locale.ROOT)),
                new ParticipantJoined(id, name.strip(), Text.orEmpty(department), role, now, s.serial() + 1, k));
          });
    }
  }

  /**
   * A subscription of the participant to the room started (sent by the server). Announcing one the room
   * already knows changes nothing.
   */
  public record Connect(String participantId, String connectionId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().created()
          .text("connectionId", connectionId, MAX_CONNECTION_ID_CHARS, true)
          .andThen(() -> Lookups.participant(s, participantId))
          .then(() -> s.participants().get(participantId).connections().contains(connectionId) ? Decision.accept()
              : Decision.accept(new Connected(participantId, connectionId)));
    }
  }

  /** A subscription of the participant ended (sent by the server). Ending an unknown one changes nothing. */
  public record Disconnect(String participantId, String connectionId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().created()
          .text("connectionId", connectionId, MAX_CONNECTION_ID_CHARS, true)
          .andThen(() -> Lookups.participant(s, participantId))
          .then(() -> s.participants().get(participantId).connections().contains(connectionId)
              ? Decision.accept(new Disconnected(participantId, connectionId)) : Decision.accept());
    }
  }

  /**
   * Marks everyone offline; sent by the server when it (re)loads a room, because the subscriptions known
   * before belonged to a process that may be gone. Nodes whose sockets are still subscribed announce them
   * again.
   */
  public record ResetPresence() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).system().then(() -> s.participants().values().stream().anyMatch(Participant::online)
          ? Decision.accept(new PresenceReset()) : Decision.accept());
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
