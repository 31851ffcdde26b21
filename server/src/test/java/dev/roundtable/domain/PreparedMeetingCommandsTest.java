package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.empty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.MeetingCommands.Join;
import dev.roundtable.domain.PreparedMeetingCommands.Answer;
import dev.roundtable.domain.PreparedMeetingCommands.CreatePreparedMeeting;
import dev.roundtable.domain.PreparedMeetingCommands.Input;
import dev.roundtable.domain.PreparedMeetingCommands.Item;
import dev.roundtable.domain.PreparedMeetingCommands.Person;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A prepared meeting")
class PreparedMeetingCommandsTest {
  private static final Person LI = new Person("coordinator", "李娜", "PMO");
  private static final Person WANG = new Person("member:u1", "王伟", "销售部");
  private static final Person ZHAO = new Person("member:u2", "赵磊", "研发部");
  private static final Person QIAN = new Person("member:u3", "钱敏", "财务部");

  private static CreatePreparedMeeting prepared(List<Item> agenda, List<Input> inputs) {
    return new CreatePreparedMeeting("项目周会", "确定下周的优先级", MeetingKind.DECISION, T0 + 600_000, 60, "zh-CN", LI,
        List.of(WANG, ZHAO), agenda, inputs);
  }

  private static final List<Item> AGENDA = List.of(
      new Item("进展通报", "赵磊", 600, "", ItemKind.INFORM),
      new Item("选定方案", "王伟", 1_200, "选定的方案", ItemKind.DECIDE));

  private static Outcome.Applied created(List<Input> inputs) {
    Outcome o = Room.apply(empty(), SYSTEM, prepared(AGENDA, inputs), T0);
    assertThat(o).isInstanceOf(Outcome.Applied.class);
    return (Outcome.Applied) o;
  }

  @Test
  @DisplayName("is created with its facilitator, its invitees known by key and not yet attended, and its agenda")
  void createsEverything() {
    Outcome.Applied made = created(List.of());
    RoomState s = made.state();
    assertThat(s.meeting().title()).isEqualTo("项目周会");
    assertThat(s.meeting().language()).isEqualTo(Language.ZH_CN);
    String facilitatorId = (String) made.result().get("participantId");
    assertThat(s.participants().get(facilitatorId).role()).isEqualTo(Role.FACILITATOR);
    assertThat(s.participantByKey("coordinator")).get().extracting(Participant::id).isEqualTo(facilitatorId);
    assertThat(s.participantByKey("member:u2")).get().satisfies(p -> {
      assertThat(p.name()).isEqualTo("赵磊");
      assertThat(p.department()).isEqualTo("研发部");
      assertThat(p.role()).isEqualTo(Role.PARTICIPANT);
      assertThat(p.attended()).isFalse();
    });
    assertThat(s.agenda()).extracting(AgendaItem::title).containsExactly("进展通报", "选定方案");
    assertThat(s.agenda().get(1).timeboxSeconds()).isEqualTo(1_200);
    assertThat(s.agenda().get(1).owner()).isEqualTo("王伟");
  }

  @Test
  @DisplayName("puts the answers to each question on the board, by their authors, grouped under the question")
  void answersOnTheBoard() {
    RoomState s = created(List.of(
        new Input("各部门当前的风险", List.of(new Answer(ZHAO, "接口联调延期一周"), new Answer(QIAN, "预算超支 5%"))),
        new Input("需要的支持", List.of(new Answer(WANG, "法务审核合同"))))).state();
    assertThat(s.notes().values()).extracting(Note::text)
        .containsExactlyInAnyOrder("接口联调延期一周", "预算超支 5%", "法务审核合同");
    String zhaoId = s.participantByKey("member:u2").orElseThrow().id();
    Note risk = s.notes().values().stream().filter(n -> n.text().equals("接口联调延期一周")).findFirst().orElseThrow();
    assertThat(risk.authorId()).isEqualTo(zhaoId);
    assertThat(risk.hidden()).isFalse();
    assertThat(s.clusters().get(risk.clusterId()).name()).isEqualTo("各部门当前的风险");
    Note support = s.notes().values().stream().filter(n -> n.text().equals("法务审核合同")).findFirst().orElseThrow();
    assertThat(support.clusterId()).isNotEqualTo(risk.clusterId());
    assertThat(support.x()).as("another question, another column").isGreaterThan(risk.x());
    assertThat(s.participantByKey("member:u3")).as("an answer's author not invited becomes a participant").isPresent();
  }

  @Test
  @DisplayName("admits a known key again as the same participant, in their current role, recording nothing")
  void joinsByKeyOnce() {
    RoomState s = created(List.of()).state();
    Outcome again = Room.apply(s, SYSTEM, new Join("赵磊", "研发部", Role.PARTICIPANT, "member:u2"), T0);
    assertThat(again).isInstanceOfSatisfying(Outcome.Applied.class, a -> {
      assertThat(a.events()).isEmpty();
      assertThat(a.result()).containsEntry("participantId", s.participantByKey("member:u2").orElseThrow().id())
          .containsEntry("role", "participant");
    });
    Outcome chair = Room.apply(s, SYSTEM, new Join("李娜", "PMO", Role.PARTICIPANT, "coordinator"), T0);
    assertThat(((Outcome.Applied) chair).result()).containsEntry("role", "facilitator");
    Outcome someoneNew = Room.apply(s, SYSTEM, new Join("刘洋", "销售部", Role.PARTICIPANT, "member:u9"), T0);
    RoomState after = ((Outcome.Applied) someoneNew).state();
    assertThat(after.participants()).hasSize(s.participants().size() + 1);
    assertThat(after.participantByKey("member:u9")).get().extracting(Participant::name).isEqualTo("刘洋");
  }

  @Test
  @DisplayName("is refused whole, naming the part, when one part is bad; and only the server may prepare one")
  void refusedWhole() {
    Outcome bad = Room.apply(empty(), SYSTEM, prepared(List.of(AGENDA.get(0), new Item(" ", null, 60, null, null)),
        List.of()), T0);
    assertThat(bad).isInstanceOfSatisfying(Rejection.class, r -> {
      assertThat(r.code()).isEqualTo(ErrorCode.INVALID_FIELD);
      assertThat(r.message()).isEqualTo("agenda[1].title is required");
    });
    Outcome vague = Room.apply(empty(), SYSTEM, new CreatePreparedMeeting("周会", "周会", MeetingKind.DECISION, T0, 60,
        "zh-CN", LI, List.of(), List.of(), List.of()), T0);
    assertThat(vague).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(Goals.VAGUE_GOAL));
    assertThat(Room.apply(empty(), Rooms.ANA, prepared(AGENDA, List.of()), T0))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.FORBIDDEN));
    RoomState made = created(List.of()).state();
    assertThat(Room.apply(made, SYSTEM, prepared(AGENDA, List.of()), T0))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.ROOM_EXISTS));
  }

  @Test
  @DisplayName("replays from its events to the same state")
  void replays() {
    Outcome.Applied made = created(List.of(new Input("风险", List.of(new Answer(ZHAO, "延期")))));
    assertThat(Room.fold(empty(), made.events())).isEqualTo(made.state());
  }
}
