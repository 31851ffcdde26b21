package dev.roundtable.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import dev.roundtable.tracker.core.TrackerCommands.AddProgress;
import dev.roundtable.tracker.core.TrackerCommands.EditItem;
import dev.roundtable.tracker.core.TrackerCommands.ImportFromMeeting;
import dev.roundtable.tracker.core.TrackerCommands.Imported;
import dev.roundtable.tracker.core.TrackerCommands.Owner;
import dev.roundtable.tracker.core.TrackerCommands.UpdateStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A series' action tracker")
class TrackerTest {
  static final long NOW = 1_796_000_000_000L;
  static final Owner LI = new Owner("m1", "Li Wei", "Sales");
  static final Owner WANG = new Owner("m2", "王芳", "R&D");

  static Imported item(String actionId, Owner owner, String deadline) {
    return new Imported(actionId, "Send the revised quote to the customer", owner, "Signed by the head of sales",
        deadline, ActionStatus.OPEN, "Quote for Acme");
  }

  static ImportFromMeeting meeting(Imported... items) {
    return new ImportFromMeeting("20261210T1000", "room1", List.of(items));
  }

  static Tracker applied(Tracker t, TrackerActor a, Tracker.Command c) {
    Tracker.Outcome o = Tracker.apply(t, a, c, NOW);
    assertThat(o).isInstanceOf(Tracker.Applied.class);
    return ((Tracker.Applied) o).state();
  }

  static Rejection refused(Tracker t, TrackerActor a, Tracker.Command c) {
    Tracker.Outcome o = Tracker.apply(t, a, c, NOW);
    assertThat(o).isInstanceOf(Tracker.Refused.class);
    return ((Tracker.Refused) o).rejection();
  }

  static Tracker imported() {
    return applied(Tracker.empty("s1"), TrackerActor.SYSTEM,
        meeting(item("ai1", LI, "2026-12-17"), item("ai2", WANG, null), item("ai3", new Owner(null, "Zhou", null),
            "2026-12-20")));
  }

  @Test
  @DisplayName("importing a meeting takes every action item with its owner, source and deadline, open")
  void imports() {
    Tracker t = imported();
    assertThat(t.items()).hasSize(3);
    TrackedItem first = t.items().get(0);
    assertThat(first.id()).isEqualTo("a1");
    assertThat(first.ownerId()).isEqualTo("m1");
    assertThat(first.ownerName()).isEqualTo("Li Wei");
    assertThat(first.department()).isEqualTo("Sales");
    assertThat(first.deadline()).isEqualTo("2026-12-17");
    assertThat(first.status()).isEqualTo(ActionStatus.OPEN);
    assertThat(first.source()).isEqualTo(new Source("20261210T1000", "room1", "ai1", "Quote for Acme"));
    assertThat(first.createdAt()).isEqualTo(NOW);
    assertThat(t.items().get(2).ownerId()).isNull();
    assertThat(t.items().get(2).ownerName()).isEqualTo("Zhou");
    assertThat(t.serial()).isEqualTo(3);
  }

  @Test
  @DisplayName("importing the same meeting again adds nothing and records no event")
  void importIsIdempotent() {
    Tracker t = imported();
    Tracker.Outcome again = Tracker.apply(t, TrackerActor.SYSTEM, meeting(item("ai1", LI, "2026-12-17"),
        item("ai2", WANG, null), item("ai3", new Owner(null, "Zhou", null), "2026-12-20")), NOW + 1000);
    assertThat(((Tracker.Applied) again).events()).isEmpty();
    assertThat(((Tracker.Applied) again).state()).isEqualTo(t);
    assertThat(((Tracker.Applied) again).result()).containsEntry("imported", 0);
  }

  @Test
  @DisplayName("a later import of the same room takes only the items added since; another room's same ids are new")
  void importTakesOnlyNewItems() {
    Tracker t = imported();
    Tracker more = applied(t, TrackerActor.SYSTEM, meeting(item("ai1", LI, null), item("ai4", LI, null)));
    assertThat(more.items()).extracting(TrackedItem::id).containsExactly("a1", "a2", "a3", "a4");
    Tracker other = applied(more, TrackerActor.SYSTEM,
        new ImportFromMeeting("20261217T1000", "room2", List.of(item("ai1", LI, null))));
    assertThat(other.items()).hasSize(5);
    assertThat(other.items().get(4).source().roomId()).isEqualTo("room2");
  }

  @Test
  @DisplayName("an item's owner sets its status, with a note; the log records who, when and what")
  void ownerUpdates() {
    Tracker t = applied(imported(), TrackerActor.member("m1"), new UpdateStatus("a1", ActionStatus.IN_PROGRESS,
        "Draft sent to legal"));
    TrackedItem i = t.item("a1").orElseThrow();
    assertThat(i.status()).isEqualTo(ActionStatus.IN_PROGRESS);
    assertThat(i.progress()).containsExactly(new Progress(NOW, "m1", ActionStatus.IN_PROGRESS, "Draft sent to legal"));
    assertThat(i.version()).isEqualTo(2);
    assertThat(i.doneAt()).isNull();
  }

  @Test
  @DisplayName("done records when; reopening clears it; done on the deadline is on time, the day after is late")
  void doneAt() {
    Tracker t = applied(imported(), TrackerActor.COORDINATOR, new UpdateStatus("a1", ActionStatus.DONE, null));
    assertThat(t.item("a1").orElseThrow().doneAt()).isEqualTo(NOW);
    Tracker reopened = applied(t, TrackerActor.member("m1"), new UpdateStatus("a1", ActionStatus.BLOCKED, "Customer away"));
    assertThat(reopened.item("a1").orElseThrow().doneAt()).isNull();
    assertThat(TrackedItem.late("2026-12-17", LocalDate.parse("2026-12-17"))).isFalse();
    assertThat(TrackedItem.late("2026-12-17", LocalDate.parse("2026-12-18"))).isTrue();
  }

  @Test
  @DisplayName("overdue: a deadline before today that is not done; today's deadline is not overdue yet")
  void overdue() {
    TrackedItem i = imported().item("a1").orElseThrow();
    assertThat(i.overdue(LocalDate.parse("2026-12-17"))).isFalse();
    assertThat(i.overdue(LocalDate.parse("2026-12-18"))).isTrue();
    TrackedItem done = applied(imported(), TrackerActor.member("m1"), new UpdateStatus("a1", ActionStatus.DONE, null))
        .item("a1").orElseThrow();
    assertThat(done.overdue(LocalDate.parse("2026-12-18"))).isFalse();
    assertThat(imported().item("a2").orElseThrow().overdue(LocalDate.parse("2030-01-01"))).isFalse();
  }

  @Test
  @DisplayName("a note alone keeps the status and is logged")
  void note() {
    Tracker t = applied(imported(), TrackerActor.member("m2"), new AddProgress("a2", "Waiting for the test rig"));
    TrackedItem i = t.item("a2").orElseThrow();
    assertThat(i.status()).isEqualTo(ActionStatus.OPEN);
    assertThat(i.progress()).singleElement().extracting(Progress::note).isEqualTo("Waiting for the test rig");
  }

  @Test
  @DisplayName("another member may not update an item, nor anyone an unmatched one but the coordinator")
  void othersForbidden() {
    Tracker t = imported();
    assertThat(refused(t, TrackerActor.member("m2"), new UpdateStatus("a1", ActionStatus.DONE, null)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(t, TrackerActor.member("m2"), new AddProgress("a1", "me too")).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(t, TrackerActor.member("m1"), new UpdateStatus("a3", ActionStatus.DONE, null)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(applied(t, TrackerActor.COORDINATOR, new UpdateStatus("a3", ActionStatus.DONE, null))
        .item("a3").orElseThrow().status()).isEqualTo(ActionStatus.DONE);
  }

  @Test
  @DisplayName("only the coordinator edits deadline and owner; a member cannot import or edit")
  void coordinatorEdits() {
    Tracker t = applied(imported(), TrackerActor.COORDINATOR, new EditItem("a3", "2026-12-31", WANG));
    TrackedItem i = t.item("a3").orElseThrow();
    assertThat(i.deadline()).isEqualTo("2026-12-31");
    assertThat(i.ownerId()).isEqualTo("m2");
    assertThat(i.department()).isEqualTo("R&D");
    Tracker cleared = applied(t, TrackerActor.COORDINATOR, new EditItem("a3", "", null));
    assertThat(cleared.item("a3").orElseThrow().deadline()).isNull();
    assertThat(cleared.item("a3").orElseThrow().ownerId()).isEqualTo("m2");
    assertThat(refused(t, TrackerActor.member("m2"), new EditItem("a3", "2027-01-01", null)).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused(t, TrackerActor.member("m1"), meeting(item("ai9", LI, null))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  static Stream<Arguments> badInput() {
    Tracker t = imported();
    return Stream.of(
        Arguments.of("an unknown item", new UpdateStatus("a99", ActionStatus.DONE, null), ErrorCode.ACTION_ITEM_NOT_FOUND),
        Arguments.of("no status", new UpdateStatus("a1", null, null), ErrorCode.INVALID_FIELD),
        Arguments.of("a note of 1 001 characters", new UpdateStatus("a1", ActionStatus.DONE, "x".repeat(1001)),
            ErrorCode.TOO_LARGE),
        Arguments.of("an empty note alone", new AddProgress("a1", " "), ErrorCode.INVALID_FIELD),
        Arguments.of("a note with control characters", new AddProgress("a1", "a\u0000b"), ErrorCode.INVALID_FIELD),
        Arguments.of("a deadline that is no date", new EditItem("a1", "next friday", null), ErrorCode.INVALID_FIELD),
        Arguments.of("an edit that changes nothing", new EditItem("a1", null, null), ErrorCode.INVALID_FIELD),
        Arguments.of("an import without a room", new ImportFromMeeting("20261210T1000", " ", List.of()),
            ErrorCode.INVALID_FIELD),
        Arguments.of("an imported item without a task", meeting(new Imported("ai9", "", LI, null, null, null, null)),
            ErrorCode.INVALID_FIELD),
        Arguments.of("an imported task of 301 characters",
            meeting(new Imported("ai9", "x".repeat(301), LI, null, null, null, null)), ErrorCode.TOO_LARGE),
        Arguments.of("an imported deadline that is no date", meeting(item("ai9", LI, "2026-13-01")),
            ErrorCode.INVALID_FIELD),
        Arguments.of("no command", null, ErrorCode.UNKNOWN_COMMAND));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badInput")
  @DisplayName("bad input is refused with a code and changes nothing")
  void badInputChangesNothing(String what, Tracker.Command c, ErrorCode code) {
    Tracker t = imported();
    Tracker.Outcome o = Tracker.apply(t, TrackerActor.COORDINATOR, c, NOW);
    assertThat(o).isInstanceOf(Tracker.Refused.class);
    assertThat(((Tracker.Refused) o).rejection().code()).isEqualTo(code);
    assertThat(((Tracker.Refused) o).rejection().message()).isNotBlank();
    assertThat(imported()).isEqualTo(t);
  }

  @Test
  @DisplayName("a meeting with more than 200 items, or a tracker beyond 2 000, is refused whole")
  void limits() {
    List<Imported> many = new ArrayList<>();
    for (int n = 0; n < 201; n++) {
      many.add(item("x" + n, LI, null));
    }
    assertThat(refused(Tracker.empty("s1"), TrackerActor.SYSTEM, new ImportFromMeeting("o", "r", many)).code())
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    Tracker t = Tracker.empty("s1");
    for (int room = 0; room < 10; room++) {
      t = applied(t, TrackerActor.SYSTEM, new ImportFromMeeting("o", "r" + room, many.subList(0, 200)));
    }
    assertThat(t.items()).hasSize(2000);
    assertThat(refused(t, TrackerActor.SYSTEM, new ImportFromMeeting("o", "r99", List.of(item("y", LI, null)))).code())
        .isEqualTo(ErrorCode.LIMIT_REACHED);
  }

  @Test
  @DisplayName("an item keeps at most 200 progress entries; the 201st is refused")
  void progressLimit() {
    Tracker t = imported();
    for (int n = 0; n < 200; n++) {
      t = applied(t, TrackerActor.member("m1"), new AddProgress("a1", "step " + n));
    }
    assertThat(refused(t, TrackerActor.member("m1"), new AddProgress("a1", "one more")).code())
        .isEqualTo(ErrorCode.LIMIT_REACHED);
  }
}
