package dev.roundtable.series;

import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.series.core.ChatGroup;

/** A series' chat group as the notifier's destination: the same service's robot, with its URL and secret. */
public final class ChatDestinations {
  private ChatDestinations() {
  }

  public static Destination.Robot of(ChatGroup group) {
    Channel channel = Channel.ofWire(group.service().wire())
        .orElseThrow(() -> new IllegalStateException("no channel " + group.service().wire()));
    return new Destination.Robot(channel, group.webhookUrl(), group.secret());
  }
}
