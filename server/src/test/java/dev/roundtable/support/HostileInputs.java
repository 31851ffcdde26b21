package dev.roundtable.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile client input from one {@link Random}, so a seed replays it: bridge frames (valid
 * envelopes with mutated fields, register frames that must fail, random JSON, random text and bytes) and
 * REST requests (mutated bodies, tokens, paths and query strings, random bodies). Every mutation of an
 * envelope or a join is one the server must refuse, so a fuzz run can demand that nothing it sends changes
 * the room; the generator never puts a valid token into random input.
 */
public final class HostileInputs {
  /** One bridge frame to send; {@code replyAddress} is set when exactly one reply on it is owed. */
  public record Frame(String kind, String text, byte[] bytes, String replyAddress, boolean mayBeAccepted) {
    public String describe() {
      String shown = text != null ? text : "bytes " + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 200));
      return kind + ": " + (shown.length() > 600 ? shown.substring(0, 600) + "… (" + shown.length() + " chars)" : shown);
    }
  }

  /** One HTTP request; {@code mustFail} when the server must refuse it (4xx). */
  public record Request(String kind, String method, String path, String authorization, String contentType,
      byte[] body, boolean mustFail) {
    public String describe() {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return kind + ": " + method + " " + path + " auth=" + authorization + " type=" + contentType + " body="
          + (shown.length() > 400 ? shown.substring(0, 400) + "…" : shown);
    }
  }

  /** Room A is the one whose state must not change; B is another room. */
  public record Rooms(String roomA, String joinCodeA, String facilitatorA, String participantA, String screenA,
      String roomB, String facilitatorB) {
  }

  private static final List<JsonObject> COMMANDS = List.of(
      new JsonObject("{\"type\":\"AddItem\",\"title\":\"Budget\",\"owner\":\"Ana\",\"timeboxSeconds\":600,\"kind\":\"decide\"}"),
      new JsonObject("{\"type\":\"RaiseHand\"}"),
      new JsonObject("{\"type\":\"StartMeeting\"}"),
      new JsonObject("{\"type\":\"AddNote\",\"text\":\"Deploys are slow\",\"colour\":\"pink\",\"x\":120,\"y\":80}"),
      new JsonObject("{\"type\":\"ExtendTimer\",\"seconds\":30}"),
      new JsonObject("{\"type\":\"SetSpeakerLimit\",\"seconds\":120}"),
      new JsonObject("{\"type\":\"ParkPoint\",\"text\":\"Office move\"}"),
      new JsonObject("{\"type\":\"OpenMotion\",\"text\":\"Ship on 1 July\",\"quorum\":2}"),
      new JsonObject("{\"type\":\"AddActionItem\",\"task\":\"Write the plan\",\"owner\":\"Ana\"}"),
      new JsonObject("{\"type\":\"EditMinutes\",\"baseRevision\":0,\"ops\":[\"Hello\"]}"),
      new JsonObject("{\"type\":\"Sync\"}"),
      new JsonObject("{\"type\":\"Sync\",\"sinceSeq\":0}"));
  private static final List<String> SYSTEM_ONLY = List.of("CreateMeeting", "Join", "Connect", "Disconnect", "Tick",
      "ResetPresence");
  private static final List<String> INTERNAL_ADDRESSES = List.of("rt.room-retired", "rt.presence.recount",
      "rt.node.x.rooms", "rt.room..cmd", "rt.room.short.cmd", "", " ", "rt.room.%s.cmd ", "RT.ROOM.%s.CMD");

  private final Random random;
  private final Rooms rooms;
  private final String prefix;
  private long counter;

  /** {@code prefix}: starts every reply address, so that several generators never share one. */
  public HostileInputs(Random random, Rooms rooms, String prefix) {
    this.random = random;
    this.rooms = rooms;
    this.prefix = prefix;
  }

  // ---- bridge frames

  public Frame frame(boolean binaryAllowed) {
    int roll = random.nextInt(100);
    if (roll < 62) {
      return envelope();
    }
    if (roll < 64) {
      String reply = replyAddress();
      return new Frame("sync", sendFrame(rooms.roomA(), rooms.facilitatorA(), new JsonObject().put("command",
          new JsonObject().put("type", "Sync")), reply).encode(), null, reply, true);
    }
    if (roll < 69) {
      return register();
    }
    if (roll < 84) {
      return new Frame("random-json", io.vertx.core.json.Json.encode(randomJson(3)), null, null, true);
    }
    if (roll < 92 || !binaryAllowed) {
      return new Frame("random-text", randomText(random.nextInt(200)), null, null, true);
    }
    // Random bytes, made valid UTF-8 (invalid UTF-8 is answered by closing with 1007, see PROTOCOL §4).
    byte[] raw = new byte[random.nextInt(300)];
    random.nextBytes(raw);
    return new Frame("random-bytes", null, new String(raw, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
        null, true);
  }

  private String replyAddress() {
    return prefix + (counter++);
  }

  private JsonObject sendFrame(String roomId, String token, Object body, String replyAddress) {
    JsonObject frame = new JsonObject().put("type", "send").put("address", "rt.room." + roomId + ".cmd")
        .put("body", body).put("replyAddress", replyAddress);
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    return frame;
  }

  /** A well-formed send whose content is mutated so that the server must refuse it (or it is a Sync). */
  private Frame envelope() {
    JsonObject command = COMMANDS.get(random.nextInt(COMMANDS.size())).copy();
    boolean sync = command.getString("type").equals("Sync");
    JsonObject body = new JsonObject().put("command", command);
    if (random.nextBoolean()) {
      body.put("clientId", "fuzz-" + random.nextInt(1000)).put("clientSeq", (long) random.nextInt(1_000_000));
    }
    String token = switch (random.nextInt(3)) {
      case 0 -> rooms.participantA();
      case 1 -> rooms.screenA();
      default -> rooms.facilitatorA();
    };
    String reply = replyAddress();
    JsonObject frame = sendFrame(rooms.roomA(), token, body, reply);
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutate(frame, body, command);
    }
    if (random.nextInt(10) == 0) {
      frame.put("x-" + randomText(5), randomJson(1));  // frame keys the bridge does not know are ignored
    }
    String text = frame.encode();
    return new Frame("envelope", text, null, reply, sync);
  }

  private void mutate(JsonObject frame, JsonObject body, JsonObject command) {
    switch (random.nextInt(11)) {
      case 0 -> {
        JsonObject headers = new JsonObject();
        switch (random.nextInt(5)) {
          case 0 -> frame.remove("headers");
          case 1 -> frame.put("headers", headers.put("token", randomText(random.nextInt(80))));
          case 2 -> frame.put("headers", headers.put("token", flipped(rooms.facilitatorA())));
          // Room B's token, unless the address was moved to room B: that pair would be a valid command.
          case 3 -> frame.put("headers", headers.put("token",
              frame.getValue("address") instanceof String a && a.contains(rooms.roomB()) ? "" : rooms.facilitatorB()));
          default -> frame.put("headers", headers.put("token", randomJson(1)));
        }
      }
      case 1 -> frame.put("address", switch (random.nextInt(4)) {
        case 0 -> "rt.room." + rooms.roomB() + (frame.encode().contains(rooms.facilitatorB()) ? ".events" : ".cmd");
        case 1 -> "rt.room." + rooms.roomA() + ".events";
        case 2 -> INTERNAL_ADDRESSES.get(random.nextInt(INTERNAL_ADDRESSES.size())).replace("%s", rooms.roomA());
        default -> "rt.room." + randomText(1 + random.nextInt(40)) + ".cmd";
      });
      case 2 -> command.put("type", switch (random.nextInt(4)) {
        case 0 -> randomText(random.nextInt(20)) + "Zz";
        case 1 -> String.valueOf(command.getValue("type")).toLowerCase(java.util.Locale.ROOT) + "_";
        case 2 -> SYSTEM_ONLY.get(random.nextInt(SYSTEM_ONLY.size()));
        default -> randomJson(1);
      });
      case 3 -> command.remove("type");
      case 4 -> command.put("zz" + random.nextInt(1000), randomJson(2));
      case 5 -> {
        List<String> fields = command.fieldNames().stream().filter(f -> !f.equals("type")).toList();
        String field = fields.isEmpty() ? "zz" : fields.get(random.nextInt(fields.size()));
        command.put(field, new JsonObject().put("nested", randomJson(1)));
      }
      case 6 -> frame.put("body", switch (random.nextInt(4)) {
        case 0 -> randomText(10);
        case 1 -> random.nextInt();
        case 2 -> new JsonArray().add(body);
        default -> true;
      });
      case 7 -> body.put("command", switch (random.nextInt(3)) {
        case 0 -> randomText(8);
        case 1 -> new JsonArray().add(command);
        default -> 42;
      });
      case 8 -> {
        body.put("clientId", random.nextBoolean() ? "" : "c".repeat(65 + random.nextInt(100)));
        body.put("clientSeq", switch (random.nextInt(3)) {
          case 0 -> -1 - random.nextInt(1000);
          case 1 -> 1.5;
          default -> "7";
        });
      }
      case 9 -> command.put("zzPadding", "x".repeat(17_000 + random.nextInt(20_000)));
      default -> command.put("type", "AddItem").put("title", "t".repeat(201 + random.nextInt(300))).put("owner", "Ana")
          .put("timeboxSeconds", 600).put("kind", "decide");
    }
  }

  /** A register that must fail: a bad token, another room's token, or an address that is not one. */
  private Frame register() {
    JsonObject frame = new JsonObject().put("type", "register");
    String events = "rt.room." + rooms.roomA() + ".events";
    switch (random.nextInt(4)) {
      case 0 -> frame.put("address", events).put("headers", new JsonObject().put("token", flipped(rooms.participantA())));
      case 1 -> frame.put("address", events).put("headers", new JsonObject().put("token", rooms.facilitatorB()));
      case 2 -> frame.put("address", "rt.room." + rooms.roomA() + ".cmd")
          .put("headers", new JsonObject().put("token", rooms.participantA()));
      default -> frame.put("address", events);
    }
    return new Frame("register", frame.encode(), null, null, false);
  }

  /** The token with one character of its header or payload changed: its signature no longer matches. */
  private String flipped(String token) {
    int end = token.lastIndexOf('.');
    int at = random.nextInt(end);
    if (token.charAt(at) == '.') {
      at = Math.max(0, at - 1);
    }
    char c = token.charAt(at);
    char other = c == 'A' ? 'B' : 'A';
    return token.substring(0, at) + other + token.substring(at + 1);
  }

  // ---- REST requests

  public Request request() {
    int roll = random.nextInt(100);
    String a = rooms.roomA();
    if (roll < 22) {
      return post("create-mutated", "/api/rooms", mutatedCreation().encode(), true);
    }
    if (roll < 23) {
      return post("create-valid", "/api/rooms", creation().encode(), false);
    }
    if (roll < 43) {
      return post("join-mutated", "/api/join", mutatedJoin().encode(), true);
    }
    if (roll < 50) {
      return post("join-random-code", "/api/join", new JsonObject().put("code", randomText(random.nextInt(40)))
          .put("name", "Ben").encode(), true);
    }
    if (roll < 60) {
      String path = random.nextBoolean() ? "/api/rooms" : "/api/join";
      byte[] body = random.nextBoolean()
          ? io.vertx.core.json.Json.encode(randomJson(3)).getBytes(StandardCharsets.UTF_8) : bytes(200);
      return new Request("random-body", "POST", path, null, random.nextBoolean() ? "application/json" : randomText(10),
          body, true);
    }
    if (roll < 68) {
      return new Request("summary", "GET", "/api/rooms/" + roomId(a), authorization(), null, null, false);
    }
    if (roll < 78) {
      String format = random.nextBoolean() ? "md" : "html";
      return new Request("minutes", "GET", "/api/rooms/" + roomId(a) + "/minutes." + format + query(),
          random.nextBoolean() ? authorization() : null, null, null, false);
    }
    if (roll < 83) {
      return new Request("downloads", "POST", "/api/rooms/" + roomId(a) + "/downloads", authorization(), null, null,
          false);
    }
    if (roll < 90) {
      String code = random.nextInt(4) == 0 ? rooms.joinCodeA() : encoded(randomText(1 + random.nextInt(16)));
      return new Request("qr", "GET", "/api/join/" + code + "/qr.svg", null, null, null, false);
    }
    String[] methods = {"GET", "PUT", "DELETE", "PATCH", "POST", "HEAD", "OPTIONS"};
    return new Request("random-route", methods[random.nextInt(methods.length)],
        "/api/" + encoded(randomText(random.nextInt(30))) + (random.nextBoolean() ? "/" + encoded(randomText(8)) : ""),
        authorization(), null, random.nextBoolean() ? bytes(50) : null, false);
  }

  private Request post(String kind, String path, String body, boolean mustFail) {
    return new Request(kind, "POST", path, null, "application/json", body.getBytes(StandardCharsets.UTF_8), mustFail);
  }

  private String roomId(String roomA) {
    return switch (random.nextInt(4)) {
      case 0 -> rooms.roomB();
      case 1 -> encoded(randomText(1 + random.nextInt(40)));
      default -> roomA;
    };
  }

  private String authorization() {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> "Bearer " + rooms.participantA();
      case 2 -> "Bearer " + flipped(rooms.facilitatorA());
      case 3 -> "Bearer " + rooms.facilitatorB();
      case 4 -> "Basic " + randomText(20).replaceAll("[^\\x21-\\x7e]", "=");
      default -> "Bearer " + rooms.screenA();
    };
  }

  private String query() {
    StringBuilder q = new StringBuilder("?");
    String[] keys = {"tz", "lang", "download", "token", randomText(4)};
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String value = switch (random.nextInt(5)) {
        case 0 -> "Europe/Berlin";
        case 1 -> "zh-CN";
        case 2 -> rooms.participantA();
        default -> randomText(random.nextInt(80));
      };
      q.append(i == 0 ? "" : "&").append(encoded(keys[random.nextInt(keys.length)])).append('=').append(encoded(value));
    }
    return q.toString();
  }

  private static JsonObject creation() {
    return new JsonObject().put("title", "Q3 launch").put("goal", "Decide the launch date").put("kind", "decision")
        .put("facilitatorName", "Ana").put("department", "Operations");
  }

  private JsonObject mutatedCreation() {
    JsonObject body = creation();
    switch (random.nextInt(6)) {
      case 0 -> body.put("zz" + random.nextInt(100), randomJson(2));
      case 1 -> body.put("title", "t".repeat(201 + random.nextInt(200)));
      case 2 -> body.remove(List.of("title", "goal", "kind", "facilitatorName").get(random.nextInt(4)));
      case 3 -> body.put("kind", randomText(6) + "!");
      case 4 -> body.put("plannedMinutes", random.nextBoolean() ? 0 : 1441 + random.nextInt(10_000));
      default -> body.put(List.of("title", "goal", "facilitatorName", "language").get(random.nextInt(4)),
          new JsonObject().put("x", randomJson(1)));
    }
    return body;
  }

  /** A join of room A that must be refused, so room A keeps its participants. */
  private JsonObject mutatedJoin() {
    JsonObject body = new JsonObject().put("code", rooms.joinCodeA()).put("name", "Ben").put("department", "Sales");
    switch (random.nextInt(5)) {
      case 0 -> body.put("zz" + random.nextInt(100), randomJson(2));
      case 1 -> body.put("role", random.nextBoolean() ? "facilitator" : randomText(5) + "!");
      case 2 -> body.remove("name");
      case 3 -> body.put("name", "n".repeat(81 + random.nextInt(200)));
      default -> body.put(random.nextBoolean() ? "name" : "department", new JsonArray().add(randomJson(1)));
    }
    return body;
  }

  // ---- random values

  /** Random JSON: objects with frame-like keys now and then, never a valid token. */
  public Object randomJson(int depth) {
    int kind = random.nextInt(depth <= 0 ? 5 : 8);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextInt(4) == 0 ? random.nextDouble() * 1e12 : (Object) random.nextLong();
      case 3, 4 -> randomText(random.nextInt(30));
      case 5 -> {
        JsonArray array = new JsonArray();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          array.add(randomJson(depth - 1));
        }
        yield array;
      }
      default -> {
        JsonObject object = new JsonObject();
        String[] keys = {"type", "address", "replyAddress", "headers", "body", "command", "token", "clientSeq"};
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          String key = random.nextInt(3) == 0 ? randomText(6) : keys[random.nextInt(keys.length)];
          Object value = switch (key) {
            case "type" -> random.nextBoolean()
                ? List.of("send", "register", "unregister", "publish", "ping", "rec").get(random.nextInt(6))
                : randomJson(depth - 1);
            case "address" -> random.nextBoolean() ? "rt.room." + rooms.roomA() + (random.nextBoolean() ? ".cmd" : ".events")
                : randomJson(depth - 1);
            case "replyAddress" -> {
              // A text reply address of random JSON is answered like any other: mark it as one ("j-").
              Object address = random.nextBoolean() ? replyAddress() : randomJson(depth - 1);
              yield address instanceof String text ? "j-" + text : address;
            }
            default -> randomJson(depth - 1);
          };
          object.put(key, value);
        }
        yield object;
      }
    };
  }

  /** Random text: ASCII, JSON punctuation, control characters, CJK and emoji (surrogate pairs kept whole). */
  public String randomText(int length) {
    StringBuilder sb = new StringBuilder(length);
    String punctuation = "{}[]\":,\\/ .-_\u0000\u0001\n\r\t'";
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append(punctuation.charAt(random.nextInt(punctuation.length())));
        case 1 -> sb.append((char) (0x4e00 + random.nextInt(500)));
        case 2 -> sb.appendCodePoint(0x1F600 + random.nextInt(50));
        default -> sb.append((char) (0x20 + random.nextInt(95)));
      }
    }
    return sb.toString();
  }

  private byte[] bytes(int max) {
    byte[] b = new byte[random.nextInt(max + 1)];
    random.nextBytes(b);
    return b;
  }

  private static String encoded(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
