package dev.roundtable.domain;

/** A named group of notes on the board. */
public record NoteCluster(String id, String name) {
}
