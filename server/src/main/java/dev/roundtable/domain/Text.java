package dev.roundtable.domain;

/** Normalises optional text fields: stripped, with {@code null} or blank meaning "not given". */
final class Text {
  private Text() {
  }

  static String orEmpty(String value) {
    return value == null ? "" : value.strip();
  }

  static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
