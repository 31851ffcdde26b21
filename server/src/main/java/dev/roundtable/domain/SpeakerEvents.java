package dev.roundtable.domain;

import java.util.ArrayList;
import java.util.List;

/** Events about the speaker queue and the floor. */
public final class SpeakerEvents {
  private SpeakerEvents() {
  }

  public record HandRaised(String participantId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      List<String> q = new ArrayList<>(s.queue());
      q.add(participantId);
      return s.toBuilder().queue(q).build();
    }
  }

  public record HandLowered(String participantId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().queue(s.queue().stream().filter(id -> !id.equals(participantId)).toList()).build();
    }
  }

  /** The participant has the floor until {@code deadline}; they leave the queue if they were in it. */
  public record FloorGiven(String participantId, long at, long deadline) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder()
          .floor(new Floor(participantId, at, deadline, false))
          .queue(s.queue().stream().filter(id -> !id.equals(participantId)).toList())
          .build();
    }
  }

  /** The floor is closed; {@code spokeMs} is added to the speaker's and their department's totals. */
  public record FloorEnded(String participantId, String department, long at, long spokeMs) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().floor(null).addSpeakingTime(participantId, department, spokeMs).build();
    }
  }

  public record SpeakerLimitSet(int seconds) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().speakerLimitSeconds(seconds).build();
    }
  }

  public record SpeakerTimeUp(String participantId, long at) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Floor f = s.floor();
      return s.toBuilder().floor(new Floor(f.speakerId(), f.since(), f.deadline(), true)).build();
    }
  }
}
