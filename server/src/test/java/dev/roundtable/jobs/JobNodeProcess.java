package dev.roundtable.jobs;

import com.mongodb.client.model.Filters;
import dev.roundtable.cluster.Nodes;
import dev.roundtable.config.RoundtableConfig;
import dev.roundtable.store.MongoStores;
import io.vertx.core.Promise;
import java.time.Clock;
import org.bson.Document;

/**
 * Run in a child JVM by {@link JobFailoverTest}: a clustered node with nothing but a job queue, configured
 * through the environment like a deployed node. {@code JOBS_MODE=hang}: its handler never finishes, so it
 * holds every job it claims until it dies; {@code record}: each run is written to {@code job_runs} (job id,
 * node) before the job is done. Prints the same ready line as a server, then runs until killed.
 */
public final class JobNodeProcess {
  private JobNodeProcess() {
  }

  public static void main(String[] args) throws Exception {
    RoundtableConfig config = RoundtableConfig.load(System.getenv());
    boolean hang = "hang".equals(System.getenv("JOBS_MODE"));
    Nodes.Node node = Nodes.start(config).await();
    var storage = MongoStores.openStorage(node.vertx(), new MongoStores.Options(config.mongoUri(),
        config.mongoDatabase(), config.dataDir(), config.embeddedMongoHost(), 0)).await();
    String self = node.membership().self();
    var runs = storage.database().getCollection("job_runs");
    DurableJobQueue queue = DurableJobQueue.create(node.vertx(), storage, node.membership(), Clock.systemUTC(),
        DurableJobQueue.Options.from(config));
    queue.handle("notice", job -> {
      if (hang) {
        System.out.println("holding " + job.id());
        return Promise.<JobResult>promise().future();
      }
      return node.vertx().executeBlocking(() -> {
        runs.insertOne(new Document("job", job.id()).append("node", self));
        return JobResult.done();
      });
    });
    queue.start().await();
    System.out.println("node " + self + ": Roundtable is running at http://127.0.0.1:0/");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  static long runsOf(com.mongodb.client.MongoDatabase db, String jobId) {
    return db.getCollection("job_runs").countDocuments(Filters.eq("job", jobId));
  }
}
