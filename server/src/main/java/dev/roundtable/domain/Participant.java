package dev.roundtable.domain;

/**
 * A person or display in the room. {@code connections} counts the live sockets the participant holds
 * across the whole server; the participant is online while it is above zero.
 */
public record Participant(String id, String name, String department, Role role, int connections, long joinedAt) {

  public boolean online() {
    return connections > 0;
  }

  Participant withRole(Role newRole) {
    return new Participant(id, name, department, newRole, connections, joinedAt);
  }

  Participant withConnections(int newConnections) {
    return new Participant(id, name, department, role, newConnections, joinedAt);
  }
}
