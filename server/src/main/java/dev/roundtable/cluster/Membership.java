package dev.roundtable.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Which nodes are alive, as this node sees them. Room placement and takeover are decided from it: a room
 * belongs to a live node, and when a node leaves, the survivors take over the rooms it owned. Standalone,
 * the only member is this node.
 */
public interface Membership {

  /** A membership of one: this node alone, which never changes. */
  static Membership standalone() {
    return new StandaloneMembership();
  }

  /** This node's id, unique for the lifetime of the process. */
  String self();

  /** The ids of the live members, this node included. */
  List<String> members();

  /** False when this node has lost the cluster (readiness fails, so a load balancer stops sending to it). */
  boolean reachable();

  /** Called (on no particular thread) with the id of each member that leaves or is declared dead. */
  void onMemberLeft(Consumer<String> listener);
}
