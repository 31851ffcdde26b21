package dev.roundtable.series.core;

import dev.roundtable.domain.Rejection;
import java.util.List;
import java.util.Map;

/** What {@link Series#apply} gives: the events and the new state, or a refusal that leaves the state as it was. */
public sealed interface SeriesOutcome {

  /** Accepted: the events to record, the state they lead to, a result for the caller (new ids), the warnings. */
  record Applied(List<SeriesEvent> events, Series state, Map<String, Object> result, List<Warnings.Warning> warnings)
      implements SeriesOutcome {
  }

  /** Refused with a protocol error; nothing changed. */
  record Refused(Rejection rejection) implements SeriesOutcome, SeriesDecision {
  }
}
