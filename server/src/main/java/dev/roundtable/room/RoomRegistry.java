package dev.roundtable.room;

import dev.roundtable.cluster.Membership;
import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Knows which rooms are live on this node and brings a room to life on first use: it claims the room's
 * ownership, deploys its {@code RoomVerticle} and waits for it to load. Concurrent first requests for one
 * room share one load. Ownership is claimed through Vert.x shared data (an owners map), which is node-local
 * when standalone and cluster-wide when clustered, so the same path gives a room one owner in both modes.
 * Rooms are placed over the live members; when a member leaves, its rooms are taken over by the others.
 */
public interface RoomRegistry {

  /**
   * Deploys the registry. Rooms are deployed as its children, not as children of whichever verticle first
   * asked for them, so stopping the HTTP edge never stops a room behind the registry's back.
   */
  static Future<RoomRegistry> create(Vertx vertx, RoomStore store, RoomSettings settings, Clock clock,
      Membership membership, RoomMetrics metrics) {
    ClusterRoomRegistry registry = new ClusterRoomRegistry(store, settings, clock, membership, metrics);
    return vertx.deployVerticle(registry).map(id -> registry);
  }

  /**
   * Succeeds once the room's owner (this node or another) consumes the room's command address. Fails when
   * the room cannot be loaded, when its owner does not answer, or after {@link #closeAll}.
   */
  Future<Void> activate(String roomId);

  /**
   * Unloads one room of this node after its accepted commands are written and gives up its ownership; the
   * next command for it loads it again (here or on whichever node claims it). Used to hand a room over.
   */
  Future<Void> unload(String roomId);

  /**
   * Runs {@code action} (once, on no particular thread) when the node this one last knew to own the room,
   * another node, leaves the cluster or is declared dead; never, for a room owned here or not known to be
   * live elsewhere. A request in flight to that node will get no answer, so its sender need not wait for the
   * reply timeout. Returns what cancels it: call it once the request is answered.
   */
  Runnable onOwnerLeft(String roomId, Runnable action);

  /** Rooms live on this node. */
  int liveRooms();

  /** Unloads every room of this node, each after its accepted commands are written; activates nothing after. */
  Future<Void> closeAll();
}
