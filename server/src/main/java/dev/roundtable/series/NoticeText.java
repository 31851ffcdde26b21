package dev.roundtable.series;

import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Language;
import dev.roundtable.series.core.DraftItem;
import dev.roundtable.series.core.InputRequest;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.PreRead;
import dev.roundtable.series.core.Series;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of a series' notices, in the series' language (zh-CN or en): the subject and the plain-text body
 * (goal, time, place and link, agenda with owners and time-boxes, attendees, pre-reads, the input asked for),
 * also the calendar event's description. Pure text; the channels format it their own way.
 */
public final class NoticeText {
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private NoticeText() {
  }

  public static String subject(Series s, Occurrence o, PendingEffect.Kind kind) {
    boolean zh = zh(s);
    String when = DAY_TIME.format(local(s, o.start()));
    String title = s.details().title();
    return switch (kind) {
      case NOTICE -> zh ? "会议通知：" + title + "（" + when + "）" : "Invitation: " + title + " (" + when + ")";
      case UPDATE -> zh ? "会议变更：" + title + "（" + when + "）" : "Updated: " + title + " (" + when + ")";
      case SUBSTITUTE_NOTICE -> zh ? "代为参会邀请：" + title + "（" + when + "）"
          : "You are invited as a substitute: " + title + " (" + when + ")";
      case KEY_ABSENTEE_ALERT -> zh ? "关键决策人缺席：" + title + "（" + when + "）"
          : "Key absentee: " + title + " (" + when + ")";
      case LATE_DECLINE_ALERT -> zh ? "临近会议的请假：" + title + "（" + when + "）"
          : "Late decline: " + title + " (" + when + ")";
    };
  }

  /** The notice's body; {@code detail} (who declined, for an alert) may be null. */
  public static String body(Series s, Occurrence o, PendingEffect.Kind kind, String detail) {
    boolean zh = zh(s);
    StringBuilder b = new StringBuilder();
    if (kind == PendingEffect.Kind.KEY_ABSENTEE_ALERT) {
      b.append(zh ? "决策人 " + detail + " 不能参会，也没有指定代理人。\n\n"
          : "Decision maker " + detail + " declined without naming a substitute.\n\n");
    } else if (kind == PendingEffect.Kind.LATE_DECLINE_ALERT) {
      b.append(zh ? detail + " 在会前不足 24 小时请假。\n\n" : detail + " declined less than 24 h before the start.\n\n");
    } else if (kind == PendingEffect.Kind.UPDATE) {
      b.append(zh ? "会议时间或议程有变更。\n\n" : "The time or the agenda changed.\n\n");
    } else if (kind == PendingEffect.Kind.SUBSTITUTE_NOTICE && detail != null) {
      b.append(zh ? "你代替 " + detail + " 参会。\n\n" : "You attend in place of " + detail + ".\n\n");
    }
    Series.Details d = s.details();
    line(b, zh ? "目标" : "Goal", d.goal());
    line(b, zh ? "时间" : "Time", DAY_TIME.format(local(s, o.start())) + "–" + TIME.format(local(s, o.end()))
        + " (" + d.schedule().zone() + ")");
    line(b, zh ? "地点" : "Place", d.place());
    line(b, zh ? "线上链接" : "Online", d.onlineLink());
    if (!o.agenda().isEmpty()) {
      b.append(zh ? "议程：\n" : "Agenda:\n");
      int n = 1;
      for (DraftItem i : o.agenda()) {
        b.append(n++).append(". ").append(i.title()).append(" [").append(kind(i.kind(), zh)).append(", ")
            .append(i.minutes()).append(zh ? " 分钟" : " min");
        if (i.ownerId() != null) {
          b.append(", ").append(s.member(i.ownerId()).map(Member::name).orElse(i.ownerId()));
        }
        b.append("]");
        if (i.expectedOutput() != null && !i.expectedOutput().isEmpty()) {
          b.append(zh ? " → 产出：" : " → output: ").append(i.expectedOutput());
        }
        b.append('\n');
      }
    }
    List<Member> invited = s.invited().toList();
    if (!invited.isEmpty()) {
      line(b, zh ? "参会人" : "Attendees", invited.stream().map(m -> m.name() + " (" + m.department() + ")")
          .collect(Collectors.joining(zh ? "、" : ", ")));
    }
    if (!o.preReads().isEmpty()) {
      b.append(zh ? "会前阅读：\n" : "Pre-reads:\n");
      for (PreRead p : o.preReads()) {
        b.append("- ").append(p.title()).append(": ");
        if (p.hasFile()) {
          b.append(zh ? "文件 " + p.file().name() + "（" + size(p.file().size()) + "），请用你的个人链接打开会议页面下载"
              : "file " + p.file().name() + " (" + size(p.file().size()) + "), open the series page with your personal "
                  + "link to download it");
        } else {
          b.append(p.url());
        }
        b.append('\n');
      }
    }
    if (!o.inputs().isEmpty()) {
      b.append(zh ? "请在会前提交：\n" : "Please send before the meeting:\n");
      for (InputRequest r : o.inputs()) {
        b.append("- ").append(r.question()).append('\n');
      }
    }
    return b.toString();
  }

  /** A file's size for people: bytes, KB rounded up or MB to one decimal (of 1024), as the pages write it. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 1023) / 1024 + " KB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024)).replaceAll("\\.0$", "") + " MB";
  }

  private static void line(StringBuilder b, String label, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(label).append(": ").append(value).append('\n');
    }
  }

  private static String kind(ItemKind k, boolean zh) {
    return switch (k) {
      case INFORM -> zh ? "通报" : "inform";
      case DISCUSS -> zh ? "讨论" : "discuss";
      case OPEN_DISCUSSION -> zh ? "开放讨论" : "open discussion";
      case DECIDE -> zh ? "决定" : "decide";
    };
  }

  static boolean zh(Series s) {
    return s.details().language() == Language.ZH_CN;
  }

  static java.time.LocalDateTime local(Series s, long epochMs) {
    return java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneId.of(s.details().schedule().zone()));
  }
}
