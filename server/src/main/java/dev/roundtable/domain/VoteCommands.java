package dev.roundtable.domain;

import dev.roundtable.domain.MinutesEvents.DecisionRecorded;
import dev.roundtable.domain.VoteEvents.MotionClosed;
import dev.roundtable.domain.VoteEvents.MotionOpened;
import dev.roundtable.domain.VoteEvents.VoteCast;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Motions: the facilitator opens one with its settings, participants vote agree / oppose / neutral (one
 * vote each, changeable until close), and on close the server computes the outcome and records it as a
 * decision in the minutes.
 */
public final class VoteCommands {
  private VoteCommands() {
  }

  /**
   * Opens a motion. {@code anonymous}: nobody ever sees who voted what. {@code hiddenResults}: until the
   * close, clients see only how many have voted. {@code quorum}: votes needed for any outcome but
   * NO_QUORUM. {@code threshold}: the agree votes needed under {@link PassRule#AT_LEAST_N}.
   */
  public record OpenMotion(String text, String itemId, Boolean anonymous, Boolean hiddenResults, Integer quorum,
      PassRule rule, Integer threshold) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      PassRule r = rule == null ? PassRule.SIMPLE_MAJORITY : rule;
      return Guard.on(s, a).open().facilitator().minutesOpen()
          .text("text", text, Limits.MOTION_TEXT_CHARS, true)
          .range("quorum", quorum, 0, Limits.MAX_PARTICIPANTS, false)
          .range("threshold", threshold, 1, Limits.MAX_PARTICIPANTS, r == PassRule.AT_LEAST_N)
          .check(r == PassRule.AT_LEAST_N || threshold == null, ErrorCode.INVALID_FIELD,
              "threshold belongs to the at_least_n rule only")
          .andThen(() -> Lookups.optionalItem(s, itemId))
          .check(s.motions().size() < Limits.MAX_MOTIONS, ErrorCode.LIMIT_REACHED,
              "the room has " + Limits.MAX_MOTIONS + " motions already")
          .then(() -> {
            String id = Ids.motion(s.serial() + 1);
            Motion motion = new Motion(id, text.strip(), itemId, Boolean.TRUE.equals(anonymous),
                Boolean.TRUE.equals(hiddenResults), quorum == null ? 0 : quorum, r, threshold, true, Map.of(),
                Tally.NONE, now, null, null, null);
            return Decision.accept(Map.of("motionId", id), new MotionOpened(motion, s.serial() + 1));
          });
    }
  }

  /** Casts or changes the sender's vote; screens cannot vote. The reply tells the voter their vote. */
  public record CastVote(String motionId, Choice choice) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).open().speaker()
          .present("choice", choice)
          .andThen(() -> Lookups.motion(s, motionId))
          .check(motionId == null || !s.motions().containsKey(motionId) || s.motions().get(motionId).open(),
              ErrorCode.INVALID_STATE, "the motion is closed")
          .then(() -> {
            Motion m = s.motions().get(motionId);
            Map<String, Choice> votes = new HashMap<>(m.votes());
            votes.put(a.participantId(), choice);
            return Decision.accept(Map.of("motionId", motionId, "choice", choice.name().toLowerCase(Locale.ROOT)),
                new VoteCast(motionId, a.participantId(), choice, m.anonymous(), m.hiddenResults(), Tally.of(votes)));
          });
    }
  }

  /** Closes a motion, computes its outcome, and records it as a decision; also after the meeting ended. */
  public record CloseMotion(String motionId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().facilitator().minutesOpen()
          .andThen(() -> Lookups.motion(s, motionId))
          .check(motionId == null || !s.motions().containsKey(motionId) || s.motions().get(motionId).open(),
              ErrorCode.INVALID_STATE, "the motion is already closed")
          .then(() -> {
            Motion m = s.motions().get(motionId);
            int present = (int) s.participants().values().stream()
                .filter(p -> p.online() && p.role() != Role.SCREEN).count();
            MotionOutcome outcome = outcome(m, present);
            Tally t = m.tally();
            String text = "Motion \"" + m.text() + "\": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " (" + t.agree() + " agree, " + t.oppose() + " oppose, " + t.neutral() + " neutral)";
            return Decision.accept(Map.of("outcome", outcome.name().toLowerCase(Locale.ROOT)),
                new MotionClosed(motionId, now, present, outcome, t, m.anonymous(), m.votes()),
                new DecisionRecorded(new RecordedDecision(Ids.decision(s.serial() + 1), text, m.itemId(),
                    RecordedDecision.DecidedBy.MOTION, motionId, now), s.serial() + 1));
          });
    }
  }

  static MotionOutcome outcome(Motion m, int present) {
    Tally t = m.tally();
    if (t.voters() < m.quorum()) {
      return MotionOutcome.NO_QUORUM;
    }
    boolean passed = switch (m.rule()) {
      case SIMPLE_MAJORITY -> t.agree() * 2 > t.voters();
      case MAJORITY_OF_PRESENT -> t.agree() * 2 > present;
      case AT_LEAST_N -> t.agree() >= m.threshold();
    };
    return passed ? MotionOutcome.PASSED : MotionOutcome.FAILED;
  }
}
