package dev.roundtable.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The language a meeting is held in, chosen when it is created: its exports are written in it. On the wire
 * it is its BCP 47 {@link #tag}; a meeting created before languages existed is in English.
 */
public enum Language {
  EN("en"), ZH_CN("zh-CN");

  public static final Language DEFAULT = EN;

  private final String tag;

  Language(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** The language of a tag, in any case ({@code zh-cn} is {@code zh-CN}). */
  public static Optional<Language> ofTag(String tag) {
    return tag == null ? Optional.empty()
        : Arrays.stream(values()).filter(l -> l.tag.equalsIgnoreCase(tag.strip())).findFirst();
  }

  /** The tags, as a message lists them: {@code en or zh-CN}. */
  public static String tags() {
    return String.join(" or ", Arrays.stream(values()).map(Language::tag).toList());
  }
}
