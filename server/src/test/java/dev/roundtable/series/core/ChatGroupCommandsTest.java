package dev.roundtable.series.core;

import static dev.roundtable.series.core.Fixtures.applied;
import static dev.roundtable.series.core.Fixtures.created;
import static dev.roundtable.series.core.Fixtures.outcome;
import static dev.roundtable.series.core.Fixtures.refused;
import static dev.roundtable.series.core.Fixtures.withMembers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import dev.roundtable.series.core.ChatGroup.ChatService;
import dev.roundtable.series.core.ChatGroupCommands.AddChatGroup;
import dev.roundtable.series.core.ChatGroupCommands.EditChatGroup;
import dev.roundtable.series.core.ChatGroupCommands.RemoveChatGroup;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A series' chat groups")
class ChatGroupCommandsTest {
  private static final String DINGTALK = "https://oapi.dingtalk.com/robot/send?access_token=abc123";

  @Test
  @DisplayName("adding a chat group gives it an id of its own and keeps its channel, label, URL and secret")
  void adds() {
    SeriesOutcome.Applied o = outcome(withMembers(), SeriesActor.COORDINATOR,
        new AddChatGroup(ChatService.DINGTALK, " PMO group ", " " + DINGTALK + " ", " SECabc "));
    ChatGroup g = o.state().chatGroups().get(0);
    assertThat(o.result()).containsEntry("chatGroupId", g.id());
    assertThat(g.id()).isEqualTo("c4");
    assertThat(g).isEqualTo(new ChatGroup("c4", ChatService.DINGTALK, "PMO group", DINGTALK, "SECabc"));
    assertThat(o.state().serial()).isEqualTo(4);
    Series next = applied(o.state(), SeriesActor.COORDINATOR,
        new AddChatGroup(ChatService.WECOM, "Team", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null));
    assertThat(next.chatGroups()).extracting(ChatGroup::id).containsExactly("c4", "c5");
    assertThat(next.chatGroup("c5").get().signed()).isFalse();
  }

  @Test
  @DisplayName("a chat group's text form never shows its webhook URL or secret")
  void toStringHidesSecrets() {
    ChatGroup g = new ChatGroup("c1", ChatService.FEISHU, "Ops", DINGTALK, "SECabc");
    assertThat(g.toString()).doesNotContain("abc123").doesNotContain("SECabc").contains("signed");
    Series s = applied(created(), SeriesActor.COORDINATOR, new AddChatGroup(ChatService.FEISHU, "Ops", DINGTALK,
        "SECabc"));
    assertThat(s.toString()).doesNotContain("abc123").doesNotContain("SECabc");
  }

  @Test
  @DisplayName("changing a chat group keeps its id and place: a new label, URL or secret, or none; bad ones change nothing")
  void edits() {
    Series s = applied(created(), SeriesActor.COORDINATOR, new AddChatGroup(ChatService.DINGTALK, "PMO", DINGTALK,
        "SECabc"));
    s = applied(s, SeriesActor.COORDINATOR, new AddChatGroup(ChatService.FEISHU, "Ops", DINGTALK, null));
    String id = s.chatGroups().get(0).id();
    Series changed = applied(s, SeriesActor.COORDINATOR, new EditChatGroup(id, null, DINGTALK + "x", " SECnew ", false));
    assertThat(changed.chatGroups().get(0)).isEqualTo(new ChatGroup(id, ChatService.DINGTALK, "PMO", DINGTALK + "x",
        "SECnew"));
    assertThat(changed.chatGroups().get(1)).isEqualTo(s.chatGroups().get(1));
    Series unsigned = applied(changed, SeriesActor.COORDINATOR, new EditChatGroup(id, " 项目群 ", null, null, true));
    assertThat(unsigned.chatGroups().get(0).signed()).isFalse();
    assertThat(unsigned.chatGroups().get(0).label()).isEqualTo("项目群");
    assertThat(outcome(unsigned, SeriesActor.COORDINATOR, new EditChatGroup(id, "项目群", null, null, false)).events())
        .as("the same values again record nothing").isEmpty();
    assertThat(refused(s, SeriesActor.COORDINATOR, new EditChatGroup(id, null, "ftp://x", null, false)).code())
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refused(s, SeriesActor.COORDINATOR, new EditChatGroup(id, null, null, "a b", false)).code())
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refused(s, SeriesActor.COORDINATOR, new EditChatGroup(id, null, null, "SECx", true)).code())
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refused(s, SeriesActor.COORDINATOR, new EditChatGroup("c404", "x", null, null, false)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refused(s, SeriesActor.member("u1"), new EditChatGroup(id, "x", null, null, false)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("removing a chat group forgets it; removing it again is NOT_FOUND")
  void removes() {
    Series s = applied(created(), SeriesActor.COORDINATOR, new AddChatGroup(ChatService.FEISHU, "Ops", DINGTALK,
        null));
    String id = s.chatGroups().get(0).id();
    s = applied(s, SeriesActor.COORDINATOR, new RemoveChatGroup(id));
    assertThat(s.chatGroups()).isEmpty();
    assertThat(refused(s, SeriesActor.COORDINATOR, new RemoveChatGroup(id)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("at most 10 chat groups: the eleventh is LIMIT_REACHED and changes nothing")
  void limit() {
    Series s = created();
    for (int i = 0; i < SeriesLimits.MAX_CHAT_GROUPS; i++) {
      s = applied(s, SeriesActor.COORDINATOR, new AddChatGroup(ChatService.WECOM, "g" + i, DINGTALK, null));
    }
    Rejection r = refused(s, SeriesActor.COORDINATOR, new AddChatGroup(ChatService.WECOM, "one more", DINGTALK, null));
    assertThat(r.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(s.chatGroups()).hasSize(SeriesLimits.MAX_CHAT_GROUPS);
  }

  @Test
  @DisplayName("only the coordinator adds or removes chat groups")
  void coordinatorOnly() {
    Series s = applied(withMembers(), SeriesActor.COORDINATOR, new AddChatGroup(ChatService.WECOM, "g", DINGTALK,
        null));
    assertThat(refused(s, SeriesActor.member("u1"), new AddChatGroup(ChatService.WECOM, "g", DINGTALK, null)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(s, SeriesActor.member("u1"), new RemoveChatGroup("c4")).code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(Series.NONE, SeriesActor.COORDINATOR, new RemoveChatGroup("c1")).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  static Stream<Arguments> badGroups() {
    return Stream.of(
        Arguments.of("no channel", new AddChatGroup(null, "g", DINGTALK, null), ErrorCode.INVALID_FIELD,
            "channel is required"),
        Arguments.of("no label", new AddChatGroup(ChatService.WECOM, " ", DINGTALK, null), ErrorCode.INVALID_FIELD,
            "label is required"),
        Arguments.of("a label of 101 characters", new AddChatGroup(ChatService.WECOM, "x".repeat(101), DINGTALK,
            null), ErrorCode.TOO_LARGE, "label is longer than 100"),
        Arguments.of("no webhook URL", new AddChatGroup(ChatService.WECOM, "g", null, null), ErrorCode.INVALID_FIELD,
            "webhookUrl is required"),
        Arguments.of("a webhook URL that is no link", new AddChatGroup(ChatService.WECOM, "g", "ftp://x.example/a",
            null), ErrorCode.INVALID_FIELD, "webhookUrl must be an https link"),
        Arguments.of("a webhook URL of 2,049 characters", new AddChatGroup(ChatService.WECOM, "g",
            "https://x.example/" + "a".repeat(2_031), null), ErrorCode.TOO_LARGE, "webhookUrl is longer than 2048"),
        Arguments.of("a secret with a space", new AddChatGroup(ChatService.DINGTALK, "g", DINGTALK, "SEC a"),
            ErrorCode.INVALID_FIELD, "secret must be printable ASCII"),
        Arguments.of("a secret of 201 characters", new AddChatGroup(ChatService.DINGTALK, "g", DINGTALK,
            "s".repeat(201)), ErrorCode.TOO_LARGE, "secret is longer than 200"));
  }

  @ParameterizedTest(name = "a chat group with {0} is refused")
  @MethodSource("badGroups")
  @DisplayName("a bad chat group is refused with a message naming the field, and the series keeps none")
  void badGroup(String what, AddChatGroup command, ErrorCode code, String message) {
    Series s = created();
    Rejection r = refused(s, SeriesActor.COORDINATOR, command);
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.message()).startsWith(message);
    assertThat(s.chatGroups()).isEmpty();
  }

  @Test
  @DisplayName("each service mentions a member by its own id")
  void mentions() {
    Mentions m = new Mentions("13800000000", "wang.wei", "ou_1");
    assertThat(ChatService.DINGTALK.mention(m)).isEqualTo("13800000000");
    assertThat(ChatService.WECOM.mention(m)).isEqualTo("wang.wei");
    assertThat(ChatService.FEISHU.mention(m)).isEqualTo("ou_1");
    assertThat(ChatService.FEISHU.mention(null)).isNull();
  }
}
