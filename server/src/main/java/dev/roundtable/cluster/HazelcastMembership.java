package dev.roundtable.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.function.Consumer;

/** The Hazelcast cluster's member list; member ids are the Vert.x node ids (the Hazelcast member UUIDs). */
final class HazelcastMembership implements Membership {
  private final HazelcastInstance hazelcast;
  private final String self;

  HazelcastMembership(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.self = hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> members() {
    return hazelcast.getCluster().getMembers().stream().map(m -> m.getUuid().toString()).toList();
  }

  @Override
  public boolean reachable() {
    return hazelcast.getLifecycleService().isRunning();
  }

  @Override
  public void onMemberLeft(Consumer<String> listener) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        // new members get new rooms through placement; rooms already live stay where they are
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        Member member = event.getMember();
        listener.accept(member.getUuid().toString());
      }
    });
  }
}
