package dev.roundtable.domain;

import java.util.Optional;

/** Optimistic concurrency: an edit names the version it was made against. */
final class Versions {
  private Versions() {
  }

  static Optional<Rejection> check(String what, int current, Integer claimed) {
    if (claimed == null || claimed == current) {
      return Optional.empty();
    }
    return Optional.of(Rejection.of(ErrorCode.STALE_VERSION,
        what + " is at version " + current + ", the edit was made against version " + claimed));
  }
}
