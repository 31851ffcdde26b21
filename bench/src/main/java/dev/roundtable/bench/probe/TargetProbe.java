package dev.roundtable.bench.probe;

/**
 * Server-side measurements of one target (one or more processes: a clustered Roundtable has two). All
 * calls block; call them off the client's event loop.
 */
public interface TargetProbe {

  /** CPU time (user + system) the target's processes have used so far, in ns. */
  long cpuNanos();

  /** Resident set size now, in KiB (summed over the processes). */
  long rssKb();

  /** Live heap right after a forced full GC, in KiB (summed). */
  long heapAfterGcKb();

  /** Longest GC pause since start, in ms (max over the processes). */
  double maxGcPauseMs();

  /** The first lines of a heap class histogram (where the memory goes), or null where not available. */
  default String heapHistogram(int lines) {
    return null;
  }

  /** A probe that measures nothing (no pid given): every reading is -1. */
  static TargetProbe none() {
    return new TargetProbe() {
      public long cpuNanos() {
        return -1;
      }

      public long rssKb() {
        return -1;
      }

      public long heapAfterGcKb() {
        return -1;
      }

      public double maxGcPauseMs() {
        return -1;
      }
    };
  }
}
