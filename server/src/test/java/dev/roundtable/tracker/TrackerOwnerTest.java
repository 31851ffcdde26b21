package dev.roundtable.tracker;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.domain.ActionStatus;
import dev.roundtable.domain.ErrorCode;
import dev.roundtable.domain.Language;
import dev.roundtable.domain.MeetingKind;
import dev.roundtable.series.OpenActionItems;
import dev.roundtable.series.SeriesRefusal;
import dev.roundtable.series.core.AgendaTemplate;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.series.core.SeriesCommands;
import dev.roundtable.series.core.SeriesOutcome;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.tracker.core.Tracker;
import dev.roundtable.tracker.core.TrackerActor;
import dev.roundtable.tracker.core.TrackerCommands;
import dev.roundtable.tracker.core.TrackerCommands.Imported;
import dev.roundtable.tracker.core.TrackerCommands.Owner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The action tracker's owner and store")
class TrackerOwnerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-10T03:00:00Z"), ZoneOffset.UTC);
  @TempDir
  Path dataDir;
  private Storage storage;
  private TrackerStore store;
  private TrackerOwner owner;

  @BeforeEach
  void open(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    store = TrackerStore.create(vertx, storage.database());
    owner = new TrackerOwner(store, CLOCK);
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  private static TrackerCommands.ImportFromMeeting meeting(String roomId, String... actionIds) {
    return new TrackerCommands.ImportFromMeeting("20261210T1000", roomId, List.of(actionIds).stream()
        .map(id -> new Imported(id, "Task " + id, new Owner("u1", "王伟", "销售部"), "Signed", "2026-12-17",
            ActionStatus.OPEN, "报价"))
        .toList());
  }

  @Test
  @DisplayName("a series without a tracker reads as empty at version 0; the first import writes version 1")
  void firstWrite() {
    TrackerStore.Stored none = result(owner.load("s1"));
    assertThat(none.version()).isZero();
    assertThat(none.tracker().items()).isEmpty();
    TrackerOwner.Result r = result(owner.apply("s1", TrackerActor.SYSTEM, t -> meeting("room1", "a1", "a2")));
    assertThat(r.stored().version()).isEqualTo(1);
    TrackerStore.Stored read = result(owner.load("s1"));
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.tracker()).isEqualTo(r.tracker());
    assertThat(read.tracker().items().get(0).source().agendaItem()).isEqualTo("报价");
  }

  @Test
  @DisplayName("tells the next meeting the open items, overdue first, without the done ones")
  void openItems() {
    result(owner.apply("s1", TrackerActor.SYSTEM, t -> new TrackerCommands.ImportFromMeeting("20261203T1000",
        "room1", List.of(
            new Imported("a1", "Later", new Owner("u1", "王伟", "销售部"), null, "2026-12-17", ActionStatus.OPEN, null),
            new Imported("a2", "Late", new Owner("u2", "赵磊", "研发部"), null, "2026-12-08", ActionStatus.IN_PROGRESS,
                null),
            new Imported("a3", "Finished", new Owner("u1", "王伟", "销售部"), null, "2026-12-01", ActionStatus.DONE,
                null)))));
    Series s = ((SeriesOutcome.Applied) Series.apply(Series.NONE, SeriesActor.COORDINATOR,
        new SeriesCommands.CreateSeries("s1", new Series.Details("周会", "确定下周的优先级", MeetingKind.DECISION, "PMO",
            new Series.Coordinator("李娜", null), Language.ZH_CN,
            new Schedule("2026-12-03T10:00", "FREQ=WEEKLY", "Asia/Shanghai", 60), null, null, AgendaTemplate.NONE)),
        CLOCK.millis())).state();
    assertThat(result(owner.openItems().of(s))).containsExactly(
        new OpenActionItems.OpenItem("Late", "赵磊", "2026-12-08", true),
        new OpenActionItems.OpenItem("Later", "王伟", "2026-12-17", false));
  }

  @Test
  @DisplayName("importing a meeting again writes nothing: same version, same items")
  void importTwiceWritesNothing() {
    result(owner.apply("s1", TrackerActor.SYSTEM, t -> meeting("room1", "a1", "a2")));
    TrackerOwner.Result again = result(owner.apply("s1", TrackerActor.SYSTEM, t -> meeting("room1", "a1", "a2")));
    assertThat(again.result()).containsEntry("imported", 0);
    assertThat(result(owner.load("s1")).version()).isEqualTo(1);
    assertThat(result(owner.load("s1")).tracker().items()).hasSize(2);
  }

  @Test
  @DisplayName("a refused command writes nothing and fails with its code")
  void refusalWritesNothing() {
    result(owner.apply("s1", TrackerActor.SYSTEM, t -> meeting("room1", "a1")));
    assertThatThrownBy(() -> result(owner.apply("s1", TrackerActor.member("u2"),
        t -> new TrackerCommands.UpdateStatus("a1", ActionStatus.DONE, null))))
        .isInstanceOfSatisfying(SeriesRefusal.class, r -> assertThat(r.rejection().code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(result(owner.load("s1")).version()).isEqualTo(1);
  }

  @Test
  @DisplayName("a write against a version that moved on is refused by the store")
  void conditionalWrite() {
    result(owner.apply("s1", TrackerActor.SYSTEM, t -> meeting("room1", "a1")));
    Tracker stale = result(store.load("s1")).tracker();
    assertThat(result(store.save(stale, 0))).as("a second first write").isFalse();
    assertThat(result(store.save(stale, 1))).isTrue();
    assertThat(result(store.save(stale, 1))).as("the same version twice").isFalse();
  }

  @Test
  @DisplayName("concurrent updates through two owners sharing the store: every one that succeeded is in the log, once")
  void concurrentUpdates(Vertx vertx) {
    result(owner.apply("s1", TrackerActor.SYSTEM, t -> meeting("room1", "a1")));
    TrackerOwner other = new TrackerOwner(TrackerStore.create(vertx, storage.database()), CLOCK);
    List<Future<TrackerOwner.Result>> writes = IntStream.range(0, 6).mapToObj(n -> (n % 2 == 0 ? owner : other)
        .apply("s1", TrackerActor.member("u1"), t -> new TrackerCommands.AddProgress("a1", "step " + n))
        .recover(e -> e instanceof SeriesRefusal r && r.rejection().code() == ErrorCode.UNAVAILABLE
            ? Future.succeededFuture(null) : Future.failedFuture(e)))
        .toList();
    result(Future.all(writes));
    long landed = writes.stream().filter(f -> f.result() != null).count();
    TrackerStore.Stored after = result(owner.load("s1"));
    assertThat(after.tracker().item("a1").orElseThrow().progress()).hasSize((int) landed);
    assertThat(after.version()).isEqualTo(1 + landed);
    assertThat(landed).isPositive();
  }
}
