package dev.roundtable.room;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.roundtable.protocol.Addresses;
import dev.roundtable.support.Eventually;
import dev.roundtable.config.RoundtableConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The road into a room")
class RoomClientTest {
  private static final String ROOM = "AAAAAAAAAAAAAAAA";
  private final Vertx vertx = Vertx.vertx();
  private final RemoteRoom registry = new RemoteRoom();

  @AfterEach
  void tearDown() {
    result(vertx.close());
  }

  @Test
  @DisplayName("fails a request at once, as a TIMEOUT saying why, when the room's node leaves before answering")
  void failsWhenTheOwnerLeaves() {
    result(vertx.eventBus().consumer(Addresses.commands(ROOM), message -> { }).completion());
    RoomClient client = new RoomClient(vertx, registry);

    Future<JsonObject> reply = client.sendAsSystem(ROOM, new JsonObject().put("type", "Ping"));
    Eventually.until("the request is in flight", Duration.ofSeconds(5), () -> registry.waiting.size() == 1);
    new ArrayList<>(registry.waiting).forEach(Runnable::run);

    assertThat(reply.failed()).as("failed at once").isTrue();
    assertThat(reply.cause()).isInstanceOf(ReplyException.class);
    ReplyException e = (ReplyException) reply.cause();
    assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT);
    assertThat(e.failureCode()).isEqualTo(RoomClient.OWNER_LEFT_CODE);
    assertThat(e.getMessage()).contains("node left before answering");
  }

  @Test
  @DisplayName("stops watching the room's node once the request is answered")
  void forgetsAnsweredRequests() {
    result(vertx.eventBus().<JsonObject>consumer(Addresses.commands(ROOM), m -> m.reply(new JsonObject().put("ok", true)))
        .completion());
    RoomClient client = new RoomClient(vertx, registry);

    assertThat(result(client.sendAsSystem(ROOM, new JsonObject().put("type", "Ping"))).getBoolean("ok")).isTrue();

    assertThat(registry.waiting).isEmpty();
  }

  @Test
  @DisplayName("fails with NotLoadedException, not the forwarding node's ReplyException, when the room cannot be activated")
  void activationFailureIsNotAReplyFailure() {
    ReplyException remote = new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, "the store cannot be reached");
    RoomClient client = new RoomClient(vertx, new RemoteRoom() {
      @Override
      public Future<Void> activate(String roomId) {
        return Future.failedFuture(remote);
      }
    });

    Future<JsonObject> reply = client.sendAsSystem(ROOM, new JsonObject().put("type", "Ping"));
    Eventually.until("the request has failed", Duration.ofSeconds(5), reply::isComplete);

    assertThat(reply.cause()).isInstanceOf(RoomClient.NotLoadedException.class).hasCause(remote);
  }

  @Test
  @DisplayName("answers a TIMEOUT when the room cannot even be activated within its bound, whatever holds it")
  void boundsTheWholeRequest() {
    RoomRegistry stuck = new RemoteRoom() {
      @Override
      public Future<Void> activate(String roomId) {
        return Promise.<Void>promise().future();
      }
    };
    RoomClient client = new RoomClient(vertx, stuck, new NodeAdmission(
        NodeAdmission.Limits.from(RoundtableConfig.defaults()), () -> 0, 1), 300);

    Throwable failure = catchThrowable(() -> result(client.sendAsSystem(ROOM, new JsonObject().put("type", "Ping"))));

    assertThat(failure).isInstanceOf(ReplyException.class).hasMessageContaining("did not answer within");
    assertThat(((ReplyException) failure).failureType()).isEqualTo(ReplyFailure.TIMEOUT);
  }

  /** A room that lives on another node, whose leaving the test decides. */
  private static class RemoteRoom implements RoomRegistry {
    final List<Runnable> waiting = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Future<Void> activate(String roomId) {
      return Future.succeededFuture();
    }

    @Override
    public Runnable onOwnerLeft(String roomId, Runnable action) {
      waiting.add(action);
      return () -> waiting.remove(action);
    }

    @Override
    public Future<Void> unload(String roomId) {
      return Future.succeededFuture();
    }

    @Override
    public int liveRooms() {
      return 0;
    }

    @Override
    public Future<Void> closeAll() {
      return Future.succeededFuture();
    }
  }
}
