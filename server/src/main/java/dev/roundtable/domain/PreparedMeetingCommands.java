package dev.roundtable.domain;

import dev.roundtable.domain.AgendaCommands.AddItem;
import dev.roundtable.domain.BoardCommands.AddNote;
import dev.roundtable.domain.BoardCommands.GroupNotes;
import dev.roundtable.domain.MeetingCommands.CreateMeeting;
import dev.roundtable.domain.MeetingCommands.Join;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A meeting prepared before it started (an occurrence of a series), created in one command so that the room
 * either exists with everything it was prepared with or not at all: its details, the facilitator, the
 * invitees (known by their key, not yet attended), the agenda draft, and the answers members sent to the
 * input asked of them, as notes on the board, one cluster per question. Each part is decided by the command
 * that would add it alone (so the same limits and checks hold), in order, on the state the previous parts
 * left; a refusal of any part refuses the whole, naming the part.
 */
public final class PreparedMeetingCommands {
  private PreparedMeetingCommands() {
  }

  /** Someone the room knows before they come: {@code key} names them outside the room. */
  public record Person(String key, String name, String department) {
  }

  /** An agenda item of the draft. */
  public record Item(String title, String owner, Integer timeboxSeconds, String expectedOutput, ItemKind kind) {
  }

  /** A question asked before the meeting and the answers to it. */
  public record Input(String question, List<Answer> answers) {
  }

  /** One person's answer; {@code author} becomes a participant if they are not one yet. */
  public record Answer(Person author, String text) {
  }

  public record CreatePreparedMeeting(String title, String goal, MeetingKind kind, Long scheduledStart,
      Integer plannedMinutes, String language, Person facilitator, List<Person> invitees, List<Item> agenda,
      List<Input> inputs) implements Command {

    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      if (!a.isSystem()) {
        return Rejection.of(ErrorCode.FORBIDDEN, "only the server may do this");
      }
      if (facilitator == null) {
        return Rejection.of(ErrorCode.INVALID_FIELD, "facilitator is required");
      }
      Steps steps = new Steps(s, now);
      steps.run("", a, new CreateMeeting(title, goal, kind, scheduledStart, plannedMinutes, null,
          facilitator.name(), facilitator.department(), language));
      String facilitatorId = steps.lastResult("participantId");
      steps.keyFacilitator(facilitatorId, facilitator.key());
      List<Person> people = invitees == null ? List.of() : invitees;
      for (int i = 0; i < people.size(); i++) {
        steps.join("invitees[" + i + "].", people.get(i));
      }
      List<Item> items = agenda == null ? List.of() : agenda;
      for (int i = 0; i < items.size(); i++) {
        Item it = items.get(i);
        steps.run("agenda[" + i + "].", a, it == null ? null
            : new AddItem(it.title(), it.owner(), it.timeboxSeconds(), it.expectedOutput(), it.kind(), null));
      }
      List<Input> asked = inputs == null ? List.of() : inputs;
      for (int q = 0; q < asked.size(); q++) {
        steps.input("inputs[" + q + "].", asked.get(q), q, asked.size(), facilitatorId);
      }
      return steps.decision(Map.of("participantId", facilitatorId == null ? "" : facilitatorId));
    }
  }

  /** Decides the parts one after another on the state the previous ones left. */
  private static final class Steps {
    private static final int ROWS = 6;
    private static final int FIRST_ROW = 700;
    private static final int ROW_STEP = 1700;

    private final long now;
    private RoomState state;
    private final List<Event> events = new ArrayList<>();
    private Map<String, Object> last = Map.of();
    private Rejection refused;

    Steps(RoomState state, long now) {
      this.state = state;
      this.now = now;
    }

    void run(String part, Actor actor, Command command) {
      if (refused != null) {
        return;
      }
      if (command == null) {
        refused = Rejection.of(ErrorCode.INVALID_FIELD, part.isEmpty() ? "a part is missing" : part + " is missing");
        return;
      }
      Decision d = command.decide(state, actor, now);
      if (d instanceof Rejection r) {
        refused = new Rejection(r.code(), part + r.message(), r.reason());
        return;
      }
      Decision.Accept accept = (Decision.Accept) d;
      events.addAll(accept.events());
      state = Room.fold(state, accept.events());
      last = accept.result();
    }

    String lastResult(String key) {
      return refused == null ? (String) last.get(key) : null;
    }

    /** CreateMeeting joins the facilitator without a key; the prepared one has theirs from the start. */
    void keyFacilitator(String facilitatorId, String key) {
      if (refused != null || key == null || key.isBlank()) {
        return;
      }
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i) instanceof MeetingEvents.ParticipantJoined j && j.participantId().equals(facilitatorId)) {
          MeetingEvents.ParticipantJoined keyed = new MeetingEvents.ParticipantJoined(j.participantId(), j.name(),
              j.department(), j.role(), j.at(), j.serial(), key.strip());
          events.set(i, keyed);
          state = keyed.evolve(state);
        }
      }
    }

    /** The participant of {@code p}: joined now when the room does not know them yet. */
    String join(String part, Person p) {
      if (p == null) {
        run(part, Actor.system(), null);
        return null;
      }
      if (p.key() == null || p.key().isBlank()) {
        refused = Rejection.of(ErrorCode.INVALID_FIELD, part + "key is required");
        return null;
      }
      run(part, Actor.system(), new Join(p.name(), p.department(), Role.PARTICIPANT, p.key()));
      return lastResult("participantId");
    }

    /** The answers to question {@code q} of {@code count}, in a column of their own, grouped under the question. */
    void input(String part, Input in, int q, int count, String facilitatorId) {
      if (in == null || in.answers() == null || in.answers().isEmpty()) {
        return;
      }
      List<String> noteIds = new ArrayList<>();
      for (int i = 0; i < in.answers().size() && refused == null; i++) {
        Answer ans = in.answers().get(i);
        String at = part + "answers[" + i + "].";
        String author = join(at + "author.", ans == null ? null : ans.author());
        if (author == null) {
          return;
        }
        int x = Math.round((q + 0.5f) / count * 10_000);
        int y = FIRST_ROW + (i % ROWS) * ROW_STEP + (i / ROWS % 2) * (ROW_STEP / 2);
        run(at, Actor.participant(author), new AddNote(ans.text(), null, x, y, null));
        String noteId = lastResult("noteId");
        if (noteId != null) {
          noteIds.add(noteId);
        }
      }
      if (facilitatorId != null) {
        run(part, Actor.participant(facilitatorId), new GroupNotes(noteIds, in.question(), null));
      }
    }

    Decision decision(Map<String, Object> result) {
      return refused != null ? refused : new Decision.Accept(events, result);
    }
  }
}
