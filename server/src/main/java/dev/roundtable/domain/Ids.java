package dev.roundtable.domain;

/** Ids inside a room come from the room's serial counter, so replaying a room gives the same ids. */
final class Ids {
  private Ids() {
  }

  static String participant(long serial) {
    return "p" + serial;
  }

  static String item(long serial) {
    return "i" + serial;
  }
}
