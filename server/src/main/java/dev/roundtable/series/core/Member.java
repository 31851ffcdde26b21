package dev.roundtable.series.core;

/**
 * A person of a series. {@code linkVersion} is the version of their personal link: a link carries the version
 * it was issued with and opens nothing once the member's version has moved on (a rotated link). A substitute
 * added for one occurrence is an ordinary member with the absentee's part; {@code substituteFor} remembers whom
 * they stood in for.
 */
public record Member(String id, String name, String department, String email, Mentions mentions, Part part,
    int linkVersion, String substituteFor) {

  Member withLinkVersion(int version) {
    return new Member(id, name, department, email, mentions, part, version, substituteFor);
  }
}
