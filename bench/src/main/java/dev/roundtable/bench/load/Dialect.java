package dev.roundtable.bench.load;

import io.vertx.core.Future;
import java.util.List;

/**
 * One way of talking to a target server: Roundtable's SockJS event-bus bridge, Socket.IO v4 or plain ws.
 * Everything runs on the client's single event loop.
 */
public interface Dialect {

  String name();

  /** Creates the rooms, connects and joins every member, and does any per-room setup. */
  Future<Void> open(Topology topology);

  /** The members that send, in a stable order. */
  List<? extends Sender> senders();

  /** One extra member connects, joins a random room, syncs and disconnects (churn scenario). */
  Future<Void> churnOnce();

  /**
   * Lost and reordered deliveries so far, summed over every receiver. With {@code finalCheck}, also counts
   * as lost whatever a receiver never got although another receiver (or the sender) saw it.
   */
  long[] lossCounts(boolean finalCheck);

  /** Open connections (idle scenario divides memory by this). */
  int connections();

  Future<Void> close();
}
