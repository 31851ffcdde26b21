package dev.roundtable.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Roundtable server JVM of the chaos run, started from the server jar with a clean {@code ROUNDTABLE_*}
 * environment on a fixed HTTP port, so that a restart serves where its clients reconnect. Each incarnation
 * logs to a file of its own; {@link #kill} is {@code SIGKILL}.
 */
final class ServerProcess {
  private static final Pattern LOADED = Pattern.compile("^(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) .*room=\"([^\"]+)\" room loaded");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final Path logs;
  private final int httpPort;
  private final Map<String, String> env;
  private final List<String> jvm;
  private Process process;
  private Path log;
  private int incarnation;

  ServerProcess(String name, Path jar, Path logs, int httpPort, Map<String, String> env, List<String> jvm) {
    this.name = name;
    this.jar = jar;
    this.logs = logs;
    this.httpPort = httpPort;
    this.env = env;
    this.jvm = jvm;
  }

  String name() {
    return name;
  }

  int httpPort() {
    return httpPort;
  }

  /** Starts a new incarnation and waits until it serves HTTP. */
  void start() throws IOException, InterruptedException {
    incarnation++;
    log = logs.resolve(name + "-" + incarnation + ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ROUNDTABLE_") || k.equals("MONGO_URI"));
    builder.environment().putAll(env);
    builder.environment().put("ROUNDTABLE_HTTP_HOST", "127.0.0.1");
    builder.environment().put("ROUNDTABLE_HTTP_PORT", Integer.toString(httpPort));
    process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(log).contains("Roundtable is running at")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " did not start in 120 s; see " + log);
  }

  /** {@code kill -9}. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM and wait (end of run). */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** The status of {@code GET /health/ready}, or -1 when nothing answers. */
  int readiness() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Milliseconds of the day at which this incarnation last logged loading {@code roomId}, or -1: the node
   * that loaded a room last is its owner (rooms under load do not unload for idleness).
   */
  long lastLoaded(String roomId) throws IOException {
    if (!alive()) {
      return -1;
    }
    long last = -1;
    for (String line : Files.readAllLines(log)) {
      Matcher m = LOADED.matcher(line);
      if (m.find() && m.group(5).equals(roomId)) {
        last = ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3)))
            * 1000 + Long.parseLong(m.group(4));
      }
    }
    return last;
  }
}
