package dev.roundtable.notify;

import java.util.Locale;

/**
 * Where a notification is: written and waiting ({@code queued}, also while it waits for its robot's window),
 * being handed to its service ({@code sending}), taken by the service ({@code sent}), or given up after the
 * service refused it for good or the last try failed ({@code failed}, with the service's error code).
 */
public enum DeliveryState {
  QUEUED, SENDING, SENT, FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static DeliveryState ofWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this == SENT || this == FAILED;
  }
}
