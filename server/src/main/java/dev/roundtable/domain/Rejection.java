package dev.roundtable.domain;

import java.util.Objects;

/**
 * A refused command: a normal outcome, carrying the protocol error code and a human-readable message, and
 * for some refusals a {@code reason}: a finer, stable value (such as {@link Goals#VAGUE_GOAL}) a client can
 * translate. It is null when the code says enough.
 */
public record Rejection(ErrorCode code, String message, String reason) implements Decision, Outcome {
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public Rejection(ErrorCode code, String message) {
    this(code, message, null);
  }

  public static Rejection of(ErrorCode code, String message) {
    return new Rejection(code, message);
  }
}
