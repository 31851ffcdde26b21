package dev.roundtable.room;

import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Knows which rooms are live on this node and brings a room to life on first use: it claims the room's
 * ownership, deploys its {@code RoomVerticle} and waits for it to load. Concurrent first requests for one
 * room share one load. Ownership is claimed through Vert.x shared data (a lock held while the room is
 * live), which is node-local when standalone and cluster-wide when clustered, so the same path gives a room
 * exactly one owner in both modes.
 */
public interface RoomRegistry {

  /**
   * Deploys the registry. Rooms are deployed as its children, not as children of whichever verticle first
   * asked for them, so stopping the HTTP edge never stops a room behind the registry's back.
   */
  static Future<RoomRegistry> create(Vertx vertx, RoomStore store, RoomSettings settings, Clock clock) {
    LocalRoomRegistry registry = new LocalRoomRegistry(store, settings, clock);
    return vertx.deployVerticle(registry).map(id -> registry);
  }

  /**
   * Succeeds once this node's room verticle consumes the room's command address. Fails when the room cannot
   * be loaded, when its ownership cannot be claimed in time (another owner holds it), or after
   * {@link #closeAll}.
   */
  Future<Void> activate(String roomId);

  /**
   * Unloads one room of this node after its accepted commands are written and gives up its ownership; the
   * next command for it loads it again (here or on whichever node claims it). Used to hand a room over.
   */
  Future<Void> unload(String roomId);

  /** Rooms live on this node. */
  int liveRooms();

  /** Unloads every room of this node, each after its accepted commands are written; activates nothing after. */
  Future<Void> closeAll();
}
