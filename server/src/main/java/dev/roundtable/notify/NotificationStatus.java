package dev.roundtable.notify;

import dev.roundtable.notify.core.Channel;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What the coordinator sees of one notification: never its destination's URL or secret. {@code errorCode}
 * and {@code answer} are the service's (the last one, for a message still being retried); {@code digest} is
 * the key of the digest message it went out in, empty when it went alone.
 */
public record NotificationStatus(String key, String seriesId, Channel channel, String title, DeliveryState state,
    int attempts, String errorCode, String answer, String digest, Instant createdAt, Instant updatedAt,
    Instant sentAt) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("key", key).put("seriesId", seriesId).put("channel", channel.wire())
        .put("title", title).put("state", state.wire()).put("attempts", attempts)
        .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
    if (!errorCode.isEmpty()) {
      json.put("errorCode", errorCode);
    }
    if (!answer.isEmpty()) {
      json.put("answer", answer);
    }
    if (!digest.isEmpty()) {
      json.put("digest", digest);
    }
    if (sentAt != null) {
      json.put("sentAt", sentAt.toString());
    }
    return json;
  }
}
