package dev.roundtable.series.core;

/** Something that happened to a series; carries resulting values, so {@link #evolve} never fails. */
public sealed interface SeriesEvent permits SeriesEvents.SeriesCreated, SeriesEvents.SeriesEdited,
    SeriesEvents.MemberSaved, SeriesEvents.MemberRemoved, SeriesEvents.OccurrenceSaved, SeriesEvents.SequenceRaised,
    SeriesEvents.EffectRecorded, SeriesEvents.EffectCompleted, SeriesEvents.ChatGroupAdded,
    SeriesEvents.ChatGroupRemoved, SeriesEvents.ChatGroupChanged {
  Series evolve(Series state);
}
