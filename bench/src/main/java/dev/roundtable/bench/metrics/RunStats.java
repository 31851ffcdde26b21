package dev.roundtable.bench.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one measurement window collects on the client: the end-to-end latency of every delivery (command
 * sent → event received by another member) in an HdrHistogram, the delivery count, commands sent and
 * every rejection by error code. Only commands sent inside the window count, so warm-up traffic and the
 * drain after it do not. Single-threaded (the client's one event loop).
 */
public final class RunStats {

  private final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
  private final Map<String, Long> errors = new TreeMap<>();
  private long windowStart = Long.MAX_VALUE;
  private long windowEnd = Long.MAX_VALUE;
  private long deliveries;
  private long commandsSent;
  private long frameBytes;
  private long frames;

  /** Opens a new window at {@code nowNanos}: everything recorded before is forgotten. */
  public void openWindow(long nowNanos) {
    latencyMicros.reset();
    deliveries = 0;
    commandsSent = 0;
    frameBytes = 0;
    frames = 0;
    windowStart = nowNanos;
    windowEnd = Long.MAX_VALUE;
  }

  /** Closes the window: commands sent from now on no longer count; their deliveries still drain in. */
  public void closeWindow(long nowNanos) {
    windowEnd = nowNanos;
  }

  public boolean inWindow(long sendNanos) {
    return sendNanos >= windowStart && sendNanos < windowEnd;
  }

  /** One member other than the sender received the event of a command sent at {@code sendNanos}. */
  public void delivery(long sendNanos, long receiveNanos) {
    if (!inWindow(sendNanos)) {
      return;
    }
    deliveries++;
    latencyMicros.recordValue(Math.min(latencyMicros.getHighestTrackableValue(),
        Math.max(0, (receiveNanos - sendNanos) / 1000)));
  }

  public void commandSent(long sendNanos) {
    if (inWindow(sendNanos)) {
      commandsSent++;
    }
  }

  /** Size of one delivered event frame as it travelled (to size the peers' payloads alike). */
  public void frameSize(int bytes) {
    frameBytes += bytes;
    frames++;
  }

  /** A rejected command or a protocol failure; always reported, never dropped. */
  public void error(String code) {
    errors.merge(code, 1L, Long::sum);
  }

  public Histogram latencyMicros() {
    return latencyMicros;
  }

  public long deliveries() {
    return deliveries;
  }

  public long commandsSent() {
    return commandsSent;
  }

  public double averageFrameBytes() {
    return frames == 0 ? 0 : (double) frameBytes / frames;
  }

  public Map<String, Long> errors() {
    return new TreeMap<>(errors);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
