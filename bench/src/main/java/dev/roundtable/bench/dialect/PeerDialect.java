package dev.roundtable.bench.dialect;

import dev.roundtable.bench.load.Batches;
import dev.roundtable.bench.load.Dialect;
import dev.roundtable.bench.load.Topology;
import dev.roundtable.bench.metrics.RunStats;
import dev.roundtable.bench.transport.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The peers (stateless room relays): {@code socketio} speaks Socket.IO v4, {@code ws} plain JSON. Same
 * rooms, members and senders as Roundtable; each message is padded to the size of a typical Roundtable
 * event frame so both move comparable bytes.
 */
public final class PeerDialect implements Dialect {

  /** Size of a message without padding ({@code {"t":"msg","r":"room-123","s":1234,"q":…,"ts":…,"p":""}}). */
  private static final int BASE_BYTES = 80;

  private final String name;
  private final RunStats stats;
  private final Random random;
  private final WebSocketClient ws;
  private final BiFunction<WebSocketClient, Endpoint, PeerConnection> connections;
  private final List<List<PeerMember>> rooms = new ArrayList<>();
  private final List<PeerMember> senders = new ArrayList<>();
  private Topology topology;
  private String padding = "";
  private int nextId;
  private int open;

  private PeerDialect(String name, Vertx vertx, RunStats stats, long seed,
      BiFunction<WebSocketClient, Endpoint, PeerConnection> connections) {
    this.name = name;
    this.stats = stats;
    this.random = new Random(seed);
    this.connections = connections;
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000)
        .setConnectTimeout(30_000).setIdleTimeout(0));
  }

  public static PeerDialect socketIo(Vertx vertx, RunStats stats, long seed) {
    return new PeerDialect("socketio", vertx, stats, seed, SocketIoConnection::new);
  }

  public static PeerDialect ws(Vertx vertx, RunStats stats, long seed) {
    return new PeerDialect("ws", vertx, stats, seed, WsConnection::new);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Void> open(Topology topology) {
    this.topology = topology;
    padding = "x".repeat(Math.max(0, topology.payloadBytes() - BASE_BYTES));
    List<Supplier<Future<?>>> tasks = new ArrayList<>();
    for (int r = 0; r < topology.rooms(); r++) {
      List<PeerMember> members = new ArrayList<>();
      rooms.add(members);
      for (int j = 0; j < topology.membersPerRoom(); j++) {
        PeerMember m = new PeerMember(nextId++, "room-" + r, padding, stats,
            connections.apply(ws, topology.nodeOf(j)));
        members.add(m);
        if (j < topology.sendersPerRoom()) {
          senders.add(m);
        }
        String room = "room-" + r;
        tasks.add(() -> m.connection().open(room).onSuccess(v -> {
          m.opened();
          open++;
        }));
      }
    }
    return Batches.run(tasks, 64);
  }

  @Override
  public List<PeerMember> senders() {
    return senders;
  }

  @Override
  public Future<Void> churnOnce() {
    int r = random.nextInt(rooms.size());
    PeerConnection c = connections.apply(ws, topology.nodeOf(random.nextInt(topology.nodes().size())));
    c.onError(stats::error);
    return c.open("room-" + r).compose(v -> c.close());
  }

  @Override
  public long[] lossCounts(boolean finalCheck) {
    long lost = 0;
    long reordered = 0;
    for (List<PeerMember> room : rooms) {
      List<PeerMember> roomSenders = room.subList(0, Math.min(topology.sendersPerRoom(), room.size()));
      for (PeerMember m : room) {
        long[] l = m.loss(finalCheck ? roomSenders : null);
        lost += l[0];
        reordered += l[1];
      }
    }
    return new long[] {lost, reordered, 0};
  }

  @Override
  public int connections() {
    return open;
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closes = new ArrayList<>();
    rooms.forEach(room -> room.forEach(m -> closes.add(m.connection().close())));
    return Future.join(closes).compose(v -> ws.close()).mapEmpty();
  }
}
