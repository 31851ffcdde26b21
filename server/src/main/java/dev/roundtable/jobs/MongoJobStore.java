package dev.roundtable.jobs;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.roundtable.jobs.core.JobRules;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@link JobStore} on the {@code jobs} collection, through the synchronous driver on worker threads. One
 * document per job: {@code _id} (the job id), {@code kind}, {@code dueAt} (epoch ms), {@code payload},
 * {@code state} ({@code queued}, {@code done}, {@code failed}), {@code attempt} (runs so far),
 * {@code reason} (of the last retry or the failure), {@code v} (raised by every write) and, while a node
 * holds it, {@code lease} ({@code holder}, {@code token}, {@code expiresAt} in epoch ms). Indexes: (state,
 * dueAt), and the unique (_id, state), (_id, v), (_id, lease.token).
 *
 * <p>Only what the embedded store has: no transactions, no pipeline updates, and an index is used only for
 * a query naming exactly its fields with plain values (or {@code _id $in}); so every write by id is a plain
 * document of the fields of one of the unique indexes, never {@code $and}, and is a lookup. A claim is one
 * find of claimable jobs with their versions, one bulk write of compare-and-sets on {@code {_id, v}} (a peer
 * that claimed one in between keeps it) stamped with a fresh token, and a read-back by {@code _id $in} that
 * keeps the jobs carrying the token. One bulk write per batch of outcomes, so the embedded store commits
 * once for many jobs.
 */
final class MongoJobStore implements JobStore {
  private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
  private static final String QUEUED = "queued";
  /** The document's version, raised by every write: a claim is a compare-and-set on it. */
  private static final String V = "v";

  private final Vertx vertx;
  private final MongoCollection<Document> jobs;

  MongoJobStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.jobs = database.getCollection("jobs");
  }

  @Override
  public Future<Void> init() {
    return blocking(() -> {
      jobs.createIndex(Indexes.ascending("state", "dueAt"), new IndexOptions().name("state_due"));
      // The embedded server answers a query from an index only when the query names exactly that index's
      // fields with plain values; _id makes each of these unique, so every guarded write by id is a lookup.
      unique("_id", "state");
      unique("_id", V);
      unique("_id", "lease.token");
      return null;
    });
  }

  private void unique(String... fields) {
    jobs.createIndex(Indexes.ascending(fields), new IndexOptions().unique(true).name(String.join("_", fields)));
  }

  private static Bson bump() {
    return Updates.inc(V, 1);
  }

  @Override
  public Future<Void> schedule(Job job) {
    return blocking(() -> {
      Bson update = Updates.combine(
          Updates.set("kind", job.kind()),
          Updates.set("dueAt", job.dueAt().toEpochMilli()),
          Updates.set("payload", Document.parse(job.payload().encode())),
          Updates.set("state", QUEUED),
          Updates.set("attempt", 0),
          Updates.unset("reason"),
          Updates.unset("lease"),
          bump());
      try {
        jobs.updateOne(new Document("_id", job.id()).append("state", QUEUED), update,
            new UpdateOptions().upsert(true));
      } catch (MongoWriteException e) {
        // The id exists and is no longer queued: it ran (or failed) already, and a job runs once.
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> cancel(String id) {
    return blocking(() -> jobs.deleteOne(new Document("_id", id).append("state", QUEUED))
        .getDeletedCount() > 0);
  }

  private static Bson claimable(long now) {
    return Filters.and(Filters.eq("state", QUEUED), Filters.lte("dueAt", now),
        Filters.or(Filters.exists("lease", false), Filters.lte("lease.expiresAt", now)));
  }

  @Override
  public Future<List<Claimed>> claim(String holder, Instant now, Instant leaseUntil, int limit) {
    return blocking(() -> {
      long at = now.toEpochMilli();
      List<Object> ids = new ArrayList<>();
      List<WriteModel<Document>> writes = new ArrayList<>();
      String token = UUID.randomUUID().toString();
      Document lease = new Document("holder", holder).append("token", token).append("expiresAt", leaseUntil.toEpochMilli());
      jobs.find(claimable(at)).sort(Sorts.ascending("dueAt")).limit(limit).projection(Projections.include("_id", V))
          .forEach(d -> {
            ids.add(d.get("_id"));
            // Only the version this find saw: a peer that claimed (or anyone who changed) it since keeps it.
            writes.add(new UpdateOneModel<>(new Document("_id", d.get("_id")).append(V, d.get(V)),
                Updates.combine(Updates.set("lease", lease), bump())));
          });
      if (ids.isEmpty()) {
        return List.of();
      }
      jobs.bulkWrite(writes, new BulkWriteOptions().ordered(false));
      List<Claimed> claimed = new ArrayList<>();
      jobs.find(Filters.in("_id", ids)).forEach(d -> {
        Document l = d.get("lease", Document.class);
        if (l != null && token.equals(l.getString("token"))) {
          claimed.add(new Claimed(job(d), token));
        }
      });
      claimed.sort(Comparator.comparing(c -> c.job().dueAt()));
      return claimed;
    });
  }

  @Override
  public Future<Void> renew(String holder, Collection<String> tokens, Instant leaseUntil) {
    if (tokens.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> copy = List.copyOf(tokens);
    return blocking(() -> {
      jobs.updateMany(Filters.and(Filters.eq("lease.holder", holder), Filters.in("lease.token", copy)),
          Updates.combine(Updates.set("lease.expiresAt", leaseUntil.toEpochMilli()), bump()));
      return null;
    });
  }

  @Override
  public Future<Integer> record(List<Outcome> outcomes, Instant now) {
    if (outcomes.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<WriteModel<Document>> writes = new ArrayList<>();
    for (Outcome o : outcomes) {
      // Plain {_id, lease.token}: the shape the (_id, lease.token) index answers.
      Bson ours = new Document("_id", o.claimed().job().id()).append("lease.token", o.claimed().token());
      writes.add(new UpdateOneModel<>(ours, update(o.next(), now)));
    }
    return blocking(() -> (int) jobs.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount());
  }

  private static Bson update(JobRules.Next next, Instant now) {
    List<Bson> set = new ArrayList<>();
    set.add(Updates.unset("lease"));
    set.add(bump());
    set.add(Updates.set("finishedAt", now.toEpochMilli()));
    if (next instanceof JobRules.Next.Requeue r) {
      set.add(Updates.set("dueAt", r.dueAt().toEpochMilli()));
      set.add(Updates.set("attempt", r.attempts()));
      set.add(reason(r.reason()));
    } else {
      JobRules.Next.Finish f = (JobRules.Next.Finish) next;
      set.add(Updates.set("state", f.state().name().toLowerCase(Locale.ROOT)));
      set.add(Updates.set("attempt", f.attempts()));
      set.add(reason(f.reason()));
    }
    return Updates.combine(set);
  }

  private static Bson reason(String reason) {
    return reason == null ? Updates.unset("reason") : Updates.set("reason", reason);
  }

  @Override
  public Future<Integer> release(String holder) {
    return blocking(() -> (int) jobs.updateMany(Filters.and(Filters.eq("state", QUEUED),
        Filters.eq("lease.holder", holder)), Updates.combine(Updates.unset("lease"), bump())).getModifiedCount());
  }

  @Override
  public Future<Integer> releaseAllBut(Collection<String> live) {
    List<String> copy = List.copyOf(live);
    return blocking(() -> (int) jobs.updateMany(Filters.and(Filters.eq("state", QUEUED),
        Filters.exists("lease.holder"), Filters.nin("lease.holder", copy)), Updates.combine(Updates.unset("lease"), bump()))
        .getModifiedCount());
  }

  @Override
  public Future<Optional<Instant>> nextDue(Instant until) {
    return blocking(() -> Optional.ofNullable(jobs.find(Filters.and(Filters.eq("state", QUEUED),
            Filters.lte("dueAt", until.toEpochMilli()), Filters.exists("lease", false)))
        .sort(Sorts.ascending("dueAt")).limit(1).projection(Projections.include("dueAt")).first())
        .map(d -> Instant.ofEpochMilli(((Number) d.get("dueAt")).longValue())));
  }

  @Override
  public Future<Optional<Stored>> get(String id) {
    return blocking(() -> Optional.ofNullable(jobs.find(Filters.eq("_id", id)).first()).map(d -> {
      Document lease = d.get("lease", Document.class);
      return new Stored(job(d), JobRules.State.valueOf(d.getString("state").toUpperCase(Locale.ROOT)),
          ((Number) d.get("attempt")).intValue(), d.getString("reason"),
          lease == null ? null : lease.getString("holder"));
    }));
  }

  private static Job job(Document d) {
    Document payload = d.get("payload", Document.class);
    return new Job(d.getString("_id"), d.getString("kind"),
        Instant.ofEpochMilli(((Number) d.get("dueAt")).longValue()),
        payload == null ? new JsonObject() : new JsonObject(payload.toJson(RELAXED)),
        ((Number) d.get("attempt")).intValue());
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
