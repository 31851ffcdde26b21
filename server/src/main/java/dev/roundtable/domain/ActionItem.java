package dev.roundtable.domain;

/**
 * A task someone owns after the meeting: what, who, the standard the delivery is judged by, and the
 * deadline (an ISO date, {@code yyyy-MM-dd}). Edits carry {@code version}.
 */
public record ActionItem(String id, String task, String owner, String standard, String deadline, String itemId,
    ActionStatus status, int version, long createdAt) {
}
