package dev.roundtable.config;

/** A configuration value is missing, malformed or out of range; the message names it. */
public final class InvalidConfigException extends RuntimeException {
  public InvalidConfigException(String message) {
    super(message);
  }
}
