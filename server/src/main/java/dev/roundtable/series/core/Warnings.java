package dev.roundtable.series.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What a coordinator should hear about a series without it being refused: too many invited, an agenda out of
 * the inform → discuss → decide order. Computed from the state, so they are never stale.
 */
public final class Warnings {
  /** More than {@link SeriesLimits#INVITED_WARNING_ABOVE} members are invited. */
  public static final String TOO_MANY_INVITED = "TOO_MANY_INVITED";
  /** An occurrence's agenda does not run inform → discuss → decide. */
  public static final String AGENDA_ORDER = "AGENDA_ORDER";

  private Warnings() {
  }

  /** A warning: a stable code, what it is about (null for the series, else an occurrence id), and a message. */
  public record Warning(String code, String occurrenceId, String message) {
  }

  public static List<Warning> of(Series s) {
    List<Warning> out = new ArrayList<>();
    long invited = s.invited().count();
    if (invited > SeriesLimits.INVITED_WARNING_ABOVE) {
      out.add(new Warning(TOO_MANY_INVITED, null, invited + " members are invited; the guides advise at most "
          + SeriesLimits.INVITED_WARNING_ABOVE + " (5 to 10 is best): make the others informed"));
    }
    for (Occurrence o : s.occurrences()) {
      if (!AgendaOrder.inOrder(o.agenda())) {
        out.add(new Warning(AGENDA_ORDER, o.id(), "the agenda of " + o.id()
            + " does not run inform, then discuss, then decide"));
      }
    }
    return out;
  }
}
