package dev.roundtable.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Events of the sticky-note wall. Every event about one note carries {@code privateTo}, the author's id
 * while the note is private (written in a writing phase and not yet revealed), so that its public view is
 * nothing at all: no other client learns even that the note exists.
 */
public final class BoardEvents {
  private BoardEvents() {
  }

  /**
   * An event about one existing note: while the note is private ({@code privateTo} is its author), only
   * that author receives the event.
   */
  interface OneNote extends Event {
    String privateTo();

    @Override
    default Optional<Event> viewFor(String viewerId) {
      return privateTo() == null || privateTo().equals(viewerId) ? Optional.of(this) : Optional.empty();
    }

    @Override
    default Set<String> privileged() {
      return privateTo() == null ? Set.of() : Set.of(privateTo());
    }
  }

  public record NoteAdded(Note note, long serial) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().note(note).serial(serial).build();
    }

    @Override
    public Optional<Event> viewFor(String viewerId) {
      return note.visibleTo(viewerId) ? Optional.of(new NoteAdded(note.seenBy(viewerId), serial)) : Optional.empty();
    }

    @Override
    public Set<String> privileged() {
      return note.hidden() ? Set.of(note.authorId()) : Set.of();
    }
  }

  public record NoteEdited(String noteId, String text, int version, String privateTo) implements OneNote {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().note(s.notes().get(noteId).withText(text, version)).build();
    }
  }

  /** A move: frequent, unversioned; the last position wins. */
  public record NoteMoved(String noteId, int x, int y, String lane, String privateTo) implements OneNote {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().note(s.notes().get(noteId).withPosition(x, y, lane)).build();
    }
  }

  public record NoteRecoloured(String noteId, NoteColour colour, String privateTo) implements OneNote {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().note(s.notes().get(noteId).withColour(colour)).build();
    }
  }

  public record NoteDeleted(String noteId, String privateTo) implements OneNote {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().removeNote(noteId).build();
    }
  }

  /** A cluster was created (or, when it existed, extended) with these notes. */
  public record NotesGrouped(NoteCluster cluster, List<String> noteIds, long serial) implements Event {
    public NotesGrouped {
      noteIds = List.copyOf(noteIds);
    }

    @Override
    public RoomState evolve(RoomState s) {
      RoomState.Builder b = s.toBuilder().cluster(cluster).serial(serial);
      noteIds.forEach(id -> b.note(s.notes().get(id).withCluster(cluster.id())));
      return b.build();
    }
  }

  /** The cluster is gone; its notes stay, ungrouped. */
  public record ClusterRemoved(String clusterId) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      RoomState.Builder b = s.toBuilder().removeCluster(clusterId);
      s.notes().values().stream().filter(n -> clusterId.equals(n.clusterId()))
          .forEach(n -> b.note(n.withCluster(null)));
      return b.build();
    }
  }

  public record BoardChanged(BoardTemplate template, boolean anonymous, int dotLimit) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      return s.toBuilder().board(new Board(template, s.board().writingPhase(), anonymous, dotLimit)).build();
    }
  }

  public record WritingPhaseStarted(long at) implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Board b = s.board();
      return s.toBuilder().board(new Board(b.template(), true, b.anonymous(), b.dotLimit())).build();
    }
  }

  /** The writing phase ends and every private note becomes visible; the event carries them for those who never saw them. */
  public record NotesRevealed(List<Note> notes, long at) implements Event {
    public NotesRevealed {
      notes = List.copyOf(notes);
    }

    @Override
    public RoomState evolve(RoomState s) {
      Board b = s.board();
      RoomState.Builder builder = s.toBuilder().board(new Board(b.template(), false, b.anonymous(), b.dotLimit()));
      notes.forEach(n -> builder.note(s.notes().get(n.id()).revealed()));
      return builder.build();
    }

    /** Private notes carry no dots (they cannot be voted on), so everyone sees the same revealed notes. */
    @Override
    public Optional<Event> viewFor(String viewerId) {
      return Optional.of(new NotesRevealed(notes.stream().map(n -> n.revealed().seenBy(null)).toList(), at));
    }
  }

  /** A dot vote placed or taken back; voters are never shown to others, only the note's total. */
  public record DotsChanged(String noteId, String participantId, Integer dotsOfParticipant, int totalDots)
      implements Event {
    @Override
    public RoomState evolve(RoomState s) {
      Note n = s.notes().get(noteId);
      Map<String, Integer> dots = new HashMap<>(n.dots());
      if (dotsOfParticipant == 0) {
        dots.remove(participantId);
      } else {
        dots.put(participantId, dotsOfParticipant);
      }
      return s.toBuilder().note(n.withDots(dots)).build();
    }

    @Override
    public Optional<Event> viewFor(String viewerId) {
      return Optional.of(participantId.equals(viewerId) ? this : new DotsChanged(noteId, null, null, totalDots));
    }

    @Override
    public Set<String> privileged() {
      return Set.of(participantId);
    }
  }
}
