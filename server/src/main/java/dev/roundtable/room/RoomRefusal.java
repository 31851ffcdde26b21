package dev.roundtable.room;

import dev.roundtable.domain.ErrorCode;
import io.vertx.core.json.JsonObject;

/** A room or the room service said no: carries the protocol error object {@code {code, message, ...}}. */
public final class RoomRefusal extends RuntimeException {
  private final JsonObject error;

  public RoomRefusal(JsonObject error) {
    super(error.getString("message"), null, false, false);
    this.error = error.copy();
  }

  public RoomRefusal(ErrorCode code, String message) {
    this(new JsonObject().put("code", code.name()).put("message", message));
  }

  public JsonObject error() {
    return error.copy();
  }
}
