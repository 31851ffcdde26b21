package dev.roundtable.bench.probe;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Probes a Node peer: CPU from /proc, the rest from the relay's own {@code GET /stats} (heap after
 * {@code global.gc()}, RSS, longest GC pause seen by a {@code PerformanceObserver}).
 */
public final class NodeProbe implements TargetProbe {

  private final long pid;
  private final URI stats;
  private final long clkTck;
  // HTTP/1.1 only: an h2c upgrade request would be taken for a WebSocket upgrade by the relays.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public NodeProbe(long pid, URI stats, long clkTck) {
    this.pid = pid;
    this.stats = stats;
    this.clkTck = clkTck;
  }

  @Override
  public long cpuNanos() {
    return ProcFs.cpuNanos(pid, clkTck);
  }

  @Override
  public long rssKb() {
    return ProcFs.rssKb(pid);
  }

  @Override
  public long heapAfterGcKb() {
    return stats().getLong("heapUsedAfterGc") / 1024;
  }

  @Override
  public double maxGcPauseMs() {
    return stats().getDouble("maxGcPauseMs");
  }

  private JsonObject stats() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(stats).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return new JsonObject(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + stats + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
