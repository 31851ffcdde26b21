package dev.roundtable.series;

import static dev.roundtable.series.SeriesSamples.NOW;
import static dev.roundtable.series.SeriesSamples.first;
import static dev.roundtable.series.SeriesSamples.prepared;
import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.Command;
import dev.roundtable.domain.MeetingCommands;
import dev.roundtable.domain.MinutesCommands;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.notify.FakeNotifier;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.ChatGroupCommands;
import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A finalized meeting's minutes")
class MinutesDeliveryTest {
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

  private static Series series() {
    return SeriesSamples.apply(prepared(), SeriesActor.COORDINATOR, new ChatGroupCommands.AddChatGroup(
        ChatGroup.ChatService.DINGTALK, "项目群", "https://oapi.dingtalk.com/robot/send?access_token=abc", "SECabc"));
  }

  /** The room of the first occurrence: Wang Wei (u1) came, Zhao Lei (u2) did not; a decision and an action. */
  private static RoomState finishedRoom(Series s, Occurrence o) {
    RoomState room = RoomState.empty("room-1", 180);
    room = run(room, Actor.system(), OccurrenceMeeting.of(s, o));
    String wang = room.participantByKey("member:u1").orElseThrow().id();
    String chair = room.participantByKey(OccurrenceMeeting.COORDINATOR_KEY).orElseThrow().id();
    room = run(room, Actor.system(), new MeetingCommands.Connect(wang, "c1"));
    room = run(room, Actor.participant(chair), new MinutesCommands.RecordDecision("下周先做支付", null));
    room = run(room, Actor.participant(chair),
        new MinutesCommands.AddActionItem("联系供应商", "Wang Wei", "书面确认交期", "2026-12-10", null));
    room = run(room, Actor.participant(chair), new MeetingCommands.EndMeeting());
    return run(room, Actor.participant(chair), new MinutesCommands.FinalizeMinutes());
  }

  private static RoomState run(RoomState s, Actor a, Command c) {
    Outcome o = Room.apply(s, a, c, NOW);
    assertThat(o).as("outcome of %s", c).isInstanceOf(Outcome.Applied.class);
    return ((Outcome.Applied) o).state();
  }

  @Test
  @DisplayName("go by email to those who came, the informed and the coordinator, with the whole minutes attached, "
      + "and as a summary to the chat group, mentioning the action's owner, in the series' language")
  void delivered() {
    Series s = series();
    Occurrence o = s.occurrence(first().occurrenceId()).orElseThrow();
    RoomState room = finishedRoom(s, o);
    FakeNotifier notifier = new FakeNotifier();
    result(MinutesDelivery.create(notifier, LINKS).deliver(s, o, room));

    List<Message> sent = notifier.messages();
    assertThat(sent).extracting(Message::key).containsExactlyInAnyOrder("minutes/room-1/mail/u1",
        "minutes/room-1/mail/u3", "minutes/room-1/mail/coordinator", "minutes/room-1/chat/" + s.chatGroups().get(0).id());
    Message wang = sent.stream().filter(m -> m.key().endsWith("/mail/u1")).findFirst().orElseThrow();
    assertThat(wang.destination()).isEqualTo(new Destination.Mailbox(List.of("wang@example.com")));
    assertThat(wang.title()).isEqualTo("会议纪要：Weekly project alignment 2026-12-03");
    assertThat(wang.markdown()).contains("下周先做支付", "联系供应商 — 负责人 Wang Wei，截止 2026-12-10", "书面确认交期",
        "https://rt.example.com/series#link-u1");
    assertThat(wang.attachment().name()).isEqualTo("minutes-" + o.id() + ".md");
    assertThat(new String(wang.attachment().data(), StandardCharsets.UTF_8)).contains("下周先做支付", "联系供应商");
    Message chat = sent.stream().filter(m -> m.channel() == Channel.DINGTALK).findFirst().orElseThrow();
    assertThat(chat.markdown()).contains("联系供应商").doesNotContain("series#link");
    assertThat(chat.mentions()).containsExactly("13800000000");
    assertThat(chat.attachment()).isNull();

    result(MinutesDelivery.create(notifier, LINKS).deliver(s, o, room));
    assertThat(notifier.messages()).as("delivering again sends nothing twice").hasSize(4);
  }

  @Test
  @DisplayName("not final 2 h after the end remind the coordinator of the draft, after 24 h of the final, once each")
  void lateMinutes() {
    Series s = series();
    Occurrence o = s.occurrence(first().occurrenceId()).orElseThrow();
    RoomState room = RoomState.empty("room-2", 180);
    room = run(room, Actor.system(), OccurrenceMeeting.of(s, o));
    String chair = room.participantByKey(OccurrenceMeeting.COORDINATOR_KEY).orElseThrow().id();
    room = run(room, Actor.participant(chair), new MeetingCommands.EndMeeting());
    long ended = room.meeting().endedAt();
    assertThat(MinutesDelivery.lateReminders(s, o, room, ended + MinutesDelivery.DRAFT_WITHIN.toMillis() - 1))
        .isEmpty();
    List<Message> draft = MinutesDelivery.lateReminders(s, o, room, ended + MinutesDelivery.DRAFT_WITHIN.toMillis());
    assertThat(draft).extracting(Message::key).containsExactly("minutes/room-2/late-draft");
    assertThat(draft.get(0).destination()).isEqualTo(new Destination.Mailbox(List.of("li.na@example.com")));
    assertThat(draft.get(0).markdown()).contains("结束已超过 2 小时", "Weekly project alignment 2026-12-03");
    assertThat(MinutesDelivery.lateReminders(s, o, room, ended + MinutesDelivery.FINAL_WITHIN.toMillis()))
        .extracting(Message::key).containsExactly("minutes/room-2/late-draft", "minutes/room-2/late-final");
    RoomState finalized = run(room, Actor.participant(chair), new MinutesCommands.FinalizeMinutes());
    assertThat(MinutesDelivery.lateReminders(s, o, finalized, ended + MinutesDelivery.FINAL_WITHIN.toMillis()))
        .as("final minutes need no reminder").isEmpty();
  }
}
