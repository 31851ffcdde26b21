// Operational transformation of plain text: a faithful port of the server's
// dev.roundtable.domain.text.TextOperation (server/src/main/java/dev/roundtable/domain/text/TextOperation.java).
// Plain ES module, no dependencies.
//
// An operation walks over the whole document from start to end as a sequence of components:
//   retain(n)  keeps the next n units,
//   insert(s)  inserts s at the current position,
//   delete(n)  removes the next n units.
// Lengths and positions are UTF-16 code units (JavaScript string length), exactly as on the server.
//
// Operations are always in the same normal form as on the server (and in ot.js):
//   - no empty component (no retain(0), insert(""), delete(0)),
//   - adjacent components of the same kind are merged,
//   - an insert never directly follows a delete ("insert before delete").
// So equal edits serialise identically, and compose/transform give results identical to Java's for the same
// inputs (checked against fixtures produced by the Java implementation in tests/ot.fixtures.js).
//
// The compact wire form (toJSON / fromJSON) is ot.js's: a positive integer is a retain, a string an insert,
// a negative integer a delete, e.g. [5, "abc", -2, 10].
//
// Tie-break of transform(a, b): a wins. When both insert at the same position, a's text goes first. The
// server calls transform(serverOp, clientOp), and a client must do the same: transform(serverOp, pending).

const MAX_LENGTH = 2147483647; // Java's Integer.MAX_VALUE: the server refuses anything longer.

const isRetain = (c) => typeof c === 'number' && c > 0;
const isInsert = (c) => typeof c === 'string';
const isDelete = (c) => typeof c === 'number' && c < 0;

/** Length in code units of one compact component. */
const lengthOf = (c) => (typeof c === 'string' ? c.length : Math.abs(c));

/** A JSON string literal with control characters and lone surrogates escaped, like the Java toString. */
function quote(text) {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else {
      const high = c >= 0xd800 && c <= 0xdbff;
      const low = c >= 0xdc00 && c <= 0xdfff;
      const lone = high
        ? i + 1 >= text.length || !(text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff)
        : low && (i === 0 || !(text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff));
      if (c < 0x20 || lone) out += '\\u' + c.toString(16).padStart(4, '0');
      else out += ch;
    }
  }
  return out + '"';
}

function describe(position, component) {
  let shown;
  if (typeof component === 'string') shown = quote(component);
  else if (component !== null && typeof component === 'object') {
    try {
      shown = JSON.stringify(component);
    } catch {
      shown = String(component);
    }
  } else shown = String(component);
  return `component ${position} (${shown})`;
}

function requireLength(n, what) {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`cannot ${what} ${String(n)}: the length must be an integer`);
  }
  if (n < 0) {
    throw new RangeError(`cannot ${what} a negative length: ${n}`);
  }
}

/**
 * Walks a component list, tracking how much of the current component is used up (the Java Cursor).
 * Keeping an offset rather than slicing keeps compose linear when a long insert is consumed piecemeal.
 */
class Cursor {
  constructor(components) {
    this.components = components;
    this.next = 0;
    this.head = null;
    this.offset = 0;
    this.advance();
  }

  remaining() {
    return lengthOf(this.head) - this.offset;
  }

  /** The next n units of the current component, which must be an insert. */
  text(n) {
    return this.head.substring(this.offset, this.offset + n);
  }

  consume(n) {
    this.offset += n;
    if (this.offset === lengthOf(this.head)) this.advance();
  }

  advance() {
    this.head = this.next < this.components.length ? this.components[this.next++] : null;
    this.offset = 0;
  }
}

export class TextOperation {
  /** An empty operation (the no-op on the empty document); extend it with retain, insert and delete. */
  constructor() {
    /** Normalised compact components; treat as read-only, use the builder methods. */
    this.ops = [];
    /** Length, in UTF-16 code units, of the only documents this operation applies to. */
    this.baseLength = 0;
    /** Length, in UTF-16 code units, of the document this operation produces. */
    this.targetLength = 0;
  }

  /** The operation that leaves a document of `length` units unchanged. */
  static identity(length) {
    return new TextOperation().retain(length);
  }

  /**
   * Parses the compact wire form, e.g. [5, "abc", -2, 10]. The result is normalised, so [2, 3] parses to [5].
   * Throws (TypeError or RangeError, with the component's position in the message, like the server's
   * "component N (…): …") for a non-array, zero, empty strings, non-integral numbers, other types, or lengths
   * beyond 2^31 - 1. Note that JavaScript cannot tell 3.0 from 3 once JSON is parsed, so unlike the server
   * this accepts a whole number written as "3.0".
   */
  static fromJSON(components) {
    if (!Array.isArray(components)) {
      throw new TypeError(`an operation must be a list of components, got ${components === null ? 'null' : typeof components}`);
    }
    const operation = new TextOperation();
    for (let position = 0; position < components.length; position++) {
      const component = components[position];
      if (typeof component === 'string') {
        if (component.length === 0) {
          throw new RangeError(`${describe(position, component)}: an insert must not be empty`);
        }
        operation.insert(component);
      } else if (typeof component === 'number' || typeof component === 'bigint') {
        if (typeof component === 'number' && !Number.isInteger(component)) {
          throw new TypeError(`${describe(position, component)}: retains and deletes must be integers`);
        }
        const big = BigInt(component);
        const abs = big < 0n ? -big : big;
        if (abs > BigInt(MAX_LENGTH)) {
          throw new RangeError(`${describe(position, component)}: longer than ${MAX_LENGTH} code units`);
        }
        const value = Number(big);
        if (value > 0) operation.retain(value);
        else if (value < 0) operation.delete(-value);
        else {
          throw new RangeError(`${describe(position, component)}: a retain must be positive and a delete negative, zero is neither`);
        }
      } else {
        throw new TypeError(`${describe(position, component)}: expected an integer (retain or delete) or a string (insert)`);
      }
    }
    return operation;
  }

  /** The compact wire form accepted by fromJSON: a new array of numbers and strings. */
  toJSON() {
    return this.ops.slice();
  }

  // ---------- builder ----------
  // Each method normalises as it goes, exactly like the Java Builder, and returns this. Zero-length
  // components are ignored; negative or fractional lengths are refused. A component that would make the
  // operation longer than 2^31 - 1 units is refused and leaves the operation unchanged.

  /** Keeps the next n units; retain(0) is ignored. */
  retain(n) {
    requireLength(n, 'retain');
    if (n === 0) return this;
    this._grow(n, n);
    const ops = this.ops;
    if (isRetain(ops[ops.length - 1])) ops[ops.length - 1] += n;
    else ops.push(n);
    return this;
  }

  /** Inserts text at the current position; insert("") is ignored. */
  insert(text) {
    if (typeof text !== 'string') {
      throw new TypeError(`cannot insert ${text === null ? 'null' : typeof text}: the text must be a string`);
    }
    if (text.length === 0) return this;
    this._grow(0, text.length);
    const ops = this.ops;
    const last = ops.length - 1;
    if (isInsert(ops[last])) {
      ops[last] += text;
    } else if (isDelete(ops[last])) {
      // Insert before delete: the insert joins the one in front of the delete, or goes in front of it.
      if (isInsert(ops[last - 1])) ops[last - 1] += text;
      else {
        ops[last + 1] = ops[last];
        ops[last] = text;
      }
    } else {
      ops.push(text);
    }
    return this;
  }

  /** Deletes the next n units; delete(0) is ignored. */
  delete(n) {
    requireLength(n, 'delete');
    if (n === 0) return this;
    this._grow(n, 0);
    const ops = this.ops;
    if (isDelete(ops[ops.length - 1])) ops[ops.length - 1] -= n;
    else ops.push(-n);
    return this;
  }

  /** @private Checked before anything changes, so a refused component leaves the operation as it was. */
  _grow(base, target) {
    if (this.baseLength + base > MAX_LENGTH || this.targetLength + target > MAX_LENGTH) {
      throw new RangeError(`the operation would span more than ${MAX_LENGTH} code units`);
    }
    this.baseLength += base;
    this.targetLength += target;
  }

  // ---------- queries ----------

  /** Whether applying the operation leaves every document unchanged (it only retains, if anything). */
  isNoop() {
    return this.ops.length === 0 || (this.ops.length === 1 && isRetain(this.ops[0]));
  }

  /** Whether other has the same normalised components. */
  equals(other) {
    if (!(other instanceof TextOperation) || other.ops.length !== this.ops.length) return false;
    for (let i = 0; i < this.ops.length; i++) {
      if (this.ops[i] !== other.ops[i]) return false;
    }
    return true;
  }

  /** The compact form, e.g. TextOperation[5, "abc", -2, 10], as the Java toString prints it. */
  toString() {
    return `TextOperation[${this.ops.map((c) => (typeof c === 'string' ? quote(c) : String(c))).join(', ')}]`;
  }

  // ---------- algorithms ----------

  /**
   * Applies the operation to document. Throws a RangeError when the document is not exactly baseLength
   * units long, which means the operation was made against another version of the text.
   */
  apply(document) {
    if (typeof document !== 'string') {
      throw new TypeError(`cannot apply an operation to ${document === null ? 'null' : typeof document}`);
    }
    if (document.length !== this.baseLength) {
      throw new RangeError(`the operation applies to a document of ${this.baseLength} code units, this one has ${document.length}`);
    }
    const parts = [];
    let position = 0;
    for (const c of this.ops) {
      if (isRetain(c)) {
        parts.push(document.substring(position, position + c));
        position += c;
      } else if (isInsert(c)) {
        parts.push(c);
      } else {
        position -= c;
      }
    }
    return parts.join('');
  }

  /**
   * The single operation that has the effect of this one followed by next:
   * a.compose(b).apply(d) === b.apply(a.apply(d)). Throws unless this.targetLength === next.baseLength.
   */
  compose(next) {
    if (!(next instanceof TextOperation)) throw new TypeError('compose needs a TextOperation');
    if (this.targetLength !== next.baseLength) {
      throw new RangeError(`cannot compose: the first operation produces ${this.targetLength} code units but the second applies to ${next.baseLength}`);
    }
    const out = new TextOperation();
    const first = new Cursor(this.ops);
    const second = new Cursor(next.ops);
    while (first.head !== null || second.head !== null) {
      // Text deleted by the first operation is invisible to the second, so it passes straight through.
      if (isDelete(first.head)) {
        const n = first.remaining();
        out.delete(n);
        first.consume(n);
        continue;
      }
      // Likewise text the second operation inserts consumes nothing of the intermediate document.
      if (isInsert(second.head)) {
        const n = second.remaining();
        out.insert(second.text(n));
        second.consume(n);
        continue;
      }
      // The length check guarantees both cursors run out of the intermediate document together.
      const n = Math.min(first.remaining(), second.remaining());
      if (isRetain(first.head)) {
        if (isRetain(second.head)) out.retain(n);
        else out.delete(n);
      } else if (isRetain(second.head)) {
        out.insert(first.text(n));
      }
      // An insert of the first operation that the second deletes never reaches the result: emit nothing.
      first.consume(n);
      second.consume(n);
    }
    return out;
  }

  /**
   * Transforms two concurrent operations made against the same document, returning [aPrime, bPrime] with
   * bPrime.apply(a.apply(d)) === aPrime.apply(b.apply(d)).
   *
   * Convention, as on the server: transform(serverOp, clientOp). a wins ties: when both insert at the same
   * position a's text ends up first. An insert also goes before text the other side deletes at the same
   * position, so it survives the delete; text deleted by both is deleted once.
   *
   * Transform against history one operation at a time: transforming against a composition of several
   * operations can resolve a tie differently (see the Java documentation).
   *
   * Throws unless both operations have the same baseLength.
   */
  static transform(a, b) {
    if (!(a instanceof TextOperation) || !(b instanceof TextOperation)) {
      throw new TypeError('transform needs two TextOperations');
    }
    if (a.baseLength !== b.baseLength) {
      throw new RangeError(`cannot transform: the operations apply to documents of ${a.baseLength} and ${b.baseLength} code units, so they were not made against the same text`);
    }
    const aPrime = new TextOperation();
    const bPrime = new TextOperation();
    const left = new Cursor(a.ops);
    const right = new Cursor(b.ops);
    while (left.head !== null || right.head !== null) {
      // Checking a's inserts first is the tie-break: at a shared position a's text lands before b's.
      if (isInsert(left.head)) {
        const n = left.remaining();
        aPrime.insert(left.text(n));
        bPrime.retain(n);
        left.consume(n);
        continue;
      }
      if (isInsert(right.head)) {
        const n = right.remaining();
        aPrime.retain(n);
        bPrime.insert(right.text(n));
        right.consume(n);
        continue;
      }
      const n = Math.min(left.remaining(), right.remaining());
      if (isRetain(left.head) && isRetain(right.head)) {
        aPrime.retain(n);
        bPrime.retain(n);
      } else if (isDelete(left.head) && isRetain(right.head)) {
        aPrime.delete(n);
      } else if (isRetain(left.head) && isDelete(right.head)) {
        bPrime.delete(n);
      }
      // Text both delete is already gone on either side, so neither primed operation mentions it.
      left.consume(n);
      right.consume(n);
    }
    return [aPrime, bPrime];
  }

  /**
   * Maps a cursor (caret or selection end) in the base document to where it belongs after this operation,
   * the way ot.js moves remote cursors: text inserted before the cursor, or exactly at it, pushes it right;
   * text deleted before it pulls it left; a delete that spans the cursor collapses it to the delete's start.
   * Throws a RangeError unless 0 <= index <= baseLength.
   *
   * stayBeforeInserts: the position is this user's own caret and the operation is someone else's. Then text
   * inserted exactly at the caret goes after it instead of pushing it right, so two people who start typing at
   * the same spot each keep a contiguous run (otherwise each keystroke would land behind the other's last one).
   */
  transformIndex(index, stayBeforeInserts = false) {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > this.baseLength) {
      throw new RangeError(`index ${index} is outside the document of ${this.baseLength} code units`);
    }
    let remaining = index;
    let moved = index;
    for (const c of this.ops) {
      if (isRetain(c)) {
        remaining -= c;
      } else if (isInsert(c)) {
        if (remaining === 0 && stayBeforeInserts) break;
        moved += c.length;
      } else {
        moved -= Math.min(remaining, -c);
        remaining += c;
      }
      // Components that start past the cursor cannot affect it; inserts exactly at it have been counted.
      if (remaining < 0) break;
    }
    return moved;
  }
}
