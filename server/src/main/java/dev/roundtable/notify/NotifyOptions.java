package dev.roundtable.notify;

import dev.roundtable.config.RoundtableConfig;

/**
 * How notifications are delivered: the SMTP server for email (none when {@code smtpHost} is empty; email
 * then fails with {@code NOT_CONFIGURED}), whether webhooks may point inside the network (tests), and the
 * retry policy: at most {@code maxAttempts} tries, the n-th retry after {@code backoffBaseMs · 2^(n−1)}
 * capped at {@code backoffMaxMs}, a service's rate-limit answer waiting at least {@code rateLimitRetryMs};
 * a claimed message whose node went silent is taken over after {@code claimTimeoutMs}.
 * {@link #toString} never shows the SMTP password.
 */
public record NotifyOptions(String smtpHost, int smtpPort, String smtpFrom, String smtpUsername,
    String smtpPassword, String smtpStarttls, boolean allowPrivateWebhooks, int maxAttempts, long backoffBaseMs,
    long backoffMaxMs, long rateLimitRetryMs, long claimTimeoutMs, long requestTimeoutMs) {

  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final long DEFAULT_BACKOFF_BASE_MS = 10_000;
  public static final long DEFAULT_BACKOFF_MAX_MS = 10 * 60_000;
  /** A robot over its limit is told so for a minute (DingTalk mutes it for ten): wait out a whole window. */
  public static final long DEFAULT_RATE_LIMIT_RETRY_MS = 60_000;
  /** Longer than a send can take (request timeout plus the store's writes). */
  public static final long DEFAULT_CLAIM_TIMEOUT_MS = 60_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

  public NotifyOptions {
    smtpHost = smtpHost == null ? "" : smtpHost;
    smtpFrom = smtpFrom == null ? "" : smtpFrom;
    smtpUsername = smtpUsername == null ? "" : smtpUsername;
    smtpPassword = smtpPassword == null ? "" : smtpPassword;
    smtpStarttls = smtpStarttls == null ? "optional" : smtpStarttls;
    if (maxAttempts < 1 || backoffBaseMs < 1 || backoffMaxMs < backoffBaseMs || rateLimitRetryMs < 1
        || claimTimeoutMs <= requestTimeoutMs || requestTimeoutMs < 1) {
      throw new IllegalArgumentException("invalid retry policy");
    }
  }

  public static NotifyOptions from(RoundtableConfig config) {
    return new NotifyOptions(config.smtpHost(), config.smtpPort(), config.smtpFrom(), config.smtpUsername(),
        config.smtpPassword(), config.smtpStarttls(), config.allowPrivateWebhooks(), DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_MAX_MS, DEFAULT_RATE_LIMIT_RETRY_MS, DEFAULT_CLAIM_TIMEOUT_MS,
        DEFAULT_REQUEST_TIMEOUT_MS);
  }

  public boolean emailConfigured() {
    return !smtpHost.isEmpty() && !smtpFrom.isEmpty();
  }

  /** The wait before the retry that follows try number {@code attempts} (1 for the first try). */
  public long backoffMs(int attempts) {
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    return Math.min(backoffMaxMs, backoffBaseMs << shift);
  }

  public NotifyOptions withRetries(int maxAttempts, long backoffBaseMs, long backoffMaxMs, long rateLimitRetryMs) {
    return new NotifyOptions(smtpHost, smtpPort, smtpFrom, smtpUsername, smtpPassword, smtpStarttls,
        allowPrivateWebhooks, maxAttempts, backoffBaseMs, backoffMaxMs, rateLimitRetryMs, claimTimeoutMs,
        requestTimeoutMs);
  }

  @Override
  public String toString() {
    return "NotifyOptions[smtp " + (smtpHost.isEmpty() ? "none" : smtpHost + ":" + smtpPort) + ", from " + smtpFrom
        + ", user " + (smtpUsername.isEmpty() ? "none" : smtpUsername) + ", password "
        + (smtpPassword.isEmpty() ? "none" : "set") + ", starttls " + smtpStarttls + ", private webhooks "
        + allowPrivateWebhooks + ", " + maxAttempts + " attempts]";
  }
}
