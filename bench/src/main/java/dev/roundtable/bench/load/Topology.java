package dev.roundtable.bench.load;

import dev.roundtable.bench.transport.Endpoint;
import java.util.List;

/**
 * Shape of a workload: {@code rooms} rooms of {@code membersPerRoom} connections, of which the first
 * {@code sendersPerRoom} send. Member {@code j} of a room connects to {@code nodes.get(j % nodes.size())},
 * so with two nodes each room's members are split over both (cluster scenario).
 */
public record Topology(int rooms, int membersPerRoom, int sendersPerRoom, List<Endpoint> nodes,
    int payloadBytes) {

  public int connections() {
    return rooms * membersPerRoom;
  }

  public Endpoint nodeOf(int memberIndex) {
    return nodes.get(memberIndex % nodes.size());
  }
}
