package dev.roundtable.series.core;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;
import java.util.List;
import java.util.Map;

/** A command's verdict before folding: the events to record (and a result), or a refusal. */
public sealed interface SeriesDecision permits SeriesDecision.Accept, SeriesOutcome.Refused {

  record Accept(List<SeriesEvent> events, Map<String, Object> result) implements SeriesDecision {
    public Accept {
      events = List.copyOf(events);
      result = Map.copyOf(result);
    }
  }

  static SeriesDecision accept(List<SeriesEvent> events) {
    return new Accept(events, Map.of());
  }

  static SeriesDecision accept(Map<String, Object> result, List<SeriesEvent> events) {
    return new Accept(events, result);
  }

  static SeriesOutcome.Refused refuse(ErrorCode code, String message) {
    return new SeriesOutcome.Refused(Rejection.of(code, message));
  }

  static SeriesOutcome.Refused refuse(ErrorCode code, String message, String reason) {
    return new SeriesOutcome.Refused(new Rejection(code, message, reason));
  }
}
