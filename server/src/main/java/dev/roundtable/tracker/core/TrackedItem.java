package dev.roundtable.tracker.core;

import dev.roundtable.domain.ActionStatus;
import java.time.LocalDate;
import java.util.List;

/**
 * One action item after its meeting. {@code ownerId} is the series member who owns it, or null when the name the
 * room recorded matched no member ({@code ownerName} keeps that text either way). {@code deadline} is an ISO
 * date or null. {@code doneAt} is set when the item turns done and cleared when it is reopened, so on-time and
 * late can be told. {@code version} rises with every change.
 */
public record TrackedItem(String id, String task, String ownerId, String ownerName, String department,
    String standard, String deadline, ActionStatus status, Source source, long createdAt, Long doneAt,
    List<Progress> progress, int version) {

  public TrackedItem {
    progress = progress == null ? List.of() : List.copyOf(progress);
  }

  /** Not done, and its deadline is before {@code today} (the series' date). */
  public boolean overdue(LocalDate today) {
    return status != ActionStatus.DONE && deadline != null && LocalDate.parse(deadline).isBefore(today);
  }

  /** Done after the day of its deadline ({@code doneOn} is the day it was done, in the series' zone). */
  public static boolean late(String deadline, LocalDate doneOn) {
    return deadline != null && doneOn != null && doneOn.isAfter(LocalDate.parse(deadline));
  }

  TrackedItem withStatus(ActionStatus s, long now, Progress entry) {
    Long done = s == ActionStatus.DONE ? (status == ActionStatus.DONE ? doneAt : Long.valueOf(now)) : null;
    return new TrackedItem(id, task, ownerId, ownerName, department, standard, deadline, s, source, createdAt, done,
        append(entry), version + 1);
  }

  TrackedItem withProgress(Progress entry) {
    return new TrackedItem(id, task, ownerId, ownerName, department, standard, deadline, status, source, createdAt,
        doneAt, append(entry), version + 1);
  }

  TrackedItem edited(String newOwnerId, String newOwnerName, String newDepartment, String newDeadline) {
    return new TrackedItem(id, task, newOwnerId, newOwnerName, newDepartment, standard, newDeadline, status, source,
        createdAt, doneAt, progress, version + 1);
  }

  private List<Progress> append(Progress entry) {
    List<Progress> list = new java.util.ArrayList<>(progress);
    list.add(entry);
    return list;
  }
}
