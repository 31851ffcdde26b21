package dev.roundtable.series.core;

import dev.roundtable.domain.ItemKind;

/** An item of an occurrence's agenda draft; {@code ownerId} names a member (or is null). */
public record DraftItem(String title, String ownerId, int minutes, String expectedOutput, ItemKind kind) {
}
