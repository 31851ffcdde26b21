package dev.roundtable.series.core;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.series.core.SeriesEvents.ChatGroupAdded;
import dev.roundtable.series.core.SeriesEvents.ChatGroupChanged;
import dev.roundtable.series.core.SeriesEvents.ChatGroupRemoved;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The series' chat groups, coordinator only. The core checks a webhook URL's shape and length; whether it may
 * be used (https, no address inside the network) is the notifier's rule, checked before the command is sent.
 */
public final class ChatGroupCommands {
  private static final Pattern WEBHOOK = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
  /** A signing secret: printable ASCII without spaces (what the services issue). */
  private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]+");

  private ChatGroupCommands() {
  }

  /** Adds a chat group (id {@code c<n>}); {@code secret} null or blank when the robot is not signed. */
  public record AddChatGroup(ChatGroup.ChatService service, String label, String webhookUrl, String secret)
      implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      String url = Check.strip(webhookUrl);
      String key = Check.strip(secret);
      return robot(Check.on(s, a).coordinator().present("channel", service), label, true, url, true, key)
          .check(s.chatGroups().size() < SeriesLimits.MAX_CHAT_GROUPS, ErrorCode.LIMIT_REACHED,
              "the series has " + SeriesLimits.MAX_CHAT_GROUPS + " chat groups already")
          .decide(() -> {
            String id = "c" + (s.serial() + 1);
            ChatGroup g = new ChatGroup(id, service, label.strip(), url, key);
            return SeriesDecision.accept(Map.of("chatGroupId", id), List.of(new ChatGroupAdded(g, s.serial() + 1)));
          });
    }
  }

  /**
   * Changes a chat group: a new label, webhook URL or secret (each null to keep it; {@code unsign} removes the
   * secret). The new URL and secret are as write-only as the first ones.
   */
  public record EditChatGroup(String chatGroupId, String label, String webhookUrl, String secret, boolean unsign)
      implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      String url = Check.strip(webhookUrl);
      String key = Check.strip(secret);
      return robot(Check.on(s, a).coordinator().present("chatGroupId", chatGroupId)
          .then(() -> s.chatGroup(chatGroupId).isPresent(), ErrorCode.NOT_FOUND, "no chat group " + chatGroupId),
          label, false, url, false, key)
          .check(!(unsign && key != null), ErrorCode.INVALID_FIELD, "give a secret or unsign, not both")
          .decide(() -> {
            ChatGroup g = s.chatGroup(chatGroupId).get();
            ChatGroup changed = new ChatGroup(g.id(), g.service(), Check.strip(label) == null ? g.label() : label.strip(),
                url == null ? g.webhookUrl() : url, unsign ? "" : key == null ? g.secret() : key);
            return SeriesDecision.accept(changed.equals(g) ? List.of() : List.of(new ChatGroupChanged(changed)));
          });
    }
  }

  /** The shape of a robot's label, webhook URL and secret (each checked only when given, unless required). */
  private static Check robot(Check c, String label, boolean labelRequired, String url, boolean urlRequired,
      String key) {
    return c.text("label", label, SeriesLimits.LABEL_CHARS, labelRequired)
        .check(!urlRequired || url != null, ErrorCode.INVALID_FIELD, "webhookUrl is required")
        .check(url == null || url.length() <= SeriesLimits.WEBHOOK_CHARS, ErrorCode.TOO_LARGE,
            "webhookUrl is longer than " + SeriesLimits.WEBHOOK_CHARS + " characters")
        .check(url == null || WEBHOOK.matcher(url).matches(), ErrorCode.INVALID_FIELD,
            "webhookUrl must be an https link")
        .check(key == null || key.length() <= SeriesLimits.SECRET_CHARS, ErrorCode.TOO_LARGE,
            "secret is longer than " + SeriesLimits.SECRET_CHARS + " characters")
        .check(key == null || SECRET.matcher(key).matches(), ErrorCode.INVALID_FIELD,
            "secret must be printable ASCII without spaces");
  }

  /** Removes a chat group: later notices are not posted there (ones already handed to the notifier still are). */
  public record RemoveChatGroup(String chatGroupId) implements SeriesCommand {
    @Override
    public SeriesDecision decide(Series s, SeriesActor a, long now) {
      return Check.on(s, a).coordinator().present("chatGroupId", chatGroupId)
          .then(() -> s.chatGroup(chatGroupId).isPresent(), ErrorCode.NOT_FOUND, "no chat group " + chatGroupId)
          .decide(() -> SeriesDecision.accept(List.of(new ChatGroupRemoved(chatGroupId))));
    }
  }
}
