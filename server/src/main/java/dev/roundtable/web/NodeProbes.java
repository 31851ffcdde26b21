package dev.roundtable.web;

import io.vertx.core.Future;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the edge reports about its node without reaching into the rooms or the store behind it: how many
 * rooms it owns (readiness body, metrics gauge) and whether the store answers (readiness). The node wires
 * them; the edge only asks.
 */
public record NodeProbes(IntSupplier liveRooms, Supplier<Future<Void>> storePing) {
}
