package dev.roundtable.series.core;

import static dev.roundtable.series.core.Fixtures.DAY;
import static dev.roundtable.series.core.Fixtures.HOUR;
import static dev.roundtable.series.core.Fixtures.NOW;
import static dev.roundtable.series.core.Fixtures.applied;
import static dev.roundtable.series.core.Fixtures.outcome;
import static dev.roundtable.series.core.Fixtures.refused;
import static dev.roundtable.series.core.Fixtures.slotIn;
import static dev.roundtable.series.core.Fixtures.withMembers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Rejection;
import dev.roundtable.series.core.OccurrenceCommands.AddFilePreRead;
import dev.roundtable.series.core.OccurrenceCommands.AddPreRead;
import dev.roundtable.series.core.OccurrenceCommands.AnswerInput;
import dev.roundtable.series.core.OccurrenceCommands.AskInput;
import dev.roundtable.series.core.OccurrenceCommands.MoveOccurrence;
import dev.roundtable.series.core.OccurrenceCommands.OpenRoom;
import dev.roundtable.series.core.OccurrenceCommands.PrepareNotice;
import dev.roundtable.series.core.OccurrenceCommands.RemovePreRead;
import dev.roundtable.series.core.OccurrenceCommands.ScheduleNotice;
import dev.roundtable.series.core.OccurrenceCommands.Respond;
import dev.roundtable.series.core.OccurrenceCommands.SetAgenda;
import dev.roundtable.series.core.OccurrenceCommands.Substitute;
import dev.roundtable.series.core.PendingEffect.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Preparing an occurrence: agenda, pre-reads, input, notice, RSVP and substitutes")
class OccurrenceCommandsTest {
  private static final Slot IN_3_DAYS = slotIn(3 * DAY);
  private static final SeriesActor WANG = SeriesActor.member("u1");
  private static final SeriesActor ZHAO = SeriesActor.member("u2");
  private static final SeriesActor CHEN = SeriesActor.member("u3");

  private static List<DraftItem> agenda(ItemKind... kinds) {
    return Stream.of(kinds).map(k -> new DraftItem(k.name().toLowerCase() + " item", "u1", 10, "an output", k))
        .toList();
  }

  private static Series noticed() {
    return applied(withMembers(), SeriesActor.COORDINATOR, new PrepareNotice(IN_3_DAYS, false));
  }

  @Test
  @DisplayName("an occurrence is opened from its slot with the series' template in the series' language")
  void opensFromTemplate() {
    Series s = applied(withMembers(), SeriesActor.COORDINATOR, new AddPreRead(IN_3_DAYS, "Plan", "https://x.cn/p"));
    Occurrence o = s.occurrence(IN_3_DAYS.occurrenceId()).get();
    assertThat(o.start()).isEqualTo(IN_3_DAYS.start());
    assertThat(o.agenda()).isEqualTo(AgendaTemplate.PROJECT_COORDINATION.items(dev.roundtable.domain.Language.ZH_CN));
    assertThat(o.preReads()).extracting(PreRead::id).containsExactly("r4");
  }

  @Test
  @DisplayName("the agenda draft is replaced as a whole, and one out of order is kept with a warning")
  void setsAgenda() {
    SeriesOutcome.Applied o = outcome(withMembers(), SeriesActor.COORDINATOR,
        new SetAgenda(IN_3_DAYS, agenda(ItemKind.DECIDE, ItemKind.INFORM)));
    assertThat(o.state().occurrence(IN_3_DAYS.occurrenceId()).get().agenda()).extracting(DraftItem::kind)
        .containsExactly(ItemKind.DECIDE, ItemKind.INFORM);
    assertThat(o.warnings()).extracting(Warnings.Warning::code).containsExactly(Warnings.AGENDA_ORDER);
    assertThat(o.warnings().get(0).occurrenceId()).isEqualTo(IN_3_DAYS.occurrenceId());
    assertThat(o.state().effects()).isEmpty();
  }

  static Stream<Arguments> badAgendas() {
    return Stream.of(
        Arguments.of("an item without a title", List.of(new DraftItem(" ", null, 10, null, null)),
            ErrorCode.INVALID_FIELD, "items[0].title is required"),
        Arguments.of("a time-box of 0 minutes", List.of(new DraftItem("A", null, 0, null, null)),
            ErrorCode.INVALID_FIELD, "items[0].minutes must be between 1 and 480"),
        Arguments.of("an owner who is no member", List.of(new DraftItem("A", "u1", 5, null, null),
            new DraftItem("B", "u42", 5, null, null)), ErrorCode.NOT_FOUND, "items[1].ownerId names no member"),
        Arguments.of("51 items", Stream.generate(() -> new DraftItem("A", null, 5, null, null)).limit(51).toList(),
            ErrorCode.LIMIT_REACHED, "an agenda has at most 50 items"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badAgendas")
  @DisplayName("a bad agenda draft is refused and nothing is opened")
  void badAgenda(String what, List<DraftItem> items, ErrorCode code, String message) {
    Rejection r = refused(withMembers(), SeriesActor.COORDINATOR, new SetAgenda(IN_3_DAYS, items));
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.message()).startsWith(message);
  }

  static Stream<Arguments> notices() {
    return Stream.of(
        Arguments.of("3 days ahead", 3 * DAY, false, null, null),
        Arguments.of("exactly 24 h ahead", DAY, false, null, null),
        Arguments.of("23 h ahead, unconfirmed", 23 * HOUR, false, ErrorCode.INVALID_STATE,
            OccurrenceCommands.NOTICE_LATE),
        Arguments.of("23 h ahead, confirmed", 23 * HOUR, true, null, null),
        Arguments.of("an hour ago", -HOUR, true, ErrorCode.INVALID_STATE, OccurrenceCommands.NOTICE_PAST),
        Arguments.of("starting right now", 0, true, ErrorCode.INVALID_STATE, OccurrenceCommands.NOTICE_PAST));
  }

  @ParameterizedTest(name = "a notice {0}: {3} {4}")
  @MethodSource("notices")
  @DisplayName("a notice goes out at least 24 h ahead unless confirmed, and never for a past time")
  void notice(String what, long fromNow, boolean confirmLate, ErrorCode code, String reason) {
    Slot slot = slotIn(fromNow);
    SeriesOutcome o = Series.apply(withMembers(), SeriesActor.COORDINATOR, new PrepareNotice(slot, confirmLate), NOW);
    if (code == null) {
      SeriesOutcome.Applied a = (SeriesOutcome.Applied) o;
      assertThat(a.state().occurrence(slot.occurrenceId()).get().noticedAt()).isEqualTo(NOW);
      PendingEffect e = a.state().effects().get(0);
      assertThat(e.kind()).isEqualTo(Kind.NOTICE);
      assertThat(e.recipients()).containsExactly("u1", "u2");
      assertThat(e.sequence()).isZero();
      assertThat(e.idempotencyKey("s1")).isEqualTo("series/s1/" + e.id());
    } else {
      Rejection r = ((SeriesOutcome.Refused) o).rejection();
      assertThat(r.code()).isEqualTo(code);
      assertThat(r.reason()).isEqualTo(reason);
    }
  }

  @Test
  @DisplayName("a late notice says how many hours are left")
  void lateMessage() {
    assertThat(refused(withMembers(), SeriesActor.COORDINATOR, new PrepareNotice(slotIn(5 * HOUR), false)).message())
        .isEqualTo("the notice would go out 5 h before the start, later than 24 h: confirm with confirmLate");
  }

  @Test
  @DisplayName("a notice is prepared once, and not before anyone is invited")
  void noticeOnce() {
    assertThat(refused(noticed(), SeriesActor.COORDINATOR, new PrepareNotice(IN_3_DAYS, false)).message())
        .startsWith("the notice was prepared already");
    assertThat(refused(Fixtures.created(), SeriesActor.COORDINATOR, new PrepareNotice(IN_3_DAYS, false)).message())
        .isEqualTo("nobody is invited yet");
  }

  @Test
  @DisplayName("changing the agenda after the notice raises the SEQUENCE and records an update; before it, neither")
  void updateAfterNotice() {
    Series before = applied(withMembers(), SeriesActor.COORDINATOR, new SetAgenda(IN_3_DAYS, agenda(ItemKind.INFORM)));
    assertThat(before.sequence()).isZero();
    Series s = applied(noticed(), SeriesActor.COORDINATOR, new SetAgenda(IN_3_DAYS, agenda(ItemKind.INFORM)));
    assertThat(s.sequence()).isEqualTo(1);
    PendingEffect update = s.effects().get(1);
    assertThat(update.kind()).isEqualTo(Kind.UPDATE);
    assertThat(update.sequence()).isEqualTo(1);
    Series same = applied(s, SeriesActor.COORDINATOR, new SetAgenda(IN_3_DAYS, agenda(ItemKind.INFORM)));
    assertThat(same.sequence()).as("the same agenda again is no change").isEqualTo(1);
    assertThat(same.effects()).hasSize(2);
  }

  @Test
  @DisplayName("moving a noticed occurrence raises the SEQUENCE; moving it into the past is refused")
  void moves() {
    long start = NOW + 4 * DAY;
    Series s = applied(noticed(), SeriesActor.COORDINATOR, new MoveOccurrence(IN_3_DAYS, start, start + HOUR));
    Occurrence o = s.occurrence(IN_3_DAYS.occurrenceId()).get();
    assertThat(o.start()).isEqualTo(start);
    assertThat(o.originalStart()).isEqualTo(IN_3_DAYS.start());
    assertThat(s.sequence()).isEqualTo(1);
    assertThat(s.effects()).extracting(PendingEffect::kind).containsExactly(Kind.NOTICE, Kind.UPDATE);
    assertThat(refused(s, SeriesActor.COORDINATOR, new MoveOccurrence(IN_3_DAYS, NOW - HOUR, NOW)).message())
        .isEqualTo("start is in the past");
    assertThat(refused(s, SeriesActor.COORDINATOR, new MoveOccurrence(IN_3_DAYS, start, start)).message())
        .isEqualTo("end must be after start");
  }

  @Test
  @DisplayName("pre-reads are links (http or https), up to 20, and can be removed")
  void preReads() {
    Series s = applied(withMembers(), SeriesActor.COORDINATOR, new AddPreRead(IN_3_DAYS, "Plan", "https://x.cn/p"));
    assertThat(refused(s, SeriesActor.COORDINATOR, new AddPreRead(IN_3_DAYS, "Bad", "file:///etc/passwd")).message())
        .isEqualTo("url must be an http or https link");
    s = applied(s, SeriesActor.COORDINATOR, new RemovePreRead(IN_3_DAYS, "r4"));
    assertThat(s.occurrence(IN_3_DAYS.occurrenceId()).get().preReads()).isEmpty();
    assertThat(refused(s, SeriesActor.COORDINATOR, new RemovePreRead(IN_3_DAYS, "r4")).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("a file pre-read is the coordinator's, titled by its name unless given a title, not empty, and counts among the 20")
  void filePreReads() {
    PreRead.File sheet = new PreRead.File("f1", " 风险清单.xlsx ", "application/vnd.ms-excel", 2048);
    Series s = applied(withMembers(), SeriesActor.COORDINATOR, new AddFilePreRead(IN_3_DAYS, " ", sheet));
    PreRead p = s.occurrence(IN_3_DAYS.occurrenceId()).get().preReads().get(0);
    assertThat(p).isEqualTo(PreRead.file("r4", "风险清单.xlsx",
        new PreRead.File("f1", "风险清单.xlsx", "application/vnd.ms-excel", 2048)));
    assertThat(p.hasFile()).isTrue();
    assertThat(p.url()).isNull();
    s = applied(s, SeriesActor.COORDINATOR, new AddFilePreRead(IN_3_DAYS, "本周风险", sheet));
    assertThat(s.occurrence(IN_3_DAYS.occurrenceId()).get().preReads().get(1).title()).isEqualTo("本周风险");

    assertThat(refused(s, WANG, new AddFilePreRead(IN_3_DAYS, null, sheet)).code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(s, SeriesActor.COORDINATOR, new AddFilePreRead(IN_3_DAYS, null,
        new PreRead.File("f2", "empty.txt", "text/plain", 0))).message()).isEqualTo("the file is empty");
    assertThat(refused(s, SeriesActor.COORDINATOR, new AddFilePreRead(IN_3_DAYS, null,
        new PreRead.File("f2", "x".repeat(201), "text/plain", 1))).code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(refused(s, SeriesActor.COORDINATOR, new AddFilePreRead(IN_3_DAYS, null, null)).code())
        .isEqualTo(ErrorCode.INVALID_FIELD);
    for (int i = 2; i < SeriesLimits.MAX_PRE_READS; i++) {
      s = applied(s, SeriesActor.COORDINATOR, new AddFilePreRead(IN_3_DAYS, null, sheet));
    }
    assertThat(refused(s, SeriesActor.COORDINATOR, new AddFilePreRead(IN_3_DAYS, null, sheet)).code())
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(refused(s, SeriesActor.COORDINATOR, new AddPreRead(IN_3_DAYS, "Plan", "https://x.cn/p")).code())
        .isEqualTo(ErrorCode.LIMIT_REACHED);
  }

  @Test
  @DisplayName("a pre-read is a link or a file, never both or neither")
  void linkOrFile() {
    PreRead.File f = new PreRead.File("f1", "a.txt", "text/plain", 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PreRead("r1", "t", "https://x.cn", f))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PreRead("r1", "t", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("members answer an input request; a second answer replaces their first")
  void inputs() {
    SeriesOutcome.Applied asked = outcome(withMembers(), SeriesActor.COORDINATOR,
        new AskInput(IN_3_DAYS, "Each department sends its current risks"));
    String q = (String) asked.result().get("requestId");
    Series s = applied(asked.state(), WANG, new AnswerInput(IN_3_DAYS, q, "Supplier late"));
    s = applied(s, ZHAO, new AnswerInput(IN_3_DAYS, q, "None"));
    s = applied(s, WANG, new AnswerInput(IN_3_DAYS, q, "Supplier two weeks late"));
    InputRequest r = s.occurrence(IN_3_DAYS.occurrenceId()).get().input(q).get();
    assertThat(r.answers()).extracting(InputRequest.Answer::memberId, InputRequest.Answer::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("u2", "None"),
            org.assertj.core.groups.Tuple.tuple("u1", "Supplier two weeks late"));
    assertThat(refused(s, WANG, new AnswerInput(IN_3_DAYS, "q99", "x")).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refused(s, SeriesActor.COORDINATOR, new AnswerInput(IN_3_DAYS, q, "x")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  static Stream<Arguments> rsvps() {
    return Stream.of(
        Arguments.of("an executor accepts 3 days ahead", ZHAO, Rsvp.Response.ACCEPTED, 3 * DAY, List.of()),
        Arguments.of("an executor declines 3 days ahead", ZHAO, Rsvp.Response.DECLINED, 3 * DAY, List.of()),
        Arguments.of("an executor declines 10 h ahead", ZHAO, Rsvp.Response.DECLINED, 10 * HOUR,
            List.of(Kind.LATE_DECLINE_ALERT)),
        Arguments.of("a decision maker accepts 10 h ahead", WANG, Rsvp.Response.ACCEPTED, 10 * HOUR, List.of()),
        Arguments.of("a decision maker declines 3 days ahead", WANG, Rsvp.Response.DECLINED, 3 * DAY,
            List.of(Kind.KEY_ABSENTEE_ALERT)),
        Arguments.of("a decision maker declines 10 h ahead", WANG, Rsvp.Response.DECLINED, 10 * HOUR,
            List.of(Kind.LATE_DECLINE_ALERT, Kind.KEY_ABSENTEE_ALERT)));
  }

  @ParameterizedTest(name = "{0}: alerts {4}")
  @MethodSource("rsvps")
  @DisplayName("an RSVP is recorded, and late declines and key absentees alert the coordinator")
  void rsvp(String what, SeriesActor who, Rsvp.Response response, long fromNow, List<Kind> alerts) {
    Slot slot = slotIn(fromNow);
    Series s = applied(withMembers(), who, new Respond(slot, response, "travelling"));
    Rsvp r = s.occurrence(slot.occurrenceId()).get().rsvp(who.memberId()).get();
    assertThat(r.response()).isEqualTo(response);
    assertThat(r.late()).isEqualTo(fromNow < DAY);
    assertThat(s.effects()).extracting(PendingEffect::kind).containsExactlyElementsOf(alerts);
    assertThat(s.effects()).allSatisfy(e -> assertThat(e.recipients()).containsExactly(PendingEffect.COORDINATOR));
  }

  @Test
  @DisplayName("a decline needs a reason; informed members and the coordinator cannot answer; a past occurrence takes none")
  void rsvpRefusals() {
    Series s = withMembers();
    assertThat(refused(s, ZHAO, new Respond(IN_3_DAYS, Rsvp.Response.DECLINED, null)).message())
        .isEqualTo("reason is required");
    assertThat(refused(s, CHEN, new Respond(IN_3_DAYS, Rsvp.Response.ACCEPTED, null)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(s, SeriesActor.COORDINATOR, new Respond(IN_3_DAYS, Rsvp.Response.ACCEPTED, null)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(s, SeriesActor.member("u99"), new Respond(IN_3_DAYS, Rsvp.Response.ACCEPTED, null)).code())
        .isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(refused(s, ZHAO, new Respond(slotIn(-HOUR), Rsvp.Response.ACCEPTED, null)).code())
        .isEqualTo(ErrorCode.INVALID_STATE);
  }

  @Test
  @DisplayName("a decision maker naming a colleague of the same department raises no key-absentee alert")
  void substituteMember() {
    SeriesOutcome.Applied o = outcome(withMembers(), WANG, new Substitute(IN_3_DAYS, "u2", null, "abroad"));
    Rsvp r = o.state().occurrence(IN_3_DAYS.occurrenceId()).get().rsvp("u1").get();
    assertThat(r.response()).isEqualTo(Rsvp.Response.DECLINED);
    assertThat(r.substituteId()).isEqualTo("u2");
    assertThat(o.state().effects()).extracting(PendingEffect::kind).containsExactly(Kind.SUBSTITUTE_NOTICE);
    assertThat(o.state().effects().get(0).recipients()).containsExactly("u2");
  }

  @Test
  @DisplayName("a new person named as substitute becomes a member of the absentee's department and part")
  void substituteNewPerson() {
    SeriesOutcome.Applied o = outcome(withMembers(), WANG, new Substitute(IN_3_DAYS, null,
        new Substitute.NewPerson("Liu Yang", "liu@example.com", null), null));
    String id = (String) o.result().get("substituteId");
    Member m = o.state().member(id).get();
    assertThat(m.department()).isEqualTo("Sales");
    assertThat(m.part()).isEqualTo(Part.DECISION_MAKER);
    assertThat(m.substituteFor()).isEqualTo("u1");
    assertThat(m.linkVersion()).isEqualTo(1);
    assertThat(o.state().effects()).extracting(PendingEffect::kind).containsExactly(Kind.SUBSTITUTE_NOTICE);
    assertThat(o.state().effects().get(0).recipients()).containsExactly(id);
  }

  static Stream<Arguments> badSubstitutes() {
    return Stream.of(
        Arguments.of("neither a member nor a new person", new Substitute(IN_3_DAYS, null, null, null),
            "give either substituteId or newPerson"),
        Arguments.of("both", new Substitute(IN_3_DAYS, "u2", new Substitute.NewPerson("A", "a@example.com", null),
            null), "give either substituteId or newPerson"),
        Arguments.of("a member of another department", new Substitute(IN_3_DAYS, "u3", null, null),
            "a substitute must be of the same department"),
        Arguments.of("oneself", new Substitute(IN_3_DAYS, "u1", null, null),
            "a member cannot stand in for themselves"),
        Arguments.of("nobody", new Substitute(IN_3_DAYS, "u77", null, null), "no member u77"),
        Arguments.of("a new person with a malformed email", new Substitute(IN_3_DAYS, null,
            new Substitute.NewPerson("A", "not-an-email", null), null), "email is not an email address"));
  }

  @ParameterizedTest(name = "naming {0} is refused")
  @MethodSource("badSubstitutes")
  @DisplayName("a substitute must be one other person of the same department")
  void badSubstitute(String what, Substitute command, String message) {
    assertThat(refused(withMembers(), WANG, command).message()).startsWith(message);
  }

  @Test
  @DisplayName("applying the same commands to the same state gives the same state: ids come from the counter")
  void deterministic() {
    Series a = applied(noticed(), WANG, new Substitute(IN_3_DAYS, null,
        new Substitute.NewPerson("Liu Yang", "liu@example.com", null), null));
    Series b = applied(noticed(), WANG, new Substitute(IN_3_DAYS, null,
        new Substitute.NewPerson("Liu Yang", "liu@example.com", null), null));
    assertThat(a).isEqualTo(b);
  }

  @Test
  @DisplayName("the live room opens from 30 minutes before the start, once: a second opening answers the first room")
  void opensTheRoomOnce() {
    Slot soon = slotIn(20 * 60_000L);
    SeriesOutcome.Applied first = outcome(withMembers(), ZHAO, new OpenRoom(soon, "room-a"));
    assertThat(first.result()).containsEntry("roomId", "room-a").containsEntry("opened", true);
    assertThat(first.state().occurrence(soon.occurrenceId()).orElseThrow().roomId()).isEqualTo("room-a");
    SeriesOutcome.Applied second = outcome(first.state(), SeriesActor.COORDINATOR, new OpenRoom(soon, "room-b"));
    assertThat(second.result()).containsEntry("roomId", "room-a").containsEntry("opened", false);
    assertThat(second.events()).isEmpty();
  }

  @Test
  @DisplayName("the live room does not open too early, long after the end, for the informed or without an id")
  void refusesToOpenTheRoom() {
    Rejection early = refused(withMembers(), WANG, new OpenRoom(IN_3_DAYS, "room-a"));
    assertThat(early.code()).isEqualTo(ErrorCode.INVALID_STATE);
    assertThat(early.reason()).isEqualTo(OccurrenceCommands.ROOM_NOT_YET);
    Rejection over = refused(withMembers(), WANG, new OpenRoom(slotIn(-14 * HOUR), "room-a"));
    assertThat(over.reason()).isEqualTo(OccurrenceCommands.ROOM_OVER);
    assertThat(refused(withMembers(), CHEN, new OpenRoom(slotIn(600_000L), "room-a")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(withMembers(), WANG, new OpenRoom(slotIn(600_000L), " ")).code())
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refused(withMembers(), WANG, new OpenRoom(null, "room-a")).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("a notice can be scheduled at least 24 h before the start, moved, cancelled, and not once it went out")
  void schedulesTheNotice() {
    long start = IN_3_DAYS.start();
    Series s = applied(withMembers(), SeriesActor.COORDINATOR, new ScheduleNotice(IN_3_DAYS, start - 2 * DAY));
    assertThat(s.occurrence(IN_3_DAYS.occurrenceId()).orElseThrow().noticeAt()).isEqualTo(start - 2 * DAY);
    assertThat(outcome(s, SeriesActor.COORDINATOR, new ScheduleNotice(IN_3_DAYS, start - 2 * DAY)).events())
        .as("the same time again records nothing").isEmpty();
    Series cancelled = applied(s, SeriesActor.COORDINATOR, new ScheduleNotice(IN_3_DAYS, null));
    assertThat(cancelled.occurrence(IN_3_DAYS.occurrenceId()).orElseThrow().noticeAt()).isNull();
    Rejection late = refused(s, SeriesActor.COORDINATOR, new ScheduleNotice(IN_3_DAYS, start - DAY + HOUR));
    assertThat(late.reason()).isEqualTo(OccurrenceCommands.NOTICE_LATE);
    assertThat(refused(s, SeriesActor.COORDINATOR, new ScheduleNotice(IN_3_DAYS, NOW - 1)).code())
        .isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(refused(s, WANG, new ScheduleNotice(IN_3_DAYS, start - 2 * DAY)).code()).isEqualTo(ErrorCode.FORBIDDEN);
    Series noticed = applied(s, SeriesActor.SYSTEM, new PrepareNotice(IN_3_DAYS, true));
    assertThat(refused(noticed, SeriesActor.COORDINATOR, new ScheduleNotice(IN_3_DAYS, start - 2 * DAY)).code())
        .isEqualTo(ErrorCode.INVALID_STATE);
  }
}
