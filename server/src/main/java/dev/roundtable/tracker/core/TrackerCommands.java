package dev.roundtable.tracker.core;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tracker's commands. Each checks its rules in order and refuses at the first broken one, with
 * {@code {code, message}} and no change: who may send it, then the shape of its fields and the limits.
 */
public final class TrackerCommands {
  private TrackerCommands() {
  }

  /** An owner as the caller resolved it: a member's id (or null: nobody matched), the name, their department. */
  public record Owner(String memberId, String name, String department) {
  }

  /** One room action item to take over, with its owner already matched against the series' members. */
  public record Imported(String actionId, String task, Owner owner, String standard, String deadline,
      ActionStatus status, String agendaItem) {
  }

  /**
   * Takes over the action items of an occurrence's finalized minutes (the server's follow-up job, or the
   * coordinator). Idempotent by room id + room action id: an item imported before is skipped, so importing the
   * same meeting twice adds nothing. Result: {@code imported} (how many were new).
   */
  public record ImportFromMeeting(String occurrenceId, String roomId, List<Imported> items) implements Tracker.Command {
    @Override
    public Tracker.Outcome decide(Tracker t, TrackerActor a, long now) {
      if (a.kind() == TrackerActor.Kind.MEMBER) {
        return Tracker.refuse(ErrorCode.FORBIDDEN, "only the coordinator or the server may import a meeting");
      }
      Tracker.Refused bad = firstOf(text("occurrenceId", occurrenceId, TrackerLimits.ID_CHARS, true),
          text("roomId", roomId, TrackerLimits.ID_CHARS, true));
      if (bad != null) {
        return bad;
      }
      if (items == null) {
        return Tracker.refuse(ErrorCode.INVALID_FIELD, "items are required");
      }
      if (items.size() > TrackerLimits.MAX_IMPORT) {
        return Tracker.refuse(ErrorCode.LIMIT_REACHED, "a meeting brings at most " + TrackerLimits.MAX_IMPORT
            + " action items");
      }
      List<TrackedItem> added = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      long serial = t.serial();
      for (Imported i : items) {
        if (i == null) {
          return Tracker.refuse(ErrorCode.INVALID_FIELD, "an item is missing");
        }
        Owner o = i.owner() == null ? new Owner(null, null, null) : i.owner();
        bad = firstOf(text("actionId", i.actionId(), TrackerLimits.ID_CHARS, true),
            text("task", i.task(), TrackerLimits.TASK_CHARS, true),
            text("standard", i.standard(), TrackerLimits.STANDARD_CHARS, false),
            text("owner", o.name(), TrackerLimits.NAME_CHARS, false),
            text("ownerId", o.memberId(), TrackerLimits.ID_CHARS, false),
            text("department", o.department(), TrackerLimits.DEPARTMENT_CHARS, false),
            text("agendaItem", i.agendaItem(), TrackerLimits.TITLE_CHARS, false),
            date("deadline", i.deadline()));
        if (bad != null) {
          return bad;
        }
        String actionId = i.actionId().strip();
        if (t.imported(roomId.strip(), actionId) || !seen.add(actionId)) {
          continue;
        }
        serial++;
        ActionStatus status = i.status() == null ? ActionStatus.OPEN : i.status();
        added.add(new TrackedItem("a" + serial, i.task().strip(), strip(o.memberId()), strip(o.name()),
            strip(o.department()), strip(i.standard()), strip(i.deadline()), status,
            new Source(occurrenceId.strip(), roomId.strip(), actionId, strip(i.agendaItem())), now,
            status == ActionStatus.DONE ? now : null, List.of(), 1));
      }
      if (added.isEmpty()) {
        return Tracker.accept(t, List.of(), Map.of("imported", 0));
      }
      if (t.items().size() + added.size() > TrackerLimits.MAX_ITEMS) {
        return Tracker.refuse(ErrorCode.LIMIT_REACHED, "a series' tracker keeps at most " + TrackerLimits.MAX_ITEMS
            + " items");
      }
      return Tracker.accept(t, List.of(new TrackerEvent.ItemsImported(added, serial)),
          Map.of("imported", added.size()));
    }
  }

  /** Sets an item's status, with an optional note, by the item's owner or the coordinator. */
  public record UpdateStatus(String itemId, ActionStatus status, String note) implements Tracker.Command {
    @Override
    public Tracker.Outcome decide(Tracker t, TrackerActor a, long now) {
      if (status == null) {
        return Tracker.refuse(ErrorCode.INVALID_FIELD, "status must be open, in_progress, done or blocked");
      }
      return progress(t, a, itemId, status, note, false, now);
    }
  }

  /** Adds a note to an item's progress log (its status stays), by the item's owner or the coordinator. */
  public record AddProgress(String itemId, String note) implements Tracker.Command {
    @Override
    public Tracker.Outcome decide(Tracker t, TrackerActor a, long now) {
      return progress(t, a, itemId, null, note, true, now);
    }
  }

  /**
   * The coordinator changes an item's deadline and/or owner; a field left null keeps its value, a blank
   * deadline clears it. {@code owner} comes resolved against the series' members.
   */
  public record EditItem(String itemId, String deadline, Owner owner) implements Tracker.Command {
    @Override
    public Tracker.Outcome decide(Tracker t, TrackerActor a, long now) {
      if (a.kind() == TrackerActor.Kind.MEMBER) {
        return Tracker.refuse(ErrorCode.FORBIDDEN, "only the coordinator may edit an item");
      }
      TrackedItem item = t.item(itemId).orElse(null);
      if (item == null) {
        return Tracker.refuse(ErrorCode.ACTION_ITEM_NOT_FOUND, "no action item " + itemId);
      }
      if (deadline == null && owner == null) {
        return Tracker.refuse(ErrorCode.INVALID_FIELD, "give a deadline or an owner");
      }
      Tracker.Refused bad = firstOf(deadline == null || deadline.isBlank() ? null : date("deadline", deadline),
          owner == null ? null : text("owner", owner.name(), TrackerLimits.NAME_CHARS, true),
          owner == null ? null : text("ownerId", owner.memberId(), TrackerLimits.ID_CHARS, false),
          owner == null ? null : text("department", owner.department(), TrackerLimits.DEPARTMENT_CHARS, false));
      if (bad != null) {
        return bad;
      }
      String newDeadline = deadline == null ? item.deadline() : (deadline.isBlank() ? null : deadline.strip());
      TrackedItem next = owner == null
          ? item.edited(item.ownerId(), item.ownerName(), item.department(), newDeadline)
          : item.edited(strip(owner.memberId()), strip(owner.name()), strip(owner.department()), newDeadline);
      return Tracker.accept(t, List.of(new TrackerEvent.ItemChanged(next)), Map.of("itemId", item.id()));
    }
  }

  private static Tracker.Outcome progress(Tracker t, TrackerActor a, String itemId, ActionStatus status,
      String note, boolean noteRequired, long now) {
    TrackedItem item = t.item(itemId).orElse(null);
    if (item == null) {
      return Tracker.refuse(ErrorCode.ACTION_ITEM_NOT_FOUND, "no action item " + itemId);
    }
    if (a.kind() == TrackerActor.Kind.MEMBER && (a.memberId() == null || !a.memberId().equals(item.ownerId()))) {
      return Tracker.refuse(ErrorCode.FORBIDDEN, "only the item's owner or the coordinator may report on it");
    }
    Tracker.Refused bad = text("note", note, TrackerLimits.NOTE_CHARS, noteRequired);
    if (bad != null) {
      return bad;
    }
    if (item.progress().size() >= TrackerLimits.MAX_PROGRESS) {
      return Tracker.refuse(ErrorCode.LIMIT_REACHED, "an item keeps at most " + TrackerLimits.MAX_PROGRESS
          + " progress entries");
    }
    Progress entry = new Progress(now, a.label(), status == null ? item.status() : status, strip(note));
    TrackedItem next = status == null ? item.withProgress(entry) : item.withStatus(status, now, entry);
    return Tracker.accept(t, List.of(new TrackerEvent.ItemChanged(next)), Map.of("itemId", item.id()));
  }

  private static Tracker.Refused firstOf(Tracker.Refused... checks) {
    for (Tracker.Refused r : checks) {
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static Tracker.Refused text(String field, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      return required ? Tracker.refuse(ErrorCode.INVALID_FIELD, field + " is required") : null;
    }
    if (value.strip().length() > max) {
      return Tracker.refuse(ErrorCode.TOO_LARGE, field + " is longer than " + max + " characters");
    }
    if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
      return Tracker.refuse(ErrorCode.INVALID_FIELD, field + " contains control characters");
    }
    return null;
  }

  private static Tracker.Refused date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      LocalDate.parse(value.strip());
      return null;
    } catch (DateTimeParseException e) {
      return Tracker.refuse(ErrorCode.INVALID_FIELD, field + " must be a date like 2026-12-31");
    }
  }

  private static String strip(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
