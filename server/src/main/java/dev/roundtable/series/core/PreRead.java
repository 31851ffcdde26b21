package dev.roundtable.series.core;

/**
 * A document to read before an occurrence: a link ({@code url}) or a file kept by the node ({@code file}),
 * exactly one of the two. A stored pre-read from before files existed has no {@code file} and reads as a link.
 */
public record PreRead(String id, String title, String url, File file) {
  public PreRead {
    if ((url == null) == (file == null)) {
      throw new IllegalArgumentException("a pre-read is a link or a file: " + id);
    }
  }

  /** A stored file: its id in the file store, the name it was uploaded with, its media type and size in bytes. */
  public record File(String fileId, String name, String contentType, long size) {
  }

  public static PreRead link(String id, String title, String url) {
    return new PreRead(id, title, url, null);
  }

  public static PreRead file(String id, String title, File file) {
    return new PreRead(id, title, null, file);
  }

  /** Not {@code isFile}: the stored JSON would gain a property of that name. */
  public boolean hasFile() {
    return file != null;
  }
}
