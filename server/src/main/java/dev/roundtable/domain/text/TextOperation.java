package dev.roundtable.domain.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One edit of a plain-text document, in the operational-transformation model of ot.js.
 *
 * <p>An operation walks over the whole document from start to end as a sequence of components:
 * <ul>
 *   <li>{@code retain(n)} keeps the next {@code n} units,</li>
 *   <li>{@code insert(s)} inserts {@code s} at the current position,</li>
 *   <li>{@code delete(n)} removes the next {@code n} units.</li>
 * </ul>
 * Lengths and positions are UTF-16 code units, i.e. Java {@code String} indices, because that is what the
 * browser's {@code string.length} and selection offsets count: an emoji outside the BMP is 2 units. Nothing
 * here keeps surrogate pairs together; an operation may split one, exactly as in JavaScript.
 *
 * <p>Because the components cover the whole document, an operation only applies to documents of exactly
 * {@link #baseLength()} units and always yields {@link #targetLength()} units. This is what lets the server
 * reject an operation made against a document it never had, instead of silently corrupting the minutes.
 *
 * <p>Instances are immutable and always normalised, so that equal edits compare equal and serialise
 * identically to ot.js:
 * <ul>
 *   <li>no component is empty (no {@code retain(0)}, {@code insert("")}, {@code delete(0)}),</li>
 *   <li>adjacent components of the same kind are merged,</li>
 *   <li>an insert never directly follows a delete (inserting before or after deleted text is the same edit,
 *       so ot.js picks "insert first" as the one canonical order).</li>
 * </ul>
 * Hence between two retains there is at most one insert followed by at most one delete. A trailing retain is
 * kept because it carries the length of the untouched end of the document.
 *
 * <p>The wire form is ot.js's compact JSON array, see {@link #of(List)}.
 */
public final class TextOperation {
  private static final TextOperation IDENTITY_OF_EMPTY = new TextOperation(List.of(), 0, 0);

  /** Normalised; built only by {@link Builder}, which is what guarantees the invariants above. */
  private final List<Component> components;
  private final int baseLength;
  private final int targetLength;

  private TextOperation(List<Component> components, int baseLength, int targetLength) {
    this.components = components;
    this.baseLength = baseLength;
    this.targetLength = targetLength;
  }

  /** A builder that normalises as it goes, so callers may emit components in any convenient shape. */
  public static Builder builder() {
    return new Builder();
  }

  /** The operation that leaves a document of {@code length} units unchanged. */
  public static TextOperation identity(int length) {
    return builder().retain(length).build();
  }

  /**
   * Parses ot.js's compact wire form, e.g. {@code [5, "abc", -2, 10]}: a positive integer {@code n} is
   * {@code retain(n)}, a string is an insert, a negative integer {@code -n} is {@code delete(n)}.
   *
   * <p>Integral number types as produced by JSON decoders ({@code Integer}, {@code Long}, {@code Short},
   * {@code Byte}, {@code BigInteger}) are accepted. Floating-point and decimal numbers are refused even when
   * their value is whole ({@code 3.0}), matching how the rest of the protocol treats integer fields. The
   * result is normalised, so {@code [2, 3]} parses to {@code [5]}.
   *
   * @throws IllegalArgumentException for {@code null}, zero, empty strings, fractional numbers, other types,
   *     or lengths beyond {@code Integer.MAX_VALUE}
   */
  public static TextOperation of(List<?> components) {
    if (components == null) {
      throw new IllegalArgumentException("an operation must be a list of components, got null");
    }
    Builder builder = builder();
    int position = 0;
    for (Object component : components) {
      if (component instanceof String text) {
        if (text.isEmpty()) {
          throw new IllegalArgumentException(describe(position, component) + ": an insert must not be empty");
        }
        builder.insert(text);
      } else if (isIntegral(component)) {
        long value = integralValue(position, component);
        if (value > 0) {
          builder.retain((int) value);
        } else if (value < 0) {
          builder.delete((int) -value);
        } else {
          throw new IllegalArgumentException(describe(position, component)
              + ": a retain must be positive and a delete negative, zero is neither");
        }
      } else if (component instanceof Number) {
        throw new IllegalArgumentException(describe(position, component)
            + ": retains and deletes must be integers, not " + component.getClass().getSimpleName());
      } else {
        throw new IllegalArgumentException(describe(position, component)
            + ": expected an integer (retain or delete) or a string (insert)");
      }
      position++;
    }
    return builder.build();
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger;
  }

  private static long integralValue(int position, Object value) {
    BigInteger big = value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
    // -Integer.MIN_VALUE is not an int, so the range is symmetric.
    if (big.abs().compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(describe(position, value) + ": longer than " + Integer.MAX_VALUE
          + " code units");
    }
    return big.longValue();
  }

  private static String describe(int position, Object component) {
    String shown = component instanceof String s ? quote(s) : String.valueOf(component);
    return "component " + position + " (" + shown + ")";
  }

  /** The compact wire form accepted by {@link #of(List)}: {@code Integer}s and {@code String}s. */
  public List<Object> toComponents() {
    List<Object> out = new ArrayList<>(components.size());
    for (Component component : components) {
      out.add(component.compact());
    }
    return Collections.unmodifiableList(out);
  }

  /** Length, in UTF-16 code units, of the only documents this operation applies to. */
  public int baseLength() {
    return baseLength;
  }

  /** Length, in UTF-16 code units, of the document this operation produces. */
  public int targetLength() {
    return targetLength;
  }

  /** Whether applying the operation leaves every document unchanged (it only retains, if anything). */
  public boolean isNoop() {
    return components.isEmpty() || components.size() == 1 && components.get(0) instanceof Retain;
  }

  /**
   * Applies the operation to {@code document}.
   *
   * @throws IllegalArgumentException when the document is not exactly {@link #baseLength()} units long,
   *     which means the operation was made against another version of the text
   */
  public String apply(String document) {
    if (document == null) {
      throw new IllegalArgumentException("cannot apply an operation to null");
    }
    if (document.length() != baseLength) {
      throw new IllegalArgumentException("the operation applies to a document of " + baseLength
          + " code units, this one has " + document.length());
    }
    StringBuilder out = new StringBuilder(targetLength);
    int position = 0;
    for (Component component : components) {
      if (component instanceof Retain retain) {
        out.append(document, position, position + retain.length());
        position += retain.length();
      } else if (component instanceof Insert insert) {
        out.append(insert.text());
      } else {
        position += component.length();
      }
    }
    return out.toString();
  }

  /**
   * The single operation that has the effect of this one followed by {@code next}:
   * {@code a.compose(b).apply(d)} equals {@code b.apply(a.apply(d))}. Used to squash a client's buffered edits
   * into one message, or history into a snapshot; not to transform against, see
   * {@link #transform(TextOperation, TextOperation)}.
   *
   * @throws IllegalArgumentException unless {@code targetLength() == next.baseLength()}
   */
  public TextOperation compose(TextOperation next) {
    Objects.requireNonNull(next, "next");
    if (targetLength != next.baseLength) {
      throw new IllegalArgumentException("cannot compose: the first operation produces " + targetLength
          + " code units but the second applies to " + next.baseLength);
    }
    Builder out = builder();
    Cursor first = new Cursor(components);
    Cursor second = new Cursor(next.components);
    while (first.head != null || second.head != null) {
      // Text deleted by the first operation is invisible to the second, so it passes straight through.
      if (first.head instanceof Delete) {
        int n = first.remaining();
        out.delete(n);
        first.consume(n);
        continue;
      }
      // Likewise text the second operation inserts consumes nothing of the intermediate document.
      if (second.head instanceof Insert) {
        int n = second.remaining();
        out.insert(second.text(n));
        second.consume(n);
        continue;
      }
      // The length check guarantees both cursors run out of the intermediate document together.
      int n = Math.min(first.remaining(), second.remaining());
      if (first.head instanceof Retain) {
        if (second.head instanceof Retain) {
          out.retain(n);
        } else {
          out.delete(n);
        }
      } else if (second.head instanceof Retain) {
        out.insert(first.text(n));
      }
      // An insert of the first operation that the second deletes never reaches the result: emit nothing.
      first.consume(n);
      second.consume(n);
    }
    return out.build();
  }

  /**
   * Transforms two concurrent operations made against the same document, returning {@code (a', b')} with
   * {@code b'.apply(a.apply(d))} equal to {@code a'.apply(b.apply(d))}: whichever operation a replica applied
   * first, applying the other one's primed version brings it to the same text.
   *
   * <p><b>Convention: {@code transform(serverOp, clientOp)}.</b> {@code a} is the operation the server has
   * already applied (and broadcast), {@code b} the one arriving from a client that had not seen it. The server
   * applies and stores {@link Pair#bPrime()}; a client holding a pending {@code b} receives {@code a}, applies
   * {@link Pair#aPrime()} locally and keeps {@code bPrime()} as its new pending operation.
   *
   * <p><b>Ties: {@code a} wins.</b> When both insert at the same position, {@code a}'s text ends up first and
   * {@code b}'s after it, i.e. the edit the server accepted earlier keeps its place. Both ends must put the
   * operations in the same roles, or such ties resolve differently on each side and the replicas diverge.
   * Note that ot.js's own {@code Client} and {@code Server} call {@code transform(clientOp, serverOp)}, the
   * mirror image; a JavaScript client must pass the server's operation first to agree with this server.
   *
   * <p>An insert also goes before text the other side deletes at the same position, so it survives the
   * delete. Text deleted by both is deleted once.
   *
   * <p><b>Transform against history one operation at a time.</b> Transforming against a composition of
   * several operations yields the same text as transforming against each in turn, except when a tie is
   * involved: the normal form moves an insert that followed deleted text to the start of the delete, so after
   * composing, that insert can tie with the other side's insert where before it came later. For example, with
   * {@code a1 = [2, "Z"]}, {@code a2 = [-2, 1]} and {@code b = ["Y", 2]} on {@code "ab"}, step by step gives
   * {@code "YZ"} but {@code transform(a1.compose(a2), b)} gives {@code "ZY"}. Composing is harmless when both
   * ends transform the very same composed operation, as with a client's buffer that is sent as one message.
   *
   * @throws IllegalArgumentException unless both operations have the same {@link #baseLength()}
   */
  public static Pair transform(TextOperation a, TextOperation b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (a.baseLength != b.baseLength) {
      throw new IllegalArgumentException("cannot transform: the operations apply to documents of "
          + a.baseLength + " and " + b.baseLength + " code units, so they were not made against the same text");
    }
    Builder aPrime = builder();
    Builder bPrime = builder();
    Cursor left = new Cursor(a.components);
    Cursor right = new Cursor(b.components);
    while (left.head != null || right.head != null) {
      // Checking a's inserts first is the tie-break: at a shared position a's text lands before b's.
      if (left.head instanceof Insert) {
        int n = left.remaining();
        aPrime.insert(left.text(n));
        bPrime.retain(n);
        left.consume(n);
        continue;
      }
      if (right.head instanceof Insert) {
        int n = right.remaining();
        aPrime.retain(n);
        bPrime.insert(right.text(n));
        right.consume(n);
        continue;
      }
      int n = Math.min(left.remaining(), right.remaining());
      if (left.head instanceof Retain && right.head instanceof Retain) {
        aPrime.retain(n);
        bPrime.retain(n);
      } else if (left.head instanceof Delete && right.head instanceof Retain) {
        aPrime.delete(n);
      } else if (left.head instanceof Retain && right.head instanceof Delete) {
        bPrime.delete(n);
      }
      // Text both delete is already gone on either side, so neither primed operation mentions it.
      left.consume(n);
      right.consume(n);
    }
    return new Pair(aPrime.build(), bPrime.build());
  }

  /**
   * Maps a cursor (caret or selection end) in the base document to where it belongs after this operation,
   * the way ot.js moves remote cursors: text inserted before the cursor, or exactly at it, pushes it right;
   * text deleted before it pulls it left; a delete that spans the cursor collapses it to the delete's start.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index <= baseLength()}
   */
  public int transformIndex(int index) {
    if (index < 0 || index > baseLength) {
      throw new IllegalArgumentException("index " + index + " is outside the document of " + baseLength
          + " code units");
    }
    int remaining = index;
    int moved = index;
    for (Component component : components) {
      if (component instanceof Retain retain) {
        remaining -= retain.length();
      } else if (component instanceof Insert insert) {
        moved += insert.length();
      } else {
        moved -= Math.min(remaining, component.length());
        remaining -= component.length();
      }
      // Components that start past the cursor cannot affect it; inserts exactly at it have been counted.
      if (remaining < 0) {
        break;
      }
    }
    return moved;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TextOperation operation && components.equals(operation.components);
  }

  @Override
  public int hashCode() {
    return components.hashCode();
  }

  /** The compact form, e.g. {@code TextOperation[5, "abc", -2, 10]}, with inserts quoted as JSON strings. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("TextOperation[");
    for (int i = 0; i < components.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      Object compact = components.get(i).compact();
      out.append(compact instanceof String s ? quote(s) : compact);
    }
    return out.append(']').toString();
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // Control characters and lone surrogates would make the output unreadable or unprintable.
          boolean loneSurrogate = Character.isHighSurrogate(c)
              ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
              : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
          if (c < 0x20 || loneSurrogate) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** The two transformed operations; see {@link TextOperation#transform(TextOperation, TextOperation)}. */
  public record Pair(TextOperation aPrime, TextOperation bPrime) {
    public Pair {
      Objects.requireNonNull(aPrime, "aPrime");
      Objects.requireNonNull(bPrime, "bPrime");
    }
  }

  /**
   * Collects components into a normalised {@link TextOperation}. Zero-length components are ignored, so
   * algorithms can emit them without special cases; negative lengths are refused.
   *
   * <p>The builder keeps the open tail of the operation unmerged (a retain, or an insert and a delete) until
   * the next component of another kind arrives. That is all normalisation needs, and it appends inserts to a
   * {@code StringBuilder} so that gluing many small pieces stays linear.
   */
  public static final class Builder {
    private final List<Component> components = new ArrayList<>();
    private long pendingRetain;
    private final StringBuilder pendingInsert = new StringBuilder();
    private long pendingDelete;
    private long baseLength;
    private long targetLength;

    private Builder() {
    }

    /** Keeps the next {@code n} units; {@code n == 0} is ignored. */
    public Builder retain(int n) {
      requireNonNegative(n, "retain");
      if (n > 0) {
        grow(n, n);
        flushEdits();
        pendingRetain += n;
      }
      return this;
    }

    /** Inserts {@code text} at the current position; an empty string is ignored. */
    public Builder insert(String text) {
      Objects.requireNonNull(text, "text");
      if (!text.isEmpty()) {
        grow(0, text.length());
        flushRetain();
        pendingInsert.append(text);
      }
      return this;
    }

    /** Deletes the next {@code n} units; {@code n == 0} is ignored. */
    public Builder delete(int n) {
      requireNonNegative(n, "delete");
      if (n > 0) {
        grow(n, 0);
        flushRetain();
        pendingDelete += n;
      }
      return this;
    }

    /** The normalised operation; the builder may keep being used afterwards. */
    public TextOperation build() {
      List<Component> out = new ArrayList<>(components.size() + 2);
      out.addAll(components);
      if (pendingRetain > 0) {
        out.add(new Retain((int) pendingRetain));
      }
      if (pendingInsert.length() > 0) {
        out.add(new Insert(pendingInsert.toString()));
      }
      if (pendingDelete > 0) {
        out.add(new Delete((int) pendingDelete));
      }
      if (out.isEmpty()) {
        return IDENTITY_OF_EMPTY;
      }
      return new TextOperation(Collections.unmodifiableList(out), (int) baseLength, (int) targetLength);
    }

    private void flushRetain() {
      if (pendingRetain > 0) {
        components.add(new Retain((int) pendingRetain));
        pendingRetain = 0;
      }
    }

    // Emitting the insert before the delete is what makes "insert before delete" canonical.
    private void flushEdits() {
      if (pendingInsert.length() > 0) {
        components.add(new Insert(pendingInsert.toString()));
        pendingInsert.setLength(0);
      }
      if (pendingDelete > 0) {
        components.add(new Delete((int) pendingDelete));
        pendingDelete = 0;
      }
    }

    // Checked before anything changes, so a refused component leaves the builder as it was. The totals bound
    // every component, so this also keeps each one within an int.
    private void grow(long base, long target) {
      if (baseLength + base > Integer.MAX_VALUE || targetLength + target > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("the operation would span more than " + Integer.MAX_VALUE
            + " code units");
      }
      baseLength += base;
      targetLength += target;
    }

    private static void requireNonNegative(int n, String what) {
      if (n < 0) {
        throw new IllegalArgumentException("cannot " + what + " a negative length: " + n);
      }
    }
  }

  /**
   * Walks a component list, tracking how much of the current component is used up. Keeping an offset rather
   * than slicing components keeps compose linear when a long insert is consumed in many small pieces.
   */
  private static final class Cursor {
    private final List<Component> components;
    private int next;
    /** The current component, or {@code null} once the list is exhausted. */
    private Component head;
    private int offset;

    private Cursor(List<Component> components) {
      this.components = components;
      advance();
    }

    private int remaining() {
      return head.length() - offset;
    }

    /** The next {@code n} units of the current component, which must be an insert. */
    private String text(int n) {
      return ((Insert) head).text().substring(offset, offset + n);
    }

    private void consume(int n) {
      offset += n;
      if (offset == head.length()) {
        advance();
      }
    }

    private void advance() {
      head = next < components.size() ? components.get(next++) : null;
      offset = 0;
    }
  }

  private sealed interface Component permits Retain, Insert, Delete {
    int length();

    Object compact();
  }

  private record Retain(int length) implements Component {
    @Override
    public Object compact() {
      return length;
    }
  }

  private record Insert(String text) implements Component {
    @Override
    public int length() {
      return text.length();
    }

    @Override
    public Object compact() {
      return text;
    }
  }

  private record Delete(int length) implements Component {
    @Override
    public Object compact() {
      return -length;
    }
  }
}
