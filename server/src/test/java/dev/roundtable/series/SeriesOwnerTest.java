package dev.roundtable.series;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roundtable.domain.ErrorCode;
import dev.roundtable.jobs.Job;
import dev.roundtable.jobs.JobResult;
import dev.roundtable.series.core.OccurrenceCommands;
import dev.roundtable.series.core.Part;
import dev.roundtable.series.core.PendingEffect;
import dev.roundtable.series.core.Schedule;
import dev.roundtable.series.core.Series;
import dev.roundtable.series.core.SeriesActor;
import dev.roundtable.series.core.SeriesCommands;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.FakeJobQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The series owner")
class SeriesOwnerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(SeriesSamples.NOW), ZoneOffset.UTC);
  @TempDir
  Path dataDir;
  private Storage storage;
  private SeriesStore store;
  private final List<PendingEffect> delivered = new CopyOnWriteArrayList<>();
  private volatile boolean failing;
  private final FakeJobQueue jobs = new FakeJobQueue();
  private SeriesOwner owner;

  @BeforeEach
  void open(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    store = SeriesStore.create(vertx, storage.database());
    owner = SeriesOwner.create(store, CLOCK, this::deliver, jobs);
  }

  private Future<Void> deliver(Series s, PendingEffect e) {
    if (failing) {
      return Future.failedFuture("outbox down");
    }
    delivered.add(e);
    return Future.succeededFuture();
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  private String created() {
    return result(owner.create(SeriesSamples.details())).series().id();
  }

  private static SeriesCommands.AddMember member(String name, String department, Part part) {
    return new SeriesCommands.AddMember(name, department, name.replace(' ', '.').toLowerCase() + "@example.com",
        null, part);
  }

  @Test
  @DisplayName("creates a series under a fresh id and stores it at version 1")
  void creates() {
    String id = created();
    assertThat(id).matches("[a-z2-9]{12}");
    SeriesStore.Stored stored = result(owner.load(id));
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.series().details().title()).isEqualTo("Weekly project alignment");
  }

  @Test
  @DisplayName("refuses a series with an invalid RRULE or an unknown zone, and a schedule edit to one, storing nothing")
  void refusesBadSchedules() {
    Series.Details d = SeriesSamples.details();
    Series.Details badRule = new Series.Details(d.title(), d.goal(), d.kind(), d.department(), d.coordinator(),
        d.language(), new Schedule("2026-12-03T10:00", "FREQ=SOMETIMES", "Asia/Shanghai", 60), d.place(),
        d.onlineLink(), d.template());
    assertThatThrownBy(() -> result(owner.create(badRule))).isInstanceOfSatisfying(SeriesRefusal.class,
        r -> assertThat(r.rejection().code()).isEqualTo(ErrorCode.INVALID_FIELD));
    String id = created();
    Series.Details edit = new Series.Details(null, null, null, null, null, null,
        new Schedule("2026-12-03T10:00", "FREQ=WEEKLY", "Moon/Base", 60), null, null, null);
    assertThatThrownBy(() -> result(owner.apply(id, SeriesActor.COORDINATOR, s -> new SeriesCommands.EditSeries(edit))))
        .isInstanceOfSatisfying(SeriesRefusal.class,
            r -> assertThat(r.rejection().message()).contains("timeZone"));
    assertThat(result(owner.load(id)).version()).isEqualTo(1);
  }

  @Test
  @DisplayName("answers a refused command with its rejection and leaves the stored series as it was")
  void refusalChangesNothing() {
    String id = created();
    assertThatThrownBy(() -> result(owner.apply(id, SeriesActor.member("u9"),
        s -> member("Wang Wei", "Sales", Part.EXECUTOR)))).isInstanceOfSatisfying(SeriesRefusal.class,
            r -> assertThat(r.rejection().code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThatThrownBy(() -> result(owner.load("nope"))).isInstanceOfSatisfying(SeriesRefusal.class,
        r -> assertThat(r.rejection().code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(result(owner.load(id)).version()).isEqualTo(1);
  }

  @Test
  @DisplayName("applies 20 concurrent additions on two nodes' owners, each exactly once, losing none")
  void twoNodesNeverBothApply(Vertx vertx) {
    String id = created();
    SeriesOwner other = SeriesOwner.create(SeriesStore.create(vertx, storage.database()), CLOCK, this::deliver,
        new FakeJobQueue());
    List<Future<SeriesOwner.Result>> all = IntStream.range(0, 20).mapToObj(i ->
        (i % 2 == 0 ? owner : other).apply(id, SeriesActor.COORDINATOR, s -> member("Person " + i, "Sales",
            Part.EXECUTOR))).toList();
    List<String> failedOrDone = all.stream().map(f -> {
      try {
        result(f);
        return "ok";
      } catch (SeriesRefusal r) {
        return r.rejection().code().name();
      }
    }).toList();
    long ok = failedOrDone.stream().filter("ok"::equals).count();
    SeriesStore.Stored stored = result(owner.load(id));
    // Each success is one member and one version step; a loser after its retries is UNAVAILABLE, never applied.
    assertThat(stored.series().members()).hasSize((int) ok);
    assertThat(stored.version()).isEqualTo(1 + ok);
    assertThat(failedOrDone).allMatch(r -> r.equals("ok") || r.equals("UNAVAILABLE"));
    assertThat(stored.series().members().stream().map(m -> m.id()).distinct()).hasSize((int) ok);
    assertThat(ok).isGreaterThanOrEqualTo(10);
  }

  @Test
  @DisplayName("hands a notice's effect over after writing it, then completes it; a failed hand-over stays pending")
  void deliversEffects() {
    String id = created();
    result(owner.apply(id, SeriesActor.COORDINATOR, s -> member("Wang Wei", "Sales", Part.DECISION_MAKER)));
    failing = true;
    SeriesOwner.Result noticed = result(owner.apply(id, SeriesActor.COORDINATOR,
        s -> new OccurrenceCommands.PrepareNotice(SeriesSamples.first(), false)));
    assertThat(noticed.series().effects()).extracting(PendingEffect::kind).containsExactly(PendingEffect.Kind.NOTICE);
    assertThat(result(owner.load(id)).series().effects()).hasSize(1);
    failing = false;
    SeriesOwner.Result next = result(owner.apply(id, SeriesActor.COORDINATOR,
        s -> member("Zhao Lei", "Sales", Part.EXECUTOR)));
    assertThat(delivered).extracting(PendingEffect::kind).containsExactly(PendingEffect.Kind.NOTICE);
    assertThat(delivered.get(0).recipients()).containsExactly("u1");
    assertThat(next.series().effects()).isEmpty();
    assertThat(result(owner.load(id)).series().effects()).isEmpty();
  }

  @Test
  @DisplayName("re-offers a notice whose hand-over failed by a job, with backoff and without any further change, until it is taken")
  void reoffersWithoutAChange() {
    String id = created();
    result(owner.apply(id, SeriesActor.COORDINATOR, s -> member("Wang Wei", "Sales", Part.DECISION_MAKER)));
    assertThat(jobs.pending()).as("nothing to re-offer").isEmpty();
    failing = true;
    result(owner.apply(id, SeriesActor.COORDINATOR,
        s -> new OccurrenceCommands.PrepareNotice(SeriesSamples.first(), false)));
    long version = result(owner.load(id)).version();
    Job first = jobs.pending().get(0);
    assertThat(jobs.pending()).hasSize(1);
    assertThat(first.kind()).isEqualTo(SeriesOwner.REOFFER);
    assertThat(first.dueAt()).isEqualTo(CLOCK.instant().plus(SeriesOwner.REOFFER_BASE));
    assertThat(result(jobs.runDue(CLOCK.instant()))).as("not due yet").isZero();

    // The outbox is still down at the first re-offer: the effect stays, the next run waits twice as long.
    assertThat(result(jobs.runDue(first.dueAt()))).isOne();
    assertThat(delivered).isEmpty();
    assertThat(result(owner.load(id)).series().effects()).hasSize(1);
    Job second = jobs.pending().get(0);
    assertThat(jobs.pending()).hasSize(1);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.dueAt()).isEqualTo(CLOCK.instant().plus(SeriesOwner.REOFFER_BASE.multipliedBy(2)));

    failing = false;
    assertThat(result(jobs.runDue(second.dueAt()))).isOne();
    assertThat(delivered).extracting(PendingEffect::kind).containsExactly(PendingEffect.Kind.NOTICE);
    SeriesStore.Stored after = result(owner.load(id));
    assertThat(after.series().effects()).isEmpty();
    assertThat(after.version()).as("only the effect's completion was written").isEqualTo(version + 1);
    assertThat(jobs.pending()).as("the re-offers end once nothing is pending").isEmpty();
    assertThat(jobs.lastResults.get(second.id())).isInstanceOf(JobResult.Done.class);
  }

  @Test
  @DisplayName("backs the re-offers off from 10 s, doubling, to at most 10 min")
  void reofferBackoff() {
    assertThat(SeriesOwner.reofferDelay(0)).hasSeconds(10);
    assertThat(SeriesOwner.reofferDelay(1)).hasSeconds(20);
    assertThat(SeriesOwner.reofferDelay(5)).hasSeconds(320);
    assertThat(SeriesOwner.reofferDelay(6)).hasMinutes(10);
    assertThat(SeriesOwner.reofferDelay(60)).hasMinutes(10);
  }

  @Test
  @DisplayName("never answers a load with a read from before its own last write")
  void loadsAreFresh() {
    String id = created();
    for (int i = 0; i < 20; i++) {
      assertThat(result(owner.load(id)).version()).isEqualTo(1 + i);
      int n = i;
      result(owner.apply(id, SeriesActor.COORDINATOR, s -> member("Person " + n, "Sales", Part.EXECUTOR)));
    }
    assertThat(result(owner.load(id)).series().members()).hasSize(20);
  }

  @Test
  @DisplayName("rotates the coordinator link version")
  void rotatesCoordinator() {
    String id = created();
    assertThat(result(owner.rotateCoordinator(id)).coordinatorVersion()).isEqualTo(2);
    assertThatThrownBy(() -> result(owner.rotateCoordinator("nope"))).isInstanceOf(SeriesRefusal.class);
  }
}
