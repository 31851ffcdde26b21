package dev.roundtable.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomStore} on MongoDB through the official synchronous driver.
 *
 * <p>Appends are group-committed: callers put their entries on a queue, and one writer thread takes
 * everything queued at that moment and writes it with a single unordered {@code insertMany} (for the
 * embedded server, which makes each write command durable before answering it, one fsync). Under load the
 * batches grow, so throughput does not pay a round trip per command, and an idle server still writes a lone
 * command at once. Write errors are mapped back to the append call whose entry failed; the others in the
 * batch succeed.
 *
 * <p>Collections: {@code events}, one document per append and room holding that append's entries of the
 * room ({@code _id} = room id + "/" + its first seq in 19 digits, so that the primary key refuses a second
 * run of entries starting at the same sequence number: the fence against a stale second owner; fields
 * {@code room}, {@code seq} (first), {@code last}, {@code entries}; plus a plain (room, last) index for
 * loading), {@code snapshots} (one per room, {@code _id} = room), {@code rooms} (join codes, unique).
 * Both choices are for the embedded server, whose unique indexes compare keys by Java-serializing them
 * (most of its CPU under load): one such index, and one insert per room per write rather than per command,
 * so the cost per command falls as load grows; a string key its data map compares natively.
 */
final class MongoRoomStore implements RoomStore {
  private static final Logger LOG = LoggerFactory.getLogger(MongoRoomStore.class);
  private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
  private static final int MAX_BATCH = 1_000;

  private final Vertx vertx;
  private final MongoClient client;
  private final MongoDatabase db;
  private final MongoCollection<Document> events;
  private final MongoCollection<Document> snapshots;
  private final MongoCollection<Document> rooms;
  private final AutoCloseable owned;
  private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;
  /** When the oldest append of the batch being written was queued ({@link System#nanoTime}); 0 when idle. */
  private volatile long writingSinceNanos;

  MongoRoomStore(Vertx vertx, MongoClient client, String database, AutoCloseable owned) {
    this.vertx = vertx;
    this.client = client;
    this.db = client.getDatabase(database).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    this.events = db.getCollection("events");
    this.snapshots = db.getCollection("snapshots");
    this.rooms = db.getCollection("rooms");
    this.owned = owned;
    this.writer = new Thread(this::writeLoop, "roundtable-store-writer");
    this.writer.setDaemon(true);
  }

  MongoDatabase database() {
    return db;
  }

  MongoClient client() {
    return client;
  }

  /** The store's addresses as configured, for log lines and start-up errors. */
  String hosts() {
    return client.getClusterDescription().getClusterSettings().getHosts().toString();
  }

  /**
   * Creates the indexes the contract relies on and starts the writer. Blocking: call on a worker. May be
   * called again after it failed (the writer starts only once the indexes exist).
   */
  void init() {
    events.createIndex(Indexes.ascending("room", "last"), new IndexOptions().name("room_last_lookup"));
    rooms.createIndex(Indexes.ascending("joinCode"), new IndexOptions().unique(true).name("join_code"));
    writer.start();
  }

  @Override
  public Future<StoredRoom> load(String roomId, int alsoBefore) {
    return blocking(() -> {
      Document snap = snapshots.find(Filters.eq("_id", roomId)).first();
      Snapshot snapshot = snap == null ? null : Snapshot.fromJson(json(snap));
      long after = snapshot == null ? 0 : Math.max(0, snapshot.seq() - alsoBefore);
      List<LogEntry> entries = new ArrayList<>();
      events.find(Filters.and(Filters.eq("room", roomId), Filters.gt("last", after)))
          .projection(Projections.include("entries"))
          .sort(Sorts.ascending("seq"))
          .forEach(d -> json(d).getJsonArray("entries").forEach(e -> {
            LogEntry entry = LogEntry.fromJson((JsonObject) e);
            if (entry.seq() > after) {
              entries.add(entry);
            }
          }));
      return new StoredRoom(snapshot, entries);
    });
  }

  @Override
  public Future<Void> append(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    if (!running) {
      return Future.failedFuture(new IllegalStateException("store is closed"));
    }
    queue.add(new PendingAppend(entries, context, promise));
    return promise.future();
  }

  @Override
  public Future<Void> saveSnapshot(Snapshot snapshot) {
    return blocking(() -> {
      Document doc = Document.parse(snapshot.toJson().encode());
      // Only move forward: an older snapshot written late must not replace a newer one.
      Document existing = snapshots.find(Filters.eq("_id", snapshot.roomId()))
          .projection(Projections.include("seq")).first();
      if (existing == null || existing.get("seq", Number.class).longValue() < snapshot.seq()) {
        snapshots.replaceOne(Filters.eq("_id", snapshot.roomId()), doc, new ReplaceOptions().upsert(true));
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> registerRoom(String roomId, String joinCode, long createdAt) {
    return blocking(() -> {
      try {
        rooms.insertOne(new Document("_id", roomId).append("joinCode", joinCode).append("createdAt", createdAt));
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public Future<Optional<String>> roomByJoinCode(String joinCode) {
    return blocking(() -> Optional.ofNullable(rooms.find(Filters.eq("joinCode", joinCode)).first())
        .map(d -> d.getString("_id")));
  }

  @Override
  public Future<Optional<String>> joinCodeOf(String roomId) {
    return blocking(() -> Optional.ofNullable(rooms.find(Filters.eq("_id", roomId)).first())
        .map(d -> d.getString("joinCode")));
  }

  @Override
  public Future<Void> ping() {
    return blocking(() -> {
      db.runCommand(new Document("ping", 1));
      return null;
    });
  }

  @Override
  public Future<Void> close() {
    running = false;
    return blocking(() -> {
      writer.interrupt();
      writer.join(5_000);
      client.close();
      if (owned != null) {
        owned.close();
      }
      return null;
    });
  }

  @Override
  public long backlogMillis() {
    long now = System.nanoTime();
    long oldest = writingSinceNanos;
    PendingAppend next = queue.peek();
    if (oldest == 0 && next != null) {
      oldest = next.queuedNanos;
    }
    return oldest == 0 ? 0 : Math.max(0, (now - oldest) / 1_000_000);
  }

  private void writeLoop() {
    while (running || !queue.isEmpty()) {
      List<PendingAppend> batch = new ArrayList<>();
      try {
        PendingAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        if (queue.isEmpty()) {
          break;
        }
      }
      queue.drainTo(batch, MAX_BATCH);
      writingSinceNanos = batch.get(0).queuedNanos;
      write(batch);
      writingSinceNanos = 0;
    }
    PendingAppend left;
    while ((left = queue.poll()) != null) {
      left.fail(new IllegalStateException("store is closed"));
    }
  }

  private void write(List<PendingAppend> batch) {
    List<Document> docs = new ArrayList<>();
    List<PendingAppend> owners = new ArrayList<>();
    for (PendingAppend p : batch) {
      Map<String, List<LogEntry>> byRoom = new LinkedHashMap<>();
      p.entries.forEach(e -> byRoom.computeIfAbsent(e.roomId(), r -> new ArrayList<>()).add(e));
      byRoom.forEach((roomId, run) -> {
        docs.add(chunk(roomId, run));
        owners.add(p);
      });
    }
    Set<PendingAppend> failed = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable failure = null;
    try {
      events.insertMany(docs, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      failure = e;
      for (BulkWriteError error : e.getWriteErrors()) {
        failed.add(owners.get(error.getIndex()));
      }
      if (e.getWriteConcernError() != null) {
        failed.addAll(batch);
      }
    } catch (RuntimeException e) {
      failure = e;
      failed.addAll(batch);
    }
    if (failure != null) {
      LOG.warn("append of {} entries failed for {} callers: {}", docs.size(), failed.size(), failure.toString());
    }
    for (PendingAppend p : batch) {
      if (failed.contains(p)) {
        p.fail(failure);
      } else {
        p.succeed();
      }
    }
  }

  /** One room's entries of one append, as one document keyed by the room and its first seq. */
  private static Document chunk(String roomId, List<LogEntry> run) {
    long first = run.get(0).seq();
    JsonArray entries = new JsonArray();
    run.forEach(e -> entries.add(e.toJson()));
    JsonObject doc = new JsonObject().put("_id", roomId + '/' + String.format("%019d", first))
        .put("room", roomId).put("seq", first).put("last", run.get(run.size() - 1).seq()).put("entries", entries);
    return Document.parse(doc.encode());
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  private static JsonObject json(Document d) {
    return new JsonObject(d.toJson(RELAXED));
  }

  /** One caller's entries waiting for the writer; identity matters, not contents. */
  private static final class PendingAppend {
    final List<LogEntry> entries;
    final Context context;
    final Promise<Void> promise;
    final long queuedNanos = System.nanoTime();

    PendingAppend(List<LogEntry> entries, Context context, Promise<Void> promise) {
      this.entries = entries;
      this.context = context;
      this.promise = promise;
    }

    void succeed() {
      context.runOnContext(v -> promise.complete());
    }

    void fail(Throwable t) {
      context.runOnContext(v -> promise.fail(t));
    }
  }
}
