package dev.roundtable.web;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.notify.NotificationStatus;
import dev.roundtable.notify.Notifier;
import dev.roundtable.notify.Outcomes;
import dev.roundtable.notify.core.WebhookUrls;
import dev.roundtable.series.ChatDestinations;
import dev.roundtable.series.SeriesOwner;
import dev.roundtable.series.core.ChatGroup;
import dev.roundtable.series.core.ChatGroupCommands;
import dev.roundtable.web.SeriesAccess.Access;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A series' chat groups and its notifications' states (PROTOCOL.md §14.2), for the coordinator: HTTP only. A
 * webhook URL passes the notifier's {@link WebhookUrls} rule before the core sees it; URL and secret go in and
 * never come out (the views show the host only); a test message and the states go through the {@link Notifier}.
 */
final class SeriesChannelsApi implements ApiRoutes {
  private final SeriesAccess access;
  private final SeriesOwner owner;
  private final Notifier notifier;
  private final boolean allowPrivateWebhooks;

  SeriesChannelsApi(SeriesAccess access, SeriesOwner owner, Notifier notifier, boolean allowPrivateWebhooks) {
    this.access = access;
    this.owner = owner;
    this.notifier = notifier;
    this.allowPrivateWebhooks = allowPrivateWebhooks;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(SeriesApi.DEFAULT_MAX_BODY_BYTES);
    String s = "/api/series/:seriesId";
    router.post(s + "/channels").handler(body).handler(ctx -> access.coordinator(ctx, this::addChatGroup));
    router.patch(s + "/channels/:channelId").handler(body).handler(ctx -> access.coordinator(ctx, this::editChatGroup));
    router.delete(s + "/channels/:channelId").handler(ctx -> access.coordinator(ctx, this::removeChatGroup));
    router.post(s + "/channels/:channelId/test").handler(ctx -> access.coordinator(ctx, this::testChatGroup));
    router.get(s + "/notifications").handler(ctx -> access.coordinator(ctx, this::notifications));
  }

  /**
   * {@code POST …/channels {channel, label, webhookUrl, secret?}}: a chat group; the URL must pass the
   * notifier's rule first. The reply is the group as the view shows it (no URL, no secret).
   */
  private void addChatGroup(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b == null) {
      return;
    }
    SeriesApi.reply(ctx, 201, () -> {
      String url = SeriesRequests.string(b, "webhookUrl");
      ChatGroup.ChatService service = SeriesRequests.choice(b, "channel", ChatGroup.ChatService.class);
      String label = SeriesRequests.string(b, "label");
      String secret = SeriesRequests.string(b, "secret");
      WebhookUrls.problem(url, allowPrivateWebhooks).ifPresent(problem -> {
        throw SeriesRequests.invalid(problem);
      });
      return owner.apply(a.series().id(), a.actor(), s -> new ChatGroupCommands.AddChatGroup(service, label, url, secret)).map(r ->
          SeriesViews.chatGroup(r.series().chatGroup((String) r.result().get("chatGroupId")).orElseThrow())
              .put("chatGroups", SeriesViews.chatGroups(r.series())));
    });
  }

  /**
   * {@code PATCH …/channels/:channelId {label?, webhookUrl?, secret?, unsign?}}: a new label, webhook or secret
   * (rotated at the service), keeping the group; a new URL passes the notifier's rule first. The reply is the
   * group as the view shows it.
   */
  private void editChatGroup(RoutingContext ctx, Access a) {
    JsonObject b = RequestParts.jsonBody(ctx);
    if (b == null) {
      return;
    }
    String id = ctx.pathParam("channelId");
    SeriesApi.reply(ctx, 200, () -> {
      String url = SeriesRequests.string(b, "webhookUrl");
      if (url != null) {
        WebhookUrls.problem(url, allowPrivateWebhooks).ifPresent(problem -> {
          throw SeriesRequests.invalid(problem);
        });
      }
      ChatGroupCommands.EditChatGroup edit = new ChatGroupCommands.EditChatGroup(id,
          SeriesRequests.string(b, "label"), url, SeriesRequests.string(b, "secret"), SeriesRequests.flag(b, "unsign"));
      return owner.apply(a.series().id(), a.actor(), s -> edit).map(r -> SeriesViews.chatGroup(r.series().chatGroup(id).orElseThrow())
          .put("chatGroups", SeriesViews.chatGroups(r.series())));
    });
  }

  private void removeChatGroup(RoutingContext ctx, Access a) {
    String id = ctx.pathParam("channelId");
    SeriesApi.reply(ctx, 200, () -> owner.apply(a.series().id(), a.actor(), s -> new ChatGroupCommands.RemoveChatGroup(id))
        .map(r -> new JsonObject().put("removed", id).put("chatGroups", SeriesViews.chatGroups(r.series()))));
  }

  /** {@code POST …/channels/:channelId/test}: a short message in the series' language, now; the service's answer. */
  private void testChatGroup(RoutingContext ctx, Access a) {
    String id = ctx.pathParam("channelId");
    ChatGroup g = a.series().chatGroup(id).orElse(null);
    if (g == null) {
      HttpErrors.send(ctx, ErrorCode.NOT_FOUND, "no chat group " + id + " in this series");
      return;
    }
    SeriesApi.reply(ctx, 200, () -> notifier.sendTest(ChatDestinations.of(g), a.series().details().language())
        .map(outcome -> Outcomes.toJson(outcome).put("chatGroupId", id).put("channel", g.service().wire())));
  }

  /** {@code GET …/notifications}: the series' notifications and their states, newest first. */
  private void notifications(RoutingContext ctx, Access a) {
    SeriesApi.reply(ctx, 200, () -> notifier.statuses(a.series().id()).map(list -> new JsonObject()
        .put("notifications", new JsonArray(list.stream().map(NotificationStatus::toJson).toList()))));
  }
}
