package dev.roundtable.domain;

import java.util.List;
import java.util.Map;

/** What {@link Command#decide} concludes: the events to record (and a result for the sender), or a rejection. */
public sealed interface Decision permits Decision.Accept, Rejection {

  /**
   * Accepted, with the events in the order they apply and a small result for the sender (for example the
   * id of a new item). An accept with no events changes nothing and is not recorded.
   */
  record Accept(List<Event> events, Map<String, Object> result) implements Decision {
    public Accept {
      events = List.copyOf(events);
      result = Map.copyOf(result);
    }
  }

  static Decision accept(Event... events) {
    return new Accept(List.of(events), Map.of());
  }

  static Decision accept(List<Event> events) {
    return new Accept(events, Map.of());
  }

  static Decision accept(Map<String, Object> result, Event... events) {
    return new Accept(List.of(events), result);
  }
}
