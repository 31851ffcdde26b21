package dev.roundtable.domain;

import dev.roundtable.domain.Minutes.MinutesRevision;
import dev.roundtable.domain.MinutesEvents.ActionItemAdded;
import dev.roundtable.domain.MinutesEvents.ActionItemEdited;
import dev.roundtable.domain.MinutesEvents.ActionItemRemoved;
import dev.roundtable.domain.MinutesEvents.DecisionRecorded;
import dev.roundtable.domain.MinutesEvents.MinutesEdited;
import dev.roundtable.domain.MinutesEvents.MinutesFinalized;
import dev.roundtable.domain.MinutesEvents.PointParked;
import dev.roundtable.domain.MinutesEvents.PointUpdated;
import dev.roundtable.domain.text.TextOperation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The minutes: the co-edited text (server-authoritative operational transformation), decisions, action
 * items and the parking lot. They stay editable after the meeting ends, since minutes are often finished
 * then; once the facilitator finalizes them, every change is refused with MINUTES_FINALIZED.
 */
public final class MinutesCommands {
  private MinutesCommands() {
  }

  /**
   * An edit of the minutes text made against {@code baseRevision}: {@code ops} is a TextOperation in compact
   * form. The room transforms it over every revision the author had not seen (the earlier-accepted edit wins
   * ties), applies it and answers with the new revision and the operation as applied.
   */
  public record EditMinutes(Integer baseRevision, List<Object> ops) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      Minutes m = s.minutes();
      return Guard.on(s, a).created().speaker().minutesOpen()
          .range("baseRevision", baseRevision, 0, m.revision(), true)
          .present("ops", ops)
          .check(ops == null || ops.size() <= Limits.MAX_OPERATION_COMPONENTS, ErrorCode.TOO_LARGE,
              "an operation has at most " + Limits.MAX_OPERATION_COMPONENTS + " components")
          .check(baseRevision == null || baseRevision >= m.revision() - m.history().size(), ErrorCode.STALE_VERSION,
              "the edit is based on revision " + baseRevision + ", too old to merge; resync the minutes")
          .then(() -> {
            TextOperation op;
            try {
              op = rebase(TextOperation.of(ops), m, baseRevision);
            } catch (IllegalArgumentException e) {
              return Rejection.of(ErrorCode.INVALID_FIELD, "ops: " + e.getMessage());
            }
            if (op.baseLength() != m.text().length()) {
              return Rejection.of(ErrorCode.INVALID_FIELD, "the operation does not fit the minutes at revision "
                  + baseRevision);
            }
            if (op.targetLength() > Limits.MINUTES_CHARS) {
              return Rejection.of(ErrorCode.TOO_LARGE, "the minutes would exceed " + Limits.MINUTES_CHARS
                  + " characters");
            }
            if (!Text.wellFormed(op.apply(m.text()))) {
              return Rejection.of(ErrorCode.INVALID_FIELD, "the edit would split a character (a surrogate pair)");
            }
            if (op.isNoop()) {
              return Decision.accept(Map.of("revision", m.revision(), "ops", op.toComponents()));
            }
            int revision = m.revision() + 1;
            return Decision.accept(Map.of("revision", revision, "ops", op.toComponents()),
                new MinutesEdited(revision, a.participantId(), op.toComponents()));
          });
    }

    /** Transforms {@code op} over the revisions after {@code base}, in order. */
    private static TextOperation rebase(TextOperation op, Minutes m, int base) {
      TextOperation rebased = op;
      for (MinutesRevision r : m.history()) {
        if (r.revision() > base) {
          rebased = TextOperation.transform(TextOperation.of(r.ops()), rebased).bPrime();
        }
      }
      return rebased;
    }
  }

  /** Makes the minutes final: from now on they are read-only and exports show them as final. */
  public record FinalizeMinutes() implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().facilitator().minutesOpen()
          .check(s.motions().values().stream().noneMatch(Motion::open), ErrorCode.INVALID_STATE,
              "close the open motions first, so their outcomes are in the minutes")
          .then(() -> Decision.accept(new MinutesFinalized(now)));
    }
  }

  /** Records a decision the facilitator states (motions record theirs when they close). */
  public record RecordDecision(String text, String itemId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().facilitator().minutesOpen()
          .text("text", text, Limits.DECISION_TEXT_CHARS, true)
          .andThen(() -> Lookups.optionalItem(s, itemId))
          .check(s.decisions().size() < Limits.MAX_DECISIONS, ErrorCode.LIMIT_REACHED,
              "the minutes hold " + Limits.MAX_DECISIONS + " decisions already")
          .then(() -> {
            String id = Ids.decision(s.serial() + 1);
            return Decision.accept(Map.of("decisionId", id), new DecisionRecorded(
                new RecordedDecision(id, text.strip(), itemId, RecordedDecision.DecidedBy.FACILITATOR, null, now),
                s.serial() + 1));
          });
    }
  }

  /** Adds an action item: task, owner, delivery standard, deadline ({@code yyyy-MM-dd}), optional agenda item. */
  public record AddActionItem(String task, String owner, String standard, String deadline, String itemId)
      implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().speakerOrSystem().minutesOpen()
          .text("task", task, Limits.ACTION_TASK_CHARS, true)
          .text("owner", owner, Limits.OWNER_CHARS, true)
          .text("standard", standard, Limits.ACTION_STANDARD_CHARS, false)
          .present("deadline", deadline)
          .andThen(() -> date(deadline))
          .andThen(() -> Lookups.optionalItem(s, itemId))
          .check(s.actionItems().size() < Limits.MAX_ACTION_ITEMS, ErrorCode.LIMIT_REACHED,
              "the minutes hold " + Limits.MAX_ACTION_ITEMS + " action items already")
          .then(() -> {
            String id = Ids.action(s.serial() + 1);
            return Decision.accept(Map.of("actionItemId", id), new ActionItemAdded(new ActionItem(id, task.strip(),
                owner.strip(), Text.orEmpty(standard), deadline, itemId, ActionStatus.OPEN, 1, now), s.serial() + 1));
          });
    }
  }

  /** Changes an action item against its current version; fields left out keep their value. */
  public record EditActionItem(String actionItemId, Integer version, String task, String owner, String standard,
      String deadline, ActionStatus status, String itemId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().speakerOrSystem().minutesOpen()
          .present("version", version)
          .text("task", task, Limits.ACTION_TASK_CHARS, false)
          .text("owner", owner, Limits.OWNER_CHARS, false)
          .text("standard", standard, Limits.ACTION_STANDARD_CHARS, false)
          .andThen(() -> deadline == null ? Optional.empty() : date(deadline))
          .andThen(() -> actionItem(s, actionItemId))
          .andThen(() -> Versions.check("action item " + actionItemId, s.actionItem(actionItemId).get().version(),
              version))
          .andThen(() -> Lookups.optionalItem(s, itemId))
          .then(() -> {
            ActionItem i = s.actionItem(actionItemId).get();
            return Decision.accept(new ActionItemEdited(new ActionItem(i.id(), Text.or(task, i.task()),
                Text.or(owner, i.owner()), standard == null ? i.standard() : standard.strip(),
                deadline == null ? i.deadline() : deadline, itemId == null ? i.itemId() : itemId,
                status == null ? i.status() : status, i.version() + 1, i.createdAt())));
          });
    }
  }

  public record RemoveActionItem(String actionItemId) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().facilitator().minutesOpen()
          .andThen(() -> actionItem(s, actionItemId))
          .then(() -> Decision.accept(new ActionItemRemoved(actionItemId)));
    }
  }

  /** Sets an off-topic point aside in the parking lot. */
  public record ParkPoint(String text) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().speaker().minutesOpen()
          .text("text", text, Limits.PARKED_POINT_CHARS, true)
          .check(s.parkingLot().size() < Limits.MAX_PARKED_POINTS, ErrorCode.LIMIT_REACHED,
              "the parking lot holds " + Limits.MAX_PARKED_POINTS + " points already")
          .then(() -> {
            String id = Ids.point(s.serial() + 1);
            return Decision.accept(Map.of("pointId", id),
                new PointParked(new ParkedPoint(id, text.strip(), a.participantId(), false, now), s.serial() + 1));
          });
    }
  }

  /** Marks (or unmarks) a parked point as an agenda item to suggest for the next meeting. */
  public record MarkForNextMeeting(String pointId, Boolean forNextMeeting) implements Command {
    @Override
    public Decision decide(RoomState s, Actor a, long now) {
      return Guard.on(s, a).created().facilitator().minutesOpen()
          .present("forNextMeeting", forNextMeeting)
          .check(pointId != null && s.parkedPoint(pointId).isPresent(), ErrorCode.POINT_NOT_FOUND,
              "no parked point " + pointId)
          .then(() -> {
            ParkedPoint p = s.parkedPoint(pointId).get();
            return Decision.accept(new PointUpdated(new ParkedPoint(p.id(), p.text(), p.authorId(), forNextMeeting,
                p.at())));
          });
    }
  }

  private static Optional<Rejection> actionItem(RoomState s, String id) {
    return id != null && s.actionItem(id).isPresent() ? Optional.empty()
        : Optional.of(Rejection.of(ErrorCode.ACTION_ITEM_NOT_FOUND, "no action item " + id));
  }

  private static Optional<Rejection> date(String value) {
    try {
      LocalDate.parse(value);
      return Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.of(Rejection.of(ErrorCode.INVALID_FIELD, "deadline must be a date as yyyy-MM-dd"));
    }
  }
}
