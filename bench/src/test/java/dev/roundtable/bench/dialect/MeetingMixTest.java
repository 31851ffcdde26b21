package dev.roundtable.bench.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the meeting command mix")
class MeetingMixTest {

  private static final class Member implements MeetingMix.State {
    boolean hand;
    int version = 1;

    public String noteId() {
      return "n5";
    }

    public String motionId() {
      return "m4";
    }

    public String itemId() {
      return "i3";
    }

    public boolean facilitator() {
      return true;
    }

    public int minutesRevision() {
      return 2;
    }

    public int minutesLength() {
      return 6;
    }

    public int nextItemVersion() {
      return version++;
    }

    public boolean toggleHand() {
      hand = !hand;
      return hand;
    }
  }

  @Test
  @DisplayName("60 % moves, 20 % minutes edits, 10 % votes, 10 % other")
  void proportions() {
    Map<String, Integer> counts = new HashMap<>();
    Random random = new Random(1);
    Member m = new Member();
    for (int i = 0; i < 20_000; i++) {
      counts.merge(MeetingMix.next(m, random).getString("type"), 1, Integer::sum);
    }
    assertThat(counts.get("MoveNote")).isBetween(11_600, 12_400);
    assertThat(counts.get("EditMinutes")).isBetween(3_700, 4_300);
    assertThat(counts.get("CastVote")).isBetween(1_800, 2_200);
    int other = counts.get("RaiseHand") + counts.get("LowerHand") + counts.get("EditItem");
    assertThat(other).isBetween(1_800, 2_200);
  }

  @Test
  @DisplayName("minutes edits insert at the start or the end of the known text, never with a zero retain")
  void minutesEdits() {
    assertThat(MeetingMix.insert(6, true)).isEqualTo(new JsonArray().add(6).add("ab "));
    assertThat(MeetingMix.insert(6, false)).isEqualTo(new JsonArray().add("ab ").add(6));
    assertThat(MeetingMix.insert(0, true)).isEqualTo(new JsonArray().add("ab "));
    assertThat(OtLength.after(new JsonArray().add(6).add("ab "))).isEqualTo(9);
    assertThat(OtLength.after(new JsonArray().add(2).add(-3).add("xy").add(1))).isEqualTo(5);
  }

  @Test
  @DisplayName("hands alternate between raise and lower")
  void hands() {
    Member m = new Member();
    Random random = new Random(7);
    String last = null;
    for (int i = 0; i < 5_000; i++) {
      JsonObject c = MeetingMix.next(m, random);
      String type = c.getString("type");
      if (type.endsWith("Hand")) {
        assertThat(type).isNotEqualTo(last);
        last = type;
      }
    }
    assertThat(last).isNotNull();
  }
}
