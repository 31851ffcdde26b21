package dev.roundtable.cluster;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.Api;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.NodeProcess;
import dev.roundtable.support.TestCluster;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nodes in separate processes on 127.0.0.1, clustered through Hazelcast and sharing one store: a room has
 * one owner whichever node its people reach, and survives the owner's SIGKILL.
 */
@DisplayName("A cluster of Roundtable nodes")
class ClusterTest {
  private static final int COMMANDS_EACH = 20;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;
  private Vertx vertx;
  private TestCluster cluster;
  private final List<Member> members = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    threads.shutdownNow();
    members.forEach(Member::close);
    if (cluster != null) {
      cluster.close();
    }
    result(vertx.close());
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {2, 3})
  @DisplayName("shows every client, whichever node it is connected to, the same changes in the same order")
  void sameOrderOnEveryNode(int size) throws Exception {
    cluster = TestCluster.start(size, dataDir);
    String[] room = openRoomWithOneMemberPerNode(size);

    sendConcurrently(COMMANDS_EACH);

    long lastSeq = members.stream().mapToLong(m -> m.lastSeqAcknowledged).max().orElseThrow();
    for (Member m : members) {
      Eventually.until(m.name + " receives seq " + lastSeq, WAIT,
          () -> m.bus.roomEvents(room[0]).stream().anyMatch(e -> e.getLong("seq") == lastSeq));
    }
    List<List<Long>> orders = members.stream()
        .map(m -> m.bus.roomEvents(room[0]).stream().filter(e -> e.containsKey("seq")).map(e -> e.getLong("seq"))
            .toList())
        .toList();
    List<Long> first = orders.get(0);
    assertThat(first).isSorted().doesNotHaveDuplicates();
    for (List<Long> order : orders) {
      assertThat(order).as("every client's stream from the first seq all saw").endsWith(
          first.subList(first.indexOf(order.get(0)), first.size()).toArray(Long[]::new));
    }
    Set<String> notes = noteTexts(members.get(0).snapshot());
    assertThat(notes).hasSize(size * COMMANDS_EACH);
    for (Member m : members) {
      assertThat(noteTexts(m.snapshot())).isEqualTo(notes);
    }
    assertThat(liveRoomsPerNode()).as("the room lives on exactly one node").containsOnly(0, 1)
        .matches(counts -> counts.stream().mapToInt(Integer::intValue).sum() == 1);

    Api entry = new Api(vertx, cluster.node(0).httpPort());
    for (int i = 0; i < 30; i++) {
      result(entry.createRoom());
    }
    List<Integer> spread = liveRoomsPerNode();
    System.out.printf("ClusterTest: 31 rooms, all created through node 1, live per node: %s%n", spread);
    assertThat(spread).as("rooms created through one node spread over all").allMatch(n -> n > 0)
        .matches(counts -> counts.stream().mapToInt(Integer::intValue).sum() == 31);
  }

  @Test
  @DisplayName("brings a room back on another node within 10 s of its owner's SIGKILL, losing and repeating nothing")
  void ownerKilledMidMeeting() throws Exception {
    cluster = TestCluster.start(3, dataDir);
    String[] room = openRoomWithOneMemberPerNode(3);
    Member facilitator = members.get(0);
    String itemId = facilitator.send(new JsonObject().put("type", "AddItem").put("title", "Budget")
        .put("timeboxSeconds", 600)).getJsonObject("result").getString("itemId");
    facilitator.send(new JsonObject().put("type", "StartItem").put("itemId", itemId));
    JsonObject countdownBefore = facilitator.snapshot().getJsonObject("countdown");
    int owner = ownerIndex();

    AtomicLong killedAt = new AtomicLong();
    Future<?> killer = threads.submit(() -> {
      Eventually.until("a third of the commands are acknowledged", WAIT, () -> acknowledged() >= COMMANDS_EACH);
      killedAt.set(System.nanoTime());
      cluster.node(owner).kill();
    });
    sendConcurrently(COMMANDS_EACH);
    killer.get();

    long firstAckAfterKill = members.stream().mapToLong(m -> m.firstAckOfCommandSentAfter(killedAt.get())).min().orElseThrow();
    long recoveryMs = TimeUnit.NANOSECONDS.toMillis(firstAckAfterKill - killedAt.get());
    System.out.printf("ClusterTest: first command applied %d ms after the owner's SIGKILL%n", recoveryMs);
    assertThat(recoveryMs)
        .as("milliseconds from the kill to the first command applied by the new owner").isLessThan(10_000);
    Set<String> expected = new HashSet<>();
    members.forEach(m -> expected.addAll(m.acknowledgedNotes));
    assertThat(expected).hasSize(3 * COMMANDS_EACH);
    JsonObject reference = members.get(0).snapshot();
    JsonObject notes = reference.getJsonObject("notes");
    assertThat(notes.stream().map(n -> ((JsonObject) n.getValue()).getString("text")).toList())
        .as("every acknowledged note exactly once").hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    for (Member m : members) {
      JsonObject snapshot = m.snapshot();
      assertThat(snapshot.getJsonObject("notes")).isEqualTo(notes);
      assertThat(snapshot.getJsonObject("countdown").getLong("deadline"))
          .as("the running countdown keeps its deadline").isEqualTo(countdownBefore.getLong("deadline"));
    }
    assertThat(liveRoomsPerNode().get(owner)).isNull();
  }

  @Test
  @DisplayName("drains a node on SIGTERM: sockets close with 4001, its rooms move to another node, nothing is lost")
  void gracefulStopHandsRoomsOver() throws Exception {
    cluster = TestCluster.start(2, dataDir);
    String[] room = openRoomWithOneMemberPerNode(2);
    sendConcurrently(5);
    int owner = ownerIndex();
    Member onOwner = members.get(owner);

    int exit = cluster.node(owner).stop();

    assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
    assertThat(onOwner.bus.isClosed()).isTrue();
    assertThat(onOwner.bus.closeStatus()).as("close code telling clients to reconnect").isEqualTo((short) 4001);
    assertThat(cluster.node(owner).log()).contains("handing 1 rooms over to 1 other nodes");
    Eventually.until("the other node owns the room before anyone asks", WAIT,
        () -> liveRoomsPerNode().get(1 - owner) == 1);
    sendConcurrently(5);
    Set<String> expected = new HashSet<>();
    members.forEach(m -> expected.addAll(m.acknowledgedNotes));
    assertThat(noteTexts(members.get(1 - owner).snapshot())).isEqualTo(expected).hasSize(20);
  }

  // ---- scenario helpers

  /** Creates a room through node 1; the facilitator uses node 1, participant i node i. Returns [roomId]. */
  private String[] openRoomWithOneMemberPerNode(int size) {
    Api first = new Api(vertx, cluster.node(0).httpPort());
    JsonObject created = result(first.createRoom());
    String roomId = created.getString("roomId");
    members.add(new Member("facilitator", roomId, created.getString("token"), 0));
    for (int i = 1; i < size; i++) {
      Api api = new Api(vertx, cluster.node(i).httpPort());
      JsonObject joined = result(api.join(created.getString("joinCode"), "P" + i, "Dept" + i, "participant"));
      members.add(new Member("p" + i, roomId, joined.getString("token"), i));
    }
    members.forEach(Member::connect);
    return new String[] {roomId};
  }

  private void sendConcurrently(int each) throws Exception {
    List<Future<?>> sending = new ArrayList<>();
    for (Member m : members) {
      sending.add(threads.submit(() -> {
        for (int k = 1; k <= each; k++) {
          String text = m.name + " note " + (m.acknowledgedNotes.size() + 1);
          m.send(new JsonObject().put("type", "AddNote").put("text", text));
          m.acknowledgedNotes.add(text);
        }
        return null;
      }));
    }
    for (Future<?> f : sending) {
      f.get(120, TimeUnit.SECONDS);
    }
  }

  private int acknowledged() {
    return members.stream().mapToInt(m -> m.acks.size()).sum();
  }

  private int ownerIndex() {
    List<Integer> counts = liveRoomsPerNode();
    return counts.indexOf(1);
  }

  /** Live rooms per node, from its readiness report; null for a node that does not answer. */
  private List<Integer> liveRoomsPerNode() {
    List<Integer> counts = new ArrayList<>();
    for (NodeProcess node : cluster.nodes()) {
      if (!node.isAlive()) {
        counts.add(null);
        continue;
      }
      counts.add(result(new Api(vertx, node.httpPort()).get("/health/ready", null)).bodyAsJsonObject()
          .getInteger("rooms"));
    }
    return counts;
  }

  private static Set<String> noteTexts(JsonObject snapshot) {
    return snapshot.getJsonObject("notes").stream().map(n -> ((JsonObject) n.getValue()).getString("text"))
        .collect(Collectors.toSet());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * One person's client, as the web client behaves: each command has a clientSeq, and until it is acknowledged
   * it is sent again, after reconnecting to the next live node when the connection or the reply fails.
   */
  private final class Member {
    final String name;
    final String roomId;
    final String token;
    final List<String> acknowledgedNotes = new ArrayList<>();
    /** Per acknowledged command: when the attempt that succeeded was sent, and when its reply came. */
    final List<long[]> acks = new java.util.concurrent.CopyOnWriteArrayList<>();
    int node;
    BusClient bus;
    long clientSeq;
    long lastSeqAcknowledged;

    Member(String name, String roomId, String token, int node) {
      this.name = name;
      this.roomId = roomId;
      this.token = token;
      this.node = node;
    }

    void connect() {
      bus = result(BusClient.connect(vertx, cluster.node(node).httpPort()));
      JsonObject synced = result(bus.join(roomId, token));
      assertThat(synced.getBoolean("ok")).as("%s joins on node %d: %s", name, node + 1, synced).isTrue();
    }

    JsonObject send(JsonObject command) throws InterruptedException {
      long seq = ++clientSeq;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        long attemptStarted = System.nanoTime();
        JsonObject reply;
        try {
          reply = bus.command(roomId, token, name, seq, command).toCompletionStage().toCompletableFuture()
              .get(3, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
          failOver();
          continue;
        }
        if (Boolean.TRUE.equals(reply.getBoolean("ok"))) {
          lastSeqAcknowledged = Math.max(lastSeqAcknowledged, reply.getLong("seq", 0L));
          acks.add(new long[] {attemptStarted, System.nanoTime()});
          return reply;
        }
        boolean retryable = "err".equals(reply.getString("type"))
            || "UNAVAILABLE".equals(reply.getJsonObject("error", new JsonObject()).getString("code"));
        assertThat(retryable).as("%s's command %s got %s", name, command, reply).isTrue();
        sleep(250);
      }
      throw new AssertionError(name + " could not get " + command + " acknowledged within 60 s");
    }

    /** Reconnects, to the next node that is still running. */
    private void failOver() {
      bus.close();
      do {
        node = (node + 1) % cluster.nodes().size();
      } while (!cluster.node(node).isAlive());
      try {
        connect();
      } catch (RuntimeException | AssertionError e) {
        sleep(250);
      }
    }

    /** When the first command sent after {@code nanos} was acknowledged (so by an owner alive then). */
    long firstAckOfCommandSentAfter(long nanos) {
      return acks.stream().filter(a -> a[0] > nanos).mapToLong(a -> a[1]).min().orElse(Long.MAX_VALUE);
    }

    JsonObject snapshot() {
      if (!cluster.node(node).isAlive()) {
        failOver();
      }
      JsonObject reply = result(bus.sync(roomId, token, null));
      assertThat(reply.getBoolean("ok")).as("%s syncs: %s", name, reply).isTrue();
      return reply.getJsonObject("snapshot");
    }

    void close() {
      if (bus != null) {
        bus.close();
      }
    }
  }
}
