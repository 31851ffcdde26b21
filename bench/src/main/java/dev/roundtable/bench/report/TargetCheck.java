package dev.roundtable.bench.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets, checked against measured rows and stated as met or NOT met (never adjusted):
 * sweep top rate ≥ 3× Socket.IO's at ≤ 4 µs server CPU per delivery; meeting p99 < 25 ms with nothing
 * lost or reordered; big-room p99 < 100 ms; idle ≤ 12 KB heap per connection; cluster adds ≤ 5 ms p99.
 */
final class TargetCheck {

  private TargetCheck() {
  }

  static List<String> check(String scenario, List<JsonObject> results) {
    List<String> out = new ArrayList<>();
    JsonObject rt = row(results, "roundtable");
    switch (scenario) {
      case "meeting" -> {
        if (rt != null && rt.getValue("p99Ms") == null) {
          out.add("**NOT met**: meeting p99 < 25 ms — no command sent in the window was delivered");
        } else if (rt != null) {
          double p99 = rt.getDouble("p99Ms");
          long lost = rt.getLong("lost", 0L);
          long reordered = rt.getLong("reordered", 0L);
          out.add(verdict(p99 < 25 && lost == 0 && reordered == 0) + ": meeting p99 < 25 ms with nothing lost or "
              + "reordered (measured p99 " + Report.num(p99) + " ms, lost " + lost + ", reordered " + reordered + ")");
        }
      }
      case "big-room" -> {
        if (rt != null && rt.getValue("p99Ms") != null) {
          double p99 = rt.getDouble("p99Ms");
          out.add(verdict(p99 < 100) + ": big-room p99 < 100 ms (measured " + Report.num(p99) + " ms)");
        }
      }
      case "idle" -> {
        if (rt != null && rt.getValue("heapKbPerConn") != null) {
          double heap = rt.getDouble("heapKbPerConn");
          out.add(verdict(heap <= 12) + ": idle ≤ 12 KB heap per connection (measured " + Report.num(heap) + " KB)");
        }
      }
      case "sweep" -> {
        JsonObject sio = row(results, "socketio");
        if (rt == null) {
          out.add("**NOT met**: sweep top rate ≥ 3× Socket.IO's — Roundtable had no good step (p99 ≤ "
              + "the limit with nothing lost or rejected) even at the first rate");
        } else if (sio != null) {
          double ratio = rt.getDouble("deliveriesPerSec") / sio.getDouble("deliveriesPerSec");
          Double cpu = rt.getDouble("serverCpuUsPerDelivery");
          out.add(verdict(ratio >= 3 && cpu != null && cpu <= 4) + ": sweep top rate ≥ 3× Socket.IO's with ≤ 4 µs "
              + "server CPU per delivery (measured " + Report.num(ratio) + "× at " + Report.num(cpu) + " µs)");
        }
      }
      case "cluster" -> {
        JsonObject cluster = row(results, "roundtable-cluster");
        if (rt != null && cluster != null && rt.getValue("p99Ms") != null && cluster.getValue("p99Ms") != null) {
          double added = cluster.getDouble("p99Ms") - rt.getDouble("p99Ms");
          out.add(verdict(added <= 5) + ": cluster adds ≤ 5 ms p99 (measured " + Report.num(added) + " ms)");
        }
      }
      default -> {
      }
    }
    return out;
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**NOT met**";
  }

  private static JsonObject row(List<JsonObject> results, String target) {
    for (JsonObject r : results) {
      if (target.equals(r.getString("target"))) {
        return Report.selected(r);
      }
    }
    return null;
  }
}
