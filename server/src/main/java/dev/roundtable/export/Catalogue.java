package dev.roundtable.export;

import dev.roundtable.domain.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every word the minutes export writes itself, in one language: labels, headings, remarks, the wording of a
 * motion's decision, and the date-time pattern. One {@code minutes_<tag>.properties} per {@link Language},
 * all with the same keys; a missing key is a bug, so it fails loudly instead of printing the key.
 */
final class Catalogue {
  private static final Map<Language, Catalogue> ALL = new EnumMap<>(Language.class);

  static {
    for (Language language : Language.values()) {
      ALL.put(language, load(language));
    }
  }

  private final Properties texts;
  private final Locale locale;
  private final DateTimeFormatter dateTime;

  private Catalogue(Properties texts, Locale locale) {
    this.texts = texts;
    this.locale = locale;
    this.dateTime = DateTimeFormatter.ofPattern(text("format.dateTime"), locale);
  }

  static Catalogue of(Language language) {
    return ALL.get(language);
  }

  /** The text of {@code key} with {@code {0}}, {@code {1}}, ... replaced by {@code args}, as given. */
  String text(String key, Object... args) {
    String text = texts.getProperty(key);
    if (text == null) {
      throw new IllegalStateException("the " + locale.toLanguageTag() + " minutes catalogue has no " + key);
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /** Like {@link #text}, or {@code fallback} when the catalogue has no such key (a lane it does not name). */
  String textOr(String key, String fallback) {
    return texts.getProperty(key, fallback);
  }

  /** Day, date and 24-hour time, in the catalogue's language. */
  DateTimeFormatter dateTime() {
    return dateTime;
  }

  Locale locale() {
    return locale;
  }

  Set<String> keys() {
    return new TreeSet<>(texts.stringPropertyNames());
  }

  private static Catalogue load(Language language) {
    String name = "minutes_" + language.tag() + ".properties";
    try (InputStream in = Catalogue.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no minutes catalogue " + name);
      }
      Properties texts = new Properties();
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return new Catalogue(texts, Locale.forLanguageTag(language.tag()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
