package dev.roundtable.bench.dialect;

import dev.roundtable.bench.load.Sender;
import dev.roundtable.bench.metrics.RunStats;
import dev.roundtable.bench.metrics.SeqTracker;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * One member of a relay room. A relay has no room sequence, so each message carries its sender's own
 * sequence number and send time ({@code s}, {@code q}, {@code t}) and each receiver checks every sender's
 * stream strictly +1, the same loss/reorder rule Roundtable's room {@code seq} gets.
 */
final class PeerMember implements Sender {

  private final int id;
  private final String room;
  private final String padding;
  private final RunStats stats;
  private final PeerConnection connection;
  private final Map<Integer, SeqTracker> fromSender = new HashMap<>();
  private long seq;
  private boolean open;

  PeerMember(int id, String room, String padding, RunStats stats, PeerConnection connection) {
    this.id = id;
    this.room = room;
    this.padding = padding;
    this.stats = stats;
    this.connection = connection;
    connection.onMessage(this::onMessage);
    connection.onError(stats::error);
  }

  PeerConnection connection() {
    return connection;
  }

  int id() {
    return id;
  }

  long sent() {
    return seq;
  }

  void opened() {
    open = true;
  }

  @Override
  public void sendNext() {
    if (!open) {
      return;
    }
    long now = System.nanoTime();
    stats.commandSent(now);
    connection.send(new JsonObject().put("t", "msg").put("r", room).put("s", id).put("q", ++seq)
        .put("ts", now).put("p", padding));
  }

  private void onMessage(JsonObject m, int wireSize) {
    long now = System.nanoTime();
    int sender = m.getInteger("s");
    fromSender.computeIfAbsent(sender, s -> new SeqTracker(0)).accept(m.getLong("q"));
    stats.frameSize(wireSize);
    stats.delivery(m.getLong("ts"), now);
  }

  /** {lost, reordered}; with {@code senders} given, also what each sender sent that never came. */
  long[] loss(Iterable<PeerMember> senders) {
    long lost = 0;
    long reordered = 0;
    for (SeqTracker t : fromSender.values()) {
      lost += t.lost();
      reordered += t.reordered();
    }
    if (senders != null) {
      for (PeerMember s : senders) {
        if (s != this && s.sent() > 0) {
          SeqTracker t = fromSender.get(s.id());
          lost += t == null ? s.sent() : t.behind(s.sent());
        }
      }
    }
    return new long[] {lost, reordered};
  }
}
