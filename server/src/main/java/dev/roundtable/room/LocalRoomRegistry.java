package dev.roundtable.room;

import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.Lock;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomRegistry} implementation, itself a verticle so that every room is deployed from its context
 * and is its child. Thread-safe: HTTP and bridge handlers on any event loop call {@link #activate}. A
 * room's entry is removed before its verticle stops taking commands, so a later activation deploys a
 * fresh owner that reloads from the store.
 */
final class LocalRoomRegistry extends VerticleBase implements RoomRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRoomRegistry.class);
  private static final String OWNER_LOCK_PREFIX = "rt.room-owner.";
  private static final long CLAIM_TIMEOUT_MS = 2_000;

  private final RoomStore store;
  private final RoomSettings settings;
  private final Clock clock;
  private final Map<String, Future<LiveRoom>> rooms = new ConcurrentHashMap<>();
  private volatile boolean closed;

  LocalRoomRegistry(RoomStore store, RoomSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Future<Void> activate(String roomId) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("this node is shutting down"));
    }
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
          return deployAsChild(room)
              .map(deploymentId -> new LiveRoom(room, deploymentId, lock))
              .onFailure(e -> {
                LOG.error("room {} failed to load", roomId, e);
                lock.release();
              });
        });
  }

  private Future<String> deployAsChild(RoomVerticle room) {
    Promise<String> deployed = Promise.promise();
    context.runOnContext(v -> vertx.deployVerticle(room).onComplete(deployed));
    return deployed.future();
  }

  /** Called by a room that unloads itself (idle, or its store failed). */
  private void closed(RoomVerticle room) {
    Future<LiveRoom> entry = rooms.get(room.roomId());
    if (entry != null && entry.succeeded() && entry.result().room == room) {
      retire(room.roomId(), entry);
    }
  }

  /** Forgets the room, undeploys it (it writes what it accepted), then gives up its ownership. */
  private Future<Void> retire(String roomId, Future<LiveRoom> entry) {
    rooms.remove(roomId, entry);
    LiveRoom live = entry.result();
    return vertx.undeploy(live.deploymentId)
        .onFailure(e -> LOG.warn("room {}: undeploy failed: {}", roomId, e.toString()))
        .recover(e -> Future.succeededFuture())
        .onComplete(ar -> live.lock.release());
  }

  @Override
  public Future<Void> unload(String roomId) {
    Future<LiveRoom> entry = rooms.get(roomId);
    return entry == null ? Future.succeededFuture() : entry.compose(live -> retire(roomId, entry));
  }

  @Override
  public int liveRooms() {
    return rooms.size();
  }

  @Override
  public Future<Void> closeAll() {
    closed = true;
    List<Future<Void>> retired = rooms.entrySet().stream()
        .filter(e -> e.getValue().succeeded())
        .map(e -> retire(e.getKey(), e.getValue()))
        .toList();
    return Future.join(retired).transform(ar -> vertx.undeploy(deploymentID()));
  }

  private record LiveRoom(RoomVerticle room, String deploymentId, Lock lock) {
  }
}
