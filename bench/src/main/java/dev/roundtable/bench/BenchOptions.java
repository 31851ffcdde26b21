package dev.roundtable.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options ({@code --name value}) over per-scenario defaults. The defaults are the issue's
 * workloads; every one can be overridden (e.g. shorter {@code --duration} for a quick run).
 */
public final class BenchOptions {

  private static final Map<String, Map<String, String>> DEFAULTS = Map.of(
      "meeting", Map.of("rooms", "200", "members", "10", "senders", "10", "rate", "2"),
      "big-room", Map.of("rooms", "1", "members", "1000", "senders", "5", "rate", "10"),
      "cluster", Map.of("rooms", "200", "members", "10", "senders", "10", "rate", "2"),
      "churn", Map.of("rooms", "200", "members", "10", "senders", "10", "rate", "2", "churn-rate", "200"),
      "sweep", Map.of("rooms", "200", "members", "10", "senders", "10", "start-rate", "0.02",
          "step-factor", "1.5", "step-seconds", "10", "max-steps", "25", "p99-limit-ms", "100"),
      "idle", Map.of("members", "10", "senders", "0", "connections", "1000", "settle-seconds", "10"));

  private static final Map<String, String> COMMON = Map.of("duration", "30", "warmup", "10", "drain", "3", "settle-max", "30",
      "host", "127.0.0.1", "payload-bytes", "200", "clk-tck", "100", "seed", "42");

  public static final List<String> SCENARIOS = List.of("meeting", "big-room", "sweep", "idle", "churn", "cluster");

  private final Map<String, String> values = new LinkedHashMap<>();

  private BenchOptions() {
  }

  /** Parses {@code args} (after the subcommand); {@code --scenario} picks the defaults. */
  public static BenchOptions parse(String[] args, int from) {
    BenchOptions o = new BenchOptions();
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      given.put(args[i].substring(2), args[++i]);
    }
    String scenario = given.getOrDefault("scenario", "meeting");
    if (!DEFAULTS.containsKey(scenario)) {
      throw new IllegalArgumentException("unknown scenario " + scenario + "; one of " + SCENARIOS);
    }
    o.values.putAll(COMMON);
    o.values.putAll(DEFAULTS.get(scenario));
    o.values.putAll(given);
    o.values.put("scenario", scenario);
    return o;
  }

  public String get(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int integer(String name) {
    return Integer.parseInt(get(name));
  }

  public double number(String name) {
    return Double.parseDouble(get(name));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Map<String, String> all() {
    return new LinkedHashMap<>(values);
  }
}
