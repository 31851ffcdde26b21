package dev.roundtable.notify.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Rendering a message for each robot")
class RenderingTest {

  static Message message(Channel channel, Language language, String title, String body, List<String> mentions) {
    return new Message("k1", "s1", new Destination.Robot(channel, "https://robot.example/hook", ""), language,
        title, body, mentions, null);
  }

  @Test
  @DisplayName("DingTalk gets markdown with the title, the body and @mobile in the text, and the mobiles in at.atMobiles")
  @SuppressWarnings("unchecked")
  void dingTalk() {
    Map<String, Object> json = Rendering.render(message(Channel.DINGTALK, Language.ZH_CN, "周会通知", "**议程**：风险",
        List.of("13800001111")));
    assertThat(json).containsEntry("msgtype", "markdown");
    Map<String, Object> markdown = (Map<String, Object>) json.get("markdown");
    assertThat(markdown).containsEntry("title", "周会通知")
        .containsEntry("text", "### 周会通知\n\n**议程**：风险\n\n@13800001111");
    assertThat((Map<String, Object>) json.get("at")).containsEntry("atMobiles", List.of("13800001111"))
        .containsEntry("isAtAll", false);
  }

  @Test
  @DisplayName("WeCom gets markdown content with <@userid> mentions")
  @SuppressWarnings("unchecked")
  void weCom() {
    Map<String, Object> json = Rendering.render(message(Channel.WECOM, Language.EN, "Weekly sync", "Agenda: risks",
        List.of("wangqing", "lisi")));
    assertThat(json).containsEntry("msgtype", "markdown");
    assertThat((Map<String, Object>) json.get("markdown"))
        .containsEntry("content", "### Weekly sync\nAgenda: risks\n<@wangqing><@lisi>");
  }

  @ParameterizedTest(name = "{0} characters of \"{1}\" in {2}")
  @CsvSource({"5000, a, en", "2000, 周, zh-CN", "1500, 😀, en", "1366, 周, zh-CN", "4080, a, en"})
  @DisplayName("WeCom content is at most 4096 bytes of UTF-8, cut between characters, with a note and the mentions kept")
  void weComTruncates(int count, String unit, String tag) {
    Language language = Language.ofTag(tag).orElseThrow();
    String body = unit.repeat(count);
    String content = Rendering.weComContent(message(Channel.WECOM, language, "T", body, List.of("u1")));
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isLessThanOrEqualTo(4096);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(content);
    assertThat(content).endsWith("\n<@u1>");
    String full = "### T\n" + body + "\n<@u1>";
    if (full.getBytes(StandardCharsets.UTF_8).length <= 4096) {
      assertThat(content).isEqualTo(full);
    } else {
      assertThat(content).contains(Rendering.moreNote(language));
      assertThat(bytes.length).isGreaterThan(4096 - 4);
      for (char c : content.toCharArray()) {
        assertThat(Character.isSurrogate(c) ? content.codePoints().anyMatch(cp -> cp == 0x1F600) : true).isTrue();
      }
    }
  }

  @Test
  @DisplayName("Feishu gets an interactive card: plain-text title, lark_md body, <at id=…> mentions")
  @SuppressWarnings("unchecked")
  void feishu() {
    Map<String, Object> json = Rendering.render(message(Channel.FEISHU, Language.EN, "Notice", "Body", List.of("ou_1")));
    assertThat(json).containsEntry("msg_type", "interactive");
    Map<String, Object> card = (Map<String, Object>) json.get("card");
    assertThat((Map<String, Object>) card.get("header"))
        .containsEntry("title", Map.of("tag", "plain_text", "content", "Notice"));
    assertThat(card.get("elements"))
        .isEqualTo(List.of(Map.of("tag", "div", "text", Map.of("tag", "lark_md", "content", "Body\n<at id=ou_1></at>"))));
  }

  @Test
  @DisplayName("cutting UTF-8 never splits a character")
  void truncation() {
    assertThat(Rendering.truncateUtf8("a周😀b", 1)).isEqualTo("a");
    assertThat(Rendering.truncateUtf8("a周😀b", 3)).isEqualTo("a");
    assertThat(Rendering.truncateUtf8("a周😀b", 4)).isEqualTo("a周");
    assertThat(Rendering.truncateUtf8("a周😀b", 7)).isEqualTo("a周");
    assertThat(Rendering.truncateUtf8("a周😀b", 8)).isEqualTo("a周😀");
    assertThat(Rendering.truncateUtf8("a周😀b", 100)).isEqualTo("a周😀b");
  }

  @Test
  @DisplayName("a digest holds every message in order, in the first one's language, with the mentions of all")
  void digest() {
    Message a = message(Channel.DINGTALK, Language.ZH_CN, "通知一", "内容一", List.of("1"));
    Message b = new Message("k2", "s1", a.destination(), Language.EN, "Two", "body two", List.of("2", "1"), null);
    Message d = Digest.merge("digest-1", List.of(a, b));
    assertThat(d.title()).isEqualTo("2 条通知");
    assertThat(d.markdown()).isEqualTo("**通知一**\n\n内容一\n\n---\n\n**Two**\n\nbody two");
    assertThat(d.mentions()).containsExactly("1", "2");
    assertThat(Digest.merge("x", List.of(b))).isSameAs(b);
    assertThat(Digest.title(Language.EN, 3)).isEqualTo("3 notifications");
  }

  @Test
  @DisplayName("a robot destination never shows its URL or secret")
  void redacted() {
    Destination.Robot robot = new Destination.Robot(Channel.DINGTALK,
        "https://oapi.dingtalk.com/robot/send?access_token=SECRET-TOKEN", "SEC-very-secret");
    Message m = new Message("k", "s", robot, Language.EN, "t", "b", List.of(), null);
    assertThat(robot.toString()).doesNotContain("SECRET-TOKEN").doesNotContain("SEC-very").contains("signed");
    assertThat(m.toString()).doesNotContain("SECRET-TOKEN").doesNotContain("SEC-very");
  }
}
