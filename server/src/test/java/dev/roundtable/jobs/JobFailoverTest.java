package dev.roundtable.jobs;

import static dev.roundtable.support.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roundtable.cluster.Membership;
import dev.roundtable.jobs.core.JobRules.State;
import dev.roundtable.store.MongoStores;
import dev.roundtable.store.Storage;
import dev.roundtable.support.Eventually;
import dev.roundtable.support.NodeProcess;
import dev.roundtable.support.SharedStore;
import dev.roundtable.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered nodes in processes of their own, sharing one store: the node holding the due jobs is
 * killed with SIGKILL, and the survivor runs every one of them, long before their leases would have run out.
 */
@DisplayName("The job queue across a node's SIGKILL")
class JobFailoverTest {
  private static final int HELD = 30;
  private static final int LATER = 10;
  /** Far beyond the test's wait: only the departure can free the jobs in time. */
  private static final int LEASE_SECONDS = 600;

  @TempDir
  Path dataDir;
  private SharedStore sharedStore;
  private Vertx vertx;
  private Storage storage;
  private JobStore store;
  private NodeProcess holder;
  private NodeProcess survivor;

  @BeforeEach
  void setUp() {
    sharedStore = SharedStore.start();
    vertx = Vertx.vertx();
    storage = result(MongoStores.openStorage(vertx, new MongoStores.Options(sharedStore.uri(), "roundtable",
        dataDir.resolve("test"), "127.0.0.1", 0)));
    store = JobStore.mongo(vertx, storage.database());
    result(store.init());
  }

  @AfterEach
  void tearDown() {
    for (NodeProcess p : new NodeProcess[] {holder, survivor}) {
      if (p != null) {
        p.close();
      }
    }
    result(storage.close());
    result(vertx.close());
    sharedStore.close();
  }

  @Test
  @DisplayName("runs every due job after the node that claimed them is killed, none lost, none run twice")
  void everyJobRunsAfterFailover() throws Exception {
    String clusterName = "jobs-" + UUID.randomUUID();
    int portA = NodeProcess.freePort();
    int portB = NodeProcess.freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    // Written through a queue of the test's own that never runs: the jobs are only data in the store.
    DurableJobQueue writer = DurableJobQueue.create(vertx, storage, Membership.standalone(), Clock.systemUTC(),
        DurableJobQueue.Options.defaults());
    Instant due = Instant.now().plusSeconds(1);
    IntStream.range(0, HELD).forEach(i -> result(writer.schedule(Job.of("held" + i, "notice", due,
        new JsonObject().put("n", i)))));
    Instant later = Instant.now().plusSeconds(40);
    IntStream.range(0, LATER).forEach(i -> result(writer.schedule(Job.of("later" + i, "notice", later,
        new JsonObject()))));

    holder = NodeProcess.start("jobs-holder", env("hang", clusterName, portA, members, "a"),
        JobNodeProcess.class.getName());
    Eventually.until("the holder has claimed every due job", Duration.ofSeconds(30),
        () -> ids("held").stream().allMatch(id -> stored(id).leaseHolder() != null));
    String holderId = stored("held0").leaseHolder();
    survivor = NodeProcess.start("jobs-survivor", env("record", clusterName, portB, members, "b"),
        JobNodeProcess.class.getName());
    Thread.sleep(1_000);
    assertThat(ids("held")).as("jobs the live holder still holds").allMatch(id -> holderId.equals(stored(id).leaseHolder()));

    long killedAt = System.nanoTime();
    holder.kill();
    Eventually.until("every held job is done", Duration.ofSeconds(60),
        () -> ids("held").stream().allMatch(id -> stored(id).state() == State.DONE));
    long failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    Eventually.until("every later job is done too", Duration.ofSeconds(70),
        () -> ids("later").stream().allMatch(id -> stored(id).state() == State.DONE));
    long lateMs = Duration.between(later, Instant.now()).toMillis();

    System.out.printf("JobFailoverTest: %d held jobs done %d ms after the holder's SIGKILL; %d later jobs done "
        + "by %d ms after their due time%n", HELD, failoverMs, LATER, lateMs);
    assertThat(failoverMs).as("ms from the kill until the held jobs ran (lease: %d s)", LEASE_SECONDS)
        .isLessThan(LEASE_SECONDS * 1_000L / 10);
    for (String id : ids("held", "later")) {
      assertThat(JobNodeProcess.runsOf(storage.database(), id)).as("runs of " + id).isOne();
      assertThat(stored(id).attempts()).isOne();
    }
  }

  private Map<String, String> env(String mode, String clusterName, int port, String members, String name) {
    Map<String, String> env = new HashMap<>();
    env.put("JOBS_MODE", mode);
    env.put("MONGO_URI", sharedStore.uri());
    env.put("ROUNDTABLE_DATA_DIR", dataDir.resolve(name).toString());
    env.put("ROUNDTABLE_JWT_SECRET", TestServer.SECRET);
    env.put("ROUNDTABLE_CLUSTER_ENABLED", "true");
    env.put("ROUNDTABLE_CLUSTER_NAME", clusterName);
    env.put("ROUNDTABLE_CLUSTER_HOST", "127.0.0.1");
    env.put("ROUNDTABLE_CLUSTER_PORT", Integer.toString(port));
    env.put("ROUNDTABLE_CLUSTER_PORT_COUNT", "1");
    env.put("ROUNDTABLE_CLUSTER_MEMBERS", members);
    env.put("ROUNDTABLE_JOB_LEASE_SECONDS", Integer.toString(LEASE_SECONDS));
    return env;
  }

  private static List<String> ids(String... prefixes) {
    return List.of(prefixes).stream()
        .flatMap(p -> IntStream.range(0, p.equals("held") ? HELD : LATER).mapToObj(i -> p + i)).toList();
  }

  private JobStore.Stored stored(String id) {
    return result(store.get(id)).orElseThrow();
  }
}
