package dev.roundtable.room;

import dev.roundtable.cluster.Membership;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomRegistry} for a cluster of nodes (one node when standalone), itself a verticle so that every room is deployed from its context
 * and is its child. Thread-safe: HTTP and bridge handlers on any event loop call {@link #activate}.
 *
 * <p>Ownership is claimed in one cluster-wide map, room id → owner node id ({@value #OWNERS_MAP}; node-local
 * when standalone): a node claims a room with an atomic put-if-absent, or by replacing the entry of a node
 * the membership says is dead, and only then loads it. A room nobody owns is placed by rendezvous hashing
 * over the live members, so rooms spread over the nodes whichever node a client reaches first; a node asks
 * the placed node (or the live owner) to activate the room on its registry address and remembers the answer,
 * so later commands go straight over the event bus to the owner's room verticle.
 *
 * <p>Invariants: a room's entry in {@link #rooms} is removed before its verticle stops taking commands, and
 * the ownership entry is removed only after the verticle has written everything it accepted, so a next owner
 * never loads a room its previous owner is still writing. Should two owners exist anyway (a split cluster),
 * the event log's primary key (room + first seq of an append) refuses the stale owner's write and that room
 * unloads itself.
 */
final class ClusterRoomRegistry extends VerticleBase implements RoomRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRoomRegistry.class);
  private static final String OWNERS_MAP = "rt.room-owners";
  private static final long FORWARD_TIMEOUT_MS = 10_000;
  /** Claims lost to a concurrent claimer are retried this often before the activation fails. */
  private static final int MAX_CLAIM_ATTEMPTS = 3;

  private final RoomStore store;
  private final RoomSettings settings;
  private final Clock clock;
  private final Membership membership;
  private final RoomMetrics metrics;
  /** Rooms owned (or being loaded) here. */
  private final Map<String, Future<LiveRoom>> rooms = new ConcurrentHashMap<>();
  /** Rooms being unloaded here: a new activation waits until the old owner has written everything. */
  private final Map<String, Future<Void>> retiring = new ConcurrentHashMap<>();
  /** Rooms known to be live on another node, by that node's id. */
  private final Map<String, String> remote = new ConcurrentHashMap<>();
  /** Per other node, what to run when it leaves: requests in flight to it that will get no answer. */
  private final Map<String, Set<Runnable>> departures = new ConcurrentHashMap<>();
  private AsyncMap<String, String> owners;
  private volatile boolean closed;

  ClusterRoomRegistry(RoomStore store, RoomSettings settings, Clock clock, Membership membership, RoomMetrics metrics) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.membership = membership;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return vertx.sharedData().<String, String>getAsyncMap(OWNERS_MAP)
        .onSuccess(map -> owners = map)
        .compose(map -> listen(Addresses.nodeRooms(membership.self()), this::onActivationRequest))
        .compose(v -> listen(Addresses.ROOM_RETIRED, m -> remote.remove((String) m.body())))
        .onSuccess(v -> membership.onMemberLeft(node -> context.runOnContext(ignored -> memberLeft(node))));
  }

  private Future<Void> listen(String address, Handler<Message<Object>> handler) {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, handler);
    return consumer.completion();
  }

  // ---- activation

  @Override
  public Future<Void> activate(String roomId) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("this node is shutting down"));
    }
    Future<LiveRoom> local = rooms.get(roomId);
    if (local != null) {
      return local.mapEmpty();
    }
    if (remote.containsKey(roomId)) {
      return Future.succeededFuture();
    }
    Future<Void> leaving = retiring.get(roomId);
    if (leaving != null) {
      return leaving.transform(ar -> activate(roomId));
    }
    return locate(roomId, MAX_CLAIM_ATTEMPTS);
  }

  /** Finds the room's live owner, or the node it should live on, and has it live there. */
  private Future<Void> locate(String roomId, int attempts) {
    return owners.get(roomId).compose(owner -> {
      boolean ownerAlive = owner != null && membership.members().contains(owner);
      String target = ownerAlive ? owner : placement(roomId, membership.members());
      if (target.equals(membership.self())) {
        return claimHere(roomId, ownerAlive ? null : owner, attempts);
      }
      return askToActivate(target, roomId).recover(e -> {
        if (!membership.members().contains(target) && attempts > 1) {
          // It left while asked: locate again, among the members left (its rooms are placed anew).
          return locate(roomId, attempts - 1);
        }
        if (ownerAlive || attempts <= 1) {
          return Future.failedFuture(e);
        }
        LOG.atWarn().addKeyValue("room", roomId).log("placed node {} did not take the room ({}); claiming it here",
            target, e.getMessage());
        return claimHere(roomId, owner, attempts);
      });
    });
  }

  /**
   * Asks {@code node} to have the room live there. Fails at once when that node leaves meanwhile: the
   * event bus would only time the request out after {@value #FORWARD_TIMEOUT_MS} ms.
   */
  private Future<Void> askToActivate(String node, String roomId) {
    Promise<Void> answer = Promise.promise();
    Runnable cancel = whenLeaves(node, () -> answer.tryFail("node " + node + " left before answering"));
    vertx.eventBus().request(Addresses.nodeRooms(node), roomId, new DeliveryOptions().setSendTimeout(FORWARD_TIMEOUT_MS))
        .onComplete(ar -> {
          cancel.run();
          if (ar.succeeded()) {
            remote.put(roomId, node);
            answer.tryComplete();
          } else {
            answer.tryFail(ar.cause());
          }
        });
    return answer.future();
  }

  /** Another node asks this one to own a room (placement, takeover or hand-over). */
  private void onActivationRequest(Message<Object> message) {
    if (!(message.body() instanceof String roomId) || !Addresses.isRoomId(roomId)) {
      message.fail(400, "not a room id");
      return;
    }
    Future<Void> done;
    if (closed) {
      done = Future.failedFuture("this node is shutting down");
    } else if (rooms.containsKey(roomId)) {
      done = rooms.get(roomId).mapEmpty();
    } else {
      done = owners.get(roomId).compose(owner -> owner != null && !owner.equals(membership.self())
          && membership.members().contains(owner)
          ? Future.failedFuture("owned by " + owner)
          : claimHere(roomId, owner == null || owner.equals(membership.self()) ? null : owner, MAX_CLAIM_ATTEMPTS));
    }
    done.onSuccess(v -> message.reply(membership.self())).onFailure(e -> message.fail(503, e.getMessage()));
  }

  /**
   * Claims the room for this node (replacing {@code deadOwner}'s entry if given) and loads it. Concurrent
   * activations of one room share one load; a claim lost to another node is located again.
   */
  private Future<Void> claimHere(String roomId, String deadOwner, int attempts) {
    Promise<LiveRoom> promise = Promise.promise();
    Future<LiveRoom> existing = rooms.putIfAbsent(roomId, promise.future());
    if (existing != null) {
      return existing.mapEmpty();
    }
    String self = membership.self();
    Future<Boolean> claimed = deadOwner == null
        ? owners.putIfAbsent(roomId, self).map(previous -> previous == null || previous.equals(self))
        : owners.replaceIfPresent(roomId, deadOwner, self);
    claimed.compose(won -> {
      if (!won) {
        return Future.<LiveRoom>failedFuture(new ClaimLost());
      }
      if (deadOwner != null) {
        LOG.atInfo().addKeyValue("room", roomId).log("taking the room over from node {}, which left", deadOwner);
      }
      return load(roomId);
    }).onComplete(ar -> {
      if (ar.failed()) {
        rooms.remove(roomId, promise.future());
      }
      promise.handle(ar);
    });
    return promise.future().<Void>mapEmpty().recover(e -> e instanceof ClaimLost && attempts > 1
        ? locate(roomId, attempts - 1)
        : Future.failedFuture(e));
  }

  private Future<LiveRoom> load(String roomId) {
    RoomVerticle room = new RoomVerticle(roomId, store, settings, clock, metrics, this::closed);
    return deployAsChild(room)
        .map(deploymentId -> new LiveRoom(room, deploymentId))
        .onFailure(e -> {
          LOG.atError().addKeyValue("room", roomId).setCause(e).log("room failed to load");
          owners.removeIfPresent(roomId, membership.self());
        });
  }

  private Future<String> deployAsChild(RoomVerticle room) {
    Promise<String> deployed = Promise.promise();
    context.runOnContext(v -> vertx.deployVerticle(room).onComplete(deployed));
    return deployed.future();
  }

  /**
   * Rendezvous (highest random weight) hashing: each room goes to the member with the highest hash of
   * (room, member). Every node computes the same answer from the same member list, and when a member leaves
   * only its rooms move.
   */
  static String placement(String roomId, List<String> members) {
    return members.stream().max(Comparator.comparingLong((String m) -> weight(roomId, m)).thenComparing(m -> m))
        .orElseThrow();
  }

  private static long weight(String roomId, String member) {
    long h = 0xcbf29ce484222325L;
    for (char c : (roomId + '/' + member).toCharArray()) {
      h = (h ^ c) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public Runnable onOwnerLeft(String roomId, Runnable action) {
    String node = remote.get(roomId);
    if (node == null) {
      return () -> { };
    }
    return whenLeaves(node, action);
  }

  /** Runs {@code action} once when {@code node} leaves (at once if it already has); returns what cancels it. */
  private Runnable whenLeaves(String node, Runnable action) {
    Set<Runnable> waiting = departures.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet());
    waiting.add(action);
    // It may have left between the two reads, after memberLeft ran what was waiting then.
    if (!membership.members().contains(node) && waiting.remove(action)) {
      action.run();
    }
    return () -> waiting.remove(action);
  }

  // ---- failover

  /** A member left or died: forget its rooms, and take over those placed on this node now. */
  private void memberLeft(String node) {
    remote.values().removeIf(node::equals);
    Set<Runnable> waiting = departures.remove(node);
    if (waiting != null) {
      waiting.forEach(Runnable::run);
    }
    if (closed) {
      return;
    }
    owners.entries().onSuccess(entries -> {
      List<String> members = membership.members();
      entries.forEach((roomId, owner) -> {
        if (owner.equals(node) && placement(roomId, members).equals(membership.self())) {
          activate(roomId).onFailure(e -> LOG.atWarn().addKeyValue("room", roomId)
              .log("takeover from node {} failed: {}", node, e.getMessage()));
        }
      });
    }).onFailure(e -> LOG.warn("could not list the rooms of node {}, which left: {}", node, e.toString()));
  }

  // ---- unloading

  /** Called by a room that unloads itself (idle, or its store refused a write). */
  private void closed(RoomVerticle room) {
    Future<LiveRoom> entry = rooms.get(room.roomId());
    if (entry != null && entry.succeeded() && entry.result().room == room) {
      retire(room.roomId(), entry);
    }
  }

  /** Forgets the room, undeploys it (it writes what it accepted), then gives up its ownership. */
  private Future<Void> retire(String roomId, Future<LiveRoom> entry) {
    Promise<Void> retired = Promise.promise();
    retiring.put(roomId, retired.future());
    rooms.remove(roomId, entry);
    vertx.undeploy(entry.result().deploymentId)
        .onFailure(e -> LOG.atWarn().addKeyValue("room", roomId).log("undeploy failed: {}", e.toString()))
        .transform(ar -> owners.removeIfPresent(roomId, membership.self()))
        .onComplete(ar -> {
          retiring.remove(roomId, retired.future());
          vertx.eventBus().publish(Addresses.ROOM_RETIRED, roomId);
          retired.complete();
        });
    return retired.future();
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

  /**
   * Unloads every room of this node, then hands each to the node it is placed on among the others, so the
   * meeting goes on there before any client has to ask.
   */
  @Override
  public Future<Void> closeAll() {
    closed = true;
    List<String> handedOver = new ArrayList<>();
    List<Future<Void>> retired = new ArrayList<>();
    rooms.forEach((roomId, entry) -> {
      if (entry.succeeded()) {
        handedOver.add(roomId);
        retired.add(retire(roomId, entry));
      }
    });
    return Future.join(retired)
        .transform(ar -> handOver(handedOver))
        .transform(ar -> vertx.undeploy(deploymentID()));
  }

  private Future<Void> handOver(List<String> roomIds) {
    List<String> others = membership.members().stream().filter(m -> !m.equals(membership.self())).toList();
    if (others.isEmpty() || roomIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> asked = roomIds.stream()
        .map(roomId -> askToActivate(placement(roomId, others), roomId)
            .onFailure(e -> LOG.atWarn().addKeyValue("room", roomId).log("hand-over failed: {}", e.getMessage()))
            .recover(e -> Future.succeededFuture()))
        .toList();
    LOG.info("handing {} rooms over to {} other nodes", roomIds.size(), others.size());
    return Future.join(asked).mapEmpty();
  }

  private record LiveRoom(RoomVerticle room, String deploymentId) {
  }

  /** Another node claimed the room between our look-up and our claim. */
  private static final class ClaimLost extends RuntimeException {
    ClaimLost() {
      super("another node claimed the room first", null, false, false);
    }
  }
}
