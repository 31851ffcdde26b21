package dev.roundtable.support;

import dev.roundtable.cluster.Membership;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A membership a test changes: who is alive, and a departure it announces when it says so. */
public final class FakeMembership implements Membership {
  private final String self;
  private final List<String> members = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public FakeMembership(String self, String... others) {
    this.self = self;
    members.add(self);
    members.addAll(List.of(others));
  }

  public void leave(String node) {
    members.remove(node);
    listeners.forEach(l -> l.accept(node));
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> members() {
    return List.copyOf(members);
  }

  @Override
  public boolean reachable() {
    return true;
  }

  @Override
  public void onMemberLeft(Consumer<String> listener) {
    listeners.add(listener);
  }
}
