package dev.roundtable.notify.core;

import java.util.Arrays;
import java.util.Optional;

/** Where a notification goes: one of the three chat robots, or email. On the wire it is its {@link #wire} name. */
public enum Channel {
  DINGTALK("dingtalk"), WECOM("wecom"), FEISHU("feishu"), EMAIL("email");

  private final String wire;

  Channel(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean robot() {
    return this != EMAIL;
  }

  public static Optional<Channel> ofWire(String wire) {
    return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
  }
}
