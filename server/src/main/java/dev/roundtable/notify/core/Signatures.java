package dev.roundtable.notify.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The robots' signing rules, as their services document them, as pure functions of (timestamp, secret).
 * <ul>
 *   <li>DingTalk ("加签"): HMAC-SHA256 keyed with the secret over {@code timestamp + "\n" + secret} (UTF-8),
 *       Base64, then URL-encoded, appended to the webhook as {@code &timestamp=…&sign=…}; the timestamp is in
 *       milliseconds and must be within an hour of the service's clock.</li>
 *   <li>Feishu/Lark ("签名校验"): HMAC-SHA256 keyed with {@code timestamp + "\n" + secret} over no data at all,
 *       Base64, sent in the JSON body as {@code "timestamp"} (seconds, a string) and {@code "sign"}.</li>
 *   <li>WeCom group robots are not signed: the webhook's {@code key} is the credential.</li>
 * </ul>
 */
public final class Signatures {
  private Signatures() {
  }

  /** DingTalk's signature, Base64, not yet URL-encoded. */
  public static String dingTalk(long timestampMillis, String secret) {
    return base64(hmac(secret.getBytes(StandardCharsets.UTF_8),
        (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  /** What DingTalk wants appended to the webhook URL: {@code &timestamp=…&sign=…} (sign URL-encoded). */
  public static String dingTalkQuery(long timestampMillis, String secret) {
    return "&timestamp=" + timestampMillis + "&sign=" + URLEncoder.encode(dingTalk(timestampMillis, secret),
        StandardCharsets.UTF_8);
  }

  /** The webhook URL with DingTalk's signature; the URL itself unchanged when there is no secret. */
  public static String signedDingTalkUrl(String webhookUrl, long timestampMillis, String secret) {
    if (secret.isEmpty()) {
      return webhookUrl;
    }
    String query = dingTalkQuery(timestampMillis, secret);
    return webhookUrl.contains("?") ? webhookUrl + query : webhookUrl + "?" + query.substring(1);
  }

  /** Feishu's signature, Base64. */
  public static String feishu(long timestampSeconds, String secret) {
    return base64(hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
