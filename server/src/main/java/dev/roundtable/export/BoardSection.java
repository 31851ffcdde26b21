package dev.roundtable.export;

import dev.roundtable.domain.Note;
import dev.roundtable.domain.NoteCluster;
import dev.roundtable.domain.RoomState;
import dev.roundtable.export.MinutesExport.Block;
import dev.roundtable.export.MinutesExport.Cell;
import dev.roundtable.export.MinutesExport.Remark;
import dev.roundtable.export.MinutesExport.Section;
import dev.roundtable.export.MinutesExport.Subheading;
import dev.roundtable.export.MinutesExport.Table;
import dev.roundtable.export.MinutesExport.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The board's result as part of the record: its notes by lane (the template's order, then notes outside the
 * lanes), and in each lane by group, the group with the most dots first, with every note's dots and each
 * group's total. A note still private to its author is left out; an anonymous one names nobody.
 */
final class BoardSection {
  private BoardSection() {
  }

  static Section of(RoomState s, Words w) {
    String heading = w.c().text("section.board");
    List<Note> notes = s.notes().values().stream().filter(n -> !n.hidden()).toList();
    if (notes.isEmpty()) {
      return new Section("board", heading, List.of(new Remark(w.c().text("board.empty"))));
    }
    Set<String> lanes = new LinkedHashSet<>(s.board().template().lanes());
    notes.forEach(n -> lanes.add(n.lane()));
    List<Block> blocks = new ArrayList<>();
    for (String lane : lanes) {
      List<Note> inLane = notes.stream().filter(n -> Objects.equals(n.lane(), lane)).toList();
      if (!inLane.isEmpty()) {
        blocks.add(new Subheading(laneName(lane, s, w)));
        blocks.add(table(inLane, s, w));
      }
    }
    return new Section("board", heading, blocks);
  }

  private static String laneName(String lane, RoomState s, Words w) {
    if (lane == null) {
      return w.c().text(s.board().template().lanes().isEmpty() ? "board.allNotes" : "board.noLane");
    }
    return w.c().textOr("lane." + lane, lane);
  }

  private static Table table(List<Note> notes, RoomState s, Words w) {
    Map<String, List<Note>> byGroup = notes.stream().collect(Collectors.groupingBy(
        n -> n.clusterId() != null && s.clusters().containsKey(n.clusterId()) ? n.clusterId() : "",
        LinkedHashMap::new, Collectors.toList()));
    List<String> groups = new ArrayList<>(byGroup.keySet());
    groups.sort(Comparator.comparing((String g) -> g.isEmpty())
        .thenComparing(g -> -dots(byGroup.get(g)))
        .thenComparing(g -> g.isEmpty() ? "" : s.clusters().get(g).name()));
    List<List<Cell>> rows = new ArrayList<>();
    for (String group : groups) {
      List<Note> members = byGroup.get(group).stream()
          .sorted(Comparator.comparingInt(Note::totalDots).reversed().thenComparingLong(Note::createdAt)).toList();
      NoteCluster cluster = group.isEmpty() ? null : s.clusters().get(group);
      String groupName = cluster == null ? w.c().text("board.unclustered")
          : w.c().text("board.clusterDots", cluster.name(), dots(members));
      for (Note n : members) {
        rows.add(List.of(Cell.of(groupName), Cell.of(n.text()), Cell.of(String.valueOf(n.totalDots())),
            Cell.of(author(n, s, w))));
      }
    }
    return new Table(List.of(w.c().text("column.cluster"), w.c().text("column.note"), w.c().text("column.dots"),
        w.c().text("column.author")), rows);
  }

  private static int dots(List<Note> notes) {
    return notes.stream().mapToInt(Note::totalDots).sum();
  }

  private static String author(Note n, RoomState s, Words w) {
    if (n.anonymous() || n.authorId() == null) {
      return w.c().text("board.anonymous");
    }
    return s.participant(n.authorId()).map(p -> p.name()).orElse(w.none());
  }
}
