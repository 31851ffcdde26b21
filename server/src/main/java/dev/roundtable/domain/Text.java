package dev.roundtable.domain;

/** Normalises optional text fields: stripped, with {@code null} or blank meaning "not given". */
public final class Text {
  private Text() {
  }

  static String orEmpty(String value) {
    return value == null ? "" : value.strip();
  }

  /**
   * No unpaired UTF-16 surrogate: such a string cannot be encoded as JSON faithfully (it would reach
   * clients as "?"), so replicas of it would silently differ.
   */
  public static boolean wellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
