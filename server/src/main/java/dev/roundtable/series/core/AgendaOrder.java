package dev.roundtable.series.core;

import dev.roundtable.domain.ItemKind;
import java.util.List;

/**
 * The guides' order for an agenda: first inform, then discuss, then decide, so that a decision is taken after
 * the facts and the discussion it needs. An open discussion counts as discussion. A draft out of that order is
 * allowed but warned about.
 */
public final class AgendaOrder {
  private AgendaOrder() {
  }

  /** True when the items' kinds never step back (inform → discuss → decide). */
  public static boolean inOrder(List<DraftItem> items) {
    int last = 0;
    for (DraftItem item : items) {
      int rank = rank(item.kind());
      if (rank < last) {
        return false;
      }
      last = rank;
    }
    return true;
  }

  private static int rank(ItemKind kind) {
    return switch (kind) {
      case INFORM -> 0;
      case DISCUSS, OPEN_DISCUSSION -> 1;
      case DECIDE -> 2;
    };
  }
}
