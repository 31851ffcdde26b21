package dev.roundtable.domain;

import java.util.Objects;

/** A refused command: a normal outcome, carrying the protocol error code and a human-readable message. */
public record Rejection(ErrorCode code, String message) implements Decision, Outcome {
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Rejection of(ErrorCode code, String message) {
    return new Rejection(code, message);
  }
}
