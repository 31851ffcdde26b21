package dev.roundtable.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One local HTTP server standing in for DingTalk ({@code /robot/send?access_token=…}), WeCom
 * ({@code /cgi-bin/webhook/send?key=…}) and Feishu ({@code /open-apis/bot/v2/hook/…}). Each checks the
 * signature the way its service documents it (computed here independently of the server's code, with the
 * timestamp within an hour of the test's clock) and answers with the service's documented bodies: success,
 * the signature error, or what the test asks for next (a rate-limit error, a busy service).
 *
 * <p>While {@link #parking} is on, connections opened are parked: their requests are never answered (a
 * node's send hangs until it dies). A parked request counts as received only for the services in
 * {@link #takeWhenParked} (the service took the message, its acknowledgement never arrives); for the others
 * it was never processed. Connections opened once parking is off are answered as usual.
 */
final class RobotStandIns {
  static final String DING_SECRET = "SECd1ngta1k-secret";
  static final String FEISHU_SECRET = "feishu-secret";

  /** One request as the service understood it. */
  record Received(String service, JsonObject body, boolean signatureValid) {
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Answers to give before the normal one, per service: "rate", "busy", "http500". */
  final Map<String, List<String>> scripted = new ConcurrentHashMap<>();
  /** Services that answer every request with a failure ("busy"). */
  final Map<String, String> always = new ConcurrentHashMap<>();
  /** While true, connections opened now are parked. */
  volatile boolean parking;
  /** Services that take a message on a parked connection before the answer that never comes. */
  final Set<String> takeWhenParked = ConcurrentHashMap.newKeySet();
  /** Every request on a parked connection, taken or not. */
  final List<Received> parked = new CopyOnWriteArrayList<>();
  /** Remote ports of the open parked connections. */
  private final Set<Integer> parkedConnections = ConcurrentHashMap.newKeySet();
  private final Clock clock;
  private HttpServer server;

  RobotStandIns(Clock clock) {
    this.clock = clock;
  }

  Future<RobotStandIns> start(Vertx vertx) {
    server = vertx.createHttpServer()
        .connectionHandler(conn -> {
          if (parking) {
            int port = conn.remoteAddress().port();
            parkedConnections.add(port);
            conn.closeHandler(v -> parkedConnections.remove(port));
          }
        })
        .requestHandler(req -> req.body().onSuccess(b -> answer(req, b.toJsonObject())));
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  String dingTalkUrl() {
    return base() + "/robot/send?access_token=ding-token-1";
  }

  String weComUrl() {
    return base() + "/cgi-bin/webhook/send?key=wecom-key-1";
  }

  String feishuUrl() {
    return base() + "/open-apis/bot/v2/hook/feishu-hook-1";
  }

  List<Received> of(String service) {
    return received.stream().filter(r -> r.service().equals(service)).toList();
  }

  void script(String service, String... answers) {
    scripted.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).addAll(List.of(answers));
  }

  private void answer(HttpServerRequest req, JsonObject body) {
    String path = req.path();
    String service = path.startsWith("/robot/send") ? "dingtalk" : path.startsWith("/cgi-bin") ? "wecom" : "feishu";
    boolean valid = switch (service) {
      case "dingtalk" -> "ding-token-1".equals(req.getParam("access_token")) && dingTalkValid(req);
      case "wecom" -> "wecom-key-1".equals(req.getParam("key"));
      default -> path.endsWith("/feishu-hook-1") && feishuValid(body);
    };
    Received request = new Received(service, body, valid);
    if (parkedConnections.contains(req.connection().remoteAddress().port())) {
      parked.add(request);
      if (takeWhenParked.contains(service)) {
        received.add(request);
      }
      return;
    }
    received.add(request);
    List<String> queue = scripted.getOrDefault(service, new ArrayList<>());
    String next = !queue.isEmpty() ? queue.remove(0) : always.get(service);
    JsonObject reply;
    int status = 200;
    if (!valid) {
      reply = switch (service) {
        case "dingtalk" -> errcode(310000, "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]");
        case "wecom" -> errcode(93000, "invalid webhook url, hint: [1672971111_1_5a4b], from ip: 127.0.0.1");
        default -> new JsonObject().put("code", 19021).put("msg", "sign match fail or timestamp is not within one hour from current time").put("data", new JsonObject());
      };
    } else if ("rate".equals(next)) {
      reply = switch (service) {
        case "dingtalk" -> errcode(130101, "send too fast, exceed 20 times per minute");
        case "wecom" -> errcode(45009, "api freq out of limit");
        default -> new JsonObject().put("code", 11232).put("msg", "frequency limited psm[lark.oapi.app_platform_runtime]appID[1]").put("data", new JsonObject());
      };
    } else if ("busy".equals(next)) {
      reply = service.equals("feishu") ? new JsonObject().put("code", -1).put("msg", "system busy").put("data", new JsonObject())
          : errcode(-1, "系统繁忙");
    } else if ("http500".equals(next)) {
      status = 500;
      reply = new JsonObject();
    } else {
      reply = service.equals("feishu")
          ? new JsonObject().put("StatusCode", 0).put("StatusMessage", "success").put("code", 0).put("data", new JsonObject()).put("msg", "success")
          : errcode(0, "ok");
    }
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(reply.encode());
  }

  private static JsonObject errcode(int code, String msg) {
    return new JsonObject().put("errcode", code).put("errmsg", msg);
  }

  /** DingTalk: sign = urlEncode(base64(HmacSHA256(key = secret, timestamp + "\n" + secret))), ms within an hour. */
  private boolean dingTalkValid(HttpServerRequest req) {
    String rawQuery = req.query();
    String ts = req.getParam("timestamp");
    if (ts == null || rawQuery == null || !rawQuery.contains("&sign=")) {
      return false;
    }
    String rawSign = rawQuery.substring(rawQuery.indexOf("&sign=") + 6).split("&")[0];
    String sign = URLDecoder.decode(rawSign, StandardCharsets.UTF_8);
    long millis = Long.parseLong(ts);
    return Math.abs(clock.millis() - millis) < 3_600_000
        && sign.equals(hmac(DING_SECRET.getBytes(StandardCharsets.UTF_8), ts + "\n" + DING_SECRET));
  }

  /** Feishu: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, "")), seconds within an hour. */
  private boolean feishuValid(JsonObject body) {
    Object ts = body.getValue("timestamp");
    if (!(ts instanceof String seconds) || !(body.getValue("sign") instanceof String sign)) {
      return false;
    }
    return Math.abs(clock.millis() / 1000 - Long.parseLong(seconds)) < 3600
        && sign.equals(hmac((seconds + "\n" + FEISHU_SECRET).getBytes(StandardCharsets.UTF_8), ""));
  }

  private static String hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Future<Void> close() {
    return server.close();
  }
}
