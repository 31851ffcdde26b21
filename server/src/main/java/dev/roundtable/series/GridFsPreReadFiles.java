package dev.roundtable.series;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * {@link PreReadFiles} in a GridFS bucket of the node's database. A file's id is its GridFS {@code ObjectId}
 * in hex; its metadata records the series and the content type. Files are at most the configured
 * {@code preReadMaxBytes} (10 MiB by default), so they are read and written whole.
 */
final class GridFsPreReadFiles implements PreReadFiles {
  private final Vertx vertx;
  private final GridFSBucket bucket;

  GridFsPreReadFiles(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.bucket = GridFSBuckets.create(database, BUCKET);
  }

  @Override
  public Future<String> store(String seriesId, String name, String contentType, Buffer bytes) {
    return blocking(() -> bucket.uploadFromStream(name, new ByteArrayInputStream(bytes.getBytes()),
        new GridFSUploadOptions().metadata(new Document("seriesId", seriesId).append("contentType", contentType)))
        .toHexString());
  }

  @Override
  public Future<Optional<Content>> open(String fileId) {
    ObjectId id = id(fileId);
    return blocking(() -> {
      GridFSFile file = id == null ? null : bucket.find(Filters.eq("_id", id)).first();
      if (file == null) {
        return Optional.empty();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(file.getLength(), Integer.MAX_VALUE));
      bucket.downloadToStream(id, out);
      Document meta = file.getMetadata();
      String type = meta == null ? null : meta.getString("contentType");
      return Optional.of(new Content(file.getFilename(), type, Buffer.buffer(out.toByteArray())));
    });
  }

  @Override
  public Future<Void> delete(String fileId) {
    ObjectId id = id(fileId);
    return blocking(() -> {
      if (id != null) {
        try {
          bucket.delete(id);
        } catch (MongoGridFSException missing) {
          // deleted already, or never written: nothing to do
        }
      }
      return null;
    });
  }

  private static ObjectId id(String fileId) {
    return fileId != null && ObjectId.isValid(fileId) ? new ObjectId(fileId) : null;
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
