package dev.roundtable.web;

import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Envelopes;
import dev.roundtable.room.RoomClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's subscribers to each room, and the fan-out to them (docs/ARCHITECTURE.md §11). A node holds
 * one event-bus consumer per room its sockets follow, however many they are, opened by the first
 * subscriber and closed with the last. A room publishes each envelope once with every copy already encoded
 * ({@link Envelopes#wire}); for each subscriber this picks the public copy or its participant's own and
 * queues a {@link Frame} built once per distinct copy, so what is private to one participant never leaves
 * towards another, and no socket costs an encoding. Subscriptions are presence: each one is announced to
 * its room as {@code Connect} (again on {@link #recount}) and its end as {@code Disconnect}.
 *
 * <p>One instance per bridge; everything runs on its event loop.
 */
final class RoomSubscribers {
  private static final Logger LOG = LoggerFactory.getLogger(RoomSubscribers.class);

  private final Vertx vertx;
  private final RoomClient rooms;
  private final Map<String, RoomChannel> channels = new HashMap<>();

  RoomSubscribers(Vertx vertx, RoomClient rooms) {
    this.vertx = vertx;
    this.rooms = rooms;
  }

  /**
   * Subscribes {@code session} to {@code roomId}'s events as {@code who}, and announces it once the room's
   * consumer is registered. False (and nothing changes) if the session already follows the room.
   */
  boolean subscribe(ClientSession session, String roomId, Identity who) {
    if (session.subscriptions.putIfAbsent(Addresses.events(roomId), who) != null) {
      return false;
    }
    RoomChannel channel = channels.computeIfAbsent(roomId, this::openChannel);
    channel.members.put(session, who);
    channel.ready.onComplete(ar -> {
      if (session.subscriptions.get(Addresses.events(roomId)) == who) {
        presence(who, session.connectionId, "Connect");
      }
    });
    return true;
  }

  /** Ends the session's subscription to an events address, if it has one; the last one closes the consumer. */
  void unsubscribe(ClientSession session, String address) {
    Identity who = session.subscriptions.remove(address);
    if (who == null) {
      return;
    }
    Addresses.roomOfEvents(address).ifPresent(roomId -> {
      RoomChannel channel = channels.get(roomId);
      if (channel != null) {
        channel.members.remove(session);
        if (channel.members.isEmpty()) {
          channels.remove(roomId);
          channel.consumer.unregister();
        }
      }
    });
    presence(who, session.connectionId, "Disconnect");
  }

  /** The connection is gone: each of its subscriptions ends. */
  void unsubscribeAll(ClientSession session) {
    List.copyOf(session.subscriptions.keySet()).forEach(address -> unsubscribe(session, address));
  }

  /** Announces again every subscription this node holds to {@code roomId} (the room was just reloaded). */
  void recount(String roomId) {
    RoomChannel channel = channels.get(roomId);
    if (channel != null) {
      new ArrayList<>(channel.members.entrySet())
          .forEach(m -> presence(m.getValue(), m.getKey().connectionId, "Connect"));
    }
  }

  private RoomChannel openChannel(String roomId) {
    RoomChannel channel = new RoomChannel(Addresses.events(roomId));
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(channel.address, m -> fanOut(channel, m.body()));
    channel.consumer = consumer;
    channel.ready = consumer.completion();
    return channel;
  }

  /** Sends one envelope to every subscriber of the room on this node: one frame per distinct copy. */
  private static void fanOut(RoomChannel channel, JsonObject wire) {
    Frame publicFrame = null;
    Map<String, Frame> ownFrames = null;
    JsonObject views = wire.getJsonObject("views");
    for (Map.Entry<ClientSession, Identity> member : channel.members.entrySet()) {
      if (!SocketBudget.keepsUp(member.getKey())) {
        continue;
      }
      String viewer = member.getValue().participantId();
      Frame frame;
      if (views != null && views.containsKey(viewer)) {
        if (ownFrames == null) {
          ownFrames = new HashMap<>();
        }
        frame = ownFrames.computeIfAbsent(viewer, v -> Frame.rec(channel.address, Envelopes.encodedFor(wire, v)));
      } else {
        if (publicFrame == null) {
          publicFrame = Frame.rec(channel.address, Envelopes.encodedFor(wire, null));
        }
        frame = publicFrame;
      }
      member.getKey().deliver(frame);
    }
  }

  private void presence(Identity who, String connectionId, String type) {
    rooms.sendAsSystem(who.roomId(), new JsonObject().put("type", type).put("participantId", who.participantId())
            .put("connectionId", connectionId))
        .onFailure(e -> LOG.atWarn().addKeyValue("room", who.roomId())
            .log("{} of {} not recorded: {}", type, who.participantId(), e.toString()));
  }

  /** This node's subscribers to one room, and the one consumer that feeds them. */
  private static final class RoomChannel {
    final String address;
    final Map<ClientSession, Identity> members = new LinkedHashMap<>();
    MessageConsumer<JsonObject> consumer;
    Future<Void> ready;

    RoomChannel(String address) {
      this.address = address;
    }
  }
}
