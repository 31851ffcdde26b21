package dev.roundtable.series.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The series' events. Each carries the values it results in (a whole member, a whole occurrence). */
public final class SeriesEvents {
  private SeriesEvents() {
  }

  public record SeriesCreated(Series series) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      return series;
    }
  }

  /** The series' own fields after an edit. */
  public record SeriesEdited(Series.Details details) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      return s.withDetails(details);
    }
  }

  /** A member added (new id) or changed (same id); {@code serial} is the series' counter after it. */
  public record MemberSaved(Member member, long serial) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      List<Member> members = new ArrayList<>(s.members());
      members.removeIf(m -> m.id().equals(member.id()));
      int at = indexOf(s.members(), member.id());
      members.add(at < 0 ? members.size() : at, member);
      return s.withMembers(members).withSerial(serial);
    }

    private static int indexOf(List<Member> members, String id) {
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).id().equals(id)) {
          return i;
        }
      }
      return -1;
    }
  }

  public record MemberRemoved(String memberId) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      return s.withMembers(s.members().stream().filter(m -> !m.id().equals(memberId)).toList());
    }
  }

  /** An occurrence opened or changed; occurrences are kept in order of start. */
  public record OccurrenceSaved(Occurrence occurrence, long serial) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      List<Occurrence> list = new ArrayList<>(s.occurrences());
      list.removeIf(o -> o.id().equals(occurrence.id()));
      list.add(occurrence);
      list.sort(Comparator.comparingLong(Occurrence::start).thenComparing(Occurrence::id));
      return s.withOccurrences(list).withSerial(serial);
    }
  }

  /** The calendar SEQUENCE of the series' invitations after a change that was already announced. */
  public record SequenceRaised(int sequence) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      return s.withSequence(sequence);
    }
  }

  public record EffectRecorded(PendingEffect effect, long serial) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      List<PendingEffect> list = new ArrayList<>(s.effects());
      list.add(effect);
      return s.withEffects(list).withSerial(serial);
    }
  }

  public record EffectCompleted(String effectId) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      return s.withEffects(s.effects().stream().filter(e -> !e.id().equals(effectId)).toList());
    }
  }

  /** A chat group added; {@code serial} is the series' counter after it. */
  public record ChatGroupAdded(ChatGroup group, long serial) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      List<ChatGroup> list = new ArrayList<>(s.chatGroups());
      list.add(group);
      return s.withChatGroups(list).withSerial(serial);
    }
  }

  public record ChatGroupRemoved(String chatGroupId) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      return s.withChatGroups(s.chatGroups().stream().filter(g -> !g.id().equals(chatGroupId)).toList());
    }
  }

  /** A chat group's label, webhook or secret changed; it keeps its id and place. */
  public record ChatGroupChanged(ChatGroup group) implements SeriesEvent {
    @Override
    public Series evolve(Series s) {
      return s.withChatGroups(s.chatGroups().stream().map(g -> g.id().equals(group.id()) ? group : g).toList());
    }
  }
}
