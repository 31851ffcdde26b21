package dev.roundtable.series;

import dev.roundtable.domain.Language;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.series.core.ChatGroup;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The series' notices handed to the {@link Notifier}: one email per recipient with an address (the notice, their
 * personal link and calendar feed, and the {@code .ics} invitation when there is one; key
 * {@code <notice key>/mail/<memberId>}) and one message per chat group of the notice (the notice as Markdown,
 * mentioning the recipients by their id on that service, never a personal link; key
 * {@code <notice key>/chat/<chatGroupId>}). It succeeds only once every message is enqueued; the notifier
 * deduplicates on the keys, so the series offering the notice again after a partial failure sends nothing twice.
 */
public final class NotifiedNotices implements NoticeSender {
  /** What a chat service mentions by, as the notifier accepts it. */
  private static final Pattern MENTION = Pattern.compile("[A-Za-z0-9_@.+\\-]{1,64}");

  private final Notifier notifier;

  private NotifiedNotices(Notifier notifier) {
    this.notifier = notifier;
  }

  public static NoticeSender create(Notifier notifier) {
    return new NotifiedNotices(notifier);
  }

  @Override
  public Future<Void> send(Notice notice) {
    List<Message> messages;
    try {
      messages = messages(notice);
    } catch (IllegalArgumentException e) {
      // A message the notifier would refuse (its text says which field, never a link or URL): stays pending.
      return Future.failedFuture(e);
    }
    List<Future<Boolean>> enqueued = new ArrayList<>();
    for (Message m : messages) {
      enqueued.add(notifier.enqueue(m));
    }
    return Future.all(enqueued).mapEmpty();
  }

  /** The messages of one notice: the emails first, then the chat groups'. */
  static List<Message> messages(Notice n) {
    List<Message> out = new ArrayList<>();
    String title = shorten(n.subject(), Message.MAX_TITLE);
    byte[] calendar = n.calendar() == null ? null : n.calendar().getBytes(StandardCharsets.UTF_8);
    for (Recipient r : n.recipients()) {
      if (r.email() == null || r.email().isBlank()) {
        continue;
      }
      out.add(new Message(n.idempotencyKey() + "/mail/" + r.memberId(), n.seriesId(),
          new Destination.Mailbox(List.of(r.email())), n.language(), title, email(n, r), List.of(), calendar));
    }
    for (ChatGroup g : n.chatGroups()) {
      out.add(new Message(n.idempotencyKey() + "/chat/" + g.id(), n.seriesId(), ChatDestinations.of(g),
          n.language(), title, chat(n), mentions(n, g.service()), null));
    }
    return out;
  }

  /** The notice, then the recipient's own links (a member's; the coordinator has none). */
  static String email(Notice n, Recipient r) {
    boolean zh = n.language() == Language.ZH_CN;
    StringBuilder links = new StringBuilder();
    if (r.link() != null) {
      links.append("\n\n").append(zh ? "你的个人链接（请勿转发）：" : "Your personal link (do not forward it): ")
          .append(r.link());
    }
    if (r.feedUrl() != null) {
      links.append("\n\n").append(zh ? "日历订阅：" : "Calendar feed: ").append(r.feedUrl());
    }
    return fit(markdown(n.body()), links.toString(), n.language());
  }

  /** The notice for a group: everyone reads it, so no personal link, and a pointer to the emails. */
  static String chat(Notice n) {
    boolean zh = n.language() == Language.ZH_CN;
    String footer = "\n\n" + (zh ? "个人链接和日历邀请已通过邮件发送。" : "Personal links and the calendar invitation were sent by email.");
    return fit(markdown(n.body()), footer, n.language());
  }

  /** The recipients' ids on {@code service}, each once, in the notice's order, as many as a message takes. */
  static List<String> mentions(Notice n, ChatGroup.ChatService service) {
    Set<String> ids = new LinkedHashSet<>();
    for (Recipient r : n.recipients()) {
      String id = service.mention(r.mentions());
      if (id != null) {
        ids.add(id);
      }
    }
    return mentionable(ids);
  }


  /** Plain lines as Markdown paragraphs: the robots' Markdown joins single line breaks. */
  static String markdown(String text) {
    return text.strip().replace("\n", "\n\n").replaceAll("\n{3,}", "\n\n");
  }

  /** {@code text} in at most {@code max} characters, with an ellipsis when cut. */
  public static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, cut(text, max - 1)) + "…";
  }

  /** The ids the notifier takes as mentions, in order. */
  public static List<String> mentionable(Iterable<String> ids) {
    List<String> out = new ArrayList<>();
    ids.forEach(id -> {
      if (MENTION.matcher(id).matches() && out.size() < Message.MAX_MENTIONS) {
        out.add(id);
      }
    });
    return out;
  }

  /** {@code body} shortened so that it and {@code tail} (always kept whole) fit a message. */
  public static String fit(String body, String tail, Language language) {
    if (body.length() + tail.length() <= Message.MAX_MARKDOWN) {
      return body + tail;
    }
    String more = language == Language.ZH_CN ? "\n\n…（更多内容未显示）" : "\n\n…more not shown";
    int room = Message.MAX_MARKDOWN - tail.length() - more.length();
    return body.substring(0, cut(body, room)) + more + tail;
  }

  /** {@code at}, or one less when that would split a surrogate pair. */
  private static int cut(String text, int at) {
    return Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
  }
}
