// The client side of co-editing the minutes (docs/PROTOCOL.md §13): the state machine of ot.js's Client,
// with the server's argument order for transform (the server's operation first, so it wins ties).
// Plain ES module, no dependencies besides ./ot.js. It knows nothing about sockets: it is given a `send`
// function and is fed the MinutesEdited events by whoever reads the room's envelopes.
//
// States (§13.3):
//   synchronized          no edit of this client is unacknowledged
//   awaitingConfirm       one edit (`outstanding`) was sent and is not acknowledged yet
//   awaitingWithBuffer    as above, plus the edits made since, composed into one `buffer`, not sent yet
//
// Contract with the caller:
//
// - send(baseRevision, ops, meta) → Promise<reply> sends {"type":"EditMinutes","baseRevision","ops"} and
//   resolves with the command's reply: {ok:true, seq?, result:{revision, ops}} or {ok:false, error:{code,
//   message}}. It rejects (or resolves with error code UNAVAILABLE / RATE_LIMITED) when the command may not
//   have arrived. meta = {editId, resend}: editId numbers the edit; when resend is true the same edit is being
//   sent again and the send layer MUST reuse the clientId/clientSeq it used for that editId the first time,
//   so the server answers a resend of an applied edit from memory instead of applying it twice (§6.3, §13.4).
//   A new editId needs a new clientSeq. (A send layer that ignores meta is fine as long as it never
//   reports a failure for a command that might have been applied.)
//
// - applyServer(revision, ops, isOwn) for every MinutesEdited event, in seq order. isOwn: the envelope
//   carries this tab's clientId (only the sender's copy does, §8). The outstanding edit is acknowledged by
//   its own envelope or by its reply, whichever can be used first; the other one is then ignored.
//
// - On a revision gap, a divergence or a STALE_VERSION rejection the client calls its needResync
//   listeners. The caller then Syncs (§7): with `events`, it feeds the missing MinutesEdited to
//   applyServer and calls resume(); with a snapshot it calls resync(revision, text).
//
// Unsent local edits on resync(revision, text) (the "keep buffer" choice): local edits the snapshot cannot
// contain are not lost. They are re-done on the snapshot's text as a three-way merge: the change from the
// text they were made on to the snapshot's text is computed as one replace (common prefix and suffix), the
// local edits are transformed over it (server first, as always) and sent as a new edit. What counts as
// "not contained":
//   - the buffer, always;
//   - the outstanding edit only if the server said it was not applied (STALE_VERSION, UNAUTHORIZED,
//     WRONG_ROOM). Otherwise — acknowledged by a reply, or no answer yet — it is assumed to be in the snapshot,
//     because the protocol resends it and waits for the reply before a Sync (§13.4). If it was in fact lost,
//     that one edit is lost too (its text disappears from the textarea); it is never applied twice.
// Because the diff is coarse, a local edit inside a region that changed on the server may land at the edge
// of that region rather than exactly where it was typed; the copies still converge.
//
// Other rejections of the outstanding edit (INVALID_FIELD, TOO_LARGE, INVALID_STATE, INTERNAL, …) drop that
// edit and re-do the buffer on the server's text, which this client tracks, so no Sync is needed.
// MINUTES_FINALIZED and FORBIDDEN drop the buffer too (everything would be refused). rejected listeners are
// told in every case.

import { TextOperation } from './ot.js';

export const SYNCHRONIZED = 'synchronized';
export const AWAITING_CONFIRM = 'awaitingConfirm';
export const AWAITING_WITH_BUFFER = 'awaitingWithBuffer';

/** Error codes after which the same edit is sent again with the same clientId/clientSeq. */
const RETRY_CODES = new Set(['UNAVAILABLE', 'RATE_LIMITED']);
/** Error codes after which the edit was not applied but should be sent again once resynchronised. */
const HOLD_CODES = new Set(['STALE_VERSION', 'UNAUTHORIZED', 'WRONG_ROOM']);
/** Error codes after which every pending local edit would be refused as well. */
const DROP_ALL_CODES = new Set(['MINUTES_FINALIZED', 'FORBIDDEN']);

const toOperation = (op) => (op instanceof TextOperation ? op : TextOperation.fromJSON(op));

const isHighSurrogate = (c) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Moves a position (caret, selection end or a remote cursor) in the text an operation applies to, to where it
 * belongs in the text the operation produces (TextOperation.transformIndex, §13.5). Out-of-range or
 * non-integer positions are clamped into the document first instead of throwing.
 *
 * options.local: the position is this user's own caret or selection and op is a remote edit. An insert
 * exactly at the position then does not push it (the remote text lands after the caret), so two people
 * typing at the same spot keep their runs contiguous instead of interleaving keystroke by keystroke.
 */
export function transformCursor(index, op, { local = false } = {}) {
  const operation = toOperation(op);
  let i = Math.trunc(Number(index));
  if (!Number.isFinite(i) || i < 0) i = 0;
  if (i > operation.baseLength) i = operation.baseLength;
  return operation.transformIndex(i, local);
}

/**
 * transformCursor for both ends of a selection: {start, end} (and any other fields, copied) → new object.
 * options as for transformCursor.
 */
export function transformSelection(selection, op, options = {}) {
  return {
    ...selection, start: transformCursor(selection.start, op, options), end: transformCursor(selection.end, op, options),
  };
}

/**
 * The operation that turns oldText into newText as one replace: common prefix retained, the middle replaced,
 * common suffix retained. For a textarea `input` event pass the caret position after the edit as `cursor`
 * to resolve ambiguous cases ("aa" → "aaa") the way the user typed: the inserted text then ends at the caret.
 * Without it the change is placed as late as possible. Surrogate pairs are never split.
 */
export function diffOperation(oldText, newText, cursor) {
  const oldLength = oldText.length;
  const newLength = newText.length;
  let maxPrefix = Math.min(oldLength, newLength);
  if (Number.isInteger(cursor) && cursor >= 0 && cursor <= newLength) {
    // Typed text ends at the caret, so the unchanged start cannot reach past the caret minus what was added.
    maxPrefix = Math.max(0, Math.min(maxPrefix, cursor - Math.max(0, newLength - oldLength)));
  }
  let prefix = 0;
  while (prefix < maxPrefix && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--;
  const maxSuffix = Math.min(oldLength, newLength) - prefix;
  let suffix = 0;
  while (suffix < maxSuffix
      && oldText.charCodeAt(oldLength - 1 - suffix) === newText.charCodeAt(newLength - 1 - suffix)) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(oldText.charCodeAt(oldLength - suffix))) suffix--;
  return new TextOperation()
    .retain(prefix)
    .insert(newText.substring(prefix, newLength - suffix))
    .delete(oldLength - prefix - suffix)
    .retain(suffix);
}

const defaultRetryDelay = (attempt) => Math.min(500 * 2 ** (attempt - 1), 10000);

export class MinutesClient {
  /**
   * @param {object} options
   * @param {number} options.revision the revision of `text` (minutes.revision of the snapshot)
   * @param {string} options.text the minutes text at that revision
   * @param {(baseRevision:number, ops:Array, meta:{editId:number, resend:boolean}) => Promise<object>} options.send
   * @param {(attempt:number) => number} [options.retryDelayMs] delay before resending after a failed attempt
   *     (1, 2, …); default 0.5 s doubling up to 10 s
   * @param {number} [options.historyLimit] how many past server operations to keep for moving remote
   *     cursors of older revisions (default 50)
   */
  constructor({ revision = 0, text = '', send, retryDelayMs = defaultRetryDelay, historyLimit = 50 } = {}) {
    if (!Number.isInteger(revision) || revision < 0) throw new TypeError('revision must be a non-negative integer');
    if (typeof text !== 'string') throw new TypeError('text must be a string');
    if (typeof send !== 'function') throw new TypeError('send must be a function');
    this._send = send;
    this._retryDelayMs = retryDelayMs;
    this._historyLimit = historyLimit;
    this._revision = revision;
    /** Local text: the server's text at _revision with _outstanding and _buffer applied. */
    this._text = text;
    /** The server's text at _revision (what the outstanding edit applies to). */
    this._serverText = text;
    this._outstanding = null;
    this._buffer = null;
    /** The attempt to get _outstanding applied: {editId, attempts, ackRevision, noopAt, rejected, timer}. */
    this._inflight = null;
    this._nextEditId = 1;
    /** revision → the server's operation that produced it. */
    this._history = new Map();
    this._listeners = { change: new Set(), state: new Set(), needResync: new Set(), rejected: new Set() };
    this._disposed = false;
    this._lastState = SYNCHRONIZED;
  }

  // ---------- reading ----------

  /** The local text, including this client's unacknowledged edits. */
  get text() {
    return this._text;
  }

  /** The server revision the local text builds on. */
  get revision() {
    return this._revision;
  }

  /** 'synchronized' | 'awaitingConfirm' | 'awaitingWithBuffer'. */
  get state() {
    if (!this._outstanding) return SYNCHRONIZED;
    return this._buffer ? AWAITING_WITH_BUFFER : AWAITING_CONFIRM;
  }

  /** The sent, unacknowledged edit (on the server's text at `revision`), or null. */
  get outstanding() {
    return this._outstanding;
  }

  /** The composed edits made since the outstanding one was sent, or null. */
  get buffer() {
    return this._buffer;
  }

  /** The server's text at `revision`, i.e. the local text without this client's unacknowledged edits. */
  get serverText() {
    return this._serverText;
  }

  /** Cursors may be sent only while synchronized (§13.5): then `text` is the server's text at `revision`. */
  get canSendCursor() {
    return this.state === SYNCHRONIZED;
  }

  /** The error code the outstanding edit was refused with while it waits for a resync, or null. */
  get heldBy() {
    return this._inflight && this._inflight.rejected ? this._inflight.rejected : null;
  }

  // ---------- listeners (each on… returns an unsubscribe function) ----------

  /** listener(text, op, origin): op turns the previous local text into `text`; origin 'local' | 'remote' | 'resync'. */
  onChange(listener) {
    return this._on('change', listener);
  }

  /** listener(state) whenever the state changes. */
  onStateChange(listener) {
    return this._on('state', listener);
  }

  /** listener({reason, expected?, got?, error?}): the caller should Sync (§7) — see the header comment. */
  onNeedResync(listener) {
    return this._on('needResync', listener);
  }

  /** listener(error, droppedOp): the server refused an edit for good; droppedOp is null when it is kept. */
  onRejected(listener) {
    return this._on('rejected', listener);
  }

  // ---------- local edits ----------

  /**
   * The user changed the text: op (TextOperation or compact array) applies to the current local text.
   * Applies it locally, then sends it (synchronized) or buffers it (awaiting). Returns the normalised
   * operation, or null for a no-op. Throws when op does not fit the local text.
   */
  applyLocal(op) {
    const operation = toOperation(op);
    if (operation.baseLength !== this._text.length) {
      throw new RangeError(`the edit applies to a text of ${operation.baseLength} code units, the minutes have ${this._text.length}`);
    }
    if (operation.isNoop()) return null;
    this._text = operation.apply(this._text);
    if (!this._outstanding) {
      this._outstanding = operation;
      this._startNewEdit();
    } else if (!this._buffer) {
      this._buffer = operation;
    } else {
      this._buffer = this._buffer.compose(operation);
    }
    this._emit('change', this._text, operation, 'local');
    this._stateChanged();
    return operation;
  }

  /**
   * Convenience for a textarea: the text is now newText (cursor = caret after the edit, optional); diffs it
   * against the local text and applies the difference as applyLocal does. Returns the operation or null.
   */
  applyLocalText(newText, cursor) {
    if (newText === this._text) return null;
    return this.applyLocal(diffOperation(this._text, newText, cursor));
  }

  // ---------- server events ----------

  /**
   * A MinutesEdited event: `ops` (compact array or TextOperation) produced `revision`. isOwn: the envelope
   * carries this tab's clientId. Returns what happened:
   *   'applied'   a remote edit was transformed and applied to the local text,
   *   'ack'       it acknowledged the outstanding edit (already in the local text),
   *   'duplicate' revision ≤ the current one: already applied or acknowledged (e.g. by the reply), ignored,
   *   'gap'       revision > current + 1: an event was missed; needResync listeners are told,
   *   'diverged'  the operation does not fit the server's text as tracked here; needResync listeners are told.
   */
  applyServer(revision, ops, isOwn = false) {
    if (!Number.isInteger(revision)) throw new TypeError('revision must be an integer');
    if (revision <= this._revision) return 'duplicate';
    if (revision > this._revision + 1) {
      this._emit('needResync', { reason: 'GAP', expected: this._revision + 1, got: revision });
      return 'gap';
    }
    const operation = toOperation(ops);
    if (isOwn && this._outstanding && !(this._inflight && this._inflight.rejected)) {
      const matches = operation.equals(this._outstanding);
      this._ack(revision);
      if (!matches) {
        this._emit('needResync', { reason: 'DIVERGED', error: new Error('the acknowledged edit differs from the outstanding one') });
      }
      return 'ack';
    }
        let serverText;
    let local = operation;
    let outstanding = this._outstanding;
    let buffer = this._buffer;
    let text;
    try {
      serverText = operation.apply(this._serverText);
      if (outstanding) {
        // The server's operation goes first: it was accepted earlier and wins ties (§13.3).
        [local, outstanding] = TextOperation.transform(operation, outstanding);
        if (buffer) [local, buffer] = TextOperation.transform(local, buffer);
      }
      text = local.apply(this._text);
    } catch (error) {
      this._emit('needResync', { reason: 'DIVERGED', error });
      return 'diverged';
    }
    this._serverText = serverText;
    this._outstanding = outstanding;
    this._buffer = buffer;
    this._text = text;
    this._revision = revision;
    this._remember(revision, operation);
    this._emit('change', this._text, local, 'remote');
    this._maybeAckFromReply();
    this._stateChanged();
    return 'applied';
  }

  // ---------- resynchronising ----------

  /**
   * Takes the server's text and revision from a snapshot (after STALE_VERSION, a gap or a divergence, or a
   * reconnect answered with a snapshot). Local edits the snapshot cannot contain are re-done on it and sent
   * as a new edit (see the header comment). Returns the operation that turned the previous local text into
   * the new one (to move the caret and selection), which is also passed to change listeners.
   */
  resync(revision, text) {
    if (!Number.isInteger(revision) || revision < 0) throw new TypeError('revision must be a non-negative integer');
    if (typeof text !== 'string') throw new TypeError('text must be a string');
    const keep = !this._outstanding ? 'none' : this._inflight && this._inflight.rejected ? 'all' : 'buffer';
    return this._rebase(revision, text, keep);
  }

  /**
   * After a STALE_VERSION (or UNAUTHORIZED/WRONG_ROOM) rejection and a Sync answered with events, all fed to
   * applyServer: sends the held outstanding edit again as a new command on the current revision. Returns
   * whether something was sent.
   */
  resume() {
    if (!this._outstanding || !this._inflight || !this._inflight.rejected) return false;
    this._startNewEdit();
    return true;
  }

  /**
   * Sends the outstanding edit again as the same command (same editId, so the same clientId/clientSeq), e.g.
   * right after reconnecting (§13.4). Returns whether something was sent.
   */
  resend() {
    const inflight = this._inflight;
    if (!this._outstanding || !inflight || inflight.rejected || this._disposed) return false;
    clearTimeout(inflight.timer);
    inflight.timer = null;
    this._transmit(inflight, true);
    return true;
  }

  // ---------- cursors ----------

  /**
   * Moves a remote cursor position made at `revision` into the local text (§13.5): over the server's
   * operations after that revision, then over the outstanding edit and the buffer. Returns null when the
   * cursor is of a newer revision than this client has (hold it and retry later) or older than the kept
   * history (drop it).
   */
  cursorToLocal(revision, index) {
    if (!Number.isInteger(revision) || revision > this._revision) return null;
    let position = index;
    if (revision === this._revision) position = Math.max(0, Math.min(Math.trunc(Number(index)) || 0, this._serverText.length));
    for (let r = revision + 1; r <= this._revision; r++) {
      const op = this._history.get(r);
      if (!op) return null;
      position = transformCursor(position, op);
    }
    if (this._outstanding) position = transformCursor(position, this._outstanding);
    if (this._buffer) position = transformCursor(position, this._buffer);
    return position;
  }

  /** Stops retry timers and ignores every later reply. */
  dispose() {
    this._disposed = true;
    if (this._inflight) clearTimeout(this._inflight.timer);
  }

  // ---------- internals ----------

  _on(kind, listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    this._listeners[kind].add(listener);
    return () => this._listeners[kind].delete(listener);
  }

  _emit(kind, ...args) {
    for (const listener of [...this._listeners[kind]]) {
      try {
        listener(...args);
      } catch (error) {
        // A failing listener must not break the state machine; report it without stopping.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  /** Tells state listeners once per actual change, however many steps a call took. */
  _stateChanged() {
    const state = this.state;
    if (state !== this._lastState) {
      this._lastState = state;
      this._emit('state', state);
    }
  }

  _remember(revision, op) {
    this._history.set(revision, op);
    while (this._history.size > this._historyLimit) {
      this._history.delete(this._history.keys().next().value);
    }
  }

  /** Sends _outstanding as a new command (new editId). */
  _startNewEdit() {
    if (this._inflight) clearTimeout(this._inflight.timer);
    this._inflight = { editId: this._nextEditId++, attempts: 0, ackRevision: null, noopAt: null, rejected: null, timer: null };
    this._transmit(this._inflight, false);
  }

  _transmit(inflight, resend) {
    if (this._disposed) return;
    inflight.attempts++;
    let promise;
    try {
      // The outstanding edit as transformed since, on the current revision: equally correct for a resend (§13.4).
      promise = Promise.resolve(this._send(this._revision, this._outstanding.toJSON(), { editId: inflight.editId, resend }));
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (reply) => this._onReply(inflight, reply),
      (error) => this._onFailure(inflight, error),
    );
  }

  _onReply(inflight, reply) {
    if (inflight !== this._inflight || this._disposed) return; // already acknowledged, or superseded
    if (!reply || typeof reply !== 'object') {
      this._onFailure(inflight, new Error('unreadable reply'));
      return;
    }
    if (reply.ok) {
      const result = reply.result || {};
      if (!Number.isInteger(result.revision)) return; // nothing to go by: wait for the envelope
      if (reply.seq !== undefined && reply.seq !== null) inflight.ackRevision = result.revision;
      else inflight.noopAt = result.revision;
      this._maybeAckFromReply();
      this._stateChanged();
      return;
    }
    const error = reply.error || { code: 'INTERNAL', message: 'rejected without an error' };
    const code = error.code;
    if (RETRY_CODES.has(code)) {
      this._onFailure(inflight, error);
    } else if (HOLD_CODES.has(code)) {
      // Not applied; keep it for resume() or resync().
      inflight.rejected = code;
      this._emit('rejected', error, null);
      this._emit('needResync', { reason: code, error });
    } else {
      // Refused for good: drop it (and the buffer too when everything would be refused), keep the rest on the
      // server's text as tracked here.
      const dropped = DROP_ALL_CODES.has(code) && this._buffer
        ? this._outstanding.compose(this._buffer) : this._outstanding;
      this._rebase(this._revision, this._serverText, DROP_ALL_CODES.has(code) ? 'none' : 'buffer');
      this._emit('rejected', error, dropped);
    }
  }

  _onFailure(inflight, error) {
    if (inflight !== this._inflight || this._disposed || inflight.rejected) return;
    clearTimeout(inflight.timer);
    inflight.lastError = error;
    inflight.timer = setTimeout(() => {
      inflight.timer = null;
      if (inflight === this._inflight && !this._disposed && !inflight.rejected) this._transmit(inflight, true);
    }, this._retryDelayMs(inflight.attempts));
  }

  /** Acknowledges the outstanding edit from its reply once every earlier revision has been applied (§13.3). */
  _maybeAckFromReply() {
    const inflight = this._inflight;
    if (!inflight || !this._outstanding) return;
    if (inflight.ackRevision !== null) {
      if (this._revision === inflight.ackRevision - 1) {
        this._ack(inflight.ackRevision);
      } else if (this._revision >= inflight.ackRevision) {
        // The edit's own envelope was applied as someone else's: the local text now holds it twice.
        this._emit('needResync', { reason: 'DIVERGED', error: new Error(`revision ${inflight.ackRevision} was this client's edit but was applied as a remote one`) });
      }
    } else if (inflight.noopAt !== null && this._revision >= inflight.noopAt) {
      // Accepted without change: by now the outstanding edit has been transformed into a no-op as well.
      this._ack(null);
    }
  }

  /** The outstanding edit is applied on the server as `revision` (null: it changed nothing). */
  _ack(revision) {
    const op = this._outstanding;
    if (this._inflight) clearTimeout(this._inflight.timer);
    this._inflight = null;
    this._outstanding = null;
    if (revision !== null) {
      this._serverText = op.apply(this._serverText);
      this._revision = revision;
      this._remember(revision, op);
    }
    if (this._buffer) {
      this._outstanding = this._buffer;
      this._buffer = null;
      this._startNewEdit();
    }
    this._stateChanged();
  }

  /**
   * Replaces the state by the server's `text` at `revision`, re-doing local edits on it:
   * keep 'all' (outstanding and buffer), 'buffer' (the outstanding edit is in `text` or dropped) or 'none'.
   */
  _rebase(revision, text, keep) {
    const oldText = this._text;
    let base = this._serverText;
    let pending = null;
    if (keep === 'all' && this._outstanding) {
      pending = this._buffer ? this._outstanding.compose(this._buffer) : this._outstanding;
    } else if (keep === 'buffer' && this._outstanding) {
      base = this._outstanding.apply(this._serverText);
      pending = this._buffer;
    }
    let newText = text;
    let rebased = null;
    let change;
    if (pending) {
      const serverChange = diffOperation(base, text);
      const [localChange, pendingPrime] = TextOperation.transform(serverChange, pending);
      newText = pendingPrime.apply(text);
      rebased = pendingPrime.isNoop() ? null : pendingPrime;
      change = localChange;
    } else {
      change = diffOperation(oldText, newText);
    }
    if (this._inflight) clearTimeout(this._inflight.timer);
    this._inflight = null;
    this._outstanding = null;
    this._buffer = null;
    this._history.clear();
    this._revision = revision;
    this._serverText = text;
    this._text = newText;
    if (rebased) {
      this._outstanding = rebased;
      this._startNewEdit();
    }
    if (!change.isNoop()) this._emit('change', this._text, change, 'resync');
    this._stateChanged();
    return change;
  }
}
