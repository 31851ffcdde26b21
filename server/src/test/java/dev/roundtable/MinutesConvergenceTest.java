package dev.roundtable;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.domain.Limits;
import dev.roundtable.domain.text.TextOperation;
import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MinutesEditor;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.Sockets;
import dev.roundtable.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The co-edited minutes, over real WebSockets,")
class MinutesConvergenceTest {
  /** Set -Dminutes.seed=… to replay a run; otherwise every run types something new. */
  private static final long SEED = Long.getLong("minutes.seed", System.nanoTime());

  private final MutableClock clock = new MutableClock();
  @TempDir
  Path dataDir;
  private TestServer server;
  private JsonObject room;
  private String roomId;
  private String facilitatorToken;
  private final List<MinutesEditor> editors = new ArrayList<>();
  private final List<BusClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    editors.forEach(e -> e.close());
    clients.forEach(BusClient::close);
    if (server != null) {
      result(server.stop());
    }
  }

  private void startServer(Vertx vertx, JsonObject settings) {
    RoundtableConfig config = TestServer.config(dataDir).with(settings);
    server = result(TestServer.start(vertx, config, clock));
  }

  private void openRoom() {
    room = result(server.createRoom());
    roomId = room.getString("roomId");
    facilitatorToken = room.getString("token");
  }

  private String joinAs(String name) {
    return result(server.join(room.getString("joinCode"), name, "Sales", "participant")).getString("token");
  }

  private BusClient connect() {
    BusClient client = Sockets.open(server);
    clients.add(client);
    return client;
  }

  private MinutesEditor editor(Vertx vertx, String token, String clientId, long seed) {
    MinutesEditor editor = result(MinutesEditor.open(vertx, connect(), roomId, token, clientId, seed));
    editors.add(editor);
    return editor;
  }

  private static JsonObject editMinutes(int baseRevision, Object... ops) {
    return new JsonObject().put("type", "EditMinutes").put("baseRevision", baseRevision)
        .put("ops", new JsonArray(List.of(ops)));
  }

  private static JsonObject minutesOf(JsonObject syncReply) {
    return syncReply.getJsonObject("snapshot").getJsonObject("minutes");
  }

  private static String errorCode(JsonObject reply) {
    return reply.getJsonObject("error").getString("code");
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private void awaitConverged(List<MinutesEditor> group, BusClient reader, Duration limit) {
    Eventually.until("every editor is acknowledged and at the server's revision", limit, () -> {
      if (!group.stream().allMatch(e -> e.settled() && e.revision() == group.get(0).revision())) {
        return false;
      }
      JsonObject sync = result(reader.sync(roomId, facilitatorToken, null));
      return sync.containsKey("snapshot")
          && group.stream().allMatch(e -> e.revision() == minutesOf(sync).getInteger("revision"));
    });
  }

  private static String describe(List<MinutesEditor> group) {
    return group.stream().map(MinutesEditor::toString).collect(Collectors.joining("\n"));
  }

  @Test
  @DisplayName("converge: four clients typing concurrently end with the same text as the server, at the same revision")
  void concurrentTypingConverges(Vertx vertx) {
    System.out.println("MinutesConvergenceTest seed: " + SEED + " (replay with -Dminutes.seed=" + SEED + ")");
    startServer(vertx, new JsonObject());
    openRoom();
    Random seeds = new Random(SEED);
    List<MinutesEditor> group = new ArrayList<>();
    group.add(editor(vertx, facilitatorToken, "ana-tab", seeds.nextLong()));
    for (String name : List.of("Bo", "Cy", "Di")) {
      group.add(editor(vertx, joinAs(name), name.toLowerCase() + "-tab", seeds.nextLong()));
    }
    group.get(0).insert(0, "# Minutes\n");
    Eventually.until("everyone has the heading", Duration.ofSeconds(5),
        () -> group.stream().allMatch(e -> e.text().equals("# Minutes\n") && e.settled()));

    result(Future.all(group.stream().map(e -> e.typeRandomly(50, 8)).toList()));
    BusClient reader = connect();
    awaitConverged(group, reader, Duration.ofSeconds(20));

    JsonObject minutes = minutesOf(result(reader.sync(roomId, facilitatorToken, null)));
    String serverText = minutes.getString("text");
    for (MinutesEditor e : group) {
      assertThat(e.failures()).as(e.clientId()).isEmpty();
      assertThat(e.text()).as("text of %s (seed %d)", e.clientId(), SEED).isEqualTo(serverText);
      assertThat(e.revision()).as("revision of %s", e.clientId()).isEqualTo(minutes.getInteger("revision"));
      assertThat(e.localEdits()).isEqualTo(e.clientId().equals("ana-tab") ? 51 : 50);
    }
    // Every revision is exactly one acknowledged operation of one editor: nothing applied twice or lost.
    assertThat(group.stream().mapToInt(MinutesEditor::ownRevisions).sum())
        .as("own revisions of all editors\n%s", describe(group)).isEqualTo(minutes.getInteger("revision"));
    // The text is the fold of the published operations.
    Map<Integer, List<Object>> ops = group.get(1).seenOps();
    String replayed = "# Minutes\n";
    for (int r = 2; r <= minutes.getInteger("revision"); r++) {
      replayed = TextOperation.of(ops.get(r)).apply(replayed);
    }
    assertThat(replayed).isEqualTo(serverText);
    System.out.printf("converged at revision %d, %d chars, %d edits rebased into no-ops%n",
        minutes.getInteger("revision"), serverText.length(), group.stream().mapToInt(MinutesEditor::noopAcks).sum());
  }

  @Test
  @DisplayName("acknowledge without a new revision an edit that a concurrent edit made redundant")
  void redundantEditIsAcknowledgedWithoutRevision(Vertx vertx) {
    startServer(vertx, new JsonObject());
    openRoom();
    MinutesEditor ana = editor(vertx, facilitatorToken, "ana-tab", 1L);
    MinutesEditor bo = editor(vertx, joinAs("Bo"), "bo-tab", 2L);
    ana.insert(0, "Hello world");
    Eventually.until("both have the text", Duration.ofSeconds(5),
        () -> ana.settled() && bo.text().equals("Hello world"));

    // Both delete "world" at revision 1: whichever the server takes second has nothing left to delete.
    TextOperation deleteWorld = TextOperation.builder().retain(6).delete(5).build();
    ana.edit(deleteWorld);
    bo.edit(deleteWorld);
    Eventually.until("both are acknowledged", Duration.ofSeconds(5), () -> ana.settled() && bo.settled());

    BusClient reader = connect();
    JsonObject minutes = minutesOf(result(reader.sync(roomId, facilitatorToken, null)));
    assertThat(minutes.getString("text")).isEqualTo("Hello ");
    assertThat(minutes.getInteger("revision")).isEqualTo(2);
    assertThat(ana.noopAcks() + bo.noopAcks()).as("edits answered as no-ops").isEqualTo(1);
    for (MinutesEditor e : List.of(ana, bo)) {
      Eventually.until(e.clientId() + " is at revision 2", Duration.ofSeconds(5), () -> e.revision() == 2);
      assertThat(e.text()).isEqualTo("Hello ");
      assertThat(e.failures()).isEmpty();
    }
    // The editors keep working after the no-op.
    bo.insert(6, "Roundtable");
    Eventually.until("the next edit is everywhere", Duration.ofSeconds(5),
        () -> bo.settled() && ana.text().equals("Hello Roundtable"));
  }

  @Test
  @DisplayName("apply a resent edit once: a reply lost with its socket is answered again, not applied twice")
  void resentEditAppliedOnce(Vertx vertx) {
    startServer(vertx, new JsonObject());
    openRoom();
    String bo = joinAs("Bo");
    BusClient first = connect();
    assertThat(result(first.command(roomId, facilitatorToken, "ana-tab", 1, editMinutes(0, "Agreed: ")))
        .getBoolean("ok")).isTrue();

    // Bo's edit is applied, but the reply is "lost": Bo's socket goes away before Bo looks at it.
    BusClient lost = connect();
    JsonObject original = result(lost.command(roomId, bo, "bo-tab", 7, editMinutes(1, 8, "ship in May")));
    result(lost.close());
    assertThat(original.getJsonObject("result").getInteger("revision")).isEqualTo(2);

    // Meanwhile Ana keeps typing, so Bo's edit is now two revisions behind.
    assertThat(result(first.command(roomId, facilitatorToken, "ana-tab", 2, editMinutes(2, "- ", 19)))
        .getBoolean("ok")).isTrue();

    // Bo reconnects and resends the unacknowledged edit under the same clientId/clientSeq and base revision.
    BusClient again = connect();
    result(again.join(roomId, bo));
    JsonObject resent = result(again.command(roomId, bo, "bo-tab", 7, editMinutes(1, 8, "ship in May")));
    assertThat(resent).isEqualTo(original);
    // Even a resend whose content changed (rebased by the client) is recognised by its pair, not its content.
    JsonObject rebased = result(again.command(roomId, bo, "bo-tab", 7, editMinutes(3, 10, "ship in May", 11)));
    assertThat(rebased).isEqualTo(original);

    JsonObject minutes = minutesOf(result(again.sync(roomId, bo, null)));
    assertThat(minutes.getString("text")).isEqualTo("- Agreed: ship in May");
    assertThat(minutes.getInteger("revision")).isEqualTo(3);
    assertThat(minutes.getJsonArray("history")).as("the edit history stays on the server").isEmpty();

    // The same through the OT client: an edit sent, its socket closed at once, then reconnect and resend.
    MinutesEditor editor = editor(vertx, bo, "bo-tab-2", 1L);
    BusClient observer = connect();
    result(observer.join(roomId, facilitatorToken));
    editor.insert(editor.text().length(), " (confirmed)");
    BusClient dropped = editor.client();
    editor.offline();
    result(dropped.close());
    result(editor.reconnect(connect()));
    Eventually.until("the editor is acknowledged", Duration.ofSeconds(10), editor::settled);
    JsonObject after = minutesOf(result(observer.sync(roomId, facilitatorToken, null)));
    assertThat(after.getString("text")).isEqualTo("- Agreed: ship in May (confirmed)");
    assertThat(occurrences(after.getString("text"), "(confirmed)")).isEqualTo(1);
    assertThat(after.getInteger("revision")).isEqualTo(4);
    assertThat(editor.text()).isEqualTo(after.getString("text"));
    assertThat(editor.failures()).isEmpty();
  }

  @Test
  @DisplayName("refuse an edit based on a revision older than the kept history with STALE_VERSION; a Sync gives the current text")
  void staleEditRefused(Vertx vertx) {
    startServer(vertx, new JsonObject().put("commandsPerSecond", 2_000).put("commandBurst", 2_000));
    openRoom();
    BusClient client = connect();
    int revisions = Limits.MINUTES_HISTORY + 5;
    // 500 edits all made against the empty text at revision 0, in flight together: each is merged over
    // everything accepted before it, and lands after it (the earlier edit wins the tie).
    List<String> letters = new ArrayList<>();
    for (int r = 0; r < Limits.MINUTES_HISTORY; r++) {
      letters.add(String.valueOf((char) ('a' + r % 26)));
    }
    List<JsonObject> replies = result(Future.all(IntStream.range(0, letters.size()).mapToObj(i -> client.command(
        roomId, facilitatorToken, "ana-tab", i, editMinutes(0, letters.get(i)))).toList())).list();
    String[] byRevision = new String[Limits.MINUTES_HISTORY + 1];
    for (int i = 0; i < replies.size(); i++) {
      JsonObject reply = replies.get(i);
      assertThat(reply.getBoolean("ok")).as(reply.encode()).isTrue();
      byRevision[reply.getJsonObject("result").getInteger("revision")] = letters.get(i);
    }
    StringBuilder expected = new StringBuilder();
    for (int r = 1; r <= Limits.MINUTES_HISTORY; r++) {
      expected.append(byRevision[r]);
    }
    for (int r = Limits.MINUTES_HISTORY; r < revisions; r++) {
      JsonObject reply = result(client.command(roomId, facilitatorToken, "ana-tab", 5_000 + r, editMinutes(r, r, "z")));
      assertThat(reply.getJsonObject("result").getInteger("revision")).as(reply.encode()).isEqualTo(r + 1);
      expected.append("z");
    }

    int oldest = revisions - Limits.MINUTES_HISTORY;
    JsonObject stale = result(client.command(roomId, facilitatorToken, "ana-tab", 10_000,
        editMinutes(oldest - 1, oldest - 1, "!")));
    assertThat(errorCode(stale)).as(stale.encode()).isEqualTo("STALE_VERSION");

    JsonObject minutes = minutesOf(result(client.sync(roomId, facilitatorToken, null)));
    assertThat(minutes.getInteger("revision")).isEqualTo(revisions);
    assertThat(minutes.getString("text")).isEqualTo(expected.toString());

    // The oldest revision still in the history can be merged: the edit lands after everything typed since.
    JsonObject oldestKept = result(client.command(roomId, facilitatorToken, "ana-tab", 10_001,
        editMinutes(oldest, oldest, "!")));
    assertThat(oldestKept.getBoolean("ok")).as(oldestKept.encode()).isTrue();
    assertThat(oldestKept.getJsonObject("result").getInteger("revision")).isEqualTo(revisions + 1);
    assertThat(minutesOf(result(client.sync(roomId, facilitatorToken, null))).getString("text"))
        .isEqualTo(expected + "!");

    // The refused client resyncs and redoes its edit against the current text: accepted.
    JsonObject retried = result(client.command(roomId, facilitatorToken, "ana-tab", 10_002,
        editMinutes(revisions + 1, "?", revisions + 1)));
    assertThat(retried.getJsonObject("result").getInteger("revision")).isEqualTo(revisions + 2);
    assertThat(minutesOf(result(client.sync(roomId, facilitatorToken, null))).getString("text"))
        .isEqualTo("?" + expected + "!");
  }

  @Test
  @DisplayName("lose no acknowledged edit across a restart in the middle of typing, and keep editing after reconnecting")
  void restartMidTyping(Vertx vertx) {
    System.out.println("MinutesConvergenceTest seed: " + SEED + " (replay with -Dminutes.seed=" + SEED + ")");
    JsonObject settings = new JsonObject().put("snapshotEvery", 25);
    startServer(vertx, settings);
    openRoom();
    Random seeds = new Random(SEED ^ 0x5EED);
    List<MinutesEditor> group = new ArrayList<>();
    group.add(editor(vertx, facilitatorToken, "ana-tab", seeds.nextLong()));
    group.add(editor(vertx, joinAs("Bo"), "bo-tab", seeds.nextLong()));
    group.add(editor(vertx, joinAs("Cy"), "cy-tab", seeds.nextLong()));

    List<Future<Void>> typing = group.stream().map(e -> e.typeRandomly(60, 12)).toList();
    Eventually.until("some edits are acknowledged", Duration.ofSeconds(10),
        () -> group.stream().allMatch(e -> e.maxAckedRevision() >= 10));

    result(server.stop());
    server = null;
    group.forEach(MinutesEditor::offline);
    int lastAcked = group.stream().mapToInt(MinutesEditor::maxAckedRevision).max().orElseThrow();
    Map<Integer, List<Object>> published = new HashMap<>();
    group.forEach(e -> published.putAll(e.seenOps()));

    startServer(vertx, settings);
    BusClient reader = connect();
    JsonObject reloaded = minutesOf(result(reader.sync(roomId, facilitatorToken, null)));
    int reloadedRevision = reloaded.getInteger("revision");
    assertThat(reloadedRevision).as("revision after the restart").isGreaterThanOrEqualTo(lastAcked);
    // Beyond it only edits whose acknowledgement was lost with the socket: at most one outstanding per editor.
    assertThat(reloadedRevision - lastAcked).isLessThanOrEqualTo(group.size());
    // The operations as stored: every MinutesEdited since the room began, replayed by the restarted server.
    Map<Integer, List<Object>> stored = new HashMap<>();
    JsonObject replay = result(reader.sync(roomId, facilitatorToken, 0L));
    replay.getJsonArray("events").stream().map(JsonObject.class::cast)
        .flatMap(envelope -> envelope.getJsonArray("events").stream().map(JsonObject.class::cast))
        .filter(e -> "MinutesEdited".equals(e.getString("type")))
        .forEach(e -> assertThat(stored.put(e.getInteger("revision"), e.getJsonArray("ops").getList()))
            .as("revision %d stored once", e.getInteger("revision")).isNull());
    assertThat(stored.keySet()).hasSize(reloadedRevision);
    // What was published before the stop is what was stored: same operation for every revision.
    published.forEach((rev, ops) -> assertThat(stored.get(rev)).as("revision %d", rev).isEqualTo(ops));
    // The text at the last acknowledged revision, plus only what was stored after it, is the reloaded text.
    String atLastAcked = "";
    for (int r = 1; r <= lastAcked; r++) {
      atLastAcked = TextOperation.of(published.getOrDefault(r, stored.get(r))).apply(atLastAcked);
    }
    String text = atLastAcked;
    for (int r = lastAcked + 1; r <= reloadedRevision; r++) {
      text = TextOperation.of(stored.get(r)).apply(text);
    }
    assertThat(text).isEqualTo(reloaded.getString("text"));
    System.out.printf("stopped with revision %d acknowledged; %d revisions after restart%n", lastAcked,
        reloadedRevision);

    for (MinutesEditor e : group) {
      BusClient old = e.client();
      old.close();
      result(e.reconnect(connect()));
    }
    result(Future.all(typing));
    awaitConverged(group, reader, Duration.ofSeconds(20));

    JsonObject minutes = minutesOf(result(reader.sync(roomId, facilitatorToken, null)));
    assertThat(minutes.getInteger("revision")).isGreaterThan(reloadedRevision);
    for (MinutesEditor e : group) {
      assertThat(e.failures()).as(e.clientId()).isEmpty();
      assertThat(e.text()).as("text of %s (seed %d)", e.clientId(), SEED).isEqualTo(minutes.getString("text"));
      assertThat(e.localEdits()).isEqualTo(60);
    }
    assertThat(group.stream().mapToInt(MinutesEditor::ownRevisions).sum())
        .as("own revisions of all editors\n%s", describe(group)).isEqualTo(minutes.getInteger("revision"));
  }

  @Test
  @DisplayName("relay a remote cursor to the others as an ephemeral frame without seq, kept in no Sync")
  void remoteCursors(Vertx vertx) {
    startServer(vertx, new JsonObject());
    openRoom();
    JsonObject boJoined = result(server.join(room.getString("joinCode"), "Bo", "Sales", "participant"));
    String bo = boJoined.getString("token");
    String screen = result(server.join(room.getString("joinCode"), "Room TV", "", "screen")).getString("token");
    BusClient ana = connect();
    BusClient boClient = connect();
    BusClient tv = connect();
    result(ana.join(roomId, facilitatorToken));
    result(boClient.join(roomId, bo));
    result(tv.join(roomId, screen));
    result(ana.command(roomId, facilitatorToken, "ana-tab", 1, editMinutes(0, "Decisions and actions")));
    long seqBefore = result(ana.sync(roomId, facilitatorToken, null)).getLong("seq");

    JsonObject cursor = new JsonObject().put("type", "Cursor").put("revision", 1).put("anchor", 10).put("head", 17);
    JsonObject reply = result(boClient.request("rt.room." + roomId + ".cmd", new JsonObject().put("command", cursor), bo));
    assertThat(reply).isEqualTo(new JsonObject().put("ok", true));

    JsonObject expected = new JsonObject().put("ephemeral", "cursor").put("participantId", boJoined.getString("participantId"))
        .put("revision", 1).put("anchor", 10).put("head", 17);
    for (BusClient other : List.of(ana, tv)) {
      Eventually.until("the cursor reaches the others", Duration.ofSeconds(5),
          () -> other.roomEvents(roomId).contains(expected));
    }
    assertThat(ana.roomEvents(roomId)).filteredOn(f -> f.containsKey("ephemeral"))
        .allSatisfy(f -> assertThat(f.containsKey("seq")).isFalse());

    JsonObject snapshot = result(ana.sync(roomId, facilitatorToken, null));
    assertThat(snapshot.getLong("seq")).as("a cursor takes no sequence number").isEqualTo(seqBefore);
    assertThat(snapshot.encode()).doesNotContain("cursor").doesNotContain("\"anchor\"");
    JsonObject replay = result(ana.sync(roomId, facilitatorToken, 0L));
    assertThat(replay.getJsonArray("events")).isNotEmpty();
    assertThat(replay.encode()).doesNotContain("ephemeral").doesNotContain("\"anchor\"");

    // A screen has no cursor, and a cursor must have exactly its four whole-number fields.
    JsonObject fromScreen = result(tv.request("rt.room." + roomId + ".cmd", new JsonObject().put("command", cursor), screen));
    assertThat(errorCode(fromScreen)).isEqualTo("FORBIDDEN");
    JsonObject extra = result(boClient.request("rt.room." + roomId + ".cmd",
        new JsonObject().put("command", cursor.copy().put("name", "Bo")), bo));
    assertThat(errorCode(extra)).isEqualTo("INVALID_FIELD");
    JsonObject negative = result(boClient.request("rt.room." + roomId + ".cmd",
        new JsonObject().put("command", cursor.copy().put("anchor", -1)), bo));
    assertThat(errorCode(negative)).isEqualTo("INVALID_FIELD");
  }

  @Test
  @DisplayName("relay a cursor at the end of the text of its revision, even when a concurrent delete shortened the text since")
  void cursorOfAnOlderRevision(Vertx vertx) {
    startServer(vertx, new JsonObject());
    openRoom();
    JsonObject boJoined = result(server.join(room.getString("joinCode"), "Bo", "Sales", "participant"));
    String bo = boJoined.getString("token");
    BusClient ana = connect();
    BusClient boClient = connect();
    result(ana.join(roomId, facilitatorToken));
    result(boClient.join(roomId, bo));
    result(ana.command(roomId, facilitatorToken, "ana-tab", 1, editMinutes(0, "Decisions and actions")));

    // Bo is synchronized at revision 1 with the caret at the end (21). Ana deletes " and actions" meanwhile:
    // the server is at revision 2 (9 units) when Bo's cursor, correct for revision 1 (§13.5), arrives.
    result(ana.command(roomId, facilitatorToken, "ana-tab", 2, editMinutes(1, 9, -12)));
    JsonObject cursor = new JsonObject().put("type", "Cursor").put("revision", 1).put("anchor", 21).put("head", 21);
    JsonObject reply = result(boClient.request("rt.room." + roomId + ".cmd", new JsonObject().put("command", cursor), bo));
    assertThat(reply).as("PROTOCOL §8.2: positions are in the text at `revision`, not checked against the text length")
        .isEqualTo(new JsonObject().put("ok", true));
    JsonObject expected = new JsonObject().put("ephemeral", "cursor")
        .put("participantId", boJoined.getString("participantId")).put("revision", 1).put("anchor", 21).put("head", 21);
    Eventually.until("Ana sees Bo's cursor", Duration.ofSeconds(5), () -> ana.roomEvents(roomId).contains(expected));
    // Ana moves it over revision 2 as §13.5 says: a delete spanning it moves it to the start of the deleted text.
    assertThat(TextOperation.of(List.of(9, -12)).transformIndex(21)).isEqualTo(9);
  }
}
