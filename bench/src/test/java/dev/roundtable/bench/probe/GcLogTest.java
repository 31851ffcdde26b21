package dev.roundtable.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GC log and heap info parsing")
class GcLogTest {

  @Test
  @DisplayName("the longest pause leaves out the harness's own System.gc() collections")
  void maxPause() {
    String log = String.join("\n",
        "[0.006s][info][gc] Using Serial",
        "[1.234s][info][gc] GC(0) Pause Young (Allocation Failure) 17M->4M(59M) 6.789ms",
        "[5.000s][info][gc] GC(1) Pause Full (System.gc()) 40M->10M(59M) 80.123ms",
        "[6.000s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 12.5ms",
        "[7.000s][info][gc] GC(3) Concurrent Mark Cycle 150.000ms");
    assertThat(GcLog.maxPauseMs(log)).isEqualTo(12.5);
    assertThat(GcLog.maxPauseMs("")).isZero();
  }

  @Test
  @DisplayName("heap use sums the generations and leaves out Metaspace")
  void heapUsed() {
    String serial = String.join("\n", "12345:",
        " def new generation   total 9792K, used 1000K [0x00000000f0a00000, 0x00000000f14a0000)",
        "  eden space 8704K,  11% used [0x00000000f0a00000, 0x00000000f0afa000, 0x00000000f1280000)",
        " tenured generation   total 21888K, used 2000K [0x00000000f5f50000, 0x00000000f74b0000)",
        " Metaspace       used 15523K, committed 15808K, reserved 1064960K",
        "  class space    used 1800K, committed 1920K, reserved 1048576K");
    assertThat(GcLog.heapUsedKb(serial)).isEqualTo(3000);
    String g1 = " garbage-first heap   total 262144K, used 12345K [0x0000000700000000, 0x0000000800000000)\n"
        + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n Metaspace       used 9K, committed 10K";
    assertThat(GcLog.heapUsedKb(g1)).isEqualTo(12345);
  }

  @Test
  @DisplayName("CPU ticks are read after the command name, whatever it contains")
  void procStat() {
    String stat = "4469 (java (x) y) S 1 4469 1 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 40 0 123 4096 512";
    assertThat(ProcFs.cpuTicks(stat)).isEqualTo(325);
    assertThat(ProcFs.rssKb("Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t40\n")).isEqualTo(123456);
  }
}
