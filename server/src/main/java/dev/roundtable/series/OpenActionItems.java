package dev.roundtable.series;

import dev.roundtable.series.core.Series;
import io.vertx.core.Future;
import java.util.List;

/**
 * What the series' action tracker still has open, as the next meeting reviews it: the series asks, the tracker
 * answers (the series never depends on the tracker; the node wires one to the other).
 */
@FunctionalInterface
public interface OpenActionItems {
  /** A tracker with nothing open, for nodes and tests without one. */
  OpenActionItems NONE = s -> Future.succeededFuture(List.of());

  /** The items of {@code series} not done yet, overdue ones first. */
  Future<List<OpenItem>> of(Series series);

  /** One open item: its task, owner's name, deadline (ISO date or null) and whether it is overdue. */
  record OpenItem(String task, String owner, String deadline, boolean overdue) {
  }
}
