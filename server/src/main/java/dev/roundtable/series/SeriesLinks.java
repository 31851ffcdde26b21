package dev.roundtable.series;

import dev.roundtable.series.core.Member;
import dev.roundtable.series.core.Series;

/** A member's personal link and calendar feed URL at their current link version (the edge issues them). */
public interface SeriesLinks {
  String personal(Series series, Member member);

  String feed(Series series, Member member);
}
