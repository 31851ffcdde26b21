package dev.roundtable.domain;

/** A named group of notes on the board. */
public record Cluster(String id, String name) {
}
