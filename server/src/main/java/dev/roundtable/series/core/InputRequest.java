package dev.roundtable.series.core;

import java.util.List;

/** Something the coordinator asks members to send before the meeting, and the answers so far (one per member). */
public record InputRequest(String id, String question, List<Answer> answers) {
  public InputRequest {
    answers = List.copyOf(answers);
  }

  public record Answer(String memberId, String text, long at) {
  }
}
