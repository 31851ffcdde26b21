package dev.roundtable.notify.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Where one message is delivered: a chat robot's webhook (with its signing secret, if the robot has one) or
 * a list of mailboxes. A robot's URL and secret are secrets: {@link #toString} never shows them, and the
 * rate window of a robot is keyed by a digest of its URL ({@link #rateKey}), never by the URL itself.
 */
public sealed interface Destination {

  Channel channel();

  /** The key of the rate window this destination counts against: one per robot; each email its own. */
  String rateKey();

  /** A chat robot: DingTalk, WeCom or Feishu; {@code secret} empty when the robot is not signed. */
  record Robot(Channel channel, String webhookUrl, String secret) implements Destination {
    public Robot {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(webhookUrl, "webhookUrl");
      if (!channel.robot()) {
        throw new IllegalArgumentException("a robot's channel is dingtalk, wecom or feishu");
      }
      secret = secret == null ? "" : secret;
    }

    @Override
    public String rateKey() {
      return channel.wire() + ":" + sha256(webhookUrl);
    }

    @Override
    public String toString() {
      return "Robot[" + channel.wire() + ", webhook " + rateKey().substring(channel.wire().length() + 1,
          channel.wire().length() + 9) + "…, " + (secret.isEmpty() ? "unsigned" : "signed") + "]";
    }
  }

  /** Email to these addresses (already validated by whoever collected them). */
  record Mailbox(List<String> to) implements Destination {
    public Mailbox {
      to = List.copyOf(to);
      if (to.isEmpty()) {
        throw new IllegalArgumentException("an email needs at least one recipient");
      }
    }

    @Override
    public Channel channel() {
      return Channel.EMAIL;
    }

    /** Email has no shared window: each message is its own, so it is never merged into a digest. */
    @Override
    public String rateKey() {
      return "email:" + sha256(String.join(",", to));
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
