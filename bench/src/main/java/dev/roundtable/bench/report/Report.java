package dev.roundtable.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the per-target results of one run into the Markdown table the issue asks for (one row per target)
 * and checks the targets that apply to the scenario. Pure: results in, text out.
 */
public final class Report {

  private static final String HEADER = "| target | deliveries/s | p50 ms | p99 ms | p99.9 ms | server CPU µs/delivery "
      + "| server CPU % | heap KB/conn | RSS KB/conn | longest GC pause ms | lost | reordered | errors | client CPU % | other CPU % |\n"
      + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n";

  private Report() {
  }

  /** The merged JSON of a run: machine, time and every target's result. */
  public static JsonObject merge(String scenario, String utc, JsonObject machine, List<JsonObject> results) {
    return new JsonObject().put("scenario", scenario).put("utc", utc).put("machine", machine)
        .put("results", new JsonArray(new ArrayList<>(results)));
  }

  public static String markdown(JsonObject run) {
    StringBuilder md = new StringBuilder();
    String scenario = run.getString("scenario");
    md.append("### ").append(scenario).append(" — ").append(run.getString("utc")).append("\n\n");
    JsonObject machine = run.getJsonObject("machine");
    md.append("Machine: ").append(machine.getString("cpu")).append(", ").append(machine.getString("cores"))
        .append(", ").append(machine.getString("memory")).append(" RAM, ").append(machine.getString("kernel"))
        .append(", ").append(machine.getString("java")).append(", Node ").append(machine.getString("node"))
        .append(". Server pinned to core 0, client to core 1")
        .append("0".equals(machine.getString("nice", "0")) ? "" : ", both at niceness " + machine.getString("nice"))
        .append(".\n\n");
    List<JsonObject> results = results(run);
    if (!results.isEmpty()) {
      md.append("Workload: ").append(workload(results.get(0))).append("\n\n");
    }
    md.append(HEADER);
    for (JsonObject result : results) {
      md.append(row(result.getString("target"), selected(result)));
    }
    if ("sweep".equals(scenario)) {
      md.append("\nSweep steps (the row above is each target's last good step; a failed step is run once more "
          + "before the sweep stops):\n\n");
      for (JsonObject result : results) {
        md.append("- **").append(result.getString("target")).append("**: ");
        List<String> steps = new ArrayList<>();
        for (Object o : result.getJsonArray("rows")) {
          JsonObject r = (JsonObject) o;
          steps.add(r.getString("label") + " → " + num(r.getValue("deliveriesPerSec")) + " deliveries/s, p99 "
              + num(r.getValue("p99Ms")) + " ms, " + num(r.getValue("serverCpuUsPerDelivery")) + " µs/delivery ("
              + r.getString("verdict") + ")");
        }
        md.append(String.join("; ", steps)).append("\n");
      }
    }
    if ("churn".equals(scenario)) {
      md.append("\nChurn cycles completed per second (join, connect, register, sync, disconnect): ");
      List<String> parts = new ArrayList<>();
      for (JsonObject result : results) {
        JsonObject r = selected(result);
        parts.add(result.getString("target") + " " + num(r == null ? null : r.getValue("churnPerSec")));
      }
      md.append(String.join(", ", parts)).append(".\n");
    }
    List<String> checks = TargetCheck.check(scenario, results);
    if (!checks.isEmpty()) {
      md.append("\nTargets:\n\n");
      checks.forEach(c -> md.append("- ").append(c).append("\n"));
    }
    return md.toString();
  }

  static List<JsonObject> results(JsonObject run) {
    List<JsonObject> list = new ArrayList<>();
    for (Object o : run.getJsonArray("results")) {
      list.add((JsonObject) o);
    }
    return list;
  }

  /** The row a result is represented by (sweep: last good step; null when no step was good). */
  static JsonObject selected(JsonObject result) {
    int i = result.getInteger("selected", 0);
    JsonArray rows = result.getJsonArray("rows");
    return i < 0 || i >= rows.size() ? null : rows.getJsonObject(i);
  }

  private static String workload(JsonObject result) {
    JsonObject t = result.getJsonObject("topology");
    JsonObject o = result.getJsonObject("options");
    String s = t.getInteger("rooms") + " room(s) × " + t.getInteger("membersPerRoom") + " members, "
        + t.getInteger("sendersPerRoom") + " sender(s) per room";
    switch (result.getString("scenario")) {
      case "idle" -> {
        return s.replace(", 0 sender(s) per room", "") + ", idle (bridge pings only), settled "
            + o.getString("settle-seconds") + " s";
      }
      case "sweep" -> {
        return s + ", rate per sender from " + o.getString("start-rate") + "/s ×" + o.getString("step-factor")
            + " per step of " + o.getString("step-seconds") + " s until p99 > " + o.getString("p99-limit-ms")
            + " ms or anything lost/reordered/rejected";
      }
      default -> {
        String w = s + ", " + o.getString("rate") + " commands/s per sender, warm-up " + o.getString("warmup")
            + " s, window " + o.getString("duration") + " s";
        if (o.containsKey("churn-rate") && "churn".equals(result.getString("scenario"))) {
          w += ", plus " + o.getString("churn-rate") + " connect+disconnect cycles/s";
        }
        return w;
      }
    }
  }

  private static String row(String target, JsonObject r) {
    if (r == null) {
      return "| " + target + " | no good step | | | | | | | | | | | | | |\n";
    }
    return "| " + target
        + " | " + num(r.getValue("deliveriesPerSec"))
        + " | " + num(r.getValue("p50Ms"))
        + " | " + num(r.getValue("p99Ms"))
        + " | " + num(r.getValue("p999Ms"))
        + " | " + num(r.getValue("serverCpuUsPerDelivery"))
        + " | " + num(r.getValue("serverCpuPct"))
        + " | " + num(r.getValue("heapKbPerConn"))
        + " | " + num(r.getValue("rssKbPerConn"))
        + " | " + num(r.getValue("maxGcPauseMs"))
        + " | " + num(r.getValue("lost"))
        + " | " + num(r.getValue("reordered"))
        + " | " + errors(r)
        + " | " + num(r.getValue("clientCpuPct"))
        + " | " + num(r.getValue("otherCpuPct")) + " |\n";
  }

  private static String errors(JsonObject r) {
    JsonObject e = r.getJsonObject("errors");
    if (e == null || e.isEmpty()) {
      return "0";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> entry : e) {
      parts.add(entry.getKey() + " " + entry.getValue());
    }
    return String.join(", ", parts);
  }

  static String num(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return String.format("%,d", (long) d);
      }
      return Math.abs(d) >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d);
    }
    return v.toString();
  }
}
