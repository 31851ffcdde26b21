package dev.roundtable.support;

import static dev.roundtable.support.Await.result;

/**
 * Opens {@link BusClient}s for tests that open many of them, retrying a failed WebSocket handshake.
 *
 * <p>Why: {@link BusClient#connect} does not keep the {@code WebSocketClient} it creates. Vert.x 5 registers
 * such clients with a {@code Cleaner}; once the garbage collector finds the client unreachable it shuts it
 * down, which aborts a handshake still in progress ("Connection closed while handshake in process") and
 * force-closes an open socket 30 s later. A handshake aborted that way is retried here; the tests using this
 * keep each socket well under 30 s.
 */
public final class Sockets {
  private static final int ATTEMPTS = 3;

  private Sockets() {
  }

  public static BusClient open(TestServer server) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return result(server.connect());
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw last;
  }
}
