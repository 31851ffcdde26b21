package dev.roundtable.protocol;

/**
 * Event-bus header names. {@link #TOKEN} is the only one a client sets; the bridge removes every header a
 * client sends and puts back only the trusted one below, so a room can believe them.
 */
public final class Headers {
  private Headers() {
  }

  /** Client-supplied: the signed token from the REST API. */
  public static final String TOKEN = "token";

  /** Trusted: who sends the command, a participant id or {@link #SYSTEM_ACTOR}. */
  public static final String ACTOR = "rt-actor";

  /** Value of {@link #ACTOR} for commands the server itself issues. */
  public static final String SYSTEM_ACTOR = "@system";
}
