package dev.roundtable.notify.core;

import dev.roundtable.domain.Language;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The digest rule: when a robot's window is full, the messages waiting for it are not dropped and not sent
 * one by one into the service's limit; when the window opens they go as one message that holds them all, in
 * the order they were written. One message stays itself.
 */
public final class Digest {
  private Digest() {
  }

  /** One message for all of {@code messages} (same destination), in the first one's language. */
  public static Message merge(String key, List<Message> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Message first = messages.get(0);
    if (messages.size() == 1) {
      return first;
    }
    String body = messages.stream().map(m -> "**" + m.title() + "**\n\n" + m.markdown())
        .collect(Collectors.joining("\n\n---\n\n"));
    List<String> mentions = List.copyOf(messages.stream().flatMap(m -> m.mentions().stream())
        .collect(Collectors.toCollection(LinkedHashSet::new)));
    if (mentions.size() > Message.MAX_MENTIONS) {
      mentions = mentions.subList(0, Message.MAX_MENTIONS);
    }
    if (body.length() > Message.MAX_MARKDOWN) {
      body = body.substring(0, Character.isLowSurrogate(body.charAt(Message.MAX_MARKDOWN))
          ? Message.MAX_MARKDOWN - 1 : Message.MAX_MARKDOWN);
    }
    return new Message(key, first.seriesId(), first.destination(), first.language(), title(first.language(),
        messages.size()), body, mentions, null);
  }

  static String title(Language language, int count) {
    return language == Language.ZH_CN ? count + " 条通知" : count + " notifications";
  }
}
