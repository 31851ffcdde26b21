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

  static String note(long serial) {
    return "n" + serial;
  }

  static String cluster(long serial) {
    return "g" + serial;
  }

  static String motion(long serial) {
    return "m" + serial;
  }

  static String decision(long serial) {
    return "d" + serial;
  }

  static String action(long serial) {
    return "a" + serial;
  }

  static String point(long serial) {
    return "k" + serial;
  }
}
