package dev.roundtable.bench.chaos;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chaos run's JSON result as the Markdown page the other scenarios write beside theirs
 * ({@code bench/results/chaos-<UTC>.md}). {@code main(json)} writes it for a result already there.
 */
final class ChaosReport {
  private ChaosReport() {
  }

  public static void main(String[] args) throws IOException {
    Path json = Path.of(args[0]);
    String base = json.toString().replaceFirst("\\.json$", "");
    Files.writeString(Path.of(base + ".md"), markdown(Path.of(base).getFileName().toString(),
        new JsonObject(Files.readString(json))));
  }

  static String markdown(String name, JsonObject r) {
    JsonObject m = r.getJsonObject("machine", new JsonObject());
    JsonObject w = r.getJsonObject("workload", new JsonObject());
    StringBuilder s = new StringBuilder("### " + name + "\n\n");
    s.append("Machine: ").append(m.getString("cpu")).append(", ").append(m.getString("cores")).append(", ")
        .append(m.getString("memory")).append(" RAM, ").append(m.getString("kernel")).append(", ")
        .append(m.getString("java")).append(". Store host and three clustered nodes on the same machine, not pinned.")
        .append("\n\nWorkload: ").append(w.getInteger("rooms")).append(" rooms × ").append(w.getInteger("membersPerRoom"))
        .append(" members, one command per member about every ").append(w.getLong("thinkMs")).append(" ms (")
        .append(w.getDouble("commandsPerSecond")).append(" commands/s); seed ").append(r.getLong("seed")).append("\n\n");
    JsonObject k = r.getJsonObject("kills");
    if (k != null) {
      s.append("**kill -9 of a room's owner, then its restart** (").append(k.getInteger("kills")).append(" kills)\n\n")
          .append("| measure | n | median ms | worst ms |\n|---|---:|---:|---:|\n")
          .append(row("kill → the chosen room answering through another node", k.getJsonObject("recoveryMs")))
          .append(row("kill → every room of the killed node answering", k.getJsonObject("recoveryMsAllRoomsOfTheKilledNode")))
          .append(row("restart → ready", k.getJsonObject("restartToReadyMs")))
          .append("\nRooms that never answered again: ").append(k.getInteger("roomsThatNeverAnswered"))
          .append(". Clients: ").append(k.getJsonObject("clients").encode()).append("\n\n");
    }
    JsonObject o = r.getJsonObject("storeOutage");
    if (o != null) {
      s.append("**Store gone for ").append(o.getInteger("seconds")).append(" s** (relay closed)\n\n")
          .append("- during: ").append(o.getJsonObject("during").encode()).append("\n")
          .append("- readiness polled: ").append(o.getJsonObject("readiness").encode()).append("; first 503 after ")
          .append(o.getLong("firstNotReadyAfterMs")).append(" ms\n")
          .append("- store back → rooms answering again: ").append(o.getJsonObject("roomsAnsweringAgainMs").encode())
          .append("; rooms never answering: ").append(o.getInteger("roomsNeverAnswering"))
          .append("; all nodes ready after ").append(o.getLong("allReadyAgainAfterMs")).append(" ms, no restart\n")
          .append("- after: ").append(o.getJsonObject("after").encode()).append("\n\n");
    }
    JsonObject d = r.getJsonObject("diskFull");
    if (d != null) {
      s.append("**Disk full for the embedded store**\n\n");
      if (d.containsKey("skipped")) {
        s.append("skipped: ").append(d.getString("skipped")).append("\n\n");
      } else {
        s.append("- filler: ").append(d.getLong("fillerKiB")).append(" KiB\n")
            .append("- during (20 s): ").append(d.getJsonObject("during").encode()).append("\n")
            .append("- readiness polled: ").append(d.getJsonObject("readiness").encode()).append("\n")
            .append("- recovered without a restart of the store host: ").append(d.getBoolean("recoveredWithoutRestart"))
            .append(d.containsKey("afterStoreHostRestart") ? "; after its restart, rooms answering again: "
                + d.getJsonObject("afterStoreHostRestart").encode() : "").append("\n")
            .append("- store file opened again after kill -9 of its host: ").append(d.getBoolean("storeFileReopened"))
            .append("\n- after: ").append(d.getJsonObject("after").encode()).append("\n\n");
      }
    }
    JsonObject c = r.getJsonObject("check");
    if (c != null) {
      s.append("**Ledger check** (every room's log read back and compared with every acknowledgement): ")
          .append(c.getLong("acknowledged")).append(" acknowledged, **").append(c.getLong("lost")).append(" lost, ")
          .append(c.getLong("appliedTwice")).append(" applied twice, ").append(c.getLong("wrongSeq"))
          .append(" at a wrong seq**; ").append(c.getLong("logEntries")).append(" log entries read; log reads refused: ")
          .append(c.getInteger("logReadsRefused")).append("\n");
    }
    return s.toString();
  }

  private static String row(String what, JsonObject stats) {
    return "| " + what + " | " + stats.getInteger("n") + " | " + stats.getValue("median", "–") + " | "
        + stats.getValue("worst", "–") + " |\n";
  }
}
