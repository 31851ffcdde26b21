package dev.roundtable.room;

import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomRegistry} implementation. Thread-safe: HTTP and bridge handlers on any event loop call
 * {@link #activate}. A room's entry is removed before its verticle stops taking commands, so a later
 * activation deploys a fresh owner that reloads from the store.
 */
final class LocalRoomRegistry implements RoomRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRoomRegistry.class);
  private static final String OWNER_LOCK_PREFIX = "rt.room-owner.";
  private static final long CLAIM_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final RoomStore store;
  private final RoomSettings settings;
  private final Clock clock;
  private final Map<String, Future<LiveRoom>> rooms = new ConcurrentHashMap<>();

  LocalRoomRegistry(Vertx vertx, RoomStore store, RoomSettings settings, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Future<Void> activate(String roomId) {
    Future<LiveRoom> existing = rooms.get(roomId);
    if (existing != null) {
      return existing.mapEmpty();
    }
    Promise<LiveRoom> promise = Promise.promise();
    existing = rooms.putIfAbsent(roomId, promise.future());
    if (existing != null) {
      return existing.mapEmpty();
    }
    load(roomId).onComplete(ar -> {
      if (ar.failed()) {
        rooms.remove(roomId, promise.future());
      }
      promise.handle(ar);
    });
    return promise.future().mapEmpty();
  }

  private Future<LiveRoom> load(String roomId) {
    return vertx.sharedData().getLockWithTimeout(OWNER_LOCK_PREFIX + roomId, CLAIM_TIMEOUT_MS)
        .compose(lock -> {
          RoomVerticle room = new RoomVerticle(roomId, store, settings, clock, this::closed);
          return vertx.deployVerticle(room)
              .map(deploymentId -> new LiveRoom(room, deploymentId, lock))
              .onFailure(e -> {
                LOG.error("room {} failed to load", roomId, e);
                lock.release();
              });
        });
  }

  /** Called by the room when it stops taking commands; releases its ownership. */
  private void closed(RoomVerticle room) {
    Future<LiveRoom> entry = rooms.get(room.roomId());
    if (entry != null && entry.succeeded() && entry.result().room == room) {
      rooms.remove(room.roomId(), entry);
      entry.result().lock.release();
    }
  }

  @Override
  public int liveRooms() {
    return rooms.size();
  }

  @Override
  public Future<Void> closeAll() {
    List<Future<Void>> undeployed = rooms.values().stream()
        .filter(Future::succeeded)
        .map(f -> vertx.undeploy(f.result().deploymentId).recover(e -> Future.<Void>succeededFuture()))
        .toList();
    return Future.join(undeployed).mapEmpty();
  }

  private record LiveRoom(RoomVerticle room, String deploymentId, Lock lock) {
  }
}
