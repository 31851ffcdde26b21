package dev.roundtable.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run happened on: cores, CPU model, RAM, kernel, Java and Node versions. */
public final class MachineInfo {

  private MachineInfo() {
  }

  public static JsonObject collect() {
    return new JsonObject()
        .put("cores", Runtime.getRuntime().availableProcessors() + " available to the client; nproc "
            + command("nproc"))
        .put("cpu", cpuModel())
        .put("memory", memory())
        .put("kernel", command("uname", "-sr"))
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
        .put("node", command("node", "--version"));
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  private static String command(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "unavailable";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unavailable";
    }
  }
}
