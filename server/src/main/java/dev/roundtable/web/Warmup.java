package dev.roundtable.web;

import dev.roundtable.domain.Actor;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Role;
import dev.roundtable.protocol.Codec;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.Replies;
import dev.roundtable.protocol.RoomRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Pays, on a worker thread before the node listens, for what the first request would otherwise pay for on an
 * event loop: loading and initialising Jackson (Vert.x's codec and the strict client parser), the JWT code
 * and the command codec. On a busy machine that first use took seconds, long enough for Vert.x to report a
 * blocked event loop; once the server listens (and so before {@code /health/ready} can say 200) it is done.
 * It touches no room and no store.
 */
final class Warmup {
  private Warmup() {
  }

  static void run(Tokens tokens) {
    String token = tokens.issue(new Identity("warmup-room", "p1", Role.FACILITATOR));
    JsonObject command = new JsonObject().put("type", "AddItem").put("title", "Warm-up").put("owner", "Ana")
        .put("timeboxSeconds", 60).put("kind", "discuss");
    String frame = new JsonObject().put("type", "send").put("address", "rt.room.warmup-room.cmd")
        .put("headers", new JsonObject().put(Headers.TOKEN, token)).put("replyAddress", "warm-up")
        .put("body", new JsonObject().put("clientId", "warm-up").put("clientSeq", 1).put("command", command))
        .encode();
    Sessions.sockJsMessages(new JsonArray().add(frame).encode());
    JsonObject parsed = ClientJson.object(frame);
    RoomRequest.parseVerified(Actor.participant("p1"), parsed.getJsonObject("body"));
    Codec.command(new JsonObject(frame).getJsonObject("body").getJsonObject("command"));
    Frame.of(Replies.error(ErrorCode.TOO_LARGE, "warm-up")).sockJsArray();
    // Verification runs synchronously within the call; its Future is of no interest here.
    tokens.verify(token);
  }
}
