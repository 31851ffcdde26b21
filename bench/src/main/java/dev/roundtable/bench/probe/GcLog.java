package dev.roundtable.bench.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JVM unified GC logs ({@code -Xlog:gc}) and the output of {@code jcmd GC.heap_info}. Pure.
 */
public final class GcLog {

  private static final Pattern PAUSE = Pattern.compile("\\bPause\\b.*\\s(\\d+(?:\\.\\d+)?)ms\\s*$");
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private GcLog() {
  }

  /**
   * Longest stop-the-world pause in a GC log, in ms. Pauses caused by {@code System.gc()} are left out:
   * those are the harness's own {@code jcmd GC.run} before a heap reading, not the server's.
   */
  public static double maxPauseMs(String log) {
    double max = 0;
    for (String line : log.split("\n")) {
      if (line.contains("System.gc()") || line.contains("Diagnostic Command")) {
        continue;
      }
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        max = Math.max(max, Double.parseDouble(m.group(1)));
      }
    }
    return max;
  }

  /** Used Java heap in KiB from {@code jcmd <pid> GC.heap_info} (all generations; not Metaspace). */
  public static long heapUsedKb(String heapInfo) {
    long used = 0;
    boolean found = false;
    for (String line : heapInfo.split("\n")) {
      if (line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      Matcher m = USED.matcher(line);
      if (m.find()) {
        used += Long.parseLong(m.group(1));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no heap usage in GC.heap_info output");
    }
    return used;
  }
}
