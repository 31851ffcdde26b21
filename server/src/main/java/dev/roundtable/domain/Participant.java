package dev.roundtable.domain;

import java.util.List;

/**
 * A person or display in the room. {@code connections} names the live subscriptions (one per socket,
 * across all nodes) the participant holds; the participant is online while there is at least one. Naming
 * them rather than counting makes a repeated Connect harmless, so nodes can re-announce their sockets
 * whenever a room is reloaded.
 */
public record Participant(String id, String name, String department, Role role, List<String> connections,
    long joinedAt) {

  public Participant {
    connections = List.copyOf(connections);
  }

  public boolean online() {
    return !connections.isEmpty();
  }

  Participant withRole(Role newRole) {
    return new Participant(id, name, department, newRole, connections, joinedAt);
  }

  Participant withConnections(List<String> newConnections) {
    return new Participant(id, name, department, role, newConnections, joinedAt);
  }
}
