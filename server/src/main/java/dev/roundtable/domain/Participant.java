package dev.roundtable.domain;

import java.util.List;

/**
 * A person or display in the room. {@code connections} names the live subscriptions (one per socket,
 * across all nodes) the participant holds; the participant is online while there is at least one. Naming
 * them rather than counting makes a repeated Connect harmless, so nodes can re-announce their sockets
 * whenever a room is reloaded. {@code attended} turns true at the first connection and stays so: the
 * minutes list those who never connected as absent.
 */
public record Participant(String id, String name, String department, Role role, List<String> connections,
    boolean attended, long joinedAt) {

  public Participant {
    connections = List.copyOf(connections);
  }

  public boolean online() {
    return !connections.isEmpty();
  }

  Participant withRole(Role newRole) {
    return new Participant(id, name, department, newRole, connections, attended, joinedAt);
  }

  Participant withConnections(List<String> newConnections) {
    return new Participant(id, name, department, role, newConnections, attended || !newConnections.isEmpty(),
        joinedAt);
  }
}
