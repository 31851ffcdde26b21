package dev.roundtable.domain;

/** Sticky-note colours; a fixed palette so every screen renders them with readable contrast. */
public enum NoteColour {
  YELLOW, PINK, GREEN, BLUE, ORANGE, PURPLE
}
