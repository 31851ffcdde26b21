package dev.roundtable.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Probes JVM targets (Roundtable): CPU and RSS from /proc, heap after GC with {@code jcmd GC.run} then
 * {@code jcmd GC.heap_info}, the longest pause from the {@code -Xlog:gc} file the harness started it with.
 */
public final class JavaProbe implements TargetProbe {

  private final List<Long> pids;
  private final List<Path> gcLogs;
  private final long clkTck;

  public JavaProbe(List<Long> pids, List<Path> gcLogs, long clkTck) {
    this.pids = pids;
    this.gcLogs = gcLogs;
    this.clkTck = clkTck;
  }

  @Override
  public long cpuNanos() {
    return pids.stream().mapToLong(p -> ProcFs.cpuNanos(p, clkTck)).sum();
  }

  @Override
  public long rssKb() {
    return pids.stream().mapToLong(ProcFs::rssKb).sum();
  }

  @Override
  public long heapAfterGcKb() {
    long sum = 0;
    for (long pid : pids) {
      jcmd(pid, "GC.run");
      sum += GcLog.heapUsedKb(jcmd(pid, "GC.heap_info"));
    }
    return sum;
  }

  @Override
  public double maxGcPauseMs() {
    double max = 0;
    for (Path log : gcLogs) {
      try {
        max = Math.max(max, GcLog.maxPauseMs(Files.readString(log)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return max;
  }

  @Override
  public String heapHistogram(int lines) {
    // Live objects only (GC.class_histogram collects first); first process only (one node is enough).
    return jcmd(pids.get(0), "GC.class_histogram").lines().limit(lines + 3L)
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private static String jcmd(long pid, String command) {
    try {
      Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
