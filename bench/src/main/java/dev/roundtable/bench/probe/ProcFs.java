package dev.roundtable.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads CPU time and resident memory of a process from Linux {@code /proc}. */
public final class ProcFs {

  private ProcFs() {
  }

  /** utime + stime of {@code pid} in nanoseconds ({@code clkTck} = {@code getconf CLK_TCK}, usually 100). */
  public static long cpuNanos(long pid, long clkTck) {
    return cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))) * (1_000_000_000L / clkTck);
  }

  /** Busy time (everything but idle and iowait) of all CPUs together, in ns: to see who else ran. */
  public static long machineBusyNanos(long clkTck) {
    String cpu = read(Path.of("/proc/stat")).lines().filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow();
    String[] f = cpu.trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      if (i != 4 && i != 5) { // idle, iowait
        busy += Long.parseLong(f[i]);
      }
    }
    return busy * (1_000_000_000L / clkTck);
  }

  /** VmRSS of {@code pid} in KiB. */
  public static long rssKb(long pid) {
    return rssKb(read(Path.of("/proc", Long.toString(pid), "status")));
  }

  /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, in clock ticks. */
  static long cpuTicks(String stat) {
    // The command name (field 2) may hold spaces and parentheses; fields are counted after its last ')'.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static long rssKb(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS line");
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
