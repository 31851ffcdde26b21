package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.UNKNOWN_ID;
import static dev.roundtable.domain.Rooms.UNKNOWN_ITEM;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.AgendaCommands.AddItem;
import dev.roundtable.domain.AgendaCommands.CompleteItem;
import dev.roundtable.domain.AgendaCommands.DeferItem;
import dev.roundtable.domain.AgendaCommands.EditItem;
import dev.roundtable.domain.AgendaCommands.RemoveItem;
import dev.roundtable.domain.AgendaCommands.ReorderAgenda;
import dev.roundtable.domain.AgendaCommands.StartItem;
import dev.roundtable.domain.BoardCommands.AddDot;
import dev.roundtable.domain.BoardCommands.AddNote;
import dev.roundtable.domain.BoardCommands.DeleteNote;
import dev.roundtable.domain.BoardCommands.EditNote;
import dev.roundtable.domain.BoardCommands.GroupNotes;
import dev.roundtable.domain.BoardCommands.MoveNote;
import dev.roundtable.domain.BoardCommands.RecolourNote;
import dev.roundtable.domain.BoardCommands.RemoveDot;
import dev.roundtable.domain.BoardCommands.RevealNotes;
import dev.roundtable.domain.BoardCommands.SetBoard;
import dev.roundtable.domain.BoardCommands.StartWritingPhase;
import dev.roundtable.domain.BoardCommands.Ungroup;
import dev.roundtable.domain.MeetingCommands.Connect;
import dev.roundtable.domain.MeetingCommands.CreateMeeting;
import dev.roundtable.domain.MeetingCommands.Disconnect;
import dev.roundtable.domain.MeetingCommands.EditMeeting;
import dev.roundtable.domain.MeetingCommands.EndMeeting;
import dev.roundtable.domain.MeetingCommands.HandOff;
import dev.roundtable.domain.MeetingCommands.Join;
import dev.roundtable.domain.MeetingCommands.ResetPresence;
import dev.roundtable.domain.MeetingCommands.StartMeeting;
import dev.roundtable.domain.MinutesCommands.AddActionItem;
import dev.roundtable.domain.MinutesCommands.EditActionItem;
import dev.roundtable.domain.MinutesCommands.EditMinutes;
import dev.roundtable.domain.MinutesCommands.FinalizeMinutes;
import dev.roundtable.domain.MinutesCommands.MarkForNextMeeting;
import dev.roundtable.domain.MinutesCommands.ParkPoint;
import dev.roundtable.domain.MinutesCommands.RecordDecision;
import dev.roundtable.domain.MinutesCommands.RemoveActionItem;
import dev.roundtable.domain.SpeakerCommands.EndFloor;
import dev.roundtable.domain.SpeakerCommands.GiveFloor;
import dev.roundtable.domain.SpeakerCommands.LowerHand;
import dev.roundtable.domain.SpeakerCommands.RaiseHand;
import dev.roundtable.domain.SpeakerCommands.SetSpeakerLimit;
import dev.roundtable.domain.TimerCommands.ExtendTimer;
import dev.roundtable.domain.TimerCommands.PauseTimer;
import dev.roundtable.domain.TimerCommands.ResetTimer;
import dev.roundtable.domain.TimerCommands.ResumeTimer;
import dev.roundtable.domain.TimerCommands.Tick;
import dev.roundtable.domain.VoteCommands.CastVote;
import dev.roundtable.domain.VoteCommands.CloseMotion;
import dev.roundtable.domain.VoteCommands.OpenMotion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

@DisplayName("A room replayed from its events")
class RoomReplayTest {
  /** Twice the steps of the meeting-only session, since the collaboration commands now share them. */
  private static final int STEPS = 3_000;

  @RepeatedTest(value = 25, name = "random session {currentRepetition} of {totalRepetitions}")
  @DisplayName("ends in the state that apply produced, after a long random session")
  void replayGivesTheSameState(RepetitionInfo repetition) {
    long seed = seed(repetition);
    System.out.println("RoomReplayTest seed " + seed + " (rerun with -Droundtable.replay.seed=" + seed + ")");
    Session session = new Session(new Random(seed));

    session.run(STEPS);

    assertThat(Room.fold(Rooms.empty(), session.log)).as("replay of seed %d", seed).isEqualTo(session.state);
    assertThat(Room.fold(session.checkpoint, session.log.subList(session.checkpointSize, session.log.size())))
        .as("replay from a mid-session snapshot, seed %d", seed).isEqualTo(session.state);
    System.out.println("RoomReplayTest seed " + seed + ": " + session.log.size() + " events from " + session.applied
        + " accepted and " + session.rejected + " refused commands " + session.codes + "; events "
        + session.log.stream().collect(groupingBy(e -> e.getClass().getSimpleName(), TreeMap::new, counting())));
  }

  @Test
  @DisplayName("refuses a missing command as unknown, so there is nothing to record")
  void missingCommand() {
    Outcome outcome = Room.apply(Rooms.room(), FACILITATOR, null, T0);

    assertThat(outcome).isInstanceOf(Rejection.class);
    assertThat(((Rejection) outcome).code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
  }

  private static long seed(RepetitionInfo repetition) {
    String fixed = System.getProperty("roundtable.replay.seed");
    if (fixed != null && !fixed.isBlank()) {
      return Long.parseLong(fixed.strip()) + repetition.getCurrentRepetition() - 1;
    }
    return new Random().nextLong();
  }

  private static final class Session {
    private final Random random;
    private final List<Supplier<Command>> generators;
    private final List<Event> log = new ArrayList<>();
    private final Map<ErrorCode, Integer> codes = new TreeMap<>();
    private RoomState state = Rooms.empty();
    private RoomState checkpoint;
    private int checkpointSize;
    private long now = T0;
    private boolean closing;
    private int applied;
    private int rejected;

    Session(Random random) {
      this.random = random;
      this.generators = List.of(
          () -> new CreateMeeting(pick("Q3 launch", "", null), pick("Decide the date", "Decide", null),
              pick(MeetingKind.DECISION, null), null, pick(30, 0, null), pick(60, 5, null), pick("Fran", null),
              pick("Product", null)),
          () -> new EditMeeting(state.created() ? state.meeting().version() - random.nextInt(2) : 1,
              pick("Renamed", null, " "), pick("Share the plan", null), pick(MeetingKind.INFORMATION, null), null,
              pick(90, null, 0)),
          () -> new StartMeeting(),
          () -> closing && random.nextInt(3) == 0 ? new EndMeeting() : new Tick(),
          () -> new Join(pick("Guest", null), pick("Engineering", "Sales", "Legal", null),
              pick(Role.PARTICIPANT, Role.PARTICIPANT, Role.SCREEN, Role.FACILITATOR, null)),
          () -> new Connect(participantId(), pick("c1", "c2", "c3")),
          () -> new Disconnect(participantId(), pick("c1", "c2", "c3")),
          () -> new ResetPresence(),
          () -> new HandOff(participantId()),
          () -> new AddItem(pick("Topic", null), pick("Ana", null), pick(60, 10, 5, null), pick("Output", null),
              pick(ItemKind.DECIDE, ItemKind.INFORM, null), pick(0, null, null, 99)),
          () -> {
            AgendaItem item = item();
            return new EditItem(id(item), version(item), pick("Edited", null), pick("Ben", null), pick(30, null, 1),
                pick("More", null), pick(ItemKind.DISCUSS, null));
          },
          () -> {
            AgendaItem item = item();
            return new RemoveItem(id(item), pick(version(item), null));
          },
          () -> new ReorderAgenda(order()),
          () -> new StartItem(itemId()),
          () -> new StartItem(itemId()),
          () -> new CompleteItem(pick(null, itemId())),
          () -> new DeferItem(itemId()),
          () -> new PauseTimer(),
          () -> new ResumeTimer(),
          () -> new ExtendTimer(pick(30, 120, 0, null)),
          () -> new ResetTimer(),
          () -> new Tick(),
          () -> new Tick(),
          () -> new RaiseHand(),
          () -> new RaiseHand(),
          () -> new LowerHand(pick(null, participantId())),
          () -> new GiveFloor(pick(null, null, participantId())),
          () -> new EndFloor(),
          () -> new SetSpeakerLimit(pick(10, 60, 9, null)),
          // The sticky-note wall.
          () -> new AddNote(pick("Idea", null, " "), pick(null, NoteColour.PINK), pick(10, null, -1), pick(20, null),
              pick(null, "why", "risk")),
          () -> new AddNote("Another idea", null, random.nextInt(100), random.nextInt(100), null),
          () -> {
            Note note = note();
            return new EditNote(id(note), note == null ? 1 : note.version() - (random.nextInt(8) == 0 ? 1 : 0),
                pick("Edited", null));
          },
          () -> new MoveNote(noteId(), pick(100, null, 20_000), pick(200, 0), pick(null, "how", "cause")),
          () -> new RecolourNote(noteId(), pick(NoteColour.GREEN, null)),
          () -> new DeleteNote(noteId()),
          () -> new GroupNotes(noteIds(), pick("Theme", null), pick(null, clusterId())),
          () -> new Ungroup(clusterId()),
          () -> new SetBoard(pick(null, BoardTemplate.FREE, BoardTemplate.FIVE_W_ONE_H,
              BoardTemplate.PROBLEM_CAUSE_SOLUTION_RISK), pick(null, true, false), pick(null, 3, 0, 21)),
          () -> random.nextBoolean() ? new StartWritingPhase() : new RevealNotes(),
          () -> new AddDot(noteId()),
          () -> new AddDot(noteId()),
          () -> new RemoveDot(noteId()),
          // Motions.
          () -> new OpenMotion(pick("Motion", null), pick(null, itemId()), pick(null, true, false),
              pick(null, true, false), pick(null, 2), pick(null, PassRule.MAJORITY_OF_PRESENT, PassRule.AT_LEAST_N),
              pick(null, 1)),
          () -> new CastVote(motionId(), pick(Choice.AGREE, Choice.OPPOSE, Choice.NEUTRAL, null)),
          () -> new CastVote(motionId(), pick(Choice.OPPOSE, Choice.AGREE)),
          () -> new CloseMotion(motionId()),
          // The minutes.
          () -> minutesEdit(),
          () -> minutesEdit(),
          () -> closing && random.nextInt(3) == 0 ? new FinalizeMinutes() : new Tick(),
          () -> new RecordDecision(pick("Decided", null), pick(null, itemId())),
          () -> new AddActionItem(pick("Task", null), pick("Ben", null), pick(null, "Reviewed"),
              pick("2025-07-01", "soon", null), pick(null, itemId())),
          () -> {
            ActionItem item = actionItem();
            return new EditActionItem(item == null ? "a404" : item.id(),
                item == null ? 1 : item.version() - (random.nextInt(8) == 0 ? 1 : 0), pick(null, "Task 2"), null,
                pick(null, ""), pick(null, "2025-08-01", "later"),
                pick(null, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.BLOCKED), null);
          },
          () -> {
            ActionItem item = actionItem();
            return new RemoveActionItem(item == null ? "a404" : item.id());
          },
          () -> new ParkPoint(pick("Later", null)),
          () -> new MarkForNextMeeting(pointId(), pick(true, false, null)));
    }

    void run(int steps) {
      for (int i = 0; i < steps; i++) {
        if (i == steps / 2) {
          checkpoint = state;
          checkpointSize = log.size();
        }
        now += random.nextInt(10) == 0 ? random.nextInt(400_000) : random.nextInt(5_000);
        closing = i > steps * 9 / 10;
        Command command = generators.get(random.nextInt(generators.size())).get();
        apply(random.nextInt(10) < 7 ? naturalActor(command) : anyActor(), command);
      }
    }

    private void apply(Actor actor, Command command) {
      RoomState before = state;
      Outcome outcome = Room.apply(before, actor, command, now);
      if (outcome instanceof Outcome.Applied a) {
        applied++;
        assertThat(a.state()).as("%s by %s", command, actor).isEqualTo(Room.fold(before, a.events()));
        log.addAll(a.events());
        state = a.state();
        checkInvariants(command, actor);
        checkCollaboration(before, command, actor);
      } else {
        rejected++;
        codes.merge(((Rejection) outcome).code(), 1, Integer::sum);
      }
    }

    private void checkInvariants(Command command, Actor actor) {
      String after = "after " + command + " by " + actor;
      assertThat(state.agenda().stream().filter(i -> i.status() == ItemStatus.ACTIVE)).as(after).hasSizeLessThan(2);
      assertThat(state.countdown() == null).as(after).isEqualTo(state.activeItem().isEmpty());
      if (state.countdown() != null) {
        assertThat(state.countdown().itemId()).as(after).isEqualTo(state.activeItem().orElseThrow().id());
      }
      assertThat(new HashSet<>(state.queue())).as(after).hasSameSizeAs(state.queue());
      if (state.floor() != null) {
        assertThat(state.queue()).as(after).doesNotContain(state.floor().speakerId());
      }
      assertThat(state.queue()).as(after).allSatisfy(id ->
          assertThat(state.participant(id).map(Participant::role)).isPresent().get().isNotEqualTo(Role.SCREEN));
      if (state.created()) {
        assertThat(state.participants().values()).as(after).filteredOn(p -> p.role() == Role.FACILITATOR).hasSize(1);
        if (state.meeting().status() == MeetingStatus.ENDED) {
          assertThat(state.floor()).as(after).isNull();
          assertThat(state.queue()).as(after).isEmpty();
          assertThat(state.activeItem()).as(after).isEmpty();
        }
      }
      assertThat(state.participants().values()).as(after).allSatisfy(p -> assertThat(p.connections()).doesNotHaveDuplicates());
      assertThat(state.agenda()).as(after).allSatisfy(i -> assertThat(i.actualMs()).isNotNegative());
    }

    private void checkCollaboration(RoomState before, Command command, Actor actor) {
      String after = "after " + command + " by " + actor;
      assertThat(state.notes().values()).as(after).allSatisfy(n -> {
        assertThat(n.totalDots()).isEqualTo(n.dots().values().stream().mapToInt(Integer::intValue).sum());
        assertThat(n.dots().values()).allSatisfy(d -> assertThat(d).isPositive());
        if (n.hidden()) {
          assertThat(state.board().writingPhase()).isTrue();
          assertThat(n.dots()).isEmpty();
        }
        if (n.clusterId() != null) {
          assertThat(state.clusters()).containsKey(n.clusterId());
        }
        assertThat(state.board().template().accepts(n.lane())).isTrue();
      });
      assertThat(state.motions().values()).as(after)
          .allSatisfy(m -> assertThat(m.tally()).isEqualTo(Tally.of(m.votes())));
      Minutes m = state.minutes();
      assertThat(m.history().size()).as(after).isLessThanOrEqualTo(Limits.MINUTES_HISTORY);
      assertThat(m.text().length()).as(after).isLessThanOrEqualTo(Limits.MINUTES_CHARS);
      if (!m.history().isEmpty()) {
        assertThat(m.history().get(m.history().size() - 1).revision()).as(after).isEqualTo(m.revision());
      }
      if (before.minutes().finalized()) {
        assertThat(state.minutes()).as(after).isEqualTo(before.minutes());
        assertThat(state.decisions()).as(after).isEqualTo(before.decisions());
        assertThat(state.actionItems()).as(after).isEqualTo(before.actionItems());
        assertThat(state.parkingLot()).as(after).isEqualTo(before.parkingLot());
      }
      String viewer = state.participants().isEmpty() ? null : participantId();
      assertThat(Views.forViewer(state, viewer).notes().values()).as("%s, seen by %s", after, viewer)
          .allSatisfy(n -> assertThat(!n.hidden() || state.notes().get(n.id()).authorId().equals(viewer)).isTrue())
          .allSatisfy(n -> assertThat(n.dots().keySet()).isSubsetOf(viewer == null ? List.of() : List.of(viewer)));
    }

    private Actor naturalActor(Command command) {
      if (command instanceof CreateMeeting || command instanceof Join || command instanceof Connect
          || command instanceof Disconnect || command instanceof ResetPresence || command instanceof Tick) {
        return Actor.system();
      }
      if (command instanceof RaiseHand || command instanceof LowerHand || command instanceof EndFloor
          || byParticipant(command)) {
        return state.participants().isEmpty() ? Actor.system() : Actor.participant(participantId());
      }
      return state.facilitator().map(p -> Actor.participant(p.id())).orElse(Actor.system());
    }

    private Actor anyActor() {
      int roll = random.nextInt(20);
      if (roll < 3) {
        return Actor.system();
      }
      if (roll == 3) {
        return Actor.participant(UNKNOWN_ID);
      }
      if (roll < 10 && state.facilitator().isPresent()) {
        return Actor.participant(state.facilitator().get().id());
      }
      return state.participants().isEmpty() ? Actor.system() : Actor.participant(participantId());
    }

    /** The collaboration commands a participant, rather than the facilitator, typically sends. */
    private static boolean byParticipant(Command command) {
      return command instanceof AddNote || command instanceof EditNote || command instanceof MoveNote
          || command instanceof RecolourNote || command instanceof DeleteNote || command instanceof GroupNotes
          || command instanceof Ungroup || command instanceof AddDot || command instanceof RemoveDot
          || command instanceof CastVote || command instanceof EditMinutes || command instanceof AddActionItem
          || command instanceof EditActionItem || command instanceof ParkPoint;
    }

    private Note note() {
      List<Note> notes = new ArrayList<>(state.notes().values());
      return notes.isEmpty() || random.nextInt(15) == 0 ? null : notes.get(random.nextInt(notes.size()));
    }

    private static String id(Note note) {
      return note == null ? "n404" : note.id();
    }

    private String noteId() {
      return id(note());
    }

    private List<String> noteIds() {
      List<String> ids = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        String id = noteId();
        if (!ids.contains(id) || random.nextInt(10) == 0) {
          ids.add(id);
        }
      }
      return List.copyOf(ids);
    }

    private String clusterId() {
      List<String> ids = new ArrayList<>(state.clusters().keySet());
      return ids.isEmpty() || random.nextInt(15) == 0 ? "g404" : ids.get(random.nextInt(ids.size()));
    }

    private String motionId() {
      List<String> ids = new ArrayList<>(state.motions().keySet());
      return ids.isEmpty() || random.nextInt(15) == 0 ? "m404" : ids.get(random.nextInt(ids.size()));
    }

    private ActionItem actionItem() {
      List<ActionItem> items = state.actionItems();
      return items.isEmpty() || random.nextInt(15) == 0 ? null : items.get(random.nextInt(items.size()));
    }

    private String pointId() {
      List<ParkedPoint> points = state.parkingLot();
      return points.isEmpty() || random.nextInt(15) == 0 ? "k404" : points.get(random.nextInt(points.size())).id();
    }

    /**
     * An edit that inserts, deletes or both at a random spot of the text at a random recent revision; made
     * against an older revision it has to be transformed, and sometimes it does not fit at all.
     */
    private EditMinutes minutesEdit() {
      Minutes m = state.minutes();
      int behind = m.history().isEmpty() ? 0 : random.nextInt(Math.min(3, m.history().size() + 1));
      int base = m.revision() - behind;
      int length = lengthAt(base);
      int at = length == 0 ? 0 : random.nextInt(length + 1);
      int deleted = random.nextInt(4) == 0 ? Math.min(length - at, 1 + random.nextInt(3)) : 0;
      List<Object> ops = new ArrayList<>();
      if (at > 0) {
        ops.add(at);
      }
      if (deleted == 0 || random.nextBoolean()) {
        ops.add(pick("ab", "\n", "é", "x"));
      }
      if (deleted > 0) {
        ops.add(-deleted);
      }
      if (length - at - deleted > 0) {
        ops.add(length - at - deleted + (random.nextInt(20) == 0 ? 1 : 0));
      }
      return new EditMinutes(base, ops);
    }

    /** The length of the minutes text at {@code revision}, undoing the later operations of the history. */
    private int lengthAt(int revision) {
      int length = state.minutes().text().length();
      List<Minutes.MinutesRevision> history = state.minutes().history();
      for (int i = history.size() - 1; i >= 0 && history.get(i).revision() > revision; i--) {
        for (Object op : history.get(i).ops()) {
          if (op instanceof String insert) {
            length -= insert.length();
          } else if ((Integer) op < 0) {
            length -= (Integer) op;
          }
        }
      }
      return length;
    }

    private String participantId() {
      List<String> ids = new ArrayList<>(state.participants().keySet());
      return ids.isEmpty() || random.nextInt(15) == 0 ? UNKNOWN_ID : ids.get(random.nextInt(ids.size()));
    }

    private String itemId() {
      return id(item());
    }

    private AgendaItem item() {
      List<AgendaItem> items = state.agenda();
      return items.isEmpty() || random.nextInt(15) == 0 ? null : items.get(random.nextInt(items.size()));
    }

    private static String id(AgendaItem item) {
      return item == null ? UNKNOWN_ITEM : item.id();
    }

    private Integer version(AgendaItem item) {
      return item == null ? 1 : item.version() - (random.nextInt(8) == 0 ? 1 : 0);
    }

    private List<String> order() {
      List<String> ids = new ArrayList<>(state.agenda().stream().map(AgendaItem::id).toList());
      Collections.shuffle(ids, random);
      if (!ids.isEmpty() && random.nextInt(8) == 0) {
        ids.remove(0);
      }
      return List.copyOf(ids);
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
      return random.nextInt(4) == 0 ? choices[random.nextInt(choices.length)] : choices[0];
    }
  }
}
