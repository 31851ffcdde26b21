package dev.roundtable.series;

import static dev.roundtable.series.SeriesSamples.NOW;
import static dev.roundtable.series.SeriesSamples.first;
import static dev.roundtable.series.SeriesSamples.prepared;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.AgendaItem;
import dev.roundtable.domain.ItemKind;
import dev.roundtable.domain.Limits;
import dev.roundtable.domain.Outcome;
import dev.roundtable.domain.Room;
import dev.roundtable.domain.RoomState;
import dev.roundtable.series.OpenActionItems.OpenItem;
import dev.roundtable.series.core.Occurrence;
import dev.roundtable.series.core.Series;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An occurrence's prepared meeting")
class OccurrenceMeetingTest {
  private static RoomState opened(Series s, Occurrence o, List<OpenItem> open) {
    Outcome out = Room.apply(RoomState.empty("room-1", 180), Actor.system(), OccurrenceMeeting.of(s, o, open), NOW);
    assertThat(out).isInstanceOf(Outcome.Applied.class);
    return ((Outcome.Applied) out).state();
  }

  @Test
  @DisplayName("starts with the review of the series' open action items, overdue first, when there are any")
  void reviewsOpenItemsFirst() {
    Series s = prepared();
    Occurrence o = s.occurrence(first().occurrenceId()).orElseThrow();
    RoomState room = opened(s, o, List.of(new OpenItem("联系供应商", "Wang Wei", "2026-11-30", true),
        new OpenItem("更新计划", null, null, false)));
    AgendaItem review = room.agenda().get(0);
    assertThat(review.title()).isEqualTo("回顾未完成的行动项");
    assertThat(review.kind()).isEqualTo(ItemKind.DISCUSS);
    assertThat(review.owner()).isEqualTo("Li Na");
    assertThat(review.timeboxSeconds()).isEqualTo(5 * 60);
    assertThat(review.expectedOutput()).isEqualTo("• 联系供应商（Wang Wei，截止 2026-11-30，已逾期）\n• 更新计划（负责人未定）");
    assertThat(room.agenda()).extracting(AgendaItem::title).containsExactly("回顾未完成的行动项", "Risks", "Priorities");
    assertThat(opened(s, o, List.of()).agenda()).extracting(AgendaItem::title).containsExactly("Risks", "Priorities");
  }

  @Test
  @DisplayName("keeps a long list within what a room takes, and its time-box at 15 minutes")
  void longList() {
    Series s = prepared();
    Occurrence o = s.occurrence(first().occurrenceId()).orElseThrow();
    List<OpenItem> many = IntStream.range(0, 40).mapToObj(i -> new OpenItem("任务 " + i + " 的完整描述", "Zhao Lei",
        "2026-12-2" + (i % 10), false)).toList();
    AgendaItem review = opened(s, o, many).agenda().get(0);
    assertThat(review.expectedOutput()).hasSizeLessThanOrEqualTo(Limits.EXPECTED_OUTPUT_CHARS).endsWith("…");
    assertThat(review.timeboxSeconds()).isEqualTo(15 * 60);
  }

  @Test
  @DisplayName("reads a member's id back from their room key, and nothing from the coordinator's or a guest's")
  void memberIdOfKey() {
    assertThat(OccurrenceMeeting.memberIdOf(OccurrenceMeeting.memberKey("m7"))).contains("m7");
    assertThat(OccurrenceMeeting.memberIdOf(OccurrenceMeeting.COORDINATOR_KEY)).isEmpty();
    assertThat(OccurrenceMeeting.memberIdOf(null)).isEmpty();
    assertThat(OccurrenceMeeting.memberIdOf("guest:m7")).isEmpty();
  }
}
