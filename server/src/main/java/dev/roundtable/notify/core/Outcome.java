package dev.roundtable.notify.core;

/**
 * What a service's answer to one send came to. {@code code} is the service's own error code (or
 * {@code HTTP <status>}, {@code NETWORK}, {@code NOT_CONFIGURED}); {@code answer} is its answer as text
 * ({@code "errcode 0: ok"}), never containing the webhook URL or a secret.
 */
public sealed interface Outcome {

  String answer();

  /** The service took the message. */
  record Sent(String answer) implements Outcome {
  }

  /** Not now: a rate limit ({@code rateLimited}), a busy service, a network error. Try again later. */
  record RetryLater(String code, String answer, boolean rateLimited) implements Outcome {
  }

  /** It will never be taken as it is (wrong token, wrong signature, a refused body). */
  record Failed(String code, String answer) implements Outcome {
  }
}
