package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.protocol.Addresses;
import dev.roundtable.protocol.Headers;
import dev.roundtable.protocol.Replies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Answers the commands the bridge refused (redirected to {@link Addresses#REJECTED} with the refusal in
 * their headers), so a refused command gets an ordinary error reply. Registered by the node itself rather
 * than by the HTTP verticle, so it keeps answering while that verticle shuts down with sockets still open.
 */
public final class RejectedCommands {
  private RejectedCommands() {
  }

  public static Future<MessageConsumer<Object>> listen(Vertx vertx) {
    MessageConsumer<Object> consumer = vertx.eventBus().localConsumer(Addresses.REJECTED, RejectedCommands::answer);
    return consumer.completion().map(consumer);
  }

  private static void answer(Message<Object> message) {
    String code = message.headers().get(Headers.ERROR_CODE);
    String text = message.headers().get(Headers.ERROR_MESSAGE);
    ErrorCode errorCode = code == null ? ErrorCode.FORBIDDEN : ErrorCode.valueOf(code);
    message.reply(Replies.error(errorCode, text == null ? "refused" : text));
  }
}
