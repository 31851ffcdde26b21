package dev.roundtable.bench.dialect;

import dev.roundtable.bench.load.Batches;
import dev.roundtable.bench.load.Dialect;
import dev.roundtable.bench.load.Topology;
import dev.roundtable.bench.metrics.RunStats;
import dev.roundtable.bench.metrics.SeqLatency;
import dev.roundtable.bench.transport.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Drives Roundtable through its public protocol only: rooms via {@code POST /api/rooms}, members via
 * {@code POST /api/join}, then one SockJS WebSocket per member to {@code /eventbus}. Per room the
 * facilitator starts the meeting, adds an open-discussion item and opens a motion; each sender adds its
 * note; then the senders run the {@link MeetingMix}.
 */
public final class RoundtableDialect implements Dialect {

  private static final long PING_EVERY_MS = 5_000;
  private static final long PURGE_AFTER_NANOS = 30_000_000_000L;

  private final Vertx vertx;
  private final RunStats stats;
  private final Random random;
  private final RestClient rest;
  private final WebSocketClient ws;
  private final List<RtRoom> rooms = new ArrayList<>();
  private final List<RtMember> senders = new ArrayList<>();
  private final List<RtMember> all = new ArrayList<>();
  private Topology topology;
  private long pingTimer = -1;
  private long purgeTimer = -1;
  private int churnCount;

  public RoundtableDialect(Vertx vertx, RunStats stats, long seed) {
    this.vertx = vertx;
    this.stats = stats;
    this.random = new Random(seed);
    this.rest = new RestClient(vertx);
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000)
        .setConnectTimeout(30_000).setIdleTimeout(0));
  }

  @Override
  public String name() {
    return "roundtable";
  }

  @Override
  public Future<Void> open(Topology topology) {
    this.topology = topology;
    List<Supplier<Future<?>>> tasks = new ArrayList<>();
    for (int r = 0; r < topology.rooms(); r++) {
      int index = r;
      tasks.add(() -> openRoom(index));
    }
    // Ping a fifth of the members every second: each pings every 5 s without a burst of thousands at once.
    long[] tick = {0};
    pingTimer = vertx.setPeriodic(PING_EVERY_MS / 5, id -> {
      long t = tick[0]++;
      for (int i = (int) (t % 5); i < all.size(); i += 5) {
        all.get(i).ping();
      }
    });
    purgeTimer = vertx.setPeriodic(5_000, id -> rooms.forEach(
        room -> room.latency().purge(System.nanoTime(), PURGE_AFTER_NANOS)));
    return Batches.run(tasks, 16).onSuccess(v -> {
      for (RtRoom room : rooms) {
        for (int j = 0; j < topology.sendersPerRoom(); j++) {
          senders.add(room.members().get(j));
        }
      }
    });
  }

  private Future<Void> openRoom(int index) {
    Endpoint first = topology.nodeOf(0);
    return rest.createRoom(first, "Bench room " + index).compose(created -> {
      RtRoom room = new RtRoom(index, created.getString("roomId"), created.getString("joinCode"),
          new SeqLatency(stats, topology.membersPerRoom() - 1));
      rooms.add(room);
      List<Supplier<Future<?>>> joins = new ArrayList<>();
      List<JsonObject> credentials = new ArrayList<>();
      credentials.add(created);
      for (int j = 1; j < topology.membersPerRoom(); j++) {
        int member = j;
        joins.add(() -> rest.join(topology.nodeOf(member), room.joinCode(), "Member " + member)
            .onSuccess(credentials::add));
      }
      return Batches.run(joins, 4).compose(v -> {
        List<Supplier<Future<?>>> connects = new ArrayList<>();
        for (int j = 0; j < credentials.size(); j++) {
          RtMember m = new RtMember(room, credentials.get(j), true, stats, new Random(random.nextLong()));
          room.members().add(m);
          all.add(m);
          Endpoint node = topology.nodeOf(j);
          connects.add(() -> m.connect(ws, node).compose(x -> m.join()));
        }
        return Batches.run(connects, 10);
      }).compose(v -> topology.sendersPerRoom() > 0 ? setUp(room) : Future.succeededFuture());
    });
  }

  /** The meeting scenario's per-room state: live meeting, an agenda item, an open motion, a note each. */
  private Future<Void> setUp(RtRoom room) {
    RtMember facilitator = room.members().get(0);
    return facilitator.command(MeetingSetup.startMeeting()).map(MeetingSetup::ok)
        .compose(x -> facilitator.command(MeetingSetup.addItem()).map(MeetingSetup::ok))
        .compose(item -> facilitator.command(MeetingSetup.openMotion(item.getString("itemId"))).map(MeetingSetup::ok)
            .map(motion -> {
              room.setup(item.getString("itemId"), motion.getString("motionId"));
              return null;
            }))
        .compose(x -> {
          List<Supplier<Future<?>>> notes = new ArrayList<>();
          for (int j = 0; j < topology.sendersPerRoom(); j++) {
            RtMember m = room.members().get(j);
            notes.add(() -> m.command(MeetingSetup.addNote(random.nextInt(10_001), random.nextInt(10_001)))
                .map(MeetingSetup::ok).onSuccess(r -> m.noteId(r.getString("noteId"))));
          }
          return Batches.run(notes, notes.size());
        });
  }

  @Override
  public List<RtMember> senders() {
    return senders;
  }

  @Override
  public Future<Void> churnOnce() {
    RtRoom room = rooms.get(random.nextInt(rooms.size()));
    Endpoint node = topology.nodeOf(churnCount++);
    return rest.join(node, room.joinCode(), "Churn " + churnCount).compose(credentials -> {
      RtMember m = new RtMember(room, credentials, false, stats, new Random(random.nextLong()));
      return m.connect(ws, node).compose(v -> m.join()).compose(v -> m.close());
    });
  }

  @Override
  public long[] lossCounts(boolean finalCheck) {
    long lost = 0;
    long reordered = 0;
    long unanswered = 0;
    for (RtRoom room : rooms) {
      for (RtMember m : room.members()) {
        if (m.tracker() == null) {
          continue;
        }
        lost += m.tracker().lost() + (finalCheck ? m.tracker().behind(room.lastSeq()) : 0);
        reordered += m.tracker().reordered();
        unanswered += m.unanswered();
      }
    }
    return new long[] {lost, reordered, unanswered};
  }

  @Override
  public int connections() {
    return all.size();
  }

  @Override
  public Future<Void> close() {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
      vertx.cancelTimer(purgeTimer);
    }
    List<Future<Void>> closes = new ArrayList<>();
    all.forEach(m -> closes.add(m.close()));
    return Future.join(closes).compose(v -> rest.close()).compose(v -> ws.close()).mapEmpty();
  }
}
