package dev.roundtable.series;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import dev.roundtable.domain.Language;
import dev.roundtable.notify.FakeNotifier;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.series.core.ChatGroup.ChatService;
import dev.roundtable.series.core.ChatGroupCommands.AddChatGroup;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Mentions;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.Rsvp;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.series.core.SeriesCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Notices through the notifier")
class NotifiedNoticesTest {
  private static final String DINGTALK = "https://oapi.dingtalk.com/robot/send?access_token=t1";
  private static final String WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k2";
  private static final SeriesLinks LINKS = new SeriesLinks() {
    @Override
    public String personal(Series s, Member m) {
      return "https://rt.example.com/series#link-" + m.id();
    }

    @Override
    public String feed(Series s, Member m) {
      return "https://rt.example.com/api/series/feed/feed-" + m.id();
    }
  };

  private final FakeNotifier notifier = new FakeNotifier();
  private final NoticeSender sender = NotifiedNotices.create(notifier);

  /** The sample series with u2 mentioned on WeCom and Feishu, two chat groups, and its first notice prepared. */
  private static Series noticed(Language language) {
    Series s = SeriesSamples.prepared();
    s = SeriesSamples.apply(s, SeriesActor.COORDINATOR, new SeriesCommands.EditSeries(new Series.Details(null, null,
        null, null, null, language, null, null, null, null)));
    s = SeriesSamples.apply(s, SeriesActor.COORDINATOR, new SeriesCommands.EditMember("u2", null, null, null,
        new Mentions(null, "zhao.lei", "ou_2"), null));
    s = SeriesSamples.apply(s, SeriesActor.COORDINATOR, new AddChatGroup(ChatService.DINGTALK, "PMO", DINGTALK, "SEC1"));
    s = SeriesSamples.apply(s, SeriesActor.COORDINATOR, new AddChatGroup(ChatService.WECOM, "Team", WECOM, null));
    return SeriesSamples.apply(s, SeriesActor.COORDINATOR,
        new OccurrenceCommands.PrepareNotice(SeriesSamples.first(), false));
  }

  private static NoticeSender.Notice notice(Series s, PendingEffect.Kind kind) {
    PendingEffect effect = s.effects().stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
    return SeriesNotices.create(n -> null, LINKS).notice(s, effect).orElseThrow();
  }

  @Test
  @DisplayName("a notice becomes one email per invitee, with their link and the .ics, and one message per chat group")
  void zhNotice() {
    Series s = noticed(Language.ZH_CN);
    NoticeSender.Notice n = notice(s, PendingEffect.Kind.NOTICE);
    result(sender.send(n));
    List<Message> sent = notifier.messages();
    assertThat(sent).extracting(Message::key).containsExactly(n.idempotencyKey() + "/mail/u1",
        n.idempotencyKey() + "/mail/u2", n.idempotencyKey() + "/chat/" + s.chatGroups().get(0).id(),
        n.idempotencyKey() + "/chat/" + s.chatGroups().get(1).id());
    assertThat(sent).allSatisfy(m -> {
      assertThat(m.seriesId()).isEqualTo("s1");
      assertThat(m.language()).isEqualTo(Language.ZH_CN);
      assertThat(m.title()).isEqualTo(n.subject()).startsWith("会议通知：");
    });

    Message wang = sent.get(0);
    assertThat(wang.destination()).isEqualTo(new Destination.Mailbox(List.of("wang@example.com")));
    assertThat(wang.markdown()).contains("目标: Decide next week's priorities")
        .contains("你的个人链接（请勿转发）：https://rt.example.com/series#link-u1")
        .contains("日历订阅：https://rt.example.com/api/series/feed/feed-u1").doesNotContain("link-u2");
    ICalendar ics = Biweekly.parse(new String(wang.calendar(), StandardCharsets.UTF_8)).first();
    assertThat(ics.getEvents()).isNotEmpty();
    assertThat(new String(wang.calendar(), StandardCharsets.UTF_8)).isEqualTo(n.calendar());

    Message ding = sent.get(2);
    assertThat(ding.destination()).isEqualTo(new Destination.Robot(Channel.DINGTALK, DINGTALK, "SEC1"));
    assertThat(ding.mentions()).containsExactly("13800000000");
    assertThat(ding.calendar()).isNull();
    assertThat(ding.markdown()).contains("议程").contains("个人链接和日历邀请已通过邮件发送。")
        .doesNotContain("link-u").doesNotContain("feed-u");
    Message wecom = sent.get(3);
    assertThat(wecom.destination()).isEqualTo(new Destination.Robot(Channel.WECOM, WECOM, ""));
    assertThat(wecom.mentions()).containsExactly("zhao.lei");
  }

  @Test
  @DisplayName("an English series' notice is in English, its chat groups too")
  void enNotice() {
    NoticeSender.Notice n = notice(noticed(Language.EN), PendingEffect.Kind.NOTICE);
    result(sender.send(n));
    List<Message> sent = notifier.messages();
    assertThat(sent).hasSize(4).allSatisfy(m -> assertThat(m.language()).isEqualTo(Language.EN));
    assertThat(sent.get(0).title()).startsWith("Invitation: Weekly project alignment");
    assertThat(sent.get(0).markdown()).contains("Goal: Decide next week's priorities")
        .contains("Your personal link (do not forward it): https://rt.example.com/series#link-u1");
    assertThat(sent.get(2).markdown()).contains("Agenda:")
        .contains("Personal links and the calendar invitation were sent by email.");
  }

  @Test
  @DisplayName("fails while any message is not enqueued; the retry sends each message once")
  void retry() {
    NoticeSender.Notice n = notice(noticed(Language.ZH_CN), PendingEffect.Kind.NOTICE);
    notifier.failNextEnqueues(1);
    assertThat(sender.send(n).toCompletionStage().toCompletableFuture()).isCompletedExceptionally();
    assertThat(notifier.messages()).hasSize(3);
    result(sender.send(n));
    result(sender.send(n));
    assertThat(notifier.messages()).hasSize(4);
  }

  @Test
  @DisplayName("an alert goes to the coordinator by email only, without an invitation and not to the chat groups")
  void alert() {
    Series s = SeriesSamples.apply(noticed(Language.ZH_CN), SeriesActor.member("u1"),
        new OccurrenceCommands.Respond(SeriesSamples.first(), Rsvp.Response.DECLINED, "出差"));
    NoticeSender.Notice n = notice(s, PendingEffect.Kind.KEY_ABSENTEE_ALERT);
    assertThat(n.chatGroups()).isEmpty();
    result(sender.send(n));
    assertThat(notifier.messages()).singleElement().satisfies(m -> {
      assertThat(m.key()).isEqualTo(n.idempotencyKey() + "/mail/" + PendingEffect.COORDINATOR);
      assertThat(m.destination()).isEqualTo(new Destination.Mailbox(List.of("li.na@example.com")));
      assertThat(m.calendar()).isNull();
      assertThat(m.markdown()).doesNotContain("个人链接");
    });
  }

  @Test
  @DisplayName("a very long notice is shortened, but keeps the recipient's link")
  void longNotice() {
    NoticeSender.Notice n = notice(noticed(Language.EN), PendingEffect.Kind.NOTICE);
    NoticeSender.Notice big = new NoticeSender.Notice(n.idempotencyKey(), n.seriesId(), n.occurrenceId(), n.kind(),
        n.language(), "x".repeat(300), "line\n".repeat(6_000), n.calendar(), n.recipients(), n.chatGroups());
    result(sender.send(big));
    Message first = notifier.messages().get(0);
    assertThat(first.markdown().length()).isLessThanOrEqualTo(Message.MAX_MARKDOWN);
    assertThat(first.markdown()).contains("…more not shown").endsWith("feed-u1");
    assertThat(first.title()).hasSize(Message.MAX_TITLE);
  }
}
