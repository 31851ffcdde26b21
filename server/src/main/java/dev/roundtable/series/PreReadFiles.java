package dev.roundtable.series;

import com.mongodb.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Where the content of pre-read files is kept, apart from the series' document (which holds only each file's
 * id, name, type and size, see {@code PreRead.File}). Content is written before the series records it and
 * deleted after the series forgot it, so a series never names a missing file; a node that dies in between
 * leaves a file nobody names (an orphan: harmless, never served, as only a series' pre-read opens a file).
 * Blocking driver calls run on a worker.
 */
public interface PreReadFiles {
  /** GridFS bucket of the node's database: collections {@code prereads.files} and {@code prereads.chunks}. */
  String BUCKET = "prereads";

  /** A file's content and how it was uploaded. */
  record Content(String name, String contentType, Buffer bytes) {
  }

  /** Opens the files on the node's database (GridFS bucket {@value #BUCKET}). */
  static PreReadFiles create(Vertx vertx, MongoDatabase database) {
    return new GridFsPreReadFiles(vertx, database);
  }

  /** Stores {@code bytes} as a file of {@code seriesId}; answers the new file's id. */
  Future<String> store(String seriesId, String name, String contentType, Buffer bytes);

  /** The file's content; empty when there is no file of that id. */
  Future<Optional<Content>> open(String fileId);

  /** Deletes the file; a file that is not there (deleted already, or never written) is no error. */
  Future<Void> delete(String fileId);
}
