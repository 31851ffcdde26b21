package dev.roundtable.series;

import dev.roundtable.domain.ActionItem;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.Participant;
import dev.roundtable.domain.RecordedDecision;
import dev.roundtable.domain.RoomState;
import dev.roundtable.export.MinutesExport;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.Series;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A finalized meeting's minutes, delivered in the series' language: by email to every member who attended (known
 * to the room by their series key) and every informed member, and to the coordinator (a short summary as the
 * body, the whole minutes as a Markdown attachment, the member's own page link), and as a short summary to each of
 * the series' chat groups (decisions, action items with owners and deadlines, no personal link; action owners
 * mentioned by their id on that service). Keys {@code minutes/<roomId>/mail/<memberId>} and
 * {@code minutes/<roomId>/chat/<chatGroupId>}: delivering the same minutes again sends nothing twice.
 *
 * <p>Until the minutes are final, {@link #remindIfLate} tells the coordinator by email when the meeting ended
 * more than {@link #DRAFT_WITHIN} ago and again after {@link #FINAL_WITHIN} (the guides: a draft within 2 h, the
 * final within 24 h), once each ({@code minutes/<roomId>/late-draft}, {@code …/late-final}).
 */
public final class MinutesDelivery {
  public static final Duration DRAFT_WITHIN = Duration.ofHours(2);
  public static final Duration FINAL_WITHIN = Duration.ofHours(24);

  private final Notifier notifier;
  private final SeriesLinks links;

  private MinutesDelivery(Notifier notifier, SeriesLinks links) {
    this.notifier = notifier;
    this.links = links;
  }

  public static MinutesDelivery create(Notifier notifier, SeriesLinks links) {
    return new MinutesDelivery(notifier, links);
  }

  /** Enqueues every message; succeeds once all are in the outbox. */
  public Future<Void> deliver(Series s, Occurrence o, RoomState room) {
    List<Future<Boolean>> enqueued = new ArrayList<>();
    messages(s, o, room).forEach(m -> enqueued.add(notifier.enqueue(m)));
    return Future.all(enqueued).mapEmpty();
  }

  /**
   * The coordinator's reminders of minutes not final yet at {@code now}: counted from the meeting's end (its
   * planned end when it was never ended in the room). Nothing when the coordinator has no email.
   */
  public Future<Void> remindIfLate(Series s, Occurrence o, RoomState room, long now) {
    List<Future<Boolean>> enqueued = new ArrayList<>();
    lateReminders(s, o, room, now).forEach(m -> enqueued.add(notifier.enqueue(m)));
    return Future.all(enqueued).mapEmpty();
  }

  static List<Message> lateReminders(Series s, Occurrence o, RoomState room, long now) {
    String to = s.details().coordinator().email();
    if (room.minutes().finalized() || to == null || to.isBlank()) {
      return List.of();
    }
    long ended = room.meeting().endedAt() != null ? room.meeting().endedAt() : o.end();
    boolean zh = s.details().language() == Language.ZH_CN;
    ZoneId zone = ZoneId.of(s.details().schedule().zone());
    String meeting = meetingName(s, o, zone);
    List<Message> out = new ArrayList<>();
    if (now - ended >= DRAFT_WITHIN.toMillis()) {
      out.add(reminder(s, room, to, "late-draft", zh ? "纪要草稿尚未发出：" + meeting : "Draft minutes not sent: " + meeting,
          zh ? "会议「" + meeting + "」结束已超过 2 小时，纪要尚未定稿发出。指南建议 2 小时内发出草稿、24 小时内发出终稿。"
              + "请从系列页面进入会议室，在纪要中完成并定稿，纪要会自动发给参会人和知会人。"
              : "The meeting \"" + meeting + "\" ended more than 2 hours ago and its minutes have not gone out. The "
                  + "guides ask for a draft within 2 hours and the final within 24 hours: open the live room from the "
                  + "series page and finalize the minutes; they then go to the attendees and informed members."));
    }
    if (now - ended >= FINAL_WITHIN.toMillis()) {
      out.add(reminder(s, room, to, "late-final", zh ? "纪要终稿已逾期：" + meeting : "Final minutes overdue: " + meeting,
          zh ? "会议「" + meeting + "」结束已超过 24 小时，纪要仍未定稿。请尽快定稿发出。"
              : "The meeting \"" + meeting + "\" ended more than 24 hours ago and its minutes are still not final. "
                  + "Please finalize them."));
    }
    return out;
  }

  private static Message reminder(Series s, RoomState room, String to, String what, String title, String body) {
    return new Message("minutes/" + room.roomId() + "/" + what, s.id(), new Destination.Mailbox(List.of(to)),
        s.details().language(), NotifiedNotices.shorten(title, Message.MAX_TITLE), body, List.of(), null);
  }

  List<Message> messages(Series s, Occurrence o, RoomState room) {
    Language lang = s.details().language();
    ZoneId zone = ZoneId.of(s.details().schedule().zone());
    String title = NotifiedNotices.shorten(title(s, o, zone, lang), Message.MAX_TITLE);
    String summary = summary(room, lang);
    Message.Attachment full = new Message.Attachment("minutes-" + o.id() + ".md", "text/markdown; charset=UTF-8",
        MinutesExport.markdown(room, zone, lang).getBytes(StandardCharsets.UTF_8));
    String key = "minutes/" + room.roomId();
    List<Message> out = new ArrayList<>();
    for (Member m : recipients(s, room)) {
      if (m.email() == null || m.email().isBlank()) {
        continue;
      }
      String body = summary + "\n\n" + (lang == Language.ZH_CN ? "完整纪要见附件。你的会议页面（请勿转发）："
          : "The full minutes are attached. Your meeting page (do not forward it): ") + links.personal(s, m);
      out.add(new Message(key + "/mail/" + m.id(), s.id(), new Destination.Mailbox(List.of(m.email())), lang, title,
          NotifiedNotices.fit(body, "", lang), List.of(), null, full));
    }
    String coordinator = s.details().coordinator().email();
    if (coordinator != null && !coordinator.isBlank()) {
      out.add(new Message(key + "/mail/coordinator", s.id(), new Destination.Mailbox(List.of(coordinator)), lang,
          title, NotifiedNotices.fit(summary, "", lang), List.of(), null, full));
    }
    String chat = NotifiedNotices.fit(summary, "\n\n" + (lang == Language.ZH_CN
        ? "完整纪要已通过邮件发给参会人和知会人。" : "The full minutes went by email to attendees and informed members."), lang);
    for (ChatGroup g : s.chatGroups()) {
      out.add(new Message(key + "/chat/" + g.id(), s.id(), ChatDestinations.of(g), lang, title, chat,
          owners(s, room, g.service()), null));
    }
    return out;
  }

  /** Members who attended (the room knows them by key and saw them connect), then the informed, each once. */
  static List<Member> recipients(Series s, RoomState room) {
    Map<String, Member> out = new LinkedHashMap<>();
    for (Participant p : room.participants().values()) {
      if (p.attended()) {
        OccurrenceMeeting.memberIdOf(p.key()).flatMap(s::member).ifPresent(m -> out.put(m.id(), m));
      }
    }
    s.members().stream().filter(m -> m.part() == Part.INFORMED).forEach(m -> out.putIfAbsent(m.id(), m));
    return List.copyOf(out.values());
  }

  /** The ids on {@code service} of the members who own an action item (matched by name), each once. */
  private static List<String> owners(Series s, RoomState room, ChatGroup.ChatService service) {
    Set<String> ids = new LinkedHashSet<>();
    for (ActionItem a : room.actionItems()) {
      s.members().stream().filter(m -> m.name().equals(a.owner())).findFirst()
          .map(m -> service.mention(m.mentions())).filter(id -> id != null).ifPresent(ids::add);
    }
    return NotifiedNotices.mentionable(ids);
  }

  private static String title(Series s, Occurrence o, ZoneId zone, Language lang) {
    return (lang == Language.ZH_CN ? "会议纪要：" : "Minutes: ") + meetingName(s, o, zone);
  }

  /** The series' title and the meeting's day ("项目周会 2026-12-10"). */
  private static String meetingName(Series s, Occurrence o, ZoneId zone) {
    return s.details().title() + " " + DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochMilli(o.start()).atZone(zone));
  }

  /** Decisions and action items (task, owner, deadline, delivery standard) as Markdown lists. */
  static String summary(RoomState room, Language lang) {
    boolean zh = lang == Language.ZH_CN;
    StringBuilder b = new StringBuilder();
    b.append("**").append(zh ? "决定" : "Decisions").append("**\n\n");
    if (room.decisions().isEmpty()) {
      b.append(zh ? "（无）" : "(none)").append("\n");
    }
    for (RecordedDecision d : room.decisions()) {
      b.append("- ").append(d.text()).append("\n");
    }
    b.append("\n**").append(zh ? "行动项" : "Action items").append("**\n\n");
    if (room.actionItems().isEmpty()) {
      b.append(zh ? "（无）" : "(none)").append("\n");
    }
    for (ActionItem a : room.actionItems()) {
      b.append("- ").append(a.task()).append(zh ? " — 负责人 " : " — owner ")
          .append(a.owner() == null || a.owner().isBlank() ? (zh ? "未定" : "not set") : a.owner());
      if (a.deadline() != null && !a.deadline().isBlank()) {
        b.append(zh ? "，截止 " : ", due ").append(a.deadline());
      }
      if (a.standard() != null && !a.standard().isBlank()) {
        b.append(zh ? "（交付标准：" : " (delivery standard: ").append(a.standard()).append(zh ? "）" : ")");
      }
      b.append("\n");
    }
    return b.toString().strip();
  }
}
