package dev.roundtable.web;

import dev.roundtable.domain.Role;

/** Who a verified token speaks for: a participant of one room, with the role they joined with. */
public record Identity(String roomId, String participantId, Role role) {
}
