package dev.roundtable.domain;

/**
 * Who issues a command: a participant of the room, or the server itself (timers, presence, joins that the
 * HTTP layer has already authorised). The participant's role is never taken from here but from the room
 * state, so a role handed off a moment ago is honoured at once.
 */
public record Actor(String participantId) {
  private static final Actor SYSTEM = new Actor(null);

  public static Actor system() {
    return SYSTEM;
  }

  public static Actor participant(String participantId) {
    return new Actor(java.util.Objects.requireNonNull(participantId, "participantId"));
  }

  public boolean isSystem() {
    return participantId == null;
  }
}
