package dev.roundtable.domain;

import static dev.roundtable.domain.Rooms.ANA;
import static dev.roundtable.domain.Rooms.FACILITATOR;
import static dev.roundtable.domain.Rooms.ITEM_1;
import static dev.roundtable.domain.Rooms.ITEM_1_SECONDS;
import static dev.roundtable.domain.Rooms.ITEM_2;
import static dev.roundtable.domain.Rooms.ITEM_2_SECONDS;
import static dev.roundtable.domain.Rooms.ITEM_3;
import static dev.roundtable.domain.Rooms.SCREEN;
import static dev.roundtable.domain.Rooms.SYSTEM;
import static dev.roundtable.domain.Rooms.T0;
import static dev.roundtable.domain.Rooms.UNKNOWN_ITEM;
import static dev.roundtable.domain.Rooms.accepted;
import static dev.roundtable.domain.Rooms.after;
import static dev.roundtable.domain.Rooms.chars;
import static dev.roundtable.domain.Rooms.created;
import static dev.roundtable.domain.Rooms.empty;
import static dev.roundtable.domain.Rooms.ended;
import static dev.roundtable.domain.Rooms.refused;
import static dev.roundtable.domain.Rooms.rejected;
import static dev.roundtable.domain.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.AgendaCommands.AddItem;
import dev.roundtable.domain.AgendaCommands.CompleteItem;
import dev.roundtable.domain.AgendaCommands.DeferItem;
import dev.roundtable.domain.AgendaCommands.EditItem;
import dev.roundtable.domain.AgendaCommands.RemoveItem;
import dev.roundtable.domain.AgendaCommands.ReorderAgenda;
import dev.roundtable.domain.AgendaCommands.StartItem;
import dev.roundtable.domain.AgendaEvents.AgendaReordered;
import dev.roundtable.domain.AgendaEvents.ItemAdded;
import dev.roundtable.domain.AgendaEvents.ItemCompleted;
import dev.roundtable.domain.AgendaEvents.ItemDeferred;
import dev.roundtable.domain.AgendaEvents.ItemEdited;
import dev.roundtable.domain.AgendaEvents.ItemRemoved;
import dev.roundtable.domain.AgendaEvents.ItemStarted;
import dev.roundtable.domain.MeetingCommands.Join;
import dev.roundtable.domain.MeetingCommands.StartMeeting;
import dev.roundtable.domain.MeetingEvents.MeetingStarted;
import dev.roundtable.domain.TimerCommands.PauseTimer;
import dev.roundtable.domain.TimerCommands.ResumeTimer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Agenda commands")
class AgendaCommandsTest {

  private static RoomState working() {
    return after(room(), FACILITATOR, new StartItem(ITEM_1), T0);
  }

  private static RoomState done() {
    return after(working(), FACILITATOR, new CompleteItem(ITEM_1), T0 + 60_000);
  }

  private static RoomState deferred() {
    return after(room(), FACILITATOR, new DeferItem(ITEM_2), T0);
  }

  private static List<String> ids(RoomState s) {
    return s.agenda().stream().map(AgendaItem::id).toList();
  }

  @Nested
  @DisplayName("AddItem")
  class AddItemTest {

    @Test
    @DisplayName("appends a pending item with the next serial id")
    void appendsItem() {
      AddItem command = new AddItem(" Budget ", " Ben ", 900, " A budget ", ItemKind.DECIDE, null);

      Outcome.Applied outcome = accepted(room(), FACILITATOR, command, T0);

      AgendaItem expected = new AgendaItem("i9", "Budget", "Ben", 900, "A budget", ItemKind.DECIDE,
          ItemStatus.PENDING, 1, 0, null);
      assertThat(outcome.events()).containsExactly(new ItemAdded(expected, 3, 9));
      assertThat(outcome.result()).isEqualTo(Map.of("itemId", "i9"));
      assertThat(outcome.state().agenda()).last().isEqualTo(expected);
      assertThat(outcome.state().serial()).isEqualTo(9);
    }

    @Test
    @DisplayName("inserts at the given position")
    void insertsAtPosition() {
      RoomState first = after(room(), FACILITATOR, new AddItem("Intro", null, null, null, null, 0), T0);
      RoomState middle = after(room(), FACILITATOR, new AddItem("Middle", null, null, null, null, 2), T0);
      RoomState last = after(room(), FACILITATOR, new AddItem("Last", null, null, null, null, 3), T0);

      assertThat(ids(first)).containsExactly("i9", ITEM_1, ITEM_2, ITEM_3);
      assertThat(ids(middle)).containsExactly(ITEM_1, ITEM_2, "i9", ITEM_3);
      assertThat(ids(last)).containsExactly(ITEM_1, ITEM_2, ITEM_3, "i9");
    }

    @Test
    @DisplayName("gives the kind's default time-box, and discuss as the default kind")
    void appliesDefaults() {
      AgendaItem plain = after(room(), FACILITATOR, new AddItem("Plain", null, null, null, null, null), T0)
          .item("i9").orElseThrow();
      AgendaItem inform = after(room(), FACILITATOR, new AddItem("News", null, null, null, ItemKind.INFORM, null), T0)
          .item("i9").orElseThrow();

      assertThat(plain.kind()).isEqualTo(ItemKind.DISCUSS);
      assertThat(plain.timeboxSeconds()).isEqualTo(ItemKind.DISCUSS.defaultTimeboxSeconds());
      assertThat(plain.owner()).isEmpty();
      assertThat(plain.expectedOutput()).isEmpty();
      assertThat(inform.timeboxSeconds()).isEqualTo(ItemKind.INFORM.defaultTimeboxSeconds());
    }

    @Test
    @DisplayName("shares the room's serial with participants, so ids never repeat")
    void sharesSerial() {
      RoomState s = after(room(), SYSTEM, new Join("Dan", null, Role.PARTICIPANT), T0);

      assertThat(accepted(s, FACILITATOR, new AddItem("Next", null, null, null, null, null), T0).result())
          .isEqualTo(Map.of("itemId", "i10"));
    }

    @Test
    @DisplayName("accepts every field at its documented limit")
    void acceptsLimits() {
      RoomState s = after(room(), FACILITATOR, new AddItem(chars(Limits.TITLE_CHARS), chars(Limits.OWNER_CHARS),
          Limits.MAX_TIMEBOX_SECONDS, chars(Limits.EXPECTED_OUTPUT_CHARS), ItemKind.DISCUSS, null), T0);
      s = after(s, FACILITATOR, new AddItem("Short", null, Limits.MIN_TIMEBOX_SECONDS, null, null, null), T0);

      assertThat(s.agenda()).extracting(AgendaItem::timeboxSeconds).endsWith(Limits.MAX_TIMEBOX_SECONDS,
          Limits.MIN_TIMEBOX_SECONDS);
    }

    @Test
    @DisplayName("fills the agenda up to its limit and then refuses")
    void refusesWhenFull() {
      RoomState s = created();
      for (int i = 0; i < Limits.MAX_AGENDA_ITEMS; i++) {
        s = after(s, FACILITATOR, new AddItem("Topic " + i, null, null, null, null, null), T0);
      }
      assertThat(s.agenda()).hasSize(Limits.MAX_AGENDA_ITEMS);

      rejected(s, FACILITATOR, new AddItem("One too many", null, null, null, null, null), ErrorCode.LIMIT_REACHED);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("adding before the meeting exists", empty(), SYSTEM, titled("X"), ErrorCode.ROOM_NOT_FOUND),
          refused("adding after the meeting ended", ended(), FACILITATOR, titled("X"), ErrorCode.MEETING_ENDED),
          refused("a participant adding an item", s, ANA, titled("X"), ErrorCode.FORBIDDEN),
          refused("a screen adding an item", s, SCREEN, titled("X"), ErrorCode.FORBIDDEN),
          refused("a missing title", s, FACILITATOR, titled(null), ErrorCode.INVALID_FIELD),
          refused("a blank title", s, FACILITATOR, titled("   "), ErrorCode.INVALID_FIELD),
          refused("a title over the limit", s, FACILITATOR, titled(chars(Limits.TITLE_CHARS + 1)),
              ErrorCode.TOO_LARGE),
          refused("an owner over the limit", s, FACILITATOR,
              new AddItem("X", chars(Limits.OWNER_CHARS + 1), null, null, null, null), ErrorCode.TOO_LARGE),
          refused("a time-box below the minimum", s, FACILITATOR,
              new AddItem("X", null, Limits.MIN_TIMEBOX_SECONDS - 1, null, null, null), ErrorCode.INVALID_FIELD),
          refused("a time-box above the maximum", s, FACILITATOR,
              new AddItem("X", null, Limits.MAX_TIMEBOX_SECONDS + 1, null, null, null), ErrorCode.INVALID_FIELD),
          refused("an expected output over the limit", s, FACILITATOR,
              new AddItem("X", null, null, chars(Limits.EXPECTED_OUTPUT_CHARS + 1), null, null), ErrorCode.TOO_LARGE),
          refused("a negative position", s, FACILITATOR, new AddItem("X", null, null, null, null, -1),
              ErrorCode.INVALID_FIELD),
          refused("a position past the end", s, FACILITATOR, new AddItem("X", null, null, null, null, 4),
              ErrorCode.INVALID_FIELD));
    }

    private AddItem titled(String title) {
      return new AddItem(title, null, null, null, null, null);
    }
  }

  @Nested
  @DisplayName("EditItem")
  class EditItemTest {

    @Test
    @DisplayName("changes the given details and bumps the item's version")
    void editsItem() {
      EditItem command = new EditItem(ITEM_2, 1, " Launch window ", " Cleo ", 1200, " Two dates ", ItemKind.DISCUSS);

      Outcome.Applied outcome = accepted(room(), FACILITATOR, command, T0);

      AgendaItem expected = new AgendaItem(ITEM_2, "Launch window", "Cleo", 1200, "Two dates", ItemKind.DISCUSS,
          ItemStatus.PENDING, 2, 0, null);
      assertThat(outcome.events()).containsExactly(new ItemEdited(expected));
      assertThat(outcome.state().item(ITEM_2)).contains(expected);
      assertThat(ids(outcome.state())).containsExactly(ITEM_1, ITEM_2, ITEM_3);
    }

    @Test
    @DisplayName("keeps the fields that are left out")
    void keepsOmittedFields() {
      AgendaItem before = room().item(ITEM_2).orElseThrow();

      RoomState s = after(room(), FACILITATOR, new EditItem(ITEM_2, 1, null, null, null, null, null), T0);

      assertThat(s.item(ITEM_2)).contains(new AgendaItem(before.id(), before.title(), before.owner(),
          before.timeboxSeconds(), before.expectedOutput(), before.kind(), before.status(), 2, 0, null));
    }

    @Test
    @DisplayName("edits the active item without stopping it")
    void editsActiveItem() {
      RoomState s = after(working(), FACILITATOR, new EditItem(ITEM_1, 1, "Status, briefly", null, null, null, null),
          T0 + 1_000);

      assertThat(s.item(ITEM_1).orElseThrow().status()).isEqualTo(ItemStatus.ACTIVE);
      assertThat(s.countdown()).isEqualTo(working().countdown());
    }

    @Test
    @DisplayName("edits a deferred item")
    void editsDeferredItem() {
      RoomState s = after(deferred(), FACILITATOR, new EditItem(ITEM_2, 1, "Later", null, null, null, null), T0);

      assertThat(s.item(ITEM_2).orElseThrow().status()).isEqualTo(ItemStatus.DEFERRED);
      assertThat(s.item(ITEM_2).orElseThrow().title()).isEqualTo("Later");
    }

    @Test
    @DisplayName("refuses an edit made against an older version of the item")
    void refusesStaleEdit() {
      RoomState s = after(room(), FACILITATOR, new EditItem(ITEM_2, 1, "First", null, null, null, null), T0);

      rejected(s, FACILITATOR, new EditItem(ITEM_2, 1, "Second", null, null, null, null), ErrorCode.STALE_VERSION);
      rejected(room(), FACILITATOR, new EditItem(ITEM_2, 2, "Future", null, null, null, null),
          ErrorCode.STALE_VERSION);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("an edit before the meeting exists", empty(), SYSTEM, titled(ITEM_1, "X"),
              ErrorCode.ROOM_NOT_FOUND),
          refused("an edit after the meeting ended", ended(), FACILITATOR, titled(ITEM_1, "X"),
              ErrorCode.MEETING_ENDED),
          refused("a participant editing an item", s, ANA, titled(ITEM_1, "X"), ErrorCode.FORBIDDEN),
          refused("a screen editing an item", s, SCREEN, titled(ITEM_1, "X"), ErrorCode.FORBIDDEN),
          refused("an edit without an item id", s, FACILITATOR, titled(null, "X"), ErrorCode.INVALID_FIELD),
          refused("an edit without a version", s, FACILITATOR,
              new EditItem(ITEM_1, null, "X", null, null, null, null), ErrorCode.INVALID_FIELD),
          refused("a title over the limit", s, FACILITATOR, titled(ITEM_1, chars(Limits.TITLE_CHARS + 1)),
              ErrorCode.TOO_LARGE),
          refused("an owner over the limit", s, FACILITATOR,
              new EditItem(ITEM_1, 1, null, chars(Limits.OWNER_CHARS + 1), null, null, null), ErrorCode.TOO_LARGE),
          refused("a time-box below the minimum", s, FACILITATOR,
              new EditItem(ITEM_1, 1, null, null, Limits.MIN_TIMEBOX_SECONDS - 1, null, null),
              ErrorCode.INVALID_FIELD),
          refused("a time-box above the maximum", s, FACILITATOR,
              new EditItem(ITEM_1, 1, null, null, Limits.MAX_TIMEBOX_SECONDS + 1, null, null),
              ErrorCode.INVALID_FIELD),
          refused("an expected output over the limit", s, FACILITATOR,
              new EditItem(ITEM_1, 1, null, null, null, chars(Limits.EXPECTED_OUTPUT_CHARS + 1), null),
              ErrorCode.TOO_LARGE),
          refused("an edit of an unknown item", s, FACILITATOR, titled(UNKNOWN_ITEM, "X"), ErrorCode.ITEM_NOT_FOUND),
          refused("an edit of a completed item", done(), FACILITATOR, titled(ITEM_1, "X"), ErrorCode.INVALID_STATE));
    }

    private EditItem titled(String itemId, String title) {
      return new EditItem(itemId, 1, title, null, null, null, null);
    }
  }

  @Nested
  @DisplayName("RemoveItem")
  class RemoveItemTest {

    @Test
    @DisplayName("removes an item, with or without a version")
    void removesItem() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR, new RemoveItem(ITEM_2, 1), T0);
      RoomState s = after(outcome.state(), FACILITATOR, new RemoveItem(ITEM_3, null), T0);

      assertThat(outcome.events()).containsExactly(new ItemRemoved(ITEM_2));
      assertThat(ids(outcome.state())).containsExactly(ITEM_1, ITEM_3);
      assertThat(ids(s)).containsExactly(ITEM_1);
      assertThat(s.item(ITEM_2)).isEmpty();
    }

    @Test
    @DisplayName("removes a deferred item")
    void removesDeferredItem() {
      assertThat(ids(after(deferred(), FACILITATOR, new RemoveItem(ITEM_2, 1), T0))).containsExactly(ITEM_1, ITEM_3);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      RoomState edited = after(s, FACILITATOR, new EditItem(ITEM_2, 1, "Edited", null, null, null, null), T0);
      return Stream.of(
          refused("removing before the meeting exists", empty(), SYSTEM, new RemoveItem(ITEM_1, null),
              ErrorCode.ROOM_NOT_FOUND),
          refused("removing after the meeting ended", ended(), FACILITATOR, new RemoveItem(ITEM_1, null),
              ErrorCode.MEETING_ENDED),
          refused("a participant removing an item", s, ANA, new RemoveItem(ITEM_1, null), ErrorCode.FORBIDDEN),
          refused("a screen removing an item", s, SCREEN, new RemoveItem(ITEM_1, null), ErrorCode.FORBIDDEN),
          refused("a removal without an item id", s, FACILITATOR, new RemoveItem(null, null),
              ErrorCode.INVALID_FIELD),
          refused("removing an unknown item", s, FACILITATOR, new RemoveItem(UNKNOWN_ITEM, null),
              ErrorCode.ITEM_NOT_FOUND),
          refused("removing against an older version", edited, FACILITATOR, new RemoveItem(ITEM_2, 1),
              ErrorCode.STALE_VERSION),
          refused("removing the active item", working(), FACILITATOR, new RemoveItem(ITEM_1, null),
              ErrorCode.INVALID_STATE),
          refused("removing a completed item, which belongs to the minutes", done(), FACILITATOR,
              new RemoveItem(ITEM_1, null), ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("ReorderAgenda")
  class ReorderAgendaTest {

    @Test
    @DisplayName("puts the agenda in the given order")
    void reorders() {
      List<String> order = List.of(ITEM_3, ITEM_1, ITEM_2);

      Outcome.Applied outcome = accepted(working(), FACILITATOR, new ReorderAgenda(order), T0);

      assertThat(outcome.events()).containsExactly(new AgendaReordered(order));
      assertThat(ids(outcome.state())).isEqualTo(order);
      assertThat(outcome.state().activeItem().map(AgendaItem::id)).contains(ITEM_1);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      RoomState grown = after(s, FACILITATOR, new AddItem("New", null, null, null, null, null), T0);
      List<String> order = List.of(ITEM_3, ITEM_2, ITEM_1);
      return Stream.of(
          refused("reordering before the meeting exists", empty(), SYSTEM, new ReorderAgenda(List.of()),
              ErrorCode.ROOM_NOT_FOUND),
          refused("reordering after the meeting ended", ended(), FACILITATOR, new ReorderAgenda(order),
              ErrorCode.MEETING_ENDED),
          refused("a participant reordering", s, ANA, new ReorderAgenda(order), ErrorCode.FORBIDDEN),
          refused("a screen reordering", s, SCREEN, new ReorderAgenda(order), ErrorCode.FORBIDDEN),
          refused("a reorder without a list", s, FACILITATOR, new ReorderAgenda(null), ErrorCode.INVALID_FIELD),
          refused("a list that misses an item", s, FACILITATOR, new ReorderAgenda(List.of(ITEM_3, ITEM_1)),
              ErrorCode.STALE_VERSION),
          refused("a list with an unknown item", s, FACILITATOR,
              new ReorderAgenda(List.of(ITEM_3, ITEM_2, ITEM_1, UNKNOWN_ITEM)), ErrorCode.STALE_VERSION),
          refused("a list that swaps an item for an unknown one", s, FACILITATOR,
              new ReorderAgenda(List.of(ITEM_3, ITEM_2, UNKNOWN_ITEM)), ErrorCode.STALE_VERSION),
          refused("a list that names an item twice", s, FACILITATOR,
              new ReorderAgenda(List.of(ITEM_3, ITEM_3, ITEM_1)), ErrorCode.STALE_VERSION),
          refused("a list made before an item was added", grown, FACILITATOR, new ReorderAgenda(order),
              ErrorCode.STALE_VERSION));
    }
  }

  @Nested
  @DisplayName("StartItem")
  class StartItemTest {

    @Test
    @DisplayName("takes a scheduled meeting live and starts the item's countdown from its full time-box")
    void startsFirstItem() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR, new StartItem(ITEM_2), T0 + 500);

      long duration = ITEM_2_SECONDS * 1000L;
      assertThat(outcome.events()).containsExactly(new MeetingStarted(T0 + 500),
          new ItemStarted(ITEM_2, T0 + 500, duration));
      RoomState s = outcome.state();
      assertThat(s.meeting().status()).isEqualTo(MeetingStatus.LIVE);
      assertThat(s.meeting().startedAt()).isEqualTo(T0 + 500);
      assertThat(s.activeItem().map(AgendaItem::id)).contains(ITEM_2);
      assertThat(s.countdown()).isEqualTo(new Countdown(ITEM_2, true, T0 + 500 + duration, duration, T0 + 500, false));
      assertThat(s.countdown().remainingAt(T0 + 1_500)).isEqualTo(duration - 1_000);
      assertThat(s.nextDeadline()).hasValue(T0 + 500 + duration);
    }

    @Test
    @DisplayName("only starts the item when the meeting is already live")
    void startsItemInLiveMeeting() {
      RoomState live = after(room(), FACILITATOR, new StartMeeting(), T0);

      Outcome.Applied outcome = accepted(live, FACILITATOR, new StartItem(ITEM_1), T0 + 10);

      assertThat(outcome.events()).containsExactly(new ItemStarted(ITEM_1, T0 + 10, ITEM_1_SECONDS * 1000L));
      assertThat(outcome.state().meeting().startedAt()).isEqualTo(T0);
    }

    @Test
    @DisplayName("restarts a deferred item with a full countdown, keeping the time it already ran")
    void restartsDeferredItem() {
      RoomState s = after(working(), FACILITATOR, new DeferItem(ITEM_1), T0 + 40_000);
      s = after(s, FACILITATOR, new StartItem(ITEM_2), T0 + 40_000);
      s = after(s, FACILITATOR, new CompleteItem(null), T0 + 50_000);

      Outcome.Applied outcome = accepted(s, FACILITATOR, new StartItem(ITEM_1), T0 + 60_000);

      assertThat(outcome.events()).containsExactly(new ItemStarted(ITEM_1, T0 + 60_000, ITEM_1_SECONDS * 1000L));
      AgendaItem item = outcome.state().item(ITEM_1).orElseThrow();
      assertThat(item.status()).isEqualTo(ItemStatus.ACTIVE);
      assertThat(item.actualMs()).isEqualTo(40_000);
      assertThat(outcome.state().countdown().deadline()).isEqualTo(T0 + 60_000 + ITEM_1_SECONDS * 1000L);
      RoomState end = after(outcome.state(), FACILITATOR, new CompleteItem(ITEM_1), T0 + 70_000);
      assertThat(end.item(ITEM_1).orElseThrow().actualMs()).isEqualTo(50_000);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("starting before the meeting exists", empty(), SYSTEM, new StartItem(ITEM_1),
              ErrorCode.ROOM_NOT_FOUND),
          refused("starting after the meeting ended", ended(), FACILITATOR, new StartItem(ITEM_1),
              ErrorCode.MEETING_ENDED),
          refused("a participant starting an item", s, ANA, new StartItem(ITEM_1), ErrorCode.FORBIDDEN),
          refused("a screen starting an item", s, SCREEN, new StartItem(ITEM_1), ErrorCode.FORBIDDEN),
          refused("a start without an item id", s, FACILITATOR, new StartItem(null), ErrorCode.INVALID_FIELD),
          refused("starting an unknown item", s, FACILITATOR, new StartItem(UNKNOWN_ITEM), ErrorCode.ITEM_NOT_FOUND),
          refused("starting an item while another is active", working(), FACILITATOR, new StartItem(ITEM_2),
              ErrorCode.INVALID_STATE),
          refused("starting the active item again", working(), FACILITATOR, new StartItem(ITEM_1),
              ErrorCode.INVALID_STATE),
          refused("starting a completed item", done(), FACILITATOR, new StartItem(ITEM_1), ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("CompleteItem")
  class CompleteItemTest {

    @Test
    @DisplayName("completes the active item with its running time and clears the countdown")
    void completesItem() {
      Outcome.Applied outcome = accepted(working(), FACILITATOR, new CompleteItem(ITEM_1), T0 + 200_000);

      assertThat(outcome.events()).containsExactly(new ItemCompleted(ITEM_1, T0 + 200_000, 200_000));
      AgendaItem item = outcome.state().item(ITEM_1).orElseThrow();
      assertThat(item.status()).isEqualTo(ItemStatus.DONE);
      assertThat(item.completedAt()).isEqualTo(T0 + 200_000);
      assertThat(item.actualMs()).isEqualTo(200_000);
      assertThat(item.overrunMs()).isZero();
      assertThat(outcome.state().countdown()).isNull();
      assertThat(outcome.state().activeItem()).isEmpty();
      assertThat(outcome.state().nextDeadline()).isEmpty();
    }

    @Test
    @DisplayName("completes the current item when no id is given")
    void completesCurrentItem() {
      Outcome.Applied outcome = accepted(working(), FACILITATOR, new CompleteItem(null), T0 + 1_000);

      assertThat(outcome.events()).containsExactly(new ItemCompleted(ITEM_1, T0 + 1_000, 1_000));
    }

    @Test
    @DisplayName("records the overrun of an item that ran past its time-box")
    void recordsOverrun() {
      long planned = ITEM_1_SECONDS * 1000L;

      AgendaItem item = after(working(), FACILITATOR, new CompleteItem(ITEM_1), T0 + planned + 90_000)
          .item(ITEM_1).orElseThrow();

      assertThat(item.plannedMs()).isEqualTo(planned);
      assertThat(item.actualMs()).isEqualTo(planned + 90_000);
      assertThat(item.overrunMs()).isEqualTo(90_000);
    }

    @Test
    @DisplayName("does not count paused time as actual time")
    void excludesPauses() {
      RoomState s = after(working(), FACILITATOR, new PauseTimer(), T0 + 60_000);
      s = after(s, FACILITATOR, new ResumeTimer(), T0 + 120_000);

      assertThat(accepted(s, FACILITATOR, new CompleteItem(null), T0 + 180_000).events())
          .containsExactly(new ItemCompleted(ITEM_1, T0 + 180_000, 120_000));
      RoomState paused = after(s, FACILITATOR, new PauseTimer(), T0 + 150_000);
      assertThat(accepted(paused, FACILITATOR, new CompleteItem(null), T0 + 999_000).events())
          .containsExactly(new ItemCompleted(ITEM_1, T0 + 999_000, 90_000));
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState w = working();
      return Stream.of(
          refused("completing before the meeting exists", empty(), SYSTEM, new CompleteItem(null),
              ErrorCode.ROOM_NOT_FOUND),
          refused("completing after the meeting ended", ended(), FACILITATOR, new CompleteItem(null),
              ErrorCode.MEETING_ENDED),
          refused("a participant completing the item", w, ANA, new CompleteItem(ITEM_1), ErrorCode.FORBIDDEN),
          refused("a screen completing the item", w, SCREEN, new CompleteItem(ITEM_1), ErrorCode.FORBIDDEN),
          refused("completing when no item is active", room(), FACILITATOR, new CompleteItem(null),
              ErrorCode.INVALID_STATE),
          refused("completing an unknown item", w, FACILITATOR, new CompleteItem(UNKNOWN_ITEM),
              ErrorCode.ITEM_NOT_FOUND),
          refused("completing an item that is not the active one", w, FACILITATOR, new CompleteItem(ITEM_2),
              ErrorCode.INVALID_STATE));
    }
  }

  @Nested
  @DisplayName("DeferItem")
  class DeferItemTest {

    @Test
    @DisplayName("sets a pending item aside")
    void defersPendingItem() {
      Outcome.Applied outcome = accepted(room(), FACILITATOR, new DeferItem(ITEM_2), T0 + 5);

      assertThat(outcome.events()).containsExactly(new ItemDeferred(ITEM_2, T0 + 5, 0));
      assertThat(outcome.state().item(ITEM_2).orElseThrow().status()).isEqualTo(ItemStatus.DEFERRED);
      assertThat(outcome.state().item(ITEM_2).orElseThrow().completedAt()).isNull();
    }

    @Test
    @DisplayName("sets the active item aside with its running time, so the next item can start")
    void defersActiveItem() {
      Outcome.Applied outcome = accepted(working(), FACILITATOR, new DeferItem(ITEM_1), T0 + 30_000);

      assertThat(outcome.events()).containsExactly(new ItemDeferred(ITEM_1, T0 + 30_000, 30_000));
      RoomState s = outcome.state();
      assertThat(s.item(ITEM_1).orElseThrow().status()).isEqualTo(ItemStatus.DEFERRED);
      assertThat(s.item(ITEM_1).orElseThrow().actualMs()).isEqualTo(30_000);
      assertThat(s.activeItem()).isEmpty();
      assertThat(s.countdown()).isNull();
      assertThat(after(s, FACILITATOR, new StartItem(ITEM_2), T0 + 30_000).activeItem().map(AgendaItem::id))
          .contains(ITEM_2);
    }

    @Test
    @DisplayName("keeps the countdown of the active item when another item is set aside")
    void keepsOtherCountdown() {
      RoomState s = after(working(), FACILITATOR, new DeferItem(ITEM_3), T0 + 30_000);

      assertThat(s.countdown()).isEqualTo(working().countdown());
      assertThat(s.activeItem().map(AgendaItem::id)).contains(ITEM_1);
    }

    @TestFactory
    @DisplayName("refuses")
    Stream<DynamicTest> refuses() {
      RoomState s = room();
      return Stream.of(
          refused("deferring before the meeting exists", empty(), SYSTEM, new DeferItem(ITEM_1),
              ErrorCode.ROOM_NOT_FOUND),
          refused("deferring after the meeting ended", ended(), FACILITATOR, new DeferItem(ITEM_1),
              ErrorCode.MEETING_ENDED),
          refused("a participant deferring an item", s, ANA, new DeferItem(ITEM_1), ErrorCode.FORBIDDEN),
          refused("a screen deferring an item", s, SCREEN, new DeferItem(ITEM_1), ErrorCode.FORBIDDEN),
          refused("a deferral without an item id", s, FACILITATOR, new DeferItem(null), ErrorCode.INVALID_FIELD),
          refused("deferring an unknown item", s, FACILITATOR, new DeferItem(UNKNOWN_ITEM), ErrorCode.ITEM_NOT_FOUND),
          refused("deferring a completed item", done(), FACILITATOR, new DeferItem(ITEM_1), ErrorCode.INVALID_STATE),
          refused("deferring an item twice", deferred(), FACILITATOR, new DeferItem(ITEM_2),
              ErrorCode.INVALID_STATE));
    }
  }
}
