package dev.roundtable.jobs;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.jobs.JobStore.Claimed;
import dev.roundtable.jobs.JobStore.Outcome;
import dev.roundtable.jobs.core.JobRules;
import dev.roundtable.jobs.core.JobRules.Next;
import dev.roundtable.jobs.core.JobRules.State;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The jobs store, on the embedded server through the official driver,")
class MongoJobStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  @TempDir
  Path dataDir;
  private Storage storage;
  private JobStore store;

  @BeforeEach
  void open(Vertx vertx) {
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(null, "roundtable", dataDir, "127.0.0.1", 0)));
    store = JobStore.mongo(vertx, storage.database());
    result(store.init());
  }

  @AfterEach
  void close() {
    result(storage.close());
  }

  private static Job job(String id, int dueInSeconds) {
    return Job.of(id, "notice", T0.plusSeconds(dueInSeconds), new JsonObject().put("series", "s-" + id));
  }

  private JobStore.Stored stored(String id) {
    return result(store.get(id)).orElseThrow();
  }

  private List<String> ids(List<Claimed> claimed) {
    return claimed.stream().map(c -> c.job().id()).toList();
  }

  @Test
  @DisplayName("keeps a job as scheduled, and scheduling the same id again moves it instead of adding one")
  void scheduleIsIdempotentById() {
    result(store.schedule(job("a", 10)));
    assertThat(stored("a").job()).isEqualTo(job("a", 10));
    assertThat(stored("a").state()).isEqualTo(State.QUEUED);

    Job moved = Job.of("a", "notice", T0.plusSeconds(99), new JsonObject().put("series", "moved").put("n", 3L));
    result(store.schedule(moved));

    assertThat(stored("a").job()).isEqualTo(moved);
    assertThat(result(store.claim("n1", T0.plusSeconds(50), T0.plusSeconds(80), 10))).isEmpty();
    assertThat(ids(result(store.claim("n1", T0.plusSeconds(99), T0.plusSeconds(130), 10)))).containsExactly("a");
  }

  @Test
  @DisplayName("never runs a finished job again when its id is scheduled once more")
  void finishedStaysFinished() {
    result(store.schedule(job("a", 0)));
    Claimed a = result(store.claim("n1", T0, T0.plusSeconds(30), 10)).get(0);
    result(store.record(List.of(new Outcome(a, new Next.Finish(State.DONE, null, 1))), T0));

    result(store.schedule(job("a", 5)));

    assertThat(stored("a").state()).isEqualTo(State.DONE);
    assertThat(stored("a").job().dueAt()).isEqualTo(T0);
    assertThat(result(store.claim("n1", T0.plusSeconds(60), T0.plusSeconds(90), 10))).isEmpty();
    assertThat(result(store.cancel("a"))).as("cancelling a job that ran").isFalse();
  }

  @Test
  @DisplayName("keeps the unique by-id indexes its guarded writes are answered from, and a version every write raises")
  void indexesAndVersion() {
    List<String> names = new java.util.ArrayList<>();
    storage.database().getCollection("jobs").listIndexes().forEach(d -> names.add(d.getString("name")));
    assertThat(names).contains("_id_state", "_id_v", "_id_lease.token");

    result(store.schedule(job("a", 0)));
    long scheduled = version("a");
    Claimed a = result(store.claim("n1", T0, T0.plusSeconds(30), 10)).get(0);
    long claimed = version("a");
    result(store.record(List.of(new Outcome(a, new Next.Requeue(T0.plusSeconds(5), 1, "again"))), T0));
    assertThat(scheduled).isLessThan(claimed).isLessThan(version("a"));
  }

  private long version(String id) {
    return ((Number) storage.database().getCollection("jobs").find(new org.bson.Document("_id", id)).first().get("v"))
        .longValue();
  }

  @Test
  @DisplayName("hands out due jobs earliest first, each to one claimant, and no job before its time")
  void claimsDueJobsOnce() {
    IntStream.range(0, 30).forEach(i -> result(store.schedule(job("j" + i, i))));

    List<Claimed> first = result(store.claim("n1", T0.plusSeconds(19), T0.plusSeconds(60), 5));
    assertThat(ids(first)).containsExactly("j0", "j1", "j2", "j3", "j4");
    assertThat(first).allMatch(c -> c.job().attempt() == 0);
    List<Claimed> second = result(store.claim("n2", T0.plusSeconds(19), T0.plusSeconds(60), 100));
    assertThat(ids(second)).hasSize(15).doesNotContainAnyElementsOf(ids(first)).contains("j5", "j19");
    assertThat(stored("j5").leaseHolder()).isEqualTo("n2");
    assertThat(stored("j25").leaseHolder()).isNull();
  }

  @Test
  @DisplayName("never gives one job to two concurrent claimants (a claimant that lost a race gets fewer)")
  void concurrentClaims() {
    IntStream.range(0, 200).forEach(i -> result(store.schedule(job("j" + i, 0))));

    List<List<Claimed>> batches = result(Future.all(IntStream.range(0, 8)
        .mapToObj(n -> store.claim("n" + n, T0, T0.plusSeconds(30), 40)).toList())).list();
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (List<Claimed> batch : batches) {
      total += batch.size();
      seen.addAll(ids(batch));
    }

    assertThat(total).as("claims, duplicates included").isEqualTo(seen.size()).isPositive();
    List<Claimed> rest = result(store.claim("late", T0, T0.plusSeconds(30), 200));
    assertThat(ids(rest)).doesNotContainAnyElementsOf(seen);
    assertThat(seen.size() + rest.size()).isEqualTo(200);
  }

  @Test
  @DisplayName("lets another node claim a job whose lease ran out, and then refuses the first node's outcome")
  void expiredLeaseIsTakenOver() {
    result(store.schedule(job("a", 0)));
    Claimed byN1 = result(store.claim("n1", T0, T0.plusSeconds(30), 1)).get(0);
    assertThat(result(store.claim("n2", T0.plusSeconds(29), T0.plusSeconds(59), 1))).as("lease still held").isEmpty();

    Claimed byN2 = result(store.claim("n2", T0.plusSeconds(30), T0.plusSeconds(60), 1)).get(0);
    int stale = result(store.record(List.of(new Outcome(byN1, new Next.Finish(State.DONE, null, 1))), T0));

    assertThat(stale).isZero();
    assertThat(stored("a").state()).isEqualTo(State.QUEUED);
    assertThat(stored("a").leaseHolder()).isEqualTo("n2");
    assertThat(result(store.record(List.of(new Outcome(byN2, new Next.Finish(State.FAILED, "no such group", 1))),
        T0))).isOne();
    assertThat(stored("a").state()).isEqualTo(State.FAILED);
    assertThat(stored("a").reason()).isEqualTo("no such group");
  }

  @Test
  @DisplayName("keeps a renewed lease, requeues a retried job with its attempts and reason")
  void renewAndRequeue() {
    result(store.schedule(job("a", 0)));
    Claimed a = result(store.claim("n1", T0, T0.plusSeconds(30), 1)).get(0);
    result(store.renew("n1", List.of(a.token()), T0.plusSeconds(90)));
    assertThat(result(store.claim("n2", T0.plusSeconds(60), T0.plusSeconds(90), 1))).isEmpty();

    result(store.record(List.of(new Outcome(a, new Next.Requeue(T0.plusSeconds(70), 1, "rate limited"))), T0));

    JobStore.Stored s = stored("a");
    assertThat(s.state()).isEqualTo(State.QUEUED);
    assertThat(s.attempts()).isOne();
    assertThat(s.reason()).isEqualTo("rate limited");
    assertThat(s.leaseHolder()).isNull();
    List<Claimed> again = result(store.claim("n2", T0.plusSeconds(70), T0.plusSeconds(100), 1));
    assertThat(again.get(0).job().attempt()).isOne();
  }

  @Test
  @DisplayName("frees a departed node's jobs at once, and those of holders no longer alive")
  void releases() {
    IntStream.range(0, 6).forEach(i -> result(store.schedule(job("j" + i, 0))));
    result(store.claim("dead", T0, T0.plusSeconds(300), 2));
    result(store.claim("gone", T0, T0.plusSeconds(300), 2));
    result(store.claim("alive", T0, T0.plusSeconds(300), 2));

    assertThat(result(store.release("dead"))).isEqualTo(2);
    assertThat(ids(result(store.claim("n1", T0.plusSeconds(1), T0.plusSeconds(300), 10)))).containsExactly("j0", "j1");
    assertThat(result(store.releaseAllBut(List.of("alive", "n1")))).isEqualTo(2);
    assertThat(ids(result(store.claim("n1", T0.plusSeconds(1), T0.plusSeconds(300), 10)))).containsExactly("j2", "j3");
  }

  @Test
  @DisplayName("cancels only a job still queued, and tells the earliest due time nobody holds")
  void cancelAndNextDue() {
    result(store.schedule(job("a", 5)));
    result(store.schedule(job("b", 10)));
    result(store.schedule(job("c", 20)));

    assertThat(result(store.nextDue(T0.plusSeconds(60)))).contains(T0.plusSeconds(5));
    assertThat(result(store.cancel("a"))).isTrue();
    assertThat(result(store.cancel("a"))).isFalse();
    assertThat(result(store.get("a"))).isEmpty();
    assertThat(result(store.nextDue(T0.plusSeconds(60)))).contains(T0.plusSeconds(10));
    result(store.claim("n1", T0.plusSeconds(10), T0.plusSeconds(40), 1));
    assertThat(result(store.nextDue(T0.plusSeconds(15)))).isEqualTo(Optional.empty());
    assertThat(result(store.nextDue(T0.plusSeconds(20)))).contains(T0.plusSeconds(20));
  }
}
