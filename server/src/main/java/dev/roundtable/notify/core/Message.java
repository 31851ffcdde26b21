package dev.roundtable.notify.core;

import dev.roundtable.domain.Language;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One notification to send, as the caller (a series, the tracker) composed it in the series' language: a
 * title and a Markdown body, the people to mention (mobile numbers for DingTalk, user ids for WeCom, open ids
 * for Feishu; ignored by email), and for email an optional calendar invitation ({@code .ics} bytes, sent as a
 * {@code text/calendar; method=REQUEST} part) and an optional file ({@code attachment}: the full minutes as
 * Markdown, say). {@code key} is the idempotency key: enqueueing the same key twice sends one message.
 */
public record Message(String key, String seriesId, Destination destination, Language language, String title,
    String markdown, List<String> mentions, byte[] calendar, Attachment attachment) {

  public static final int MAX_KEY = 200;
  public static final int MAX_TITLE = 200;
  public static final int MAX_MARKDOWN = 20_000;
  public static final int MAX_MENTIONS = 100;
  public static final int MAX_ATTACHMENT_BYTES = 1024 * 1024;

  /** A file sent with an email: its name, media type and bytes. */
  public record Attachment(String name, String contentType, byte[] data) {
    public Attachment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(contentType, "contentType");
      data = Objects.requireNonNull(data, "data").clone();
      if (name.isBlank() || name.length() > 200 || data.length > MAX_ATTACHMENT_BYTES) {
        throw new IllegalArgumentException("an attachment has a name of 1 to 200 characters and at most "
            + MAX_ATTACHMENT_BYTES + " bytes");
      }
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Attachment a && name.equals(a.name) && contentType.equals(a.contentType)
          && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, contentType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
      return "Attachment[" + name + ", " + contentType + ", " + data.length + " bytes]";
    }
  }

  /** A message without an attachment. */
  public Message(String key, String seriesId, Destination destination, Language language, String title,
      String markdown, List<String> mentions, byte[] calendar) {
    this(key, seriesId, destination, language, title, markdown, mentions, calendar, null);
  }

  public Message {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(language, "language");
    if (key == null || key.isBlank() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException("key must be 1 to " + MAX_KEY + " characters");
    }
    seriesId = seriesId == null ? "" : seriesId;
    title = title == null ? "" : title.strip();
    markdown = markdown == null ? "" : markdown;
    if (title.isEmpty() || title.length() > MAX_TITLE) {
      throw new IllegalArgumentException("title must be 1 to " + MAX_TITLE + " characters");
    }
    if (markdown.length() > MAX_MARKDOWN) {
      throw new IllegalArgumentException("markdown must be at most " + MAX_MARKDOWN + " characters");
    }
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    if (mentions.size() > MAX_MENTIONS || mentions.stream().anyMatch(m -> !m.matches("[A-Za-z0-9_@.+\\-]{1,64}"))) {
      throw new IllegalArgumentException("mentions must be at most " + MAX_MENTIONS + " ids of letters, digits and _@.+-");
    }
    calendar = calendar == null || calendar.length == 0 ? null : calendar.clone();
    if (calendar != null && destination.channel() != Channel.EMAIL) {
      throw new IllegalArgumentException("only an email carries a calendar invitation");
    }
    if (attachment != null && destination.channel() != Channel.EMAIL) {
      throw new IllegalArgumentException("only an email carries an attachment");
    }
  }

  public Channel channel() {
    return destination.channel();
  }

  @Override
  public byte[] calendar() {
    return calendar == null ? null : calendar.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m && key.equals(m.key) && seriesId.equals(m.seriesId)
        && destination.equals(m.destination) && language == m.language && title.equals(m.title)
        && markdown.equals(m.markdown) && mentions.equals(m.mentions) && Arrays.equals(calendar, m.calendar)
        && Objects.equals(attachment, m.attachment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, seriesId, destination, language, title, markdown, mentions, Arrays.hashCode(calendar),
        attachment);
  }

  /** Without the destination's URL and secret: safe for a log line. */
  @Override
  public String toString() {
    return "Message[" + key + ", series " + seriesId + ", " + destination + ", " + language.tag() + ", \"" + title + "\"]";
  }
}
