package dev.roundtable;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.support.BusClient;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.MutableClock;
import dev.roundtable.support.Sockets;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board, the votes and what each client is sent of them. Every participant here has a real socket
 * subscribed to the room; the checks look at everything each socket received (envelopes, replies, error
 * frames, Sync snapshots and Sync replays), so a private detail that leaves the server towards the wrong
 * client anywhere fails the test.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Collaboration in a room with several participants, a screen and a facilitator")
class CollaborationPrivacyTest {
  private final MutableClock clock = new MutableClock();
  private TestServer server;
  private JsonObject room;
  private String roomId;
  private Seat ana;
  private Seat ada;
  private Seat bo;
  private Seat cy;
  private Seat screen;
  private List<Seat> everyone;
  private final List<BusClient> extraClients = new ArrayList<>();

  /** One person (or display) in the room with their own socket, and everything that socket received. */
  private final class Seat {
    final String name;
    final String participantId;
    final String token;
    final String clientId;
    BusClient client;
    final List<JsonObject> replies = new CopyOnWriteArrayList<>();
    private long nextSeq = 1;

    Seat(String name, JsonObject credentials, BusClient client) {
      this.name = name;
      this.participantId = credentials.getString("participantId");
      this.token = credentials.getString("token");
      this.clientId = name.toLowerCase(Locale.ROOT) + "-tab";
      this.client = client;
    }

    JsonObject join() {
      JsonObject reply = result(client.join(roomId, token));
      replies.add(reply);
      return reply;
    }

    JsonObject send(JsonObject command) {
      JsonObject reply = result(client.command(roomId, token, clientId, nextSeq++, command));
      replies.add(reply);
      return reply;
    }

    JsonObject ok(JsonObject command) {
      JsonObject reply = send(command);
      assertThat(reply.getBoolean("ok")).as("%s: %s -> %s", name, command.encode(), reply.encode()).isTrue();
      return reply;
    }

    JsonObject snapshot() {
      JsonObject reply = result(client.sync(roomId, token, null));
      replies.add(reply);
      return reply.getJsonObject("snapshot");
    }

    JsonArray replay(long sinceSeq) {
      JsonObject reply = result(client.sync(roomId, token, sinceSeq));
      replies.add(reply);
      return reply.getJsonArray("events");
    }

    List<JsonObject> envelopes() {
      return client.roomEvents(roomId).stream().filter(e -> e.containsKey("seq")).toList();
    }

    boolean saw(long seq) {
      return envelopes().stream().anyMatch(e -> e.getLong("seq") >= seq);
    }

    JsonObject envelope(long seq) {
      return envelopes().stream().filter(e -> e.getLong("seq") == seq).findFirst()
          .orElseThrow(() -> new AssertionError(name + " never received seq " + seq));
    }

    /** Every frame body this socket received, every reply to what it sent, and every err frame. */
    List<JsonObject> everything() {
      List<JsonObject> all = new ArrayList<>(client.roomEvents(roomId));
      all.addAll(replies);
      all.addAll(client.errors());
      return all;
    }

    String everythingAsText() {
      return everything().stream().map(JsonObject::encode).collect(Collectors.joining("\n"));
    }

    /** Envelopes received live and envelopes replayed by Sync {sinceSeq}. */
    List<JsonObject> allEnvelopes() {
      List<JsonObject> all = new ArrayList<>(envelopes());
      replies.stream().map(r -> r.getJsonArray("events")).filter(a -> a != null)
          .forEach(a -> a.forEach(e -> all.add((JsonObject) e)));
      return all;
    }

    @Override
    public String toString() {
      return name + " (" + participantId + ")";
    }
  }

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) {
    server = result(TestServer.start(vertx, TestServer.config(dataDir), clock));
    room = result(server.createRoom());
    roomId = room.getString("roomId");
    ana = new Seat("Ana", room, Sockets.open(server));
    ada = seat("Ada", "participant");
    bo = seat("Bo", "participant");
    cy = seat("Cy", "participant");
    screen = seat("Screen", "screen");
    everyone = List.of(ana, ada, bo, cy, screen);
    everyone.forEach(Seat::join);
    awaitOnline(everyone);
  }

  @AfterEach
  void stop() {
    everyone.forEach(s -> s.client.close());
    extraClients.forEach(BusClient::close);
    result(server.stop());
  }

  private Seat seat(String name, String role) {
    JsonObject credentials = result(server.join(room.getString("joinCode"), name, "Sales", role));
    return new Seat(name, credentials, Sockets.open(server));
  }

  /** A participant who sends commands but has no subscribed socket, so is not present. */
  private Seat offlineSeat(String name) {
    BusClient client = Sockets.open(server);
    extraClients.add(client);
    JsonObject credentials = result(server.join(room.getString("joinCode"), name, "Sales", "participant"));
    return new Seat(name, credentials, client);
  }

  private void awaitOnline(List<Seat> online) {
    Set<String> expected = online.stream().map(s -> s.participantId).collect(Collectors.toSet());
    Eventually.until("exactly " + online + " are online", Duration.ofSeconds(5), () -> {
      JsonObject participants = result(ana.client.sync(roomId, ana.token, null)).getJsonObject("snapshot")
          .getJsonObject("participants");
      Set<String> onlineNow = participants.fieldNames().stream()
          .filter(id -> !participants.getJsonObject(id).getJsonArray("connections").isEmpty())
          .collect(Collectors.toSet());
      return onlineNow.equals(expected);
    });
  }

  private void awaitEveryoneSaw(long seq) {
    Eventually.until("everyone received seq " + seq, Duration.ofSeconds(5),
        () -> everyone.stream().allMatch(s -> s.saw(seq)));
  }

  private long seqNow() {
    return result(ana.client.sync(roomId, ana.token, null)).getLong("seq");
  }

  private static JsonObject command(String type) {
    return new JsonObject().put("type", type);
  }

  private static String errorCode(JsonObject reply) {
    return reply.getJsonObject("error").getString("code");
  }

  private static Stream<JsonObject> events(List<JsonObject> envelopes) {
    return envelopes.stream().flatMap(e -> e.getJsonArray("events").stream().map(JsonObject.class::cast));
  }

  private static Stream<JsonObject> eventsOfType(List<JsonObject> envelopes, String type) {
    return events(envelopes).filter(e -> type.equals(e.getString("type")));
  }

  /** Every note object anywhere in {@code json}: a NoteAdded's note, a snapshot's notes, a NotesRevealed list. */
  private static void collectNotes(Object json, List<JsonObject> out) {
    if (json instanceof JsonObject o) {
      for (String key : o.fieldNames()) {
        Object value = o.getValue(key);
        if ("note".equals(key) && value instanceof JsonObject note) {
          out.add(note);
        } else if ("notes".equals(key) && value instanceof JsonObject map) {
          map.forEach(e -> out.add((JsonObject) e.getValue()));
        } else if ("notes".equals(key) && value instanceof JsonArray list) {
          list.forEach(n -> out.add((JsonObject) n));
        }
        collectNotes(value, out);
      }
    } else if (json instanceof JsonArray array) {
      array.forEach(v -> collectNotes(v, out));
    }
  }

  private static List<JsonObject> notesIn(List<JsonObject> frames) {
    List<JsonObject> notes = new ArrayList<>();
    frames.forEach(f -> collectNotes(f, notes));
    return notes;
  }

  /** Every object anywhere in {@code json} that has the field {@code key}. */
  private static void collectWithKey(Object json, String key, List<JsonObject> out) {
    if (json instanceof JsonObject o) {
      if (o.containsKey(key)) {
        out.add(o);
      }
      o.forEach(e -> collectWithKey(e.getValue(), key, out));
    } else if (json instanceof JsonArray array) {
      array.forEach(v -> collectWithKey(v, key, out));
    }
  }

  private static List<JsonObject> withKey(List<JsonObject> frames, String key) {
    List<JsonObject> out = new ArrayList<>();
    frames.forEach(f -> collectWithKey(f, key, out));
    return out;
  }

  // ---- the private writing phase

  @Test
  @DisplayName("a private writing phase sends a note's text to its author only, until the notes are revealed")
  void writingPhaseLeaksNoText() {
    ana.ok(command("StartWritingPhase"));
    String marker = "MARKER-" + UUID.randomUUID();
    JsonObject added = ada.ok(command("AddNote").put("text", marker + " first thought").put("colour", "blue"));
    String noteId = added.getJsonObject("result").getString("noteId");
    ada.ok(command("EditNote").put("noteId", noteId).put("version", 1).put("text", marker + " revised"));
    ada.ok(command("MoveNote").put("noteId", noteId).put("x", 120).put("y", 340));
    long last = ada.ok(command("RecolourNote").put("noteId", noteId).put("colour", "green")).getLong("seq");

    // Others cannot even find it: a private note of someone else is reported as missing, to the facilitator too.
    assertThat(errorCode(bo.send(command("MoveNote").put("noteId", noteId).put("x", 1).put("y", 1))))
        .isEqualTo("NOTE_NOT_FOUND");
    assertThat(errorCode(bo.send(command("EditNote").put("noteId", noteId).put("version", 2).put("text", "x"))))
        .isEqualTo("NOTE_NOT_FOUND");
    assertThat(errorCode(ana.send(command("DeleteNote").put("noteId", noteId)))).isEqualTo("NOTE_NOT_FOUND");
    assertThat(errorCode(cy.send(command("GroupNotes").put("noteIds", new JsonArray().add(noteId))
        .put("name", "Ideas")))).isEqualTo("NOTE_NOT_FOUND");

    awaitEveryoneSaw(last);
    long phaseStarted = added.getLong("seq") - 1;
    for (Seat s : everyone) {
      JsonObject snapshot = s.snapshot();
      s.replay(phaseStarted - 1);
      if (s == ada) {
        assertThat(snapshot.getJsonObject("notes").getJsonObject(noteId).getString("text"))
            .isEqualTo(marker + " revised");
        assertThat(eventsOfType(s.envelopes(), "NoteAdded")).extracting(e -> e.getJsonObject("note").getString("text"))
            .containsExactly(marker + " first thought");
      } else {
        assertThat(s.everythingAsText()).as("everything %s received", s).doesNotContain(marker);
        assertThat(snapshot.getJsonObject("notes")).as("notes in %s's snapshot", s).isEmpty();
        // The envelopes still arrive, empty, so sequence numbers stay gap-free.
        for (long seq = added.getLong("seq"); seq <= last; seq++) {
          assertThat(s.envelope(seq).getJsonArray("events")).as("%s's copy of seq %d", s, seq).isEmpty();
        }
      }
    }
    assertThat(ada.everythingAsText()).contains(marker);

    long revealed = ana.ok(command("RevealNotes")).getLong("seq");
    awaitEveryoneSaw(revealed);
    for (Seat s : everyone) {
      List<JsonObject> shown = eventsOfType(List.of(s.envelope(revealed)), "NotesRevealed")
          .flatMap(e -> e.getJsonArray("notes").stream().map(JsonObject.class::cast)).toList();
      assertThat(shown).as("notes revealed to %s", s).singleElement().satisfies(n -> {
        assertThat(n.getString("id")).isEqualTo(noteId);
        assertThat(n.getString("text")).isEqualTo(marker + " revised");
        assertThat(n.getString("colour")).isEqualTo("green");
        assertThat(n.getInteger("x")).isEqualTo(120);
        assertThat(n.getBoolean("hidden")).isFalse();
      });
      JsonObject note = s.snapshot().getJsonObject("notes").getJsonObject(noteId);
      assertThat(note.getString("text")).as("%s's snapshot", s).isEqualTo(marker + " revised");
      assertThat(note.getBoolean("hidden")).isFalse();
    }
  }

  // ---- anonymous notes

  @Test
  @DisplayName("an anonymous board never tells anyone, the author included, who wrote a note")
  void anonymousBoardLeaksNoAuthor() {
    String control = cy.ok(command("AddNote").put("text", "signed by Cy")).getJsonObject("result").getString("noteId");
    long before = ana.ok(command("SetBoard").put("anonymous", true)).getLong("seq");

    String first = ada.ok(command("AddNote").put("text", "anonymous one").put("colour", "pink"))
        .getJsonObject("result").getString("noteId");
    String second = ada.ok(command("AddNote").put("text", "anonymous two")).getJsonObject("result").getString("noteId");
    ada.ok(command("EditNote").put("noteId", first).put("version", 1).put("text", "anonymous one, edited"));
    ada.ok(command("MoveNote").put("noteId", second).put("x", 500).put("y", 500));
    JsonObject refused = bo.send(command("DeleteNote").put("noteId", first));
    assertThat(errorCode(refused)).isEqualTo("FORBIDDEN");
    JsonObject refusedEdit = bo.send(command("EditNote").put("noteId", first).put("version", 2).put("text", "mine"));
    assertThat(errorCode(refusedEdit)).isEqualTo("FORBIDDEN");
    ana.ok(command("SetBoard").put("dotLimit", 3));
    bo.ok(command("AddDot").put("noteId", first));
    // A private note written while anonymous stays anonymous when revealed.
    ana.ok(command("StartWritingPhase"));
    String third = ada.ok(command("AddNote").put("text", "anonymous and private")).getJsonObject("result")
        .getString("noteId");
    long last = ana.ok(command("RevealNotes")).getLong("seq");
    awaitEveryoneSaw(last);
    everyone.forEach(s -> {
      s.snapshot();
      s.replay(before - 2);
    });

    Set<String> anonymous = Set.of(first, second, third);
    for (Seat s : everyone) {
      List<JsonObject> notes = notesIn(s.everything());
      assertThat(notes).as("notes %s received", s).extracting(n -> n.getString("id")).containsAll(anonymous);
      assertThat(notes).filteredOn(n -> anonymous.contains(n.getString("id")))
          .as("anonymous notes as %s received them", s).allSatisfy(n -> {
            assertThat(n.getValue("authorId")).isNull();
            assertThat(n.getBoolean("anonymous")).isTrue();
          });
      // The control: a note written before the board went anonymous names its author, so the check can see one.
      assertThat(notes).filteredOn(n -> control.equals(n.getString("id")))
          .isNotEmpty().allSatisfy(n -> assertThat(n.getString("authorId")).isEqualTo(cy.participantId));
      assertThat(withKey(s.everything(), "authorId")).as("objects naming an author, sent to %s", s)
          .allSatisfy(o -> assertThat(o.getValue("authorId")).isNotEqualTo(ada.participantId));

      // Envelopes never name the sender; only the sender's own copy carries its clientId.
      List<JsonObject> envelopes = s.allEnvelopes();
      assertThat(envelopes).as("envelopes %s received", s)
          .allSatisfy(e -> assertThat(e.fieldNames()).doesNotContain("actor", "views"));
      assertThat(envelopes).filteredOn(e -> e.containsKey("clientId"))
          .allSatisfy(e -> assertThat(e.getString("clientId")).isEqualTo(s.clientId));
    }
    Set<Long> adaSeqs = ada.replies.stream().filter(r -> r.getValue("seq") != null && r.containsKey("result"))
        .map(r -> r.getLong("seq")).collect(Collectors.toSet());
    assertThat(ada.envelopes()).filteredOn(e -> e.containsKey("clientId")).extracting(e -> e.getLong("seq"))
        .containsExactlyInAnyOrderElementsOf(adaSeqs);

    // The refusal tells Bo nothing about who the author is.
    for (JsonObject r : List.of(refused, refusedEdit)) {
      assertThat(r.getJsonObject("error").getString("message"))
          .doesNotContainPattern("\\b" + ada.participantId + "\\b").doesNotContain(ada.name);
      assertThat(r.getJsonObject("error").fieldNames()).containsExactlyInAnyOrder("code", "message");
    }
    // The facilitator may still edit an anonymous note; that too names nobody.
    ana.ok(command("EditNote").put("noteId", second).put("version", 1).put("text", "tidied by the facilitator"));
    assertThat(notesIn(List.of(ana.snapshot()))).allSatisfy(n -> {
      if (anonymous.contains(n.getString("id"))) {
        assertThat(n.getValue("authorId")).isNull();
      }
    });
  }

  // ---- hidden results

  private static final Set<String> COUNTS = Set.of("agree", "oppose", "neutral");

  @Test
  @DisplayName("a motion with hidden results shows only how many voted until it closes; each voter sees their own vote")
  void hiddenResultsLeakNoTally() {
    long before = seqNow();
    JsonObject opened = ana.ok(command("OpenMotion").put("text", "Ship in May").put("hiddenResults", true));
    String motion = opened.getJsonObject("result").getString("motionId");
    Map<Seat, String> choices = Map.of(ada, "oppose", bo, "oppose", cy, "neutral");
    assertThat(ada.ok(command("CastVote").put("motionId", motion).put("choice", "agree"))
        .getJsonObject("result").getString("choice")).isEqualTo("agree");
    for (Seat voter : List.of(bo, cy, ada)) {
      JsonObject reply = voter.ok(command("CastVote").put("motionId", motion).put("choice", choices.get(voter)));
      assertThat(reply.getJsonObject("result").getString("choice")).isEqualTo(choices.get(voter));
    }
    long lastVote = seqNow();
    awaitEveryoneSaw(lastVote);
    everyone.forEach(s -> {
      s.snapshot();
      s.replay(before);
    });

    for (Seat s : everyone) {
      List<JsonObject> casts = eventsOfType(s.allEnvelopes(), "VoteCast")
          .filter(e -> motion.equals(e.getString("motionId"))).toList();
      assertThat(casts).as("votes %s was told of (live and replayed)", s).hasSize(8);
      assertThat(casts).allSatisfy(e -> {
        assertThat(e.getJsonObject("tally").fieldNames()).as("tally sent to %s", s).containsExactly("voters");
        boolean own = s.participantId.equals(e.getString("participantId"));
        if (!own) {
          assertThat(e.fieldNames()).as("someone else's vote, sent to %s", s).doesNotContain("participantId", "choice");
        }
      });
      assertThat(casts.subList(0, 4)).extracting(e -> e.getJsonObject("tally").getInteger("voters"))
          .containsExactly(1, 2, 3, 3);
      JsonObject seen = s.snapshot().getJsonObject("motions").getJsonObject(motion);
      assertThat(seen.getJsonObject("tally").fieldNames()).as("%s's snapshot tally", s).containsExactly("voters");
      assertThat(seen.getJsonObject("tally").getInteger("voters")).isEqualTo(3);
      // Every tally anywhere: MotionOpened carries the opening zero tally to everyone (PROTOCOL §9.12), which
      // tells nothing; any other tally of the open motion shows only the number of voters.
      assertThat(withKey(s.everything(), "tally")).allSatisfy(o -> {
        JsonObject tally = o.getJsonObject("tally");
        boolean opening = o.containsKey("openedAt") && tally.getInteger("voters") == 0;
        if (!opening) {
          assertThat(tally.fieldNames()).as("a tally sent to %s before the close", s).doesNotContainAnyElementsOf(COUNTS);
        } else {
          COUNTS.forEach(c -> assertThat(tally.getInteger(c, 0)).isZero());
        }
      });
      assertThat(eventsOfType(s.allEnvelopes(), "DecisionRecorded")).isEmpty();
      if (choices.containsKey(s)) {
        assertThat(seen.getJsonObject("votes").getMap()).as("%s's own vote", s)
            .isEqualTo(Map.of(s.participantId, choices.get(s)));
        List<String> own = s == ada ? List.of("agree", "oppose", "agree", "oppose")
            : List.of(choices.get(s), choices.get(s));
        assertThat(casts).filteredOn(e -> s.participantId.equals(e.getString("participantId")))
            .as("%s's own votes, live then replayed", s).extracting(e -> e.getString("choice"))
            .containsExactlyElementsOf(own);
      } else {
        assertThat(seen.getJsonObject("votes")).as("%s sees nobody's vote", s).isEmpty();
        assertThat(casts).noneMatch(e -> e.containsKey("choice"));
      }
    }

    JsonObject closed = ana.ok(command("CloseMotion").put("motionId", motion));
    assertThat(closed.getJsonObject("result").getString("outcome")).isEqualTo("failed");
    awaitEveryoneSaw(closed.getLong("seq"));
    JsonObject fullTally = new JsonObject().put("agree", 0).put("oppose", 2).put("neutral", 1).put("voters", 3);
    for (Seat s : everyone) {
      JsonObject envelope = s.envelope(closed.getLong("seq"));
      JsonObject motionClosed = eventsOfType(List.of(envelope), "MotionClosed").findFirst().orElseThrow();
      assertThat(motionClosed.getJsonObject("tally")).isEqualTo(fullTally);
      assertThat(motionClosed.getJsonObject("votes").getMap()).as("named votes, public after the close")
          .isEqualTo(Map.of(ada.participantId, "oppose", bo.participantId, "oppose", cy.participantId, "neutral"));
      assertThat(eventsOfType(List.of(envelope), "DecisionRecorded").findFirst().orElseThrow()
          .getJsonObject("decision").getString("text"))
          .isEqualTo("Motion \"Ship in May\": failed (0 agree, 2 oppose, 1 neutral)");
      assertThat(s.snapshot().getJsonObject("motions").getJsonObject(motion).getJsonObject("tally")).isEqualTo(fullTally);
    }
  }

  // ---- outcome rules

  private record Vote(Seat seat, String choice) {
  }

  /** Opens {@code motion}, casts {@code votes} in order, closes it; returns {MotionClosed, DecisionRecorded} as Bo got them. */
  private List<JsonObject> decide(JsonObject motion, Vote... votes) {
    String id = ana.ok(motion).getJsonObject("result").getString("motionId");
    for (Vote v : votes) {
      v.seat.ok(command("CastVote").put("motionId", id).put("choice", v.choice));
    }
    JsonObject closed = ana.ok(command("CloseMotion").put("motionId", id));
    long seq = closed.getLong("seq");
    Eventually.until("Bo and the screen received seq " + seq, Duration.ofSeconds(5), () -> bo.saw(seq) && screen.saw(seq));
    JsonArray events = bo.envelope(seq).getJsonArray("events");
    assertThat(screen.envelope(seq).getJsonArray("events")).isEqualTo(events);
    assertThat(events).extracting(e -> ((JsonObject) e).getString("type"))
        .containsExactly("MotionClosed", "DecisionRecorded");
    JsonObject motionClosed = events.getJsonObject(0);
    JsonObject decision = events.getJsonObject(1).getJsonObject("decision");
    assertThat(motionClosed.getString("motionId")).isEqualTo(id);
    assertThat(closed.getJsonObject("result").getString("outcome")).isEqualTo(motionClosed.getString("outcome"));
    assertThat(decision.getString("decidedBy")).isEqualTo("motion");
    assertThat(decision.getString("motionId")).isEqualTo(id);
    assertThat(bo.snapshot().getJsonArray("decisions").stream().map(JsonObject.class::cast)
        .filter(d -> id.equals(d.getString("motionId")))).singleElement().isEqualTo(decision);
    return List.of(motionClosed, decision);
  }

  private static JsonObject motion(String text, String rule) {
    return command("OpenMotion").put("text", text).put("rule", rule);
  }

  private static void assertClosed(List<JsonObject> closed, String outcome, int present, int agree, int oppose,
      int neutral, String decisionText) {
    JsonObject motionClosed = closed.get(0);
    assertThat(motionClosed.getString("outcome")).isEqualTo(outcome);
    assertThat(motionClosed.getInteger("present")).as("present").isEqualTo(present);
    assertThat(motionClosed.getJsonObject("tally")).isEqualTo(new JsonObject().put("agree", agree)
        .put("oppose", oppose).put("neutral", neutral).put("voters", agree + oppose + neutral));
    assertThat(closed.get(1).getString("text")).isEqualTo(decisionText);
  }

  @Test
  @DisplayName("simple majority: more than half of the votes cast agree, neutral votes counting as cast")
  void simpleMajority() {
    assertClosed(decide(motion("Four voices", "simple_majority"),
            new Vote(ada, "agree"), new Vote(bo, "agree"), new Vote(cy, "neutral"), new Vote(ana, "oppose")),
        "failed", 4, 2, 1, 1, "Motion \"Four voices\": failed (2 agree, 1 oppose, 1 neutral)");
    assertClosed(decide(motion("Three voices", "simple_majority"),
            new Vote(ada, "agree"), new Vote(bo, "agree"), new Vote(cy, "neutral")),
        "passed", 4, 2, 0, 1, "Motion \"Three voices\": passed (2 agree, 0 oppose, 1 neutral)");
    // The default rule is simple majority; a changed vote counts once, as its last choice.
    assertClosed(decide(command("OpenMotion").put("text", "Default rule"),
            new Vote(ada, "oppose"), new Vote(bo, "agree"), new Vote(ada, "agree")),
        "passed", 4, 2, 0, 0, "Motion \"Default rule\": passed (2 agree, 0 oppose, 0 neutral)");
  }

  @Test
  @DisplayName("majority of present: more than half of those with a subscribed socket agree; screens and absent voters do not count")
  void majorityOfPresent() {
    // Cy leaves (socket closed) but keeps voting from an unsubscribed socket, as does Di who never connected.
    cy.client.close();
    BusClient voteOnly = Sockets.open(server);
    extraClients.add(voteOnly);
    cy.client = voteOnly;
    Seat di = offlineSeat("Di");
    // Ada has a second tab subscribed: still one participant present.
    BusClient adaSecondTab = Sockets.open(server);
    extraClients.add(adaSecondTab);
    result(adaSecondTab.join(roomId, ada.token));
    awaitOnline(List.of(ana, ada, bo, screen));
    Eventually.until("Ada has two connections", Duration.ofSeconds(5), () -> result(ana.client.sync(roomId, ana.token,
        null)).getJsonObject("snapshot").getJsonObject("participants").getJsonObject(ada.participantId)
        .getJsonArray("connections").size() == 2);

    // Present: Ana, Ada (two sockets), Bo = 3; the screen is online but cannot vote; Cy and Di are not online.
    assertClosed(decide(motion("Two of three present", "majority_of_present"),
            new Vote(ada, "agree"), new Vote(bo, "agree"), new Vote(cy, "oppose"), new Vote(di, "oppose")),
        "passed", 3, 2, 2, 0, "Motion \"Two of three present\": passed (2 agree, 2 oppose, 0 neutral)");
    assertClosed(decide(motion("One of three present", "majority_of_present"), new Vote(ada, "agree")),
        "failed", 3, 1, 0, 0, "Motion \"One of three present\": failed (1 agree, 0 oppose, 0 neutral)");
  }

  @Test
  @DisplayName("at least N: the motion passes with threshold agree votes, whatever the others")
  void atLeastN() {
    Vote[] votes = {new Vote(ada, "agree"), new Vote(bo, "agree"), new Vote(cy, "oppose"), new Vote(ana, "oppose")};
    assertClosed(decide(motion("Two needed", "at_least_n").put("threshold", 2), votes),
        "passed", 4, 2, 2, 0, "Motion \"Two needed\": passed (2 agree, 2 oppose, 0 neutral)");
    assertClosed(decide(motion("Three needed", "at_least_n").put("threshold", 3), votes),
        "failed", 4, 2, 2, 0, "Motion \"Three needed\": failed (2 agree, 2 oppose, 0 neutral)");
    assertThat(errorCode(ana.send(motion("No threshold", "at_least_n")))).isEqualTo("INVALID_FIELD");
    assertThat(errorCode(ana.send(motion("Stray threshold", "simple_majority").put("threshold", 2))))
        .isEqualTo("INVALID_FIELD");
  }

  @Test
  @DisplayName("no quorum: fewer voters than the quorum give no_quorum whatever the votes; neutral votes count towards it")
  void noQuorum() {
    assertClosed(decide(motion("Unanimous but few", "simple_majority").put("quorum", 4),
            new Vote(ada, "agree"), new Vote(bo, "agree"), new Vote(cy, "agree")),
        "no_quorum", 4, 3, 0, 0, "Motion \"Unanimous but few\": no quorum (3 agree, 0 oppose, 0 neutral)");
    assertClosed(decide(motion("Quorum met", "simple_majority").put("quorum", 3),
            new Vote(ada, "agree"), new Vote(bo, "agree"), new Vote(cy, "neutral")),
        "passed", 4, 2, 0, 1, "Motion \"Quorum met\": passed (2 agree, 0 oppose, 1 neutral)");
    assertClosed(decide(motion("Quorum but not enough", "at_least_n").put("threshold", 3).put("quorum", 2),
            new Vote(ada, "agree"), new Vote(bo, "oppose")),
        "failed", 4, 1, 1, 0, "Motion \"Quorum but not enough\": failed (1 agree, 1 oppose, 0 neutral)");
  }
}
