package dev.roundtable.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Roundtable node in a process of its own ({@code dev.roundtable.Main} on the test class path), configured
 * through the environment like a deployed node, so that a test can kill it as a machine would die. Its output
 * goes to {@code target/node-logs/<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern RUNNING = Pattern.compile("Roundtable is running at http://[^:]+:(\\d+)/");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final Path log;
  private final int httpPort;

  private NodeProcess(String name, Process process, Path log, int httpPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** Starts a node with these environment variables (on top of a clean environment) and waits until it serves. */
  public static NodeProcess start(String name, Map<String, String> env) throws IOException, InterruptedException {
    return start(name, env, "dev.roundtable.Main");
  }

  /**
   * Starts a node through another main class on the test class path (one that starts a real node and adds
   * test handlers to it), which prints the same "running at" line once it serves.
   */
  public static NodeProcess start(String name, Map<String, String> env, String mainClass)
      throws IOException, InterruptedException {
    Path logs = Path.of("target", "node-logs");
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), mainClass))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ROUNDTABLE_") || k.equals("MONGO_URI"));
    builder.environment().putAll(env);
    Process process = builder.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = RUNNING.matcher(Files.readString(log));
      if (m.find()) {
        return new NodeProcess(name, process, log, Integer.parseInt(m.group(1)));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
  }

  /** A port nobody listens on right now (for ports that must be known before the node starts). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public String name() {
    return name;
  }

  public int httpPort() {
    return httpPort;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye to the cluster. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM: the node drains and stops; returns its exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(40, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not stop within 40 s of SIGTERM");
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
