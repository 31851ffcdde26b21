package dev.roundtable.series.core;

import static dev.roundtable.series.core.Fixtures.NOW;
import static dev.roundtable.series.core.Fixtures.applied;
import static dev.roundtable.series.core.Fixtures.created;
import static dev.roundtable.series.core.Fixtures.details;
import static dev.roundtable.series.core.Fixtures.outcome;
import static dev.roundtable.series.core.Fixtures.refused;
import static dev.roundtable.series.core.Fixtures.withMembers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.domain.Rejection;
import dev.roundtable.series.core.SeriesCommands.AddMember;
import dev.roundtable.series.core.SeriesCommands.CompleteEffect;
import dev.roundtable.series.core.SeriesCommands.CreateSeries;
import dev.roundtable.series.core.SeriesCommands.EditMember;
import dev.roundtable.series.core.SeriesCommands.EditSeries;
import dev.roundtable.series.core.SeriesCommands.RemoveMember;
import dev.roundtable.series.core.SeriesCommands.RotateLink;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A series, its members and their links")
class SeriesCommandsTest {

  @Test
  @DisplayName("creating a series keeps its details, defaults nothing it was given and starts with no members")
  void creates() {
    SeriesOutcome.Applied o = outcome(Series.NONE, SeriesActor.COORDINATOR, new CreateSeries("s1", details()));
    assertThat(o.state().id()).isEqualTo("s1");
    assertThat(o.state().details().title()).isEqualTo("Weekly project alignment");
    assertThat(o.state().details().schedule().rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=TH");
    assertThat(o.state().createdAt()).isEqualTo(NOW);
    assertThat(o.state().members()).isEmpty();
    assertThat(o.events()).hasSize(1);
  }

  @Test
  @DisplayName("a series without a language is in English, one without a template starts with an empty agenda")
  void defaults() {
    Series.Details d = details();
    Series s = applied(Series.NONE, SeriesActor.COORDINATOR, new CreateSeries("s1", new Series.Details(d.title(),
        d.goal(), d.kind(), d.department(), d.coordinator(), null, d.schedule(), null, null, null)));
    assertThat(s.details().language()).isEqualTo(Language.EN);
    assertThat(s.details().template()).isEqualTo(AgendaTemplate.NONE);
  }

  @Test
  @DisplayName("a series cannot be created twice")
  void createTwice() {
    assertThat(refused(created(), SeriesActor.COORDINATOR, new CreateSeries("s1", details())).code())
        .isEqualTo(ErrorCode.INVALID_STATE);
  }

  static Stream<Arguments> badDetails() {
    return Stream.of(
        bad("a missing title", d -> with(d, null, d.goal(), d.schedule(), d.onlineLink()), ErrorCode.INVALID_FIELD,
            "title is required"),
        bad("a title of 201 characters", d -> with(d, "x".repeat(201), d.goal(), d.schedule(), d.onlineLink()),
            ErrorCode.TOO_LARGE, "title is longer than 200 characters"),
        bad("a missing goal", d -> with(d, d.title(), " ", d.schedule(), d.onlineLink()), ErrorCode.INVALID_FIELD,
            "goal is required"),
        bad("a goal that names no result", d -> with(d, d.title(), "周会", d.schedule(), d.onlineLink()),
            ErrorCode.INVALID_FIELD, "goal is too vague"),
        bad("an unknown time zone", d -> with(d, d.title(), d.goal(),
            new Schedule("2026-12-03T10:00", null, "Mars/Olympus", 60), d.onlineLink()), ErrorCode.INVALID_FIELD,
            "timeZone Mars/Olympus is not a known IANA time zone"),
        bad("a first start that is no date-time", d -> with(d, d.title(), d.goal(),
            new Schedule("next thursday", null, "Asia/Shanghai", 60), d.onlineLink()), ErrorCode.INVALID_FIELD,
            "firstStart must be a local date-time"),
        bad("a duration of 2 minutes", d -> with(d, d.title(), d.goal(),
            new Schedule("2026-12-03T10:00", null, "Asia/Shanghai", 2), d.onlineLink()), ErrorCode.INVALID_FIELD,
            "durationMinutes must be between 5 and 1440"),
        bad("an online link that is not http", d -> with(d, d.title(), d.goal(), d.schedule(), "javascript:alert(1)"),
            ErrorCode.INVALID_FIELD, "onlineLink must be an http or https link"),
        bad("a broken character in the title", d -> with(d, "Q\uD800", d.goal(), d.schedule(), null),
            ErrorCode.INVALID_FIELD, "title contains a broken character"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badDetails")
  @DisplayName("bad details are refused with a clear message and nothing is created")
  void badCreate(String what, UnaryOperator<Series.Details> change, ErrorCode code, String message) {
    Rejection r = refused(Series.NONE, SeriesActor.COORDINATOR, new CreateSeries("s1", change.apply(details())));
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.message()).startsWith(message);
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badDetails")
  @DisplayName("bad details are refused in an edit too, and the series keeps its details")
  void badEdit(String what, UnaryOperator<Series.Details> change, ErrorCode code, String message) {
    Series s = created();
    Series.Details bad = change.apply(details());
    Series.Details onlyTheBadField = new Series.Details(bad.title() == null ? "" : bad.title(), bad.goal(), null,
        null, null, null, bad.schedule(), null, bad.onlineLink(), null);
    Rejection r = refused(s, SeriesActor.COORDINATOR, new EditSeries(onlyTheBadField));
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.message()).startsWith(message);
    assertThat(s.details()).isEqualTo(details());
  }

  @Test
  @DisplayName("an edit changes the fields it names and keeps the others")
  void edits() {
    Series s = applied(created(), SeriesActor.COORDINATOR,
        new EditSeries(SeriesCommands.changes("Monthly review", null, MeetingKind.DISCUSSION)));
    assertThat(s.details().title()).isEqualTo("Monthly review");
    assertThat(s.details().kind()).isEqualTo(MeetingKind.DISCUSSION);
    assertThat(s.details().goal()).isEqualTo("Decide next week's priorities");
  }

  @Test
  @DisplayName("only the coordinator edits a series and its members; a member is forbidden")
  void onlyCoordinator() {
    Series s = withMembers();
    SeriesActor member = SeriesActor.member("u1");
    assertThat(refused(s, member, new EditSeries(SeriesCommands.changes("x", null, null))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(s, member, new AddMember("A", "B", "a@b.cn", null, Part.SUPPORT)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(s, member, new RotateLink("u1")).code()).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("members get ids from the series' counter and a personal link of version 1")
  void addsMembers() {
    Series s = withMembers();
    assertThat(s.members()).extracting(Member::id).containsExactly("u1", "u2", "u3");
    assertThat(s.members()).extracting(Member::linkVersion).containsOnly(1);
    assertThat(s.member("u1").get().part()).isEqualTo(Part.DECISION_MAKER);
    assertThat(s.invited()).extracting(Member::id).containsExactly("u1", "u2");
  }

  @Test
  @DisplayName("a member without a part is an executor; mention ids are kept stripped")
  void memberDefaults() {
    SeriesOutcome.Applied o = outcome(created(), SeriesActor.COORDINATOR, new AddMember(" Sun Li ", "IT",
        "sun@example.com", new Mentions("13800138000", " sunli ", null), null));
    Member m = o.state().member("u1").get();
    assertThat(o.result()).containsEntry("memberId", "u1");
    assertThat(m.part()).isEqualTo(Part.EXECUTOR);
    assertThat(m.name()).isEqualTo("Sun Li");
    assertThat(m.mentions()).isEqualTo(new Mentions("13800138000", "sunli", null));
  }

  static Stream<Arguments> badMembers() {
    return Stream.of(
        Arguments.of("no name", new AddMember(null, "IT", "a@example.com", null, null), "name is required"),
        Arguments.of("no department", new AddMember("A", "", "a@example.com", null, null), "department is required"),
        Arguments.of("no email", new AddMember("A", "IT", null, null, null), "email is required"),
        Arguments.of("an email without a domain", new AddMember("A", "IT", "a@", null, null),
            "email is not an email address"),
        Arguments.of("an email with a space", new AddMember("A", "IT", "a b@example.com", null, null),
            "email is not an email address"),
        Arguments.of("an email without a dot in the domain", new AddMember("A", "IT", "a@localhost", null, null),
            "email is not an email address"),
        Arguments.of("a mobile with letters", new AddMember("A", "IT", "a@example.com",
            new Mentions("138abc", null, null), null), "dingTalkMobile must be a mobile number"),
        Arguments.of("a WeCom id with spaces", new AddMember("A", "IT", "a@example.com",
            new Mentions(null, "a b", null), null), "weComUserId must be"),
        Arguments.of("a Feishu id with a newline inside", new AddMember("A", "IT", "a@example.com",
            new Mentions(null, null, "ou_1\nx"), null), "feishuOpenId must be"));
  }

  @ParameterizedTest(name = "a member with {0} is refused")
  @MethodSource("badMembers")
  @DisplayName("a bad member is refused with INVALID_FIELD and a message naming the field")
  void badMember(String what, AddMember command, String message) {
    Rejection r = refused(created(), SeriesActor.COORDINATOR, command);
    assertThat(r.code()).isEqualTo(ErrorCode.INVALID_FIELD);
    assertThat(r.message()).startsWith(message);
  }

  @Test
  @DisplayName("editing a member keeps their id and link; removing one forgets them")
  void editAndRemove() {
    Series s = applied(withMembers(), SeriesActor.COORDINATOR,
        new EditMember("u2", null, null, "zhao.lei@example.com", null, Part.SUPPORT));
    assertThat(s.member("u2").get().email()).isEqualTo("zhao.lei@example.com");
    assertThat(s.member("u2").get().part()).isEqualTo(Part.SUPPORT);
    assertThat(s.members()).extracting(Member::id).containsExactly("u1", "u2", "u3");
    s = applied(s, SeriesActor.COORDINATOR, new RemoveMember("u2"));
    assertThat(s.member("u2")).isEmpty();
    assertThat(refused(s, SeriesActor.COORDINATOR, new RemoveMember("u2")).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refused(s, SeriesActor.COORDINATOR, new EditMember("u9", "x", null, null, null, null)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("rotating a member's link raises its version, so links of the old version are refused")
  void rotates() {
    SeriesOutcome.Applied o = outcome(withMembers(), SeriesActor.COORDINATOR, new RotateLink("u1"));
    assertThat(o.result()).containsEntry("linkVersion", 2);
    assertThat(o.state().member("u1").get().linkVersion()).isEqualTo(2);
    assertThat(o.state().member("u2").get().linkVersion()).isEqualTo(1);
  }

  @Test
  @DisplayName("more than 15 invited members gives a warning; informed members do not count")
  void tooManyInvited() {
    Series s = created();
    for (int i = 0; i < 15; i++) {
      s = applied(s, SeriesActor.COORDINATOR, new AddMember("M" + i, "D", "m" + i + "@example.com", null, null));
    }
    s = applied(s, SeriesActor.COORDINATOR, new AddMember("Info", "D", "i@example.com", null, Part.INFORMED));
    assertThat(Warnings.of(s)).isEmpty();
    SeriesOutcome.Applied o = outcome(s, SeriesActor.COORDINATOR,
        new AddMember("M16", "D", "m16@example.com", null, Part.SUPPORT));
    assertThat(o.warnings()).extracting(Warnings.Warning::code).containsExactly(Warnings.TOO_MANY_INVITED);
    assertThat(o.warnings().get(0).message()).startsWith("16 members are invited");
  }

  @Test
  @DisplayName("a pending effect is completed only by the server, and completing it twice changes nothing")
  void completesEffects() {
    Series s = withMembers();
    s = applied(s, SeriesActor.COORDINATOR,
        new OccurrenceCommands.PrepareNotice(Fixtures.slotIn(3 * Fixtures.DAY), false));
    String id = s.effects().get(0).id();
    assertThat(refused(s, SeriesActor.COORDINATOR, new CompleteEffect(id)).code()).isEqualTo(ErrorCode.FORBIDDEN);
    s = applied(s, SeriesActor.SYSTEM, new CompleteEffect(id));
    assertThat(s.effects()).isEmpty();
    assertThat(outcome(s, SeriesActor.SYSTEM, new CompleteEffect(id)).events()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AgendaTemplate.class)
  @DisplayName("every template runs inform, discuss, decide and has the same items in both languages")
  void templates(AgendaTemplate template) {
    List<DraftItem> en = template.items(Language.EN);
    List<DraftItem> zh = template.items(Language.ZH_CN);
    assertThat(AgendaOrder.inOrder(en)).isTrue();
    assertThat(zh).hasSameSizeAs(en);
    assertThat(zh).extracting(DraftItem::kind).containsExactlyElementsOf(en.stream().map(DraftItem::kind).toList());
    if (template != AgendaTemplate.NONE) {
      assertThat(zh).extracting(DraftItem::title)
          .doesNotContainAnyElementsOf(en.stream().map(DraftItem::title).toList());
      assertThat(en).extracting(DraftItem::kind).contains(ItemKind.DECIDE);
    }
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(List.of(), true),
        Arguments.of(List.of(ItemKind.INFORM, ItemKind.DISCUSS, ItemKind.DECIDE), true),
        Arguments.of(List.of(ItemKind.INFORM, ItemKind.INFORM, ItemKind.OPEN_DISCUSSION, ItemKind.DECIDE), true),
        Arguments.of(List.of(ItemKind.DISCUSS, ItemKind.DECIDE), true),
        Arguments.of(List.of(ItemKind.DECIDE, ItemKind.INFORM), false),
        Arguments.of(List.of(ItemKind.INFORM, ItemKind.DECIDE, ItemKind.DISCUSS), false),
        Arguments.of(List.of(ItemKind.DISCUSS, ItemKind.INFORM), false));
  }

  @ParameterizedTest(name = "{0} in order: {1}")
  @MethodSource("orders")
  @DisplayName("the ordering check accepts inform → discuss → decide and nothing that steps back")
  void order(List<ItemKind> kinds, boolean inOrder) {
    assertThat(AgendaOrder.inOrder(kinds.stream().map(k -> new DraftItem("t", null, 5, "", k)).toList()))
        .isEqualTo(inOrder);
  }

  private static Arguments bad(String what, UnaryOperator<Series.Details> change, ErrorCode code, String message) {
    return Arguments.of(what, change, code, message);
  }

  private static Series.Details with(Series.Details d, String title, String goal, Schedule schedule, String link) {
    return new Series.Details(title, goal, d.kind(), d.department(), d.coordinator(), d.language(), schedule,
        d.place(), link, d.template());
  }
}
