package dev.roundtable.series;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Rejection;

/** A series command was refused, or the series could not be reached: the protocol error to answer with. */
public final class SeriesRefusal extends RuntimeException {
  private final Rejection rejection;

  public SeriesRefusal(Rejection rejection) {
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public SeriesRefusal(ErrorCode code, String message) {
    this(Rejection.of(code, message));
  }

  public Rejection rejection() {
    return rejection;
  }
}
