// One participant's live connection to one room (docs/PROTOCOL.md §6, §7): registers on the room's events
// address, keeps a RoomStore in step with the server (Sync, buffering, gap detection, resync after
// reconnect), and sends commands through a persisted outbox so that none is lost or applied twice.
// Plain ES module.

import { ServerClock } from './clock.js';
import { OPEN, TransportError, backoffDelay } from './eventbus.js';
import { Outbox } from './outbox.js';
import { RoomStore, StateError } from './store.js';
import { tokenClaims } from './token.js';

/** Error codes after which a command is resent (same clientId/clientSeq) instead of answered (§6.3). */
export const RETRYABLE_CODES = Object.freeze(['UNAVAILABLE', 'RATE_LIMITED']);
/** How long the server is assumed to want when an UNAVAILABLE reply gives no retryAfterMs, ms. */
const DEFAULT_RETRY_AFTER_MS = 1000;
/** Error codes of Sync or register that no retry will cure: the client stops in state 'failed'. */
const FATAL_CODES = new Set(['UNAUTHORIZED', 'WRONG_ROOM', 'FORBIDDEN', 'ROOM_NOT_FOUND', 'BAD_JSON', 'INVALID_FIELD']);

/**
 * @param {string} roomId
 * @returns {string} the room's command address
 */
export function commandAddress(roomId) {
  return `rt.room.${roomId}.cmd`;
}

/**
 * @param {string} roomId
 * @returns {string} the room's events address
 */
export function eventsAddress(roomId) {
  return `rt.room.${roomId}.events`;
}

function safeGlobalStorage(name) {
  try {
    return globalThis[name] || null;
  } catch {
    return null; // e.g. a sandboxed frame: access throws SecurityError
  }
}

function defaultTabStorage(storage) {
  return storage && storage === safeGlobalStorage('localStorage') ? safeGlobalStorage('sessionStorage') : null;
}

/**
 * How long to hold commands after the server refused one for overload (§4.6): at least the server's
 * `retryAfterMs` hint, doubled for each refusal in a row, capped at `maxMs` (unless the hint itself is
 * longer), plus up to a quarter more at random so that the clients refused together do not come back
 * together. The jitter only lengthens the wait: the hint is the least the server asked for.
 * @param {number|undefined} retryAfterMs the reply's hint
 * @param {number} refusals refusals in a row, this one included (1, 2, …)
 * @param {{maxMs?: number, random?: () => number}} [options]
 * @returns {number} ms
 */
export function busyDelay(retryAfterMs, refusals, { maxMs = 30000, random = Math.random } = {}) {
  const hint = Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : DEFAULT_RETRY_AFTER_MS;
  const base = hint * 2 ** Math.min(Math.max(refusals, 1) - 1, 20);
  return Math.round(Math.max(hint, Math.min(maxMs, base + (random() * base) / 4)));
}

/**
 * A live room: state store + command outbox over one EventBus.
 *
 * Connection states (onConnection): 'idle' (not started), 'connecting' (socket opening), 'syncing' (open;
 * resending queued commands, then Sync), 'live' (in step: envelopes are applied as they come), 'offline'
 * (socket dropped; the EventBus reconnects), 'failed' (the server refused the token or the room; see
 * onError), 'stopped'.
 */
export class RoomClient {
  /**
   * @param {object} options
   * @param {import('./eventbus.js').EventBus} options.eventBus shared or own; start() connects it
   * @param {string} options.roomId
   * @param {string} options.token the participant's token (sent as header `token`)
   * @param {Storage|null} [options.storage=localStorage] where the outbox, clientId and clientSeq persist;
   *   null keeps them in memory
   * @param {Storage|null} [options.tabStorage] per-tab memory of the clientId (default sessionStorage when
   *   storage is localStorage, else none)
   * @param {ServerClock} [options.clock] sampled from every Sync reply
   * @param {RoomStore} [options.store]
   * @param {string} [options.participantId] default: the token's `sub`
   * @param {() => number} [options.now=Date.now] local clock for the clock samples and the outbox
   * @param {object} [options.timers] {setTimeout, clearTimeout, setInterval, clearInterval}
   * @param {number} [options.maxRetries=8] resends of a command answered UNAVAILABLE / RATE_LIMITED before
   *   that answer is given to the caller
   * @param {number} [options.busyMaxMs=30000] longest hold after refusals for overload (see busyDelay)
   * @param {object} [options.outboxOptions] more options for Outbox (leaseMs, restoreMaxAgeMs)
   */
  constructor({
    eventBus, roomId, token, storage = safeGlobalStorage('localStorage'), tabStorage = defaultTabStorage(storage),
    clock = new ServerClock(), store = null, participantId = null, now = () => Date.now(), timers = globalThis,
    maxRetries = 8, busyMaxMs = 30000, random = Math.random, outboxOptions = {},
  }) {
    if (!eventBus) throw new TypeError('RoomClient needs an eventBus');
    if (!roomId) throw new TypeError('RoomClient needs a roomId');
    if (!token) throw new TypeError('RoomClient needs a token');
    this.eventBus = eventBus;
    this.roomId = roomId;
    this.token = token;
    this.clock = clock;
    this.store = store || new RoomStore({ roomId });
    this.participantId = participantId || (tokenClaims(token) || {}).sub || null;
    this.outbox = new Outbox({
      roomId, participantId: this.participantId || 'anonymous', storage, tabStorage, now, ...outboxOptions,
    });
    this._now = now;
    this._timers = {
      setTimeout: (f, ms) => timers.setTimeout(f, ms),
      clearTimeout: (id) => timers.clearTimeout(id),
      setInterval: (f, ms) => timers.setInterval(f, ms),
      clearInterval: (id) => timers.clearInterval(id),
    };
    this._maxRetries = maxRetries;
    this._backoff = { minMs: 250, maxMs: 10000, random };
    this._busyOptions = { maxMs: busyMaxMs, random };
    /**
     * While the server refuses commands for overload: {refusals, since, retryAt, timer}. since: the last
     * send number when the hold began; retryAt (local ms) and timer are set while commands are held, null
     * once the held ones are sent again and wait for their answers. null when the server is not known to be
     * busy.
     */
    this._busy = null;
    this._sendCount = 0; // numbers every command send, so a reply can tell whether it was sent before a hold
    this._cmdAddress = commandAddress(roomId);
    this._eventsAddress = eventsAddress(roomId);
    this._headers = { token };

    this._connection = 'idle';
    this._started = false;
    this._gen = 0; // one per socket opening; stale callbacks compare it
    this._syncAttempt = 0; // one per Sync sent; stale replies compare it
    this._syncing = false;
    this._buffer = [];
    this._syncFailures = 0;
    this._sequential = true; // resend one by one (after a reconnect or failure) until the outbox is empty
    this._flushThenSync = false;
    /** @type {Map<string, object>} jobs by clientId:clientSeq */
    this._jobs = new Map();
    this._timerIds = new Set();
    this._cleanups = [];
    this._connectionListeners = new Set();
    this._errorListeners = new Set();
    this._replyListeners = new Set();
    this._busyListeners = new Set();
    this._live = null;
  }

  /** @returns {string} the clientId new commands are sent with */
  get clientId() {
    return this.outbox.clientId;
  }

  /** @returns {'idle'|'connecting'|'syncing'|'live'|'offline'|'failed'|'stopped'} */
  get connection() {
    return this._connection;
  }

  /**
   * @returns {{refusals: number, retryAt: number|null}|null} while the server refuses commands for overload:
   *   refusals in a row, and when (local ms) the held commands are sent again (null: being sent now)
   */
  get busy() {
    return this._busy ? { refusals: this._busy.refusals, retryAt: this._busy.retryAt } : null;
  }

  /** @returns {object} the room state (shorthand for store.state) */
  get state() {
    return this.store.state;
  }

  /**
   * Starts: connects the EventBus if needed, registers on the events address with the token, resends
   * queued commands, then Syncs (snapshot the first time, sinceSeq = store.seq afterwards).
   * @returns {Promise<void>} resolves the first time the client is live; rejects if it fails or is stopped
   *   before
   */
  start() {
    if (this._live) return this._live.promise;
    this._started = true;
    this._live = {};
    this._live.promise = new Promise((resolve, reject) => Object.assign(this._live, { resolve, reject }));
    this._live.promise.catch(() => {});
    const bus = this.eventBus;
    this._cleanups.push(bus.onState((state, info) => this._onBusState(state, info)));
    this._cleanups.push(bus.onError((error) => this._onBusError(error)));
    this._registerEvents();
    this._every(Math.max(1000, Math.floor(this.outbox.leaseMs / 3)), () => this.outbox.renew());
    if (typeof globalThis.addEventListener === 'function') {
      const hide = () => this.outbox.release();
      const show = () => this.outbox.renew();
      globalThis.addEventListener('pagehide', hide);
      globalThis.addEventListener('pageshow', show);
      this._cleanups.push(() => {
        globalThis.removeEventListener('pagehide', hide);
        globalThis.removeEventListener('pageshow', show);
      });
    }
    if (bus.state === OPEN) {
      this._onOpen();
    } else {
      this._setConnection('connecting');
      try {
        bus.connect().catch(() => {});
      } catch (error) {
        this._fail({ code: 'NO_TRANSPORT', message: error.message });
      }
    }
    return this._live.promise;
  }

  /**
   * Sends a command (§9) through the outbox: it gets this client's clientId and the next clientSeq, is
   * persisted until its reply arrives, and is resent with the same pair after a transport failure or a
   * reconnect (in order). UNAVAILABLE / RATE_LIMITED replies are retried with backoff (up to maxRetries);
   * after UNAVAILABLE no command is sent until the wait is over (see busyDelay and onBusy). Any other
   * reply, accepted or rejected, resolves the promise.
   * A Cursor (ephemeral, §8.2) is passed to sendCursor instead.
   * @param {{type: string}} command e.g. {type:'AddItem', title:'Budget'}
   * @param {object} [options]
   * @param {{clientId: string, clientSeq: number}} [options.reuse] send again under the pair of an earlier
   *   command of this client (the promise of command() carries it), e.g. when the MinutesClient resends an
   *   edit; the server answers from memory if it applied the first one
   * @returns {Promise<object> & {clientId: string, clientSeq: number}} the reply: {ok:true, seq?, result} or
   *   {ok:false, error:{code, message}}; rejects only if the client is stopped first
   */
  command(command, { reuse = null } = {}) {
    if (!command || typeof command !== 'object' || typeof command.type !== 'string') {
      throw new TypeError('a command is an object with a type');
    }
    if (command.type === 'Sync') throw new TypeError('Sync is sent by the client itself; call resync()');
    if (command.type === 'Cursor') return this.sendCursor(command);
    if (this._connection === 'stopped') return Promise.reject(new Error('the room client is stopped'));
    if (reuse && this._jobs.has(`${reuse.clientId}:${reuse.clientSeq}`)) {
      // still queued or in flight: the same command is already being (re)sent
      return this._job(this._jobs.get(`${reuse.clientId}:${reuse.clientSeq}`).entry, true).promise;
    }
    const entry = this.outbox.add(command, reuse);
    const job = this._job(entry, true);
    this._pump();
    return job.promise;
  }

  /**
   * Sends an ephemeral minutes cursor (§8.2). Not queued or retried: it fails when not connected.
   * @param {{revision: number, anchor: number, head: number}} cursor
   * @returns {Promise<object>} the reply ({ok:true} or {ok:false, error})
   */
  sendCursor({ revision, anchor, head }) {
    return this.eventBus.send(this._cmdAddress, { command: { type: 'Cursor', revision, anchor, head } }, this._headers);
  }

  /**
   * Resynchronises now: Sync with sinceSeq = store.seq, or a full snapshot with {full: true}.
   * @param {{full?: boolean}} [options]
   */
  resync({ full = false } = {}) {
    if (!this._started || this.eventBus.state !== OPEN || this._connection === 'failed' || this._connection === 'stopped') return;
    this._startResync([], full);
  }

  /**
   * Stops: unregisters from the events address, gives up the outbox lease (queued commands stay stored for
   * a later client) and rejects the promises of commands still waiting. The EventBus stays as it is.
   */
  stop() {
    if (this._connection === 'stopped') return;
    this._gen++;
    this._syncAttempt++;
    this._syncing = false;
    this._buffer = [];
    for (const id of this._timerIds) {
      this._timers.clearTimeout(id);
      this._timers.clearInterval(id);
    }
    this._timerIds.clear();
    this._busy = null;
    for (const cleanup of this._cleanups.splice(0)) cleanup();
    if (this._unregister) this._unregister();
    this._unregister = null;
    this.outbox.release();
    for (const job of this._jobs.values()) {
      if (job.timer) this._timers.clearTimeout(job.timer);
      if (job.reject) job.reject(new Error('the room client was stopped before the reply'));
    }
    this._jobs.clear();
    if (this._live) this._live.reject(new Error('the room client was stopped'));
    this._setConnection('stopped');
  }

  /**
   * @param {(state: string, info: object) => void} listener called on every connection state change
   * @returns {() => void} removes the listener
   */
  onConnection(listener) {
    this._connectionListeners.add(listener);
    return () => this._connectionListeners.delete(listener);
  }

  /**
   * @param {(error: {code: string, message: string, source: string}) => void} listener called when the
   *   server refuses the registration or the Sync (source 'register' / 'sync'); fatal ones put the client
   *   in state 'failed'
   * @returns {() => void} removes the listener
   */
  onError(listener) {
    this._errorListeners.add(listener);
    return () => this._errorListeners.delete(listener);
  }

  /**
   * @param {(reply: object, entry: {clientId: string, clientSeq: number, command: object}) => void} listener
   *   called with the final reply of every command, also of commands restored from an earlier page (which
   *   have no promise waiting)
   * @returns {() => void} removes the listener
   */
  onReply(listener) {
    this._replyListeners.add(listener);
    return () => this._replyListeners.delete(listener);
  }

  /**
   * @param {(busy: {refusals: number, retryAt: number|null}|null) => void} listener called when the server
   *   starts or stops refusing commands for overload, and when held commands are sent again (see busy)
   * @returns {() => void} removes the listener
   */
  onBusy(listener) {
    this._busyListeners.add(listener);
    return () => this._busyListeners.delete(listener);
  }

  // ---------- connection ----------

  _registerEvents() {
    this._unregister = this.eventBus.register(this._eventsAddress, this._headers, (body) => this._onMessage(body));
  }

  _onBusState(state, info) {
    if (this._connection === 'stopped') return;
    if (state === OPEN) {
      this._onOpen();
    } else {
      this._gen++;
      this._syncAttempt++;
      this._syncing = false;
      this._buffer = [];
      this._sequential = true;
      for (const job of this._jobs.values()) {
        if (job.status === 'waiting') {
          this._timers.clearTimeout(job.timer);
          this._timerIds.delete(job.timer);
          job.timer = null;
          job.status = 'queued';
        }
      }
      if (this._connection !== 'failed') this._setConnection(state === 'connecting' ? 'connecting' : 'offline', info || {});
    }
  }

  _onBusError(error) {
    if (!error || error.address !== this._eventsAddress || !error.body || !error.body.error) return;
    const { code, message } = error.body.error;
    if (code === 'INVALID_STATE') return; // already registered on this socket
    this._emitError({ code, message, source: 'register' });
    if (FATAL_CODES.has(code)) {
      this._fail({ code, message, source: 'register' });
    } else if (this._unregister) {
      // RATE_LIMITED or UNAVAILABLE: register again a little later
      this._unregister();
      this._unregister = null;
      this._after(backoffDelay(1, this._backoff), () => {
        // (also when the socket dropped meanwhile: the EventBus sends the register frame once it is open)
        if (!this._unregister && this._connection !== 'failed') this._registerEvents();
      });
    }
  }

  /** The socket is open (first time or again): resend queued commands, then Sync. */
  _onOpen() {
    if (this._connection === 'stopped') return;
    this._gen++;
    this._sequential = true;
    if (this._connection === 'failed') {
      this._pump(); // no Sync, but queued commands still get their (refusing) replies
      return;
    }
    this._syncing = true;
    this._buffer = [];
    this._flushThenSync = true;
    this._setConnection('syncing');
    this._pump();
  }

  _fail(error) {
    this._gen++;
    this._syncAttempt++;
    this._syncing = false;
    this._flushThenSync = false;
    this._setConnection('failed', error);
    if (this._live) this._live.reject(Object.assign(new Error(error.message), error));
  }

  // ---------- envelopes and Sync (§7.3) ----------

  _onMessage(body) {
    if (!body || typeof body !== 'object' || this._connection === 'failed') return;
    if (body.ephemeral !== undefined) {
      this.store.apply(body);
      return;
    }
    if (this._syncing || this._connection !== 'live') {
      this._buffer.push(body);
      return;
    }
    let result;
    try {
      result = this.store.apply(body);
    } catch (error) {
      this._reportStateError(error);
      this._startResync([body], true);
      return;
    }
    if (result === 'gap') this._startResync([body], false);
  }

  _startResync(buffer, full) {
    this._syncing = true;
    this._buffer = buffer;
    this._setConnection('syncing');
    this._sync(full);
  }

  _sync(full) {
    const gen = this._gen;
    const attempt = ++this._syncAttempt;
    const current = () => gen === this._gen && attempt === this._syncAttempt;
    const command = !full && this.store.loaded ? { type: 'Sync', sinceSeq: this.store.seq } : { type: 'Sync' };
    const sentAt = this._now();
    this.eventBus.send(this._cmdAddress, { command }, this._headers).then((reply) => {
      if (!current()) return;
      if (!reply || reply.ok !== true) {
        const error = (reply && reply.error) || { code: 'INTERNAL', message: 'malformed Sync reply' };
        this._emitError({ code: error.code, message: error.message, source: 'sync' });
        if (FATAL_CODES.has(error.code)) this._fail({ ...error, source: 'sync' });
        else this._retrySync(full);
        return;
      }
      if (Number.isFinite(reply.serverTime)) this.clock.sample(reply.serverTime, sentAt, this._now());
      try {
        if (reply.snapshot) {
          this.store.load(reply.snapshot, reply.seq);
        } else if (Array.isArray(reply.events)) {
          for (const envelope of reply.events) {
            if (this.store.apply(envelope) === 'gap') throw new StateError(`the Sync reply skips to seq ${envelope.seq}`);
          }
          if (this.store.seq < reply.seq) throw new StateError(`the Sync reply ends at ${this.store.seq}, not ${reply.seq}`);
        } else {
          throw new StateError('the Sync reply has neither snapshot nor events');
        }
      } catch (error) {
        this._reportStateError(error);
        this._retrySync(true);
        return;
      }
      this._drainBuffer();
    }, () => {
      // Transport failure: if the socket closed, the reopening syncs again; if not (a timeout), retry.
      if (current() && this.eventBus.state === OPEN) this._retrySync(full);
    });
  }

  _retrySync(full) {
    const gen = this._gen;
    const attempt = this._syncAttempt;
    this._after(backoffDelay(this._syncFailures++, this._backoff), () => {
      if (gen === this._gen && attempt === this._syncAttempt) this._sync(full);
    });
  }

  /** After a Sync reply: applies the envelopes buffered meanwhile, in seq order, dropping those already in. */
  _drainBuffer() {
    const buffered = this._buffer.sort((a, b) => a.seq - b.seq);
    this._buffer = [];
    for (let i = 0; i < buffered.length; i++) {
      let result;
      try {
        result = this.store.apply(buffered[i]);
      } catch (error) {
        this._reportStateError(error);
        this._buffer = buffered.slice(i);
        this._sync(true);
        return;
      }
      if (result === 'gap') {
        this._buffer = buffered.slice(i);
        this._sync(false);
        return;
      }
    }
    this._syncing = false;
    this._syncFailures = 0;
    this._setConnection('live');
    if (this._live) this._live.resolve();
  }

  _reportStateError(error) {
    if (!(error instanceof StateError)) console.error(error);
    this._emitError({ code: 'STATE', message: error.message, source: 'state' });
  }

  // ---------- commands ----------

  _job(entry, withPromise = false) {
    const key = `${entry.clientId}:${entry.clientSeq}`;
    let job = this._jobs.get(key);
    if (!job) {
      job = { key, entry, status: 'queued', attempts: 0, timer: null, resolve: null, reject: null, promise: null };
      this._jobs.set(key, job);
    }
    if (withPromise && !job.promise) {
      job.promise = new Promise((resolve, reject) => Object.assign(job, { resolve, reject }));
      job.promise.clientId = entry.clientId;
      job.promise.clientSeq = entry.clientSeq;
    }
    return job;
  }

  /**
   * Sends what may be sent now, keeping the outbox's order: everything at once while all is well, one by
   * one (each after the previous reply) after a reconnect or a failure, until the outbox is empty.
   */
  _pump() {
    if (this._connection === 'stopped') return;
    if (this.eventBus.state === OPEN && !this._holding()) {
      const entries = this.outbox.entries;
      if (entries.length === 0) this._sequential = false;
      for (const entry of entries) {
        const job = this._job(entry);
        if (job.status === 'sending') {
          if (this._sequential) break;
          continue;
        }
        if (job.status === 'waiting') break;
        this._send(job);
        if (this._sequential) break;
      }
    }
    this._maybeSyncAfterFlush();
  }

  /** After a reconnect the Sync waits until the resent commands are answered (§13.4), or are waiting to retry. */
  _maybeSyncAfterFlush() {
    if (!this._flushThenSync || this.eventBus.state !== OPEN) return;
    // While commands are held for overload the Sync does not wait for them: a Sync is never refused (§4.6).
    for (const entry of this._holding() ? [] : this.outbox.entries) {
      const status = this._job(entry).status;
      if (status === 'sending' || status === 'queued') return;
      break; // the first is waiting: do not hold the Sync for it
    }
    this._flushThenSync = false;
    this._sync(false);
  }

  _send(job) {
    const { entry } = job;
    const gen = this._gen;
    job.status = 'sending';
    job.attempts += 1;
    job.sendNo = ++this._sendCount;
    const body = { clientId: entry.clientId, clientSeq: entry.clientSeq, command: entry.command };
    this.eventBus.send(this._cmdAddress, body, this._headers).then(
      (reply) => this._onReply(job, reply),
      (error) => this._onSendFailed(job, error, gen),
    );
  }

  _onReply(job, reply) {
    if (this._jobs.get(job.key) !== job) return;
    const code = reply && reply.ok === false && reply.error ? reply.error.code : null;
    if (code === 'UNAVAILABLE' && job.attempts <= this._maxRetries) {
      this._holdForBusy(job, reply.error.retryAfterMs);
      return;
    }
    if (RETRYABLE_CODES.includes(code) && job.attempts <= this._maxRetries) {
      this._retryLater(job);
      return;
    }
    this._jobs.delete(job.key);
    this._maybeEndBusy(job);
    this.outbox.remove(job.entry);
    if (job.resolve) job.resolve(reply);
    for (const listener of [...this._replyListeners]) {
      try {
        listener(reply, job.entry);
      } catch (error) {
        console.error('reply listener failed', error);
      }
    }
    this._pump();
  }

  _onSendFailed(job, error, gen) {
    if (this._jobs.get(job.key) !== job) return;
    if (!(error instanceof TransportError)) console.error('command send failed', error);
    this._sequential = true;
    if (gen === this._gen && this.eventBus.state === OPEN) {
      this._retryLater(job); // no reply in time on a live socket: resend (the server deduplicates)
    } else {
      job.status = 'queued'; // the socket closed: resent when it opens again
    }
  }

  _retryLater(job) {
    this._sequential = true;
    job.status = 'waiting';
    job.timer = this._after(backoffDelay(job.attempts - 1, this._backoff), () => {
      job.timer = null;
      if (job.status !== 'waiting') return;
      job.status = 'queued';
      this._pump();
    });
    this._pump();
  }

  // ---------- overload (§4.6) ----------

  /** Whether commands are held now because the server refused one for overload. */
  _holding() {
    return !!(this._busy && this._busy.timer !== null);
  }

  /**
   * The server refused `job` for overload: it waits (in its place in the outbox) and so does every command
   * after it, for busyDelay; then they are sent again one by one, the refused one first, under their own
   * pairs. A refusal of a command sent before the current hold began belongs to the same burst and does not
   * lengthen the wait; one of a command sent after it does (the server is still busy).
   */
  _holdForBusy(job, retryAfterMs) {
    this._sequential = true;
    job.status = 'waiting';
    job.heldForBusy = true;
    const busy = this._busy;
    if (!(busy && busy.timer !== null && job.sendNo <= busy.since)) {
      const refusals = busy ? busy.refusals + 1 : 1;
      const delay = busyDelay(retryAfterMs, refusals, this._busyOptions);
      if (busy && busy.timer !== null) this._cancelTimer(busy.timer);
      const next = { refusals, since: this._sendCount, retryAt: this._now() + delay, timer: null };
      next.timer = this._after(delay, () => this._endHold(next));
      this._busy = next;
      this._emitBusy();
    }
    this._pump();
  }

  /** The wait is over: the held commands go out again (one by one, in order); the state stays busy until answered. */
  _endHold(busy) {
    if (this._busy !== busy) return;
    busy.timer = null;
    busy.retryAt = null;
    for (const job of this._jobs.values()) {
      if (job.heldForBusy && job.status === 'waiting') job.status = 'queued';
      job.heldForBusy = false;
    }
    this._emitBusy();
    this._pump();
  }

  /**
   * A command got its final reply: the server is no longer known to be busy if the command was sent after
   * the last hold ended (so it was not refused), or if no command is left to send again.
   */
  _maybeEndBusy(job) {
    const busy = this._busy;
    if (!busy || busy.timer !== null) return;
    const waiting = [...this._jobs.values()].some((j) => j.heldForBusy);
    if (job.sendNo > busy.since || !waiting) {
      this._busy = null;
      this._emitBusy();
    }
  }

  _emitBusy() {
    const busy = this.busy;
    for (const listener of [...this._busyListeners]) {
      try {
        listener(busy);
      } catch (error) {
        console.error('busy listener failed', error);
      }
    }
  }

  // ---------- small helpers ----------

  _after(ms, f) {
    const id = this._timers.setTimeout(() => {
      this._timerIds.delete(id);
      f();
    }, ms);
    this._timerIds.add(id);
    return id;
  }

  _cancelTimer(id) {
    this._timers.clearTimeout(id);
    this._timerIds.delete(id);
  }

  _every(ms, f) {
    const id = this._timers.setInterval(f, ms);
    this._timerIds.add(id);
    return id;
  }

  _setConnection(state, info = {}) {
    if (state === this._connection) return;
    this._connection = state;
    for (const listener of [...this._connectionListeners]) {
      try {
        listener(state, info);
      } catch (error) {
        console.error('connection listener failed', error);
      }
    }
  }

  _emitError(error) {
    for (const listener of [...this._errorListeners]) {
      try {
        listener(error);
      } catch (e) {
        console.error('error listener failed', e);
      }
    }
  }
}
