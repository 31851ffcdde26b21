package dev.roundtable.notify;

import dev.roundtable.notify.core.Answers;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import dev.roundtable.notify.core.Outcome;
import dev.roundtable.notify.core.Rendering;
import dev.roundtable.notify.core.Signatures;
import dev.roundtable.notify.core.WebhookUrls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * Posts a robot message to its webhook with vertx-web-client: the body rendered for the channel, DingTalk's
 * signature in the URL and Feishu's in the body, then the service's answer read by {@link Answers}. Before
 * each send the URL is checked again, and its host's addresses too (a name that resolves inside the network
 * is refused unless private webhooks are allowed). Nothing here logs or returns the URL or the secret.
 */
final class RobotSender implements Sender {
  private final Vertx vertx;
  private final WebClient client;
  private final boolean allowPrivate;
  private final long timeoutMs;

  RobotSender(Vertx vertx, WebClient client, boolean allowPrivate, long timeoutMs) {
    this.vertx = vertx;
    this.client = client;
    this.allowPrivate = allowPrivate;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<Outcome> send(Message message, Instant now) {
    Destination.Robot robot = (Destination.Robot) message.destination();
    var problem = WebhookUrls.problem(robot.webhookUrl(), allowPrivate);
    if (problem.isPresent()) {
      return Future.succeededFuture(new Outcome.Failed("INVALID_WEBHOOK", problem.get()));
    }
    return checkAddresses(robot.webhookUrl()).compose(refusal -> refusal != null ? Future.succeededFuture(refusal)
        : post(message, robot, now));
  }

  private Future<Outcome> post(Message message, Destination.Robot robot, Instant now) {
    JsonObject body = new JsonObject(Rendering.render(message));
    String url = robot.webhookUrl();
    if (robot.channel() == Channel.DINGTALK) {
      url = Signatures.signedDingTalkUrl(url, now.toEpochMilli(), robot.secret());
    } else if (robot.channel() == Channel.FEISHU && !robot.secret().isEmpty()) {
      long seconds = now.getEpochSecond();
      // Feishu reads these first: the fields before the message.
      body = new JsonObject().put("timestamp", String.valueOf(seconds))
          .put("sign", Signatures.feishu(seconds, robot.secret())).mergeIn(body);
    }
    return client.postAbs(url).timeout(timeoutMs).putHeader("Content-Type", "application/json; charset=utf-8")
        .sendBuffer(body.toBuffer())
        .map(response -> answer(robot.channel(), response))
        .otherwise(e -> new Outcome.RetryLater("NETWORK", "the service could not be reached ("
            + e.getClass().getSimpleName() + ")", false));
  }

  static Outcome answer(Channel channel, HttpResponse<Buffer> response) {
    JsonObject json;
    try {
      json = response.body() == null ? null : response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      json = null;
    }
    Integer code = null;
    String text = null;
    if (json != null) {
      String codeKey = channel == Channel.FEISHU ? (json.containsKey("code") ? "code" : "StatusCode") : "errcode";
      String msgKey = channel == Channel.FEISHU ? (json.containsKey("code") ? "msg" : "StatusMessage") : "errmsg";
      Object value = json.getValue(codeKey);
      code = value instanceof Number n ? n.intValue() : null;
      Object msg = json.getValue(msgKey);
      text = msg == null ? "" : String.valueOf(msg);
      if (text.length() > 300) {
        text = text.substring(0, 300);
      }
    }
    return Answers.robot(channel, response.statusCode(), code, text);
  }

  /** Null when every address of the URL's host may be reached, else the refusal. */
  private Future<Outcome> checkAddresses(String url) {
    if (allowPrivate) {
      return Future.succeededFuture(null);
    }
    String host = URI.create(url.strip()).getHost();
    return vertx.executeBlocking(() -> {
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
              || address.isSiteLocalAddress() || address.isMulticastAddress()
              || WebhookUrls.privateAddress(address.getAddress())) {
            return new Outcome.Failed("PRIVATE_ADDRESS", "the webhook's host resolves inside the network");
          }
        }
        return null;
      } catch (UnknownHostException e) {
        return new Outcome.RetryLater("NETWORK", "the webhook's host could not be resolved", false);
      }
    }, false);
  }
}
