package dev.roundtable.domain;

import java.util.ArrayList;
import java.util.List;

/** Events about the meeting as a whole and its people. */
public final class MeetingEvents {
  private MeetingEvents() {
  }

  /** {@code language} is absent from events written before meetings had one: those are in English. */
  public record MeetingCreated(String title, String goal, MeetingKind kind, long scheduledStart,
      int plannedMinutes, int speakerLimitSeconds, Language language) implements Event {
    public MeetingCreated {
      language = language == null ? Language.DEFAULT : language;
    }

    public MeetingCreated(String title, String goal, MeetingKind kind, long scheduledStart, int plannedMinutes,
        int speakerLimitSeconds) {
      this(title, goal, kind, scheduledStart, plannedMinutes, speakerLimitSeconds, Language.DEFAULT);
    }

    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder()
          .meeting(new Meeting(title, goal, kind, scheduledStart, plannedMinutes, MeetingStatus.SCHEDULED,
              null, null, 1, language))
          .speakerLimitSeconds(speakerLimitSeconds)
          .build();
    }
  }

  public record MeetingEdited(String title, String goal, MeetingKind kind, long scheduledStart,
      int plannedMinutes, int version) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Meeting m = s.meeting();
      return s.toBuilder()
          .meeting(new Meeting(title, goal, kind, scheduledStart, plannedMinutes, m.status(), m.startedAt(),
              m.endedAt(), version, m.language()))
          .build();
    }
  }

  public record MeetingStarted(long at) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().meeting(s.meeting().withStatus(MeetingStatus.LIVE, at)).build();
    }
  }

  public record MeetingEnded(long at) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().meeting(s.meeting().withStatus(MeetingStatus.ENDED, at)).queue(List.of())
          .build();
    }
  }

  /** {@code key}: who they are outside the room (see {@link Participant}); null when they joined by code. */
  public record ParticipantJoined(String participantId, String name, String department, Role role, long at,
      long serial, String key) implements Event {
    public ParticipantJoined(String participantId, String name, String department, Role role, long at, long serial) {
      this(participantId, name, department, role, at, serial, null);
    }

    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder()
          .participant(new Participant(participantId, name, department, role, List.of(), false, at, key))
          .serial(serial)
          .build();
    }
  }

  /** A subscription ({@code connectionId}, opaque) of the participant started; they are online. */
  public record Connected(String participantId, String connectionId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Participant p = s.participants().get(participantId);
      List<String> connections = new ArrayList<>(p.connections());
      connections.add(connectionId);
      return s.toBuilder().participant(p.withConnections(connections)).build();
    }
  }

  public record Disconnected(String participantId, String connectionId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Participant p = s.participants().get(participantId);
      return s.toBuilder()
          .participant(p.withConnections(p.connections().stream().filter(c -> !c.equals(connectionId)).toList()))
          .build();
    }
  }

  /** Everyone is offline: the room was reloaded and the subscriptions it knew of belonged to a gone process. */
  public record PresenceReset() implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      RoomState.Builder b = s.toBuilder();
      s.participants().values().forEach(p -> b.participant(p.withConnections(List.of())));
      return b.build();
    }
  }

  public record FacilitatorHandedOff(String fromId, String toId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      RoomState.Builder b = s.toBuilder();
      s.participant(fromId).ifPresent(p -> b.participant(p.withRole(Role.PARTICIPANT)));
      b.participant(s.participants().get(toId).withRole(Role.FACILITATOR));
      return b.build();
    }
  }
}
