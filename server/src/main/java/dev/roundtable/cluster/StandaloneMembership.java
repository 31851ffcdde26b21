package dev.roundtable.cluster;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** A node without a cluster: alone, always reachable, nobody ever leaves. */
final class StandaloneMembership implements Membership {
  private final String self = UUID.randomUUID().toString();

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> members() {
    return List.of(self);
  }

  @Override
  public boolean reachable() {
    return true;
  }

  @Override
  public void onMemberLeft(Consumer<String> listener) {
    // nobody else is there to leave
  }
}
