package dev.roundtable.domain;

import java.util.List;
import java.util.Map;

/** The result of {@link Room#apply}: the new state with the events that led to it, or a rejection. */
public sealed interface Outcome permits Outcome.Applied, Rejection {

  /** {@code events} is empty when the command was accepted but changed nothing (then {@code state} is the old one). */
  record Applied(List<Event> events, RoomState state, Map<String, Object> result) implements Outcome {
  }
}
