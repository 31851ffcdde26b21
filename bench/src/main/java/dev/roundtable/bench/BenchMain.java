package dev.roundtable.bench;

import dev.roundtable.bench.dialect.PeerDialect;
import dev.roundtable.bench.dialect.RoundtableDialect;
import dev.roundtable.bench.load.Dialect;
import dev.roundtable.bench.load.Topology;
import dev.roundtable.bench.metrics.RunStats;
import dev.roundtable.bench.probe.JavaProbe;
import dev.roundtable.bench.probe.NodeProbe;
import dev.roundtable.bench.probe.TargetProbe;
import dev.roundtable.bench.report.MachineInfo;
import dev.roundtable.bench.report.Report;
import dev.roundtable.bench.scenario.Loop;
import dev.roundtable.bench.scenario.ScenarioRunner;
import dev.roundtable.bench.transport.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the load client. {@code bench/run} starts the targets and calls it twice:
 * <ul>
 *   <li>{@code run --dialect roundtable|socketio|ws --scenario S --nodes host:port[,…] --pids …
 *       --probe java|node --out result.json [overrides]}: one scenario against one target;</li>
 *   <li>{@code report --scenario S --out-base path result.json…}: merges the targets' results into
 *       {@code path.json} and {@code path.md} and prints the Markdown.</li>
 * </ul>
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: run --dialect D --scenario S --nodes host:port --out file [...] | report ...");
      System.exit(2);
    }
    switch (args[0]) {
      case "run" -> run(BenchOptions.parse(args, 1));
      case "report" -> report(args);
      case "chaos" -> dev.roundtable.bench.chaos.ChaosRun.main(args);
      case "jobs" -> dev.roundtable.bench.jobs.JobsRun.main(args);
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  private static void run(BenchOptions o) throws IOException {
    // One event loop: the client is pinned to one core, more loops would only contend for it.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setBlockedThreadCheckInterval(60_000));
    try {
      Loop loop = new Loop(vertx);
      RunStats stats = new RunStats();
      long seed = o.integer("seed");
      Dialect dialect = loop.call(() -> switch (o.get("dialect")) {
        case "roundtable" -> new RoundtableDialect(vertx, stats, seed);
        case "socketio" -> PeerDialect.socketIo(vertx, stats, seed);
        case "ws" -> PeerDialect.ws(vertx, stats, seed);
        default -> throw new IllegalArgumentException("unknown dialect " + o.get("dialect"));
      });
      List<Endpoint> nodes = Arrays.stream(o.get("nodes").split(",")).map(Endpoint::parse).toList();
      int members = o.integer("members");
      int rooms = o.get("scenario").equals("idle")
          ? Math.max(1, o.integer("connections") / members) : o.integer("rooms");
      Topology topology = new Topology(rooms, members, o.integer("senders"), nodes, o.integer("payload-bytes"));
      JsonObject result = new ScenarioRunner(loop, o, dialect, stats, probe(o), topology).run();
      result.put("target", o.get("target-name", dialect.name()));
      Path out = Path.of(o.get("out"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, result.encodePrettily());
      System.err.println("wrote " + out);
    } finally {
      vertx.close();
    }
  }

  private static TargetProbe probe(BenchOptions o) {
    String kind = o.get("probe", "none");
    long clkTck = o.integer("clk-tck");
    if (kind.equals("none")) {
      return TargetProbe.none();
    }
    List<Long> pids = Arrays.stream(o.get("pids").split(",")).map(Long::parseLong).toList();
    if (kind.equals("java")) {
      List<Path> logs = Arrays.stream(o.get("gc-logs").split(",")).map(Path::of).toList();
      return new JavaProbe(pids, logs, clkTck);
    }
    return new NodeProbe(pids.get(0), URI.create(o.get("stats-url")), clkTck);
  }

  private static void report(String[] args) throws IOException {
    String scenario = null;
    String base = null;
    String utc = null;
    String nice = "0";
    List<JsonObject> results = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--scenario" -> scenario = args[++i];
        case "--out-base" -> base = args[++i];
        case "--utc" -> utc = args[++i];
        case "--nice" -> nice = args[++i];
        default -> results.add(new JsonObject(Files.readString(Path.of(args[i]))));
      }
    }
    if (scenario == null || base == null) {
      throw new IllegalArgumentException("report needs --scenario and --out-base");
    }
    JsonObject run = Report.merge(scenario, utc == null ? java.time.Instant.now().toString() : utc,
        MachineInfo.collect().put("nice", nice), results);
    String md = Report.markdown(run);
    Files.writeString(Path.of(base + ".json"), run.encodePrettily());
    Files.writeString(Path.of(base + ".md"), md);
    System.out.println(md);
  }
}
