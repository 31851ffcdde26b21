package dev.roundtable.notify.core;

import dev.roundtable.domain.Language;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A message as each robot's API wants it, as plain maps and lists (the sender turns them into JSON):
 * DingTalk markdown with {@code at.atMobiles} (the mobiles also written as {@code @mobile} in the text, which
 * is where DingTalk shows them), WeCom markdown of at most {@value #WECOM_MAX_BYTES} bytes of UTF-8 with
 * {@code <@userid>} mentions, Feishu an interactive card with {@code <at id=…></at>} mentions. The signature
 * fields are added by the sender ({@link Signatures}); nothing here knows a secret.
 */
public final class Rendering {
  public static final int WECOM_MAX_BYTES = 4_096;

  private Rendering() {
  }

  public static Map<String, Object> render(Message m) {
    return switch (m.channel()) {
      case DINGTALK -> dingTalk(m);
      case WECOM -> weCom(m);
      case FEISHU -> feishu(m);
      case EMAIL -> throw new IllegalArgumentException("an email is not rendered as a robot message");
    };
  }

  public static Map<String, Object> dingTalk(Message m) {
    StringBuilder text = new StringBuilder("### ").append(m.title()).append("\n\n").append(m.markdown());
    if (!m.mentions().isEmpty()) {
      text.append("\n\n").append(m.mentions().stream().map(id -> "@" + id).collect(Collectors.joining(" ")));
    }
    return map("msgtype", "markdown",
        "markdown", map("title", m.title(), "text", text.toString()),
        "at", map("atMobiles", m.mentions(), "isAtAll", false));
  }

  public static Map<String, Object> weCom(Message m) {
    return map("msgtype", "markdown", "markdown", map("content", weComContent(m)));
  }

  /**
   * The title and body, then the mentions, cut to {@value #WECOM_MAX_BYTES} bytes: the body is shortened at
   * a character boundary (never inside a surrogate pair or a UTF-8 sequence) and ends with a note that there
   * is more; the mentions are always kept.
   */
  public static String weComContent(Message m) {
    String mentions = m.mentions().isEmpty() ? ""
        : "\n" + m.mentions().stream().map(id -> "<@" + id + ">").collect(Collectors.joining(""));
    String head = "### " + m.title() + "\n" + m.markdown();
    if (utf8(head) + utf8(mentions) <= WECOM_MAX_BYTES) {
      return head + mentions;
    }
    String note = moreNote(m.language());
    return truncateUtf8(head, WECOM_MAX_BYTES - utf8(mentions) - utf8(note)) + note + mentions;
  }

  public static Map<String, Object> feishu(Message m) {
    String mentions = m.mentions().stream().map(id -> "<at id=" + id + "></at>").collect(Collectors.joining(" "));
    String content = mentions.isEmpty() ? m.markdown() : m.markdown() + "\n" + mentions;
    return map("msg_type", "interactive",
        "card", map(
            "config", map("wide_screen_mode", true),
            "header", map("title", map("tag", "plain_text", "content", m.title()), "template", "blue"),
            "elements", List.of(map("tag", "div", "text", map("tag", "lark_md", "content", content)))));
  }

  static String moreNote(Language language) {
    return language == Language.ZH_CN ? "\n…（更多内容未显示）" : "\n…more not shown";
  }

  /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that ends between characters. */
  public static String truncateUtf8(String text, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** An insertion-ordered map from key, value pairs (the JSON reads in the order the docs show). */
  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
