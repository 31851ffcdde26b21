package dev.roundtable.domain;

import java.util.List;

/**
 * A person or display in the room. {@code connections} names the live subscriptions (one per socket,
 * across all nodes) the participant holds; the participant is online while there is at least one. Naming
 * them rather than counting makes a repeated Connect harmless, so nodes can re-announce their sockets
 * whenever a room is reloaded. {@code attended} turns true at the first connection and stays so: the
 * minutes list those who never connected as absent. {@code key} (null for people who joined by code) names the
 * person outside the room — a series member ({@code member:<id>}) or its coordinator — so joining again with
 * the same key is the same participant, never a second one.
 */
public record Participant(String id, String name, String department, Role role, List<String> connections,
    boolean attended, long joinedAt, String key) {

  public Participant {
    connections = List.copyOf(connections);
  }

  /** Someone who joined by code, known to no one outside the room. */
  public Participant(String id, String name, String department, Role role, List<String> connections,
      boolean attended, long joinedAt) {
    this(id, name, department, role, connections, attended, joinedAt, null);
  }

  public boolean online() {
    return !connections.isEmpty();
  }

  Participant withRole(Role newRole) {
    return new Participant(id, name, department, newRole, connections, attended, joinedAt, key);
  }

  Participant withConnections(List<String> newConnections) {
    return new Participant(id, name, department, role, newConnections, attended || !newConnections.isEmpty(),
        joinedAt, key);
  }
}
