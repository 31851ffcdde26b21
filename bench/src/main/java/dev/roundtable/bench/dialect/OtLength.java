package dev.roundtable.bench.dialect;

import io.vertx.core.json.JsonArray;

/**
 * Length of the minutes after an operation in ot.js compact form (PROTOCOL §13.1): positive ints retain,
 * strings insert, negative ints delete. The bench only needs the length to build edits that fit. Pure.
 */
public final class OtLength {

  private OtLength() {
  }

  /** UTF-16 length of the text after {@code ops} (retains + inserts). */
  public static int after(JsonArray ops) {
    int length = 0;
    for (int i = 0; i < ops.size(); i++) {
      Object c = ops.getValue(i);
      if (c instanceof String s) {
        length += s.length();
      } else if (c instanceof Number n && n.intValue() > 0) {
        length += n.intValue();
      }
    }
    return length;
  }
}
