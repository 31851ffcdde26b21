package dev.roundtable.domain;

import dev.roundtable.domain.BoardEvents.BoardChanged;
import dev.roundtable.domain.BoardEvents.ClusterRemoved;
import dev.roundtable.domain.BoardEvents.DotsChanged;
import dev.roundtable.domain.BoardEvents.NoteAdded;
import dev.roundtable.domain.BoardEvents.NoteDeleted;
import dev.roundtable.domain.BoardEvents.NoteEdited;
import dev.roundtable.domain.BoardEvents.NoteMoved;
import dev.roundtable.domain.BoardEvents.NoteRecoloured;
import dev.roundtable.domain.BoardEvents.NotesGrouped;
import dev.roundtable.domain.BoardEvents.NotesRevealed;
import dev.roundtable.domain.BoardEvents.WritingPhaseStarted;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sticky-note wall: participants add, edit, move, recolour and delete notes, group them into clusters
 * and place dot votes; the facilitator sets the template, anonymity and dot limit, and runs the private
 * writing phase.
 */
public final class BoardCommands {
  private BoardCommands() {
  }

  /** Adds a note; during a writing phase it stays private to its author, while anonymous it has no visible author. */
  public record AddNote(String text, NoteColour colour, Integer x, Integer y, String lane) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().speaker()
          .text("text", text, Limits.NOTE_TEXT_CHARS, true)
          .range("x", x, 0, Limits.BOARD_EXTENT, false)
          .range("y", y, 0, Limits.BOARD_EXTENT, false)
          .andThen(() -> laneFits(s, lane))
          .check(s.notes().size() < Limits.MAX_NOTES, ErrorCode.LIMIT_REACHED,
              "the board is full (" + Limits.MAX_NOTES + " notes)")
          .then(() -> {
            String id = Ids.note(s.serial() + 1);
            Board board = s.board();
            Note note = new Note(id, text.strip(), colour == null ? NoteColour.YELLOW : colour,
                x == null ? 0 : x, y == null ? 0 : y, lane, a.participantId(), null, board.writingPhase(),
                board.anonymous(), 1, Map.of(), 0, now);
            return Decision.accept(Map.of("noteId", id), new NoteAdded(note, s.serial() + 1));
          });
    }
  }

  /** Changes a note's text; by its author or the facilitator, against the note's current version. */
  public record EditNote(String noteId, Integer version, String text) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open()
          .present("version", version)
          .text("text", text, Limits.NOTE_TEXT_CHARS, true)
          .andThen(() -> Lookups.note(s, noteId, a))
          .andThen(() -> authorOrFacilitator(s, s.notes().get(noteId), a))
          .andThen(() -> Versions.check("note " + noteId, s.notes().get(noteId).version(), version))
          .then(() -> {
            Note n = s.notes().get(noteId);
            return Decision.accept(new NoteEdited(noteId, text.strip(), n.version() + 1, privateTo(n)));
          });
    }
  }

  /** Moves a note (and optionally into a lane); anyone who can see it may, and the last move wins. */
  public record MoveNote(String noteId, Integer x, Integer y, String lane) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().speaker()
          .range("x", x, 0, Limits.BOARD_EXTENT, true)
          .range("y", y, 0, Limits.BOARD_EXTENT, true)
          .andThen(() -> laneFits(s, lane))
          .andThen(() -> Lookups.note(s, noteId, a))
          .then(() -> Decision.accept(new NoteMoved(noteId, x, y, lane, privateTo(s.notes().get(noteId)))));
    }
  }

  public record RecolourNote(String noteId, NoteColour colour) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open()
          .present("colour", colour)
          .andThen(() -> Lookups.note(s, noteId, a))
          .andThen(() -> authorOrFacilitator(s, s.notes().get(noteId), a))
          .then(() -> Decision.accept(new NoteRecoloured(noteId, colour, privateTo(s.notes().get(noteId)))));
    }
  }

  public record DeleteNote(String noteId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open()
          .andThen(() -> Lookups.note(s, noteId, a))
          .andThen(() -> authorOrFacilitator(s, s.notes().get(noteId), a))
          .then(() -> Decision.accept(new NoteDeleted(noteId, privateTo(s.notes().get(noteId)))));
    }
  }

  /**
   * Groups visible notes into a cluster: a new one named {@code name}, or the existing {@code clusterId}.
   * A note moves out of any cluster it was in.
   */
  public record GroupNotes(List<String> noteIds, String name, String clusterId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().speaker()
          .present("noteIds", noteIds)
          .check(noteIds == null || (!noteIds.isEmpty() && new HashSet<>(noteIds).size() == noteIds.size()),
              ErrorCode.INVALID_FIELD, "noteIds must name at least one note, each once")
          .text("name", name, Limits.CLUSTER_NAME_CHARS, clusterId == null)
          .check(clusterId == null || s.clusters().containsKey(clusterId), ErrorCode.CLUSTER_NOT_FOUND,
              "no cluster " + clusterId)
          .check(clusterId != null || s.clusters().size() < Limits.MAX_CLUSTERS, ErrorCode.LIMIT_REACHED,
              "the board has " + Limits.MAX_CLUSTERS + " clusters already")
          .andThen(() -> noteIds.stream().map(id -> Lookups.note(s, id, a)).flatMap(Optional::stream).findFirst())
          .check(noteIds == null || noteIds.stream().map(s.notes()::get)
              .allMatch(n -> n == null || !n.hidden()), ErrorCode.INVALID_STATE,
              "private notes can be grouped once they are revealed")
          .then(() -> {
            NoteCluster cluster = clusterId != null
                ? (name == null || name.isBlank() ? s.clusters().get(clusterId)
                    : new NoteCluster(clusterId, name.strip()))
                : new NoteCluster(Ids.cluster(s.serial() + 1), name.strip());
            return Decision.accept(Map.of("clusterId", cluster.id()),
                new NotesGrouped(cluster, noteIds, clusterId == null ? s.serial() + 1 : s.serial()));
          });
    }
  }

  /** Dissolves a cluster; its notes stay where they are. */
  public record Ungroup(String clusterId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().speaker()
          .check(clusterId != null && s.clusters().containsKey(clusterId), ErrorCode.CLUSTER_NOT_FOUND,
              "no cluster " + clusterId)
          .then(() -> Decision.accept(new ClusterRemoved(clusterId)));
    }
  }

  /** Sets the board's template, anonymity and dot limit; fields left out keep their value. */
  public record SetBoard(BoardTemplate template, Boolean anonymous, Integer dotLimit) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .range("dotLimit", dotLimit, 0, Limits.MAX_DOT_LIMIT, false)
          .check(template == null || !s.board().writingPhase(), ErrorCode.INVALID_STATE,
              "the template cannot change during a writing phase")
          .check(template == null || s.notes().values().stream().allMatch(n -> template.accepts(n.lane())),
              ErrorCode.INVALID_STATE, "some notes sit in lanes the new template does not have; move them first")
          .then(() -> {
            Board b = s.board();
            return Decision.accept(new BoardChanged(template == null ? b.template() : template,
                anonymous == null ? b.anonymous() : anonymous, dotLimit == null ? b.dotLimit() : dotLimit));
          });
    }
  }

  /** Starts a private writing phase: notes added from now on are seen by their author only, until revealed. */
  public record StartWritingPhase() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .check(!s.board().writingPhase(), ErrorCode.INVALID_STATE, "a writing phase is already running")
          .then(() -> Decision.accept(new WritingPhaseStarted(now)));
    }
  }

  /** Ends the writing phase and shows every private note to everyone. */
  public record RevealNotes() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().facilitator()
          .check(s.board().writingPhase(), ErrorCode.INVALID_STATE, "no writing phase is running")
          .then(() -> Decision.accept(revealAll(s, now)));
    }
  }

  /** Places one dot vote on a note, within the facilitator's per-participant limit. */
  public record AddDot(String noteId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      String me = a.participantId();
      return Guard.on(s, a).open().speaker()
          .check(s.board().dotLimit() > 0, ErrorCode.INVALID_STATE, "dot voting is off")
          .andThen(() -> Lookups.note(s, noteId, a))
          .check(s.notes().get(noteId) == null || !s.notes().get(noteId).hidden(), ErrorCode.INVALID_STATE,
              "a private note cannot be voted on before it is revealed")
          .check(dotsUsed(s, me) < s.board().dotLimit(), ErrorCode.LIMIT_REACHED,
              "you have used all " + s.board().dotLimit() + " dots")
          .then(() -> {
            Note n = s.notes().get(noteId);
            return Decision.accept(new DotsChanged(noteId, me, n.dotsOf(me) + 1, n.totalDots() + 1));
          });
    }
  }

  /** Takes back one of the sender's dots from a note. */
  public record RemoveDot(String noteId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      String me = a.participantId();
      return Guard.on(s, a).open().speaker()
          .andThen(() -> Lookups.note(s, noteId, a))
          .check(s.notes().get(noteId) == null || s.notes().get(noteId).dotsOf(me) > 0, ErrorCode.INVALID_STATE,
              "you have no dot on this note")
          .then(() -> {
            Note n = s.notes().get(noteId);
            return Decision.accept(new DotsChanged(noteId, me, n.dotsOf(me) - 1, n.totalDots() - 1));
          });
    }
  }

  /** Ends the writing phase, carrying every private note to those who never saw it. */
  static NotesRevealed revealAll(RoomState s, long now) {
    return new NotesRevealed(s.notes().values().stream().filter(Note::hidden).toList(), now);
  }

  private static int dotsUsed(RoomState s, String participantId) {
    return s.notes().values().stream().mapToInt(n -> n.dotsOf(participantId)).sum();
  }

  private static String privateTo(Note n) {
    return n.hidden() ? n.authorId() : null;
  }

  private static Optional<Rejection> laneFits(RoomState s, String lane) {
    return s.board().template().accepts(lane) ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.INVALID_FIELD,
            "lane must be one of " + s.board().template().lanes() + " on this board"));
  }

  /** The refusal never names the author: on an anonymous board that would give them away. */
  private static Optional<Rejection> authorOrFacilitator(RoomState s, Note n, Actor a) {
    boolean facilitator = a.isSystem()
        || s.participant(a.participantId()).map(p -> p.role() == Role.FACILITATOR).orElse(false);
    return facilitator || n.authorId().equals(a.participantId()) ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.FORBIDDEN, "only the note's author or the facilitator may do this"));
  }
}
