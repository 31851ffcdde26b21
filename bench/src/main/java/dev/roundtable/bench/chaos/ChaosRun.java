package dev.roundtable.bench.chaos;

import dev.roundtable.bench.dialect.BridgeFrames;
import dev.roundtable.bench.dialect.MeetingSetup;
import dev.roundtable.bench.dialect.RestClient;
import dev.roundtable.bench.report.MachineInfo;
import dev.roundtable.bench.transport.Endpoint;
import dev.roundtable.bench.transport.SockJsCodec;
import dev.roundtable.bench.transport.Sockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code chaos} scenario (docs/PERFORMANCE.md, "Faults"): a store host (a standalone Roundtable whose
 * embedded store the others share through a {@link StoreProxy}), three clustered nodes, and the meeting
 * workload from {@link ChaosMember}s spread over the nodes. Then, in turn: {@code kill -9} of a random
 * room's owner and its restart, {@code --kills} times; the store gone for {@code --outage-seconds}; and,
 * with {@code --disk-dir} (a small tmpfs holding the store host's data), a full disk and its freeing.
 * At the end every room's whole log is read back and compared with what the clients were acknowledged.
 * The orchestration blocks the main thread; the clients live on one event loop.
 */
public final class ChaosRun {
  private final Map<String, String> o;
  private final Path raw;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
      .setBlockedThreadCheckInterval(60_000));
  private final Ledger ledger = new Ledger();
  private final List<ChaosRoom> rooms = new ArrayList<>();
  private final List<ChaosMember> members = new ArrayList<>();
  private final List<ServerProcess> nodes = new ArrayList<>();
  private final Random random;
  private final JsonObject result = new JsonObject();
  private volatile Counters counters = new Counters();
  private ServerProcess storeHost;
  private StoreProxy proxy;
  private List<Endpoint> endpoints;

  private ChaosRun(Map<String, String> options) {
    this.o = options;
    this.raw = Path.of(options.get("raw"));
    long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime())));
    this.random = new Random(seed);
    result.put("seed", seed);
  }

  /** {@code chaos --server-jar J --raw DIR --out-base PATH [--kills 20 --rooms 9 --members 4 --think-ms 1000
   * --outage-seconds 30 --disk-dir D --seed S]}. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    new ChaosRun(options).run();
  }

  private int option(String name, int fallback) {
    return Integer.parseInt(o.getOrDefault(name, Integer.toString(fallback)));
  }

  private void run() throws Exception {
    Files.createDirectories(raw);
    result.put("machine", MachineInfo.collect()).put("started", Instant.now().toString());
    try {
      startServers();
      openRooms();
      Thread.sleep(10_000);
      killOwners(option("kills", 20));
      storeOutage(option("outage-seconds", 30));
      if (o.containsKey("disk-dir") && !"false".equals(o.get("disk-full"))) {
        diskFull(Path.of(o.get("disk-dir")));
      } else {
        result.put("diskFull", new JsonObject().put("skipped", "no --disk-dir (a small tmpfs) given"));
      }
      Thread.sleep(5_000);
      finalCheck();
    } finally {
      call(() -> {
        members.forEach(ChaosMember::stop);
        return Future.succeededFuture();
      });
      for (ServerProcess n : nodes) {
        n.stop();
      }
      if (storeHost != null) {
        storeHost.stop();
      }
      vertx.close().await();
      write();
    }
  }

  // ---- set-up

  private void startServers() throws Exception {
    String secret = "chaos-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    Path jar = Path.of(o.get("server-jar"));
    List<String> jvm = List.of("-Xmx384m", "-XX:+UseSerialGC");
    int[] ports = freePorts(10);
    int storePort = ports[0];
    Path storeData = o.containsKey("disk-dir") ? Path.of(o.get("disk-dir")) : Files.createTempDirectory("chaos-store");
    storeHost = new ServerProcess("store", jar, raw, ports[1], Map.of("ROUNDTABLE_DATA_DIR", storeData.toString(),
        "ROUNDTABLE_EMBEDDED_MONGO_PORT", Integer.toString(storePort), "ROUNDTABLE_JWT_SECRET", secret), jvm);
    storeHost.start();
    proxy = new StoreProxy(vertx, ports[2], storePort);
    proxy.comeBack().await();
    int[] cluster = {ports[3], ports[4], ports[5]};
    String memberList = String.join(",", java.util.Arrays.stream(cluster).mapToObj(p -> "127.0.0.1:" + p).toList());
    endpoints = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, String> env = new HashMap<>();
      env.put("ROUNDTABLE_CLUSTER_ENABLED", "true");
      env.put("ROUNDTABLE_CLUSTER_HOST", "127.0.0.1");
      env.put("ROUNDTABLE_CLUSTER_MEMBERS", memberList);
      env.put("ROUNDTABLE_CLUSTER_PORT", Integer.toString(cluster[i]));
      env.put("ROUNDTABLE_EVENT_BUS_PORT", "0");
      env.put("ROUNDTABLE_JWT_SECRET", secret);
      env.put("MONGO_URI", "mongodb://127.0.0.1:" + proxy.port());
      env.put("ROUNDTABLE_DATA_DIR", Files.createTempDirectory("chaos-node").toString());
      env.put("ROUNDTABLE_COMMANDS_PER_SECOND", "100000");
      env.put("ROUNDTABLE_COMMAND_BURST", "100000");
      // The final check reads every room's whole log back through Sync.
      env.put("ROUNDTABLE_RESYNC_WINDOW", "1000000");
      ServerProcess node = new ServerProcess("node" + (i + 1), jar, raw, ports[6 + i], env, jvm);
      node.start();
      nodes.add(node);
      endpoints.add(new Endpoint("127.0.0.1", node.httpPort()));
    }
    awaitReady(nodes, 120);
    log("store host and 3 nodes up");
  }

  private void openRooms() throws Exception {
    int roomCount = option("rooms", 9);
    int perRoom = option("members", 4);
    long think = option("think-ms", 1000);
    RestClient rest = new RestClient(vertx);
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setConnectTimeout(5_000).setIdleTimeout(0));
    Supplier<Counters> current = () -> counters;
    for (int r = 0; r < roomCount; r++) {
      int index = r;
      JsonObject created = call(() -> rest.createRoom(endpoints.get(index % 3), "Chaos room " + index));
      ChaosRoom room = new ChaosRoom(created.getString("roomId"), created.getString("joinCode"));
      rooms.add(room);
      List<ChaosMember> inRoom = new ArrayList<>();
      for (int j = 0; j < perRoom; j++) {
        int home = (r + j) % 3;
        JsonObject credentials = j == 0 ? created
            : call(() -> rest.join(endpoints.get(home), room.joinCode(), "Member " + inRoom.size()));
        ChaosMember m = call(() -> {
          ChaosMember member = new ChaosMember(vertx, ws, endpoints, home, room, credentials, ledger, current,
              new Random(random.nextLong()));
          return member.start().map(member);
        });
        inRoom.add(m);
      }
      ChaosMember fac = inRoom.get(0);
      JsonObject item = MeetingSetup.ok(call(() -> fac.submit(MeetingSetup.startMeeting())
          .compose(x -> fac.submit(MeetingSetup.addItem()))));
      JsonObject motion = MeetingSetup.ok(call(() -> fac.submit(MeetingSetup.openMotion(item.getString("itemId")))));
      room.setup(item.getString("itemId"), motion.getString("motionId"));
      for (ChaosMember m : inRoom) {
        JsonObject note = MeetingSetup.ok(call(() -> m.submit(MeetingSetup.addNote(100, 100))));
        m.noteId(note.getString("noteId"));
      }
      members.addAll(inRoom);
    }
    call(() -> {
      members.forEach(m -> m.run(think));
      return Future.succeededFuture();
    });
    result.put("workload", new JsonObject().put("rooms", roomCount).put("membersPerRoom", perRoom)
        .put("thinkMs", think).put("commandsPerSecond", roomCount * perRoom * 1000.0 / think));
    log("%d rooms of %d members running", roomCount, perRoom);
  }

  // ---- faults

  private void killOwners(int kills) throws Exception {
    counters = new Counters();
    List<Long> chosen = new ArrayList<>();
    List<Long> affected = new ArrayList<>();
    List<Long> restarts = new ArrayList<>();
    int unanswered = 0;
    for (int k = 1; k <= kills; k++) {
      ChaosRoom target = rooms.get(random.nextInt(rooms.size()));
      Map<ChaosRoom, Integer> owners = owners();
      Integer victim = owners.get(target);
      if (victim == null) {
        log("kill %d: no owner found for room %s; skipped", k, target.roomId());
        continue;
      }
      List<ChaosRoom> moved = owners.entrySet().stream().filter(e -> e.getValue().equals(victim))
          .map(Map.Entry::getKey).toList();
      long t0 = System.nanoTime();
      moved.forEach(r -> r.watch(t0, victim));
      nodes.get(victim).kill();
      if (!waitUntil(10, () -> target.answeredAfterNanos() >= 0)) {
        log("kill %d: room %s not answering 10 s after the kill: %s", k, target.roomId(),
            call(() -> Future.succeededFuture(members.stream().filter(m -> m.room() == target)
                .map(ChaosMember::describe).toList())));
      }
      boolean all = waitUntil(60, () -> moved.stream().allMatch(r -> r.answeredAfterNanos() >= 0));
      for (ChaosRoom r : moved) {
        if (r.answeredAfterNanos() >= 0) {
          affected.add(r.answeredAfterNanos() / 1_000_000);
        } else {
          unanswered++;
        }
      }
      if (target.answeredAfterNanos() >= 0) {
        chosen.add(target.answeredAfterNanos() / 1_000_000);
      }
      log("kill %d: %s owned %d rooms; room %s answered again after %d ms%s", k, nodes.get(victim).name(),
          moved.size(), target.roomId(), target.answeredAfterNanos() / 1_000_000,
          all ? "" : " (some rooms never answered)");
      long restart = System.nanoTime();
      nodes.get(victim).start();
      awaitReady(List.of(nodes.get(victim)), 120);
      restarts.add((System.nanoTime() - restart) / 1_000_000);
      Thread.sleep(3_000);
    }
    result.put("kills", new JsonObject().put("kills", kills)
        .put("recoveryMs", stats(chosen)).put("recoveryMsAllRoomsOfTheKilledNode", stats(affected))
        .put("roomsThatNeverAnswered", unanswered).put("restartToReadyMs", stats(restarts))
        .put("clients", counters.toJson()));
  }

  private void storeOutage(int seconds) throws Exception {
    counters = new Counters();
    proxy.goAway().await();
    long off = System.nanoTime();
    log("store gone for %d s", seconds);
    Map<String, Integer> readinessSeen = new LinkedHashMap<>();
    long notReadyAfter = -1;
    while (System.nanoTime() - off < seconds * 1_000_000_000L) {
      for (ServerProcess n : nodes) {
        int code = n.readiness();
        readinessSeen.merge(n.name() + ":" + code, 1, Integer::sum);
        if (code == 503 && notReadyAfter < 0) {
          notReadyAfter = (System.nanoTime() - off) / 1_000_000;
        }
      }
      Thread.sleep(1_000);
    }
    Counters during = counters;
    counters = new Counters();
    proxy.comeBack().await();
    long back = System.nanoTime();
    rooms.forEach(r -> r.watch(back, -1));
    waitUntil(60, () -> rooms.stream().allMatch(r -> r.answeredAfterNanos() >= 0));
    List<Long> recovered = rooms.stream().filter(r -> r.answeredAfterNanos() >= 0)
        .map(r -> r.answeredAfterNanos() / 1_000_000).toList();
    boolean ready = waitUntil(60, () -> nodes.stream().allMatch(n -> n.readiness() == 200));
    long readyAfter = (System.nanoTime() - back) / 1_000_000;
    Thread.sleep(10_000);
    result.put("storeOutage", new JsonObject().put("seconds", seconds)
        .put("during", during.toJson()).put("firstNotReadyAfterMs", notReadyAfter).put("readiness", toJson(readinessSeen))
        .put("roomsAnsweringAgainMs", stats(recovered)).put("roomsNeverAnswering", rooms.size() - recovered.size())
        .put("allReadyAgainAfterMs", ready ? readyAfter : -1).put("after", counters.toJson()));
    log("store back; rooms answering again after %s", stats(recovered).encode());
  }

  private void diskFull(Path dir) throws Exception {
    counters = new Counters();
    Path filler = dir.resolve("filler");
    long written = 0;
    try (OutputStream out = Files.newOutputStream(filler)) {
      byte[] chunk = new byte[64 * 1024];
      while (true) {
        out.write(chunk);
        written += chunk.length;
      }
    } catch (IOException e) {
      log("disk full after %d KiB of filler: %s", written / 1024, e.getMessage());
    }
    long full = System.nanoTime();
    Map<String, Integer> readinessSeen = new LinkedHashMap<>();
    while (System.nanoTime() - full < 20_000_000_000L) {
      for (ServerProcess n : nodes) {
        readinessSeen.merge(n.name() + ":" + n.readiness(), 1, Integer::sum);
      }
      readinessSeen.merge("store:" + storeHost.readiness(), 1, Integer::sum);
      Thread.sleep(1_000);
    }
    Counters during = counters;
    counters = new Counters();
    Files.delete(filler);
    long freed = System.nanoTime();
    rooms.forEach(r -> r.watch(freed, -1));
    boolean byThemselves = waitUntil(20, () -> rooms.stream().allMatch(r -> r.answeredAfterNanos() >= 0));
    JsonObject report = new JsonObject().put("fillerKiB", written / 1024).put("during", during.toJson())
        .put("readiness", toJson(readinessSeen)).put("recoveredWithoutRestart", byThemselves);
    if (!byThemselves) {
      log("rooms did not recover within 20 s of freeing space; restarting the store host");
      storeHost.kill();
      long restart = System.nanoTime();
      storeHost.start();
      rooms.forEach(r -> r.watch(restart, -1));
      waitUntil(60, () -> rooms.stream().allMatch(r -> r.answeredAfterNanos() >= 0));
      report.put("afterStoreHostRestart", stats(rooms.stream().filter(r -> r.answeredAfterNanos() >= 0)
          .map(r -> r.answeredAfterNanos() / 1_000_000).toList()));
    } else {
      report.put("roomsAnsweringAgainMs", stats(rooms.stream().map(r -> r.answeredAfterNanos() / 1_000_000).toList()));
    }
    // The file must open again: the store host restarts on it (kill -9 first, the harshest way).
    storeHost.kill();
    storeHost.start();
    report.put("storeFileReopened", storeHost.alive());
    long reopened = System.nanoTime();
    rooms.forEach(r -> r.watch(reopened, -1));
    waitUntil(60, () -> rooms.stream().allMatch(r -> r.answeredAfterNanos() >= 0));
    Thread.sleep(5_000);
    result.put("diskFull", report.put("after", counters.toJson()));
  }

  // ---- the check

  private void finalCheck() throws Exception {
    call(() -> {
      members.forEach(ChaosMember::stop);
      return Future.succeededFuture();
    });
    Thread.sleep(2_000);
    Ledger.Check total = Ledger.Check.none();
    int unreadable = 0;
    WebSocketClient ws = vertx.createWebSocketClient();
    for (ChaosRoom room : rooms) {
      // Only a command's sender sees its clientId/clientSeq: read the log once through each member's eyes.
      JsonArray events = new JsonArray();
      for (ChaosMember m : members) {
        if (m.room() != room) {
          continue;
        }
        JsonObject reply = call(() -> wholeLog(ws, room, m.token()));
        if (reply.getJsonArray("events") == null) {
          unreadable++;
          log("log of %s not readable: %.300s", room.roomId(), reply.encode());
        } else {
          events.addAll(reply.getJsonArray("events"));
        }
      }
      total = total.plus(call(() -> Future.succeededFuture(ledger.check(room.roomId(), events))));
    }
    result.put("check", total.toJson().put("logReadsRefused", unreadable));
    log("check: %s", result.getJsonObject("check").encode());
  }

  /** A Sync from seq 0 through node 1 with a member's token: the room's every event, as that member sees it. */
  private Future<JsonObject> wholeLog(WebSocketClient client, ChaosRoom room, String token) {
    Promise<JsonObject> answer = Promise.promise();
    return Sockets.open(client, endpoints.get(0), "/eventbus/0/" + Long.toHexString(random.nextLong()) + "/websocket",
        raw -> {
          SockJsCodec.Frame f = SockJsCodec.parse(raw);
          if (f.kind() == SockJsCodec.Kind.MESSAGES) {
            f.messages().forEach(m -> {
              JsonObject frame = new JsonObject(m);
              if ("log".equals(frame.getString("address"))) {
                answer.tryComplete(frame.getJsonObject("body"));
              } else if ("err".equals(frame.getString("type"))) {
                answer.tryComplete(new JsonObject().put("err", frame));
              }
            });
          }
        }, e -> { }, v -> answer.tryComplete(new JsonObject().put("closed", true)))
        .compose(socket -> {
          socket.writeTextMessage(SockJsCodec.encode(BridgeFrames.send(room.commandAddress(), token,
              new JsonObject().put("command", new JsonObject().put("type", "Sync").put("sinceSeq", 0)), "log")
              .encode()));
          return answer.future().eventually(socket::close);
        });
  }

  // ---- helpers

  /** Room → index of the node that loaded it last (per the nodes' logs). */
  private Map<ChaosRoom, Integer> owners() throws IOException {
    Map<ChaosRoom, Integer> owners = new HashMap<>();
    for (ChaosRoom room : rooms) {
      long best = -1;
      for (int i = 0; i < nodes.size(); i++) {
        long at = nodes.get(i).lastLoaded(room.roomId());
        if (at > best) {
          best = at;
          owners.put(room, i);
        }
      }
    }
    return owners;
  }

  private static boolean waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.call()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.call();
  }

  private static void awaitReady(List<ServerProcess> which, int seconds) throws Exception {
    if (!waitUntil(seconds, () -> which.stream().allMatch(n -> n.readiness() == 200))) {
      throw new IllegalStateException("not ready in " + seconds + " s: " + which.stream().map(ServerProcess::name).toList());
    }
  }

  /** Runs {@code work} on the clients' event loop and waits for its future. */
  private <T> T call(Callable<Future<T>> work) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        work.call().onSuccess(done::complete).onFailure(done::completeExceptionally);
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    });
    return done.get(120, TimeUnit.SECONDS);
  }

  private static JsonObject stats(List<Long> values) {
    if (values.isEmpty()) {
      return new JsonObject().put("n", 0);
    }
    List<Long> sorted = values.stream().sorted().toList();
    return new JsonObject().put("n", sorted.size()).put("median", sorted.get(sorted.size() / 2))
        .put("worst", sorted.get(sorted.size() - 1)).put("best", sorted.get(0));
  }

  private static JsonObject toJson(Map<String, Integer> counts) {
    JsonObject j = new JsonObject();
    counts.forEach(j::put);
    return j;
  }

  /** Ports nobody listens on now, all different (held open together while chosen). */
  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        held.add(new ServerSocket(0));
      }
      return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private static void log(String format, Object... args) {
    System.err.println("[chaos] " + String.format(format, args));
  }

  private void write() throws IOException {
    String base = o.get("out-base");
    Files.writeString(Path.of(base + ".json"), result.encodePrettily());
    Files.writeString(Path.of(base + ".md"), ChaosReport.markdown(Path.of(base).getFileName().toString(), result));
    System.out.println(result.encodePrettily());
  }
}
