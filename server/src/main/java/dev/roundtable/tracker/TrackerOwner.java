package dev.roundtable.tracker;

import dev.roundtable.aggregate.InOrder;
import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.series.OpenActionItems;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.tracker.core.TrackedItem;
import dev.roundtable.tracker.core.Tracker;
import dev.roundtable.tracker.core.TrackerActor;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a series' action tracker changes. On this node a tracker's mutations run one after another
 * ({@link InOrder}): read afresh, apply the core, write conditionally on the version read. Across nodes every
 * write is conditional, so of two nodes applying at once exactly one writes; the other reads again and decides
 * again (up to {@link #ATTEMPTS} times, then {@code UNAVAILABLE}). A command is never applied to a state it was
 * not decided on; a refusal writes nothing. Refusals and an unreachable store fail with a {@link SeriesRefusal}.
 */
public final class TrackerOwner {
  private static final Logger LOG = LoggerFactory.getLogger(TrackerOwner.class);
  static final int ATTEMPTS = 3;

  private final TrackerStore store;
  private final Clock clock;
  private final InOrder order = new InOrder();

  public TrackerOwner(TrackerStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What an accepted command led to: the tracker after it and the command's result. */
  public record Result(TrackerStore.Stored stored, Map<String, Object> result) {
    public Tracker tracker() {
      return stored.tracker();
    }
  }

  /** The series' tracker as stored now (empty when nothing was imported yet). */
  public Future<TrackerStore.Stored> load(String seriesId) {
    return store.load(seriesId).recover(e -> Future.failedFuture(unavailable(e)));
  }

  /**
   * The series' open items as the next meeting reviews them: not done, overdue first (by deadline), then by
   * deadline, items without one last; "today" is the date in the series' zone.
   */
  public OpenActionItems openItems() {
    return series -> load(series.id()).map(stored -> {
      LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(series.details().schedule().zone())));
      return stored.tracker().items().stream().filter(i -> i.status() != ActionStatus.DONE)
          .sorted(Comparator.comparing((TrackedItem i) -> !i.overdue(today))
              .thenComparing(i -> i.deadline() == null ? "9999-12-31" : i.deadline()))
          .map(i -> new OpenActionItems.OpenItem(i.task(), i.ownerName(), i.deadline(), i.overdue(today)))
          .toList();
    });
  }

  /** Applies the command {@code command} makes of the current state, in order with this node's other mutations. */
  public Future<Result> apply(String seriesId, TrackerActor actor, Function<Tracker, Tracker.Command> command) {
    return order.run(seriesId, () -> attempt(seriesId, actor, command, ATTEMPTS));
  }

  private Future<Result> attempt(String seriesId, TrackerActor actor, Function<Tracker, Tracker.Command> command,
      int attemptsLeft) {
    return load(seriesId).compose(stored -> {
      Tracker.Outcome outcome;
      try {
        outcome = Tracker.apply(stored.tracker(), actor, command.apply(stored.tracker()), clock.millis());
      } catch (SeriesRefusal r) {
        return Future.failedFuture(r);
      }
      if (outcome instanceof Tracker.Refused refused) {
        return Future.failedFuture(new SeriesRefusal(refused.rejection()));
      }
      Tracker.Applied applied = (Tracker.Applied) outcome;
      if (applied.events().isEmpty()) {
        return Future.succeededFuture(new Result(stored, applied.result()));
      }
      return store.save(applied.state(), stored.version())
          .recover(e -> Future.failedFuture(unavailable(e)))
          .compose(written -> {
            if (written) {
              return Future.succeededFuture(new Result(
                  new TrackerStore.Stored(applied.state(), stored.version() + 1), applied.result()));
            }
            if (attemptsLeft <= 1) {
              return Future.failedFuture(new SeriesRefusal(ErrorCode.UNAVAILABLE,
                  "the action tracker is being changed elsewhere; retry"));
            }
            return attempt(seriesId, actor, command, attemptsLeft - 1);
          });
    });
  }

  private static Throwable unavailable(Throwable e) {
    if (e instanceof SeriesRefusal) {
      return e;
    }
    LOG.warn("action tracker store failed: {}", e.toString());
    return new SeriesRefusal(ErrorCode.UNAVAILABLE, "the action tracker's store is unavailable; retry");
  }
}
