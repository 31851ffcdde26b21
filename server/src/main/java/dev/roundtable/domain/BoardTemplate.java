package dev.roundtable.domain;

import java.util.List;

/** The layouts a sticky-note board can take; each names the lanes (columns) a note may sit in. */
public enum BoardTemplate {
  FREE(List.of()),
  FIVE_W_ONE_H(List.of("what", "who", "when", "where", "why", "how")),
  PROBLEM_CAUSE_SOLUTION_RISK(List.of("problem", "cause", "solution", "risk"));

  private final List<String> lanes;

  BoardTemplate(List<String> lanes) {
    this.lanes = lanes;
  }

  public List<String> lanes() {
    return lanes;
  }

  /** A note without a lane is allowed on every board; on a free board it is the only option. */
  boolean accepts(String lane) {
    return lane == null || lanes.contains(lane);
  }
}
