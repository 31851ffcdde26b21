package dev.roundtable.notify;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.roundtable.domain.Language;
import dev.roundtable.notify.core.Channel;
import dev.roundtable.notify.core.Destination;
import dev.roundtable.notify.core.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The outbox in MongoDB: {@code outbox} (one document per notification, keyed by its idempotency key, with
 * its destination, which only this class and the senders ever read) and {@code outbox_sends} (one document
 * per send to a robot, for its rate window; pruned as it goes, as the embedded store has no TTL indexes).
 * Every method is one driver call or a few, run on a worker.
 */
final class MongoOutbox implements Outbox {
  /** Sends older than this no longer count in any window. */
  private static final long SEND_RETENTION_MS = 10 * 60_000;
  private final Vertx vertx;
  private final MongoCollection<Document> outbox;
  private final MongoCollection<Document> sends;

  private MongoOutbox(Vertx vertx, MongoDatabase db) {
    this.vertx = vertx;
    this.outbox = db.getCollection("outbox");
    this.sends = db.getCollection("outbox_sends");
  }

  static Future<Outbox> create(Vertx vertx, MongoDatabase db) {
    MongoOutbox store = new MongoOutbox(vertx, db);
    return store.blocking(() -> {
      store.outbox.createIndex(Indexes.ascending("series", "createdAt"), new IndexOptions().name("by_series"));
      store.outbox.createIndex(Indexes.ascending("rateKey", "state"), new IndexOptions().name("by_robot"));
      store.outbox.createIndex(Indexes.ascending("claim"), new IndexOptions().name("by_claim"));
      store.sends.createIndex(Indexes.ascending("rateKey", "at"), new IndexOptions().name("by_robot_time"));
      return store;
    });
  }

  @Override
  public Future<Boolean> add(Message m, Instant now) {
    Document doc = new Document("_id", m.key()).append("series", m.seriesId()).append("channel", m.channel().wire())
        .append("rateKey", m.destination().rateKey()).append("destination", destination(m.destination()))
        .append("language", m.language().tag()).append("title", m.title()).append("markdown", m.markdown())
        .append("mentions", m.mentions()).append("state", DeliveryState.QUEUED.wire()).append("held", false)
        .append("attempts", 0).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
        .append("errorCode", "").append("answer", "").append("digest", "");
    if (m.calendar() != null) {
      doc.append("calendar", new Binary(m.calendar()));
    }
    if (m.attachment() != null) {
      doc.append("attachment", new Document("name", m.attachment().name())
          .append("contentType", m.attachment().contentType()).append("data", new Binary(m.attachment().data())));
    }
    return blocking(() -> {
      try {
        outbox.insertOne(doc);
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
  public Future<Optional<OutboxEntry>> get(String key) {
    return blocking(() -> Optional.ofNullable(outbox.find(Filters.eq("_id", key)).first()).map(MongoOutbox::entry));
  }

  @Override
  public Future<List<OutboxEntry>> claim(String key, String rateKey, boolean withHeld, Claimant claimant,
      Instant now, Instant until) {
    String claimId = claimant.claimId();
    Bson free = Filters.or(Filters.eq("state", DeliveryState.QUEUED.wire()),
        Filters.and(Filters.eq("state", DeliveryState.SENDING.wire()), Filters.lt("claimUntil", Date.from(now))),
        // The claim of a node that is gone: no run of it will ever answer.
        Filters.and(Filters.eq("state", DeliveryState.SENDING.wire()), Filters.exists("claimNode"),
            Filters.nin("claimNode", claimant.members())));
    Bson filter = Filters.and(Filters.eq("rateKey", rateKey),
        withHeld ? Filters.or(Filters.eq("_id", key), Filters.eq("held", true)) : Filters.eq("_id", key), free);
    return blocking(() -> {
      outbox.updateMany(filter, Updates.combine(Updates.set("state", DeliveryState.SENDING.wire()),
          Updates.set("claim", claimId), Updates.set("claimNode", claimant.node()),
          Updates.set("claimUntil", Date.from(until)),
          Updates.set("updatedAt", Date.from(now)), Updates.inc("attempts", 1)));
      List<OutboxEntry> claimed = new ArrayList<>();
      outbox.find(Filters.eq("claim", claimId)).sort(Sorts.ascending("createdAt", "_id"))
          .forEach(d -> claimed.add(entry(d)));
      boolean ownIncluded = claimed.stream().anyMatch(e -> e.message().key().equals(key));
      if (!ownIncluded && !claimed.isEmpty()) {
        // Only the held messages were free: another run holds this one and will take them along; give them back.
        outbox.updateMany(Filters.eq("claim", claimId), Updates.combine(
            Updates.set("state", DeliveryState.QUEUED.wire()), Updates.unset("claim"), Updates.unset("claimUntil"),
            Updates.unset("claimNode"), Updates.inc("attempts", -1)));
        return List.<OutboxEntry>of();
      }
      return claimed;
    });
  }

  @Override
  public Future<Void> hold(String key, Instant now) {
    return blocking(() -> {
      outbox.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("state", DeliveryState.QUEUED.wire())),
          Updates.combine(Updates.set("held", true), Updates.set("updatedAt", Date.from(now))));
      return null;
    });
  }

  @Override
  public Future<Void> sent(String claimId, String answer, Instant now, String digest) {
    return finish(claimId, Updates.combine(Updates.set("state", DeliveryState.SENT.wire()),
        Updates.set("answer", answer), Updates.set("errorCode", ""), Updates.set("sentAt", Date.from(now)),
        Updates.set("digest", digest), Updates.set("updatedAt", Date.from(now)), Updates.set("held", false),
        Updates.unset("claimUntil")));
  }

  @Override
  public Future<Void> release(String claimId, String errorCode, String answer, Instant now) {
    return finish(claimId, Updates.combine(Updates.set("state", DeliveryState.QUEUED.wire()),
        Updates.set("held", true), Updates.set("errorCode", errorCode), Updates.set("answer", answer),
        Updates.set("updatedAt", Date.from(now)), Updates.unset("claim"), Updates.unset("claimUntil"),
        Updates.unset("claimNode")));
  }

  @Override
  public Future<Void> failed(String claimId, String errorCode, String answer, Instant now) {
    return finish(claimId, Updates.combine(Updates.set("state", DeliveryState.FAILED.wire()),
        Updates.set("errorCode", errorCode), Updates.set("answer", answer), Updates.set("held", false),
        Updates.set("updatedAt", Date.from(now)), Updates.unset("claimUntil")));
  }

  /** Only documents still under this claim change: a claim that expired and was taken over is left alone. */
  private Future<Void> finish(String claimId, Bson update) {
    return blocking(() -> {
      outbox.updateMany(Filters.and(Filters.eq("claim", claimId), Filters.eq("state", DeliveryState.SENDING.wire())),
          update);
      return null;
    });
  }

  @Override
  public Future<List<Instant>> sendsSince(String rateKey, Instant since) {
    return blocking(() -> {
      List<Instant> out = new ArrayList<>();
      sends.find(Filters.and(Filters.eq("rateKey", rateKey), Filters.gt("at", Date.from(since))))
          .forEach(d -> out.add(d.getDate("at").toInstant()));
      return out;
    });
  }

  @Override
  public Future<Void> recordSend(String rateKey, Instant at) {
    return blocking(() -> {
      sends.insertOne(new Document("rateKey", rateKey).append("at", Date.from(at)));
      sends.deleteMany(Filters.and(Filters.eq("rateKey", rateKey),
          Filters.lt("at", Date.from(at.minusMillis(SEND_RETENTION_MS)))));
      return null;
    });
  }

  @Override
  public Future<List<String>> untried(int limit) {
    return blocking(() -> {
      List<String> out = new ArrayList<>();
      outbox.find(Filters.and(Filters.eq("state", DeliveryState.QUEUED.wire()), Filters.eq("attempts", 0)))
          .sort(Sorts.ascending("createdAt")).limit(limit).forEach(d -> out.add(d.getString("_id")));
      return out;
    });
  }

  @Override
  public Future<List<NotificationStatus>> bySeries(String seriesId, int limit) {
    return blocking(() -> {
      List<NotificationStatus> out = new ArrayList<>();
      outbox.find(Filters.eq("series", seriesId)).sort(Sorts.descending("createdAt", "_id")).limit(limit)
          .forEach(d -> out.add(status(d)));
      return out;
    });
  }

  private static Document destination(Destination destination) {
    if (destination instanceof Destination.Robot r) {
      return new Document("channel", r.channel().wire()).append("url", r.webhookUrl()).append("secret", r.secret());
    }
    return new Document("channel", Channel.EMAIL.wire()).append("to", ((Destination.Mailbox) destination).to());
  }

  private static Destination destination(Document d) {
    Channel channel = Channel.ofWire(d.getString("channel")).orElseThrow();
    return channel == Channel.EMAIL ? new Destination.Mailbox(d.getList("to", String.class))
        : new Destination.Robot(channel, d.getString("url"), d.getString("secret"));
  }

  private static OutboxEntry entry(Document d) {
    Binary calendar = d.get("calendar", Binary.class);
    Document file = d.get("attachment", Document.class);
    Message message = new Message(d.getString("_id"), d.getString("series"),
        destination(d.get("destination", Document.class)), Language.ofTag(d.getString("language")).orElseThrow(),
        d.getString("title"), d.getString("markdown"), d.getList("mentions", String.class),
        calendar == null ? null : calendar.getData(), file == null ? null : new Message.Attachment(
            file.getString("name"), file.getString("contentType"), file.get("data", Binary.class).getData()));
    Date claimUntil = d.getDate("claimUntil");
    return new OutboxEntry(message, DeliveryState.ofWire(d.getString("state")), d.getBoolean("held", false),
        d.getInteger("attempts", 0), d.getString("claim"), claimUntil == null ? null : claimUntil.toInstant(),
        d.getString("claimNode"));
  }

  private static NotificationStatus status(Document d) {
    Date sentAt = d.getDate("sentAt");
    return new NotificationStatus(d.getString("_id"), d.getString("series"),
        Channel.ofWire(d.getString("channel")).orElseThrow(), d.getString("title"),
        DeliveryState.ofWire(d.getString("state")), d.getInteger("attempts", 0), d.getString("errorCode"),
        d.getString("answer"), d.getString("digest"), d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(), sentAt == null ? null : sentAt.toInstant());
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return vertx.executeBlocking(call, false);
  }
}
