// Client of the Vert.x event-bus bridge over SockJS (docs/PROTOCOL.md §4), written for Roundtable.
// Plain ES module. The only outside dependency is a SockJS constructor, injected or taken from
// window.SockJS (the classic script /webjars/sockjs-client/1.5.1/sockjs.min.js).
//
// Frames are JSON objects: {type:'send'|'register'|'unregister'|'ping', ...} from us, {type:'rec'|'err', ...}
// from the server. SockJS delivers them as text; binary messages (the raw WebSocket transport) are decoded
// as UTF-8 too.

import { uuid } from './ids.js';

/** The connection is being opened (first time or after a drop). */
export const CONNECTING = 'connecting';
/** The socket is open: frames can be sent. */
export const OPEN = 'open';
/** No socket: closed by close(), or dropped and waiting to reconnect. */
export const CLOSED = 'closed';

/**
 * SockJS close code a Roundtable node sends when it shuts down (drains): not a failure of the network, so
 * the client reconnects at once (through the load balancer, to another node) instead of backing off.
 */
export const NODE_SHUTDOWN_CODE = 4001;
/** Longest random wait before reconnecting after a node shutdown, so its clients do not all arrive at once. */
const SHUTDOWN_SPREAD_MS = 250;

/**
 * A send that got no reply: the socket was not open or closed before the reply, the reply did not come in
 * time, or the bridge failed the reply. Whether the server applied the message is unknown, so a command
 * with a clientId/clientSeq pair may be resent safely (§6.3).
 */
export class TransportError extends Error {
  /**
   * @param {string} message
   * @param {'NOT_OPEN'|'CLOSED'|'TIMEOUT'|'BRIDGE'|'SEND_FAILED'} code
   * @param {object} [frame] the bridge's err frame, for code BRIDGE
   */
  constructor(message, code, frame) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
    this.transport = true;
    if (frame !== undefined) this.frame = frame;
  }
}

/**
 * Parses one frame as delivered by the socket: a JSON string, UTF-8 bytes, or an already parsed object.
 * @param {string|ArrayBuffer|ArrayBufferView|object} data
 * @returns {object}
 */
export function parseFrame(data) {
  if (typeof data === 'string') return JSON.parse(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return JSON.parse(new TextDecoder().decode(data));
  if (data && typeof data === 'object') return data;
  throw new TypeError(`not a frame: ${typeof data}`);
}

/**
 * The reconnect delay after `attempt` failed attempts: exponential from minMs, capped at maxMs, with
 * "equal jitter" (a random value in the upper half of the step), never below minMs.
 * @param {number} attempt 0 for the first retry
 * @param {{minMs?: number, maxMs?: number, random?: () => number}} [options]
 * @returns {number} milliseconds
 */
export function backoffDelay(attempt, { minMs = 250, maxMs = 10000, random = Math.random } = {}) {
  const step = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.max(minMs, Math.round(step / 2 + (random() * step) / 2));
}

/**
 * One event-bus connection with automatic reconnect. Registrations survive reconnects: every registered
 * address is registered again, with its headers, as soon as a new socket opens. Sends are never queued
 * here: a send while the socket is not open fails at once with a TransportError (callers that must not
 * lose a message keep it themselves, as RoomClient's outbox does).
 */
export class EventBus {
  /**
   * @param {string} url the SockJS endpoint, e.g. '/eventbus'
   * @param {object} [options]
   * @param {Function} [options.SockJS] SockJS constructor; default window.SockJS at connect time
   * @param {number} [options.pingMs=5000] interval of {type:'ping'} frames while open (the bridge closes a
   *   socket that has not pinged for 10 s)
   * @param {number} [options.replyTimeoutMs=15000] how long send() waits for its reply
   * @param {number} [options.minBackoffMs=250] first reconnect delay
   * @param {number} [options.maxBackoffMs=10000] longest reconnect delay
   * @param {() => number} [options.random=Math.random] jitter source
   * @param {object} [options.timers] {setTimeout, clearTimeout, setInterval, clearInterval}; default the
   *   global ones (tests inject fakes)
   * @param {object} [options.sockJsOptions] passed as the third argument of the SockJS constructor
   */
  constructor(url, {
    SockJS = null, pingMs = 5000, replyTimeoutMs = 15000, minBackoffMs = 250, maxBackoffMs = 10000,
    random = Math.random, timers = globalThis, sockJsOptions = undefined,
  } = {}) {
    this.url = url;
    this._SockJS = SockJS;
    this._pingMs = pingMs;
    this._replyTimeoutMs = replyTimeoutMs;
    this._backoff = { minMs: minBackoffMs, maxMs: maxBackoffMs, random };
    this._timers = {
      setTimeout: (f, ms) => timers.setTimeout(f, ms),
      clearTimeout: (id) => timers.clearTimeout(id),
      setInterval: (f, ms) => timers.setInterval(f, ms),
      clearInterval: (id) => timers.clearInterval(id),
    };
    this._sockJsOptions = sockJsOptions;
    this._state = CLOSED;
    this._socket = null;
    this._wanted = false;
    this._attempt = 0;
    this._reconnectTimer = null;
    this._pingTimer = null;
    /** @type {Map<string, {resolve: Function, reject: Function, timer: any}>} */
    this._pending = new Map();
    /** @type {Map<string, {headers: object, handlers: Function[]}>} */
    this._registrations = new Map();
    this._openWaiters = [];
    this._stateListeners = new Set();
    this._errorListeners = new Set();
  }

  /** @returns {'connecting'|'open'|'closed'} the current state */
  get state() {
    return this._state;
  }

  /**
   * Opens the connection (and keeps it open, reconnecting after drops, until close()). Calling it while
   * a reconnect is scheduled reconnects at once; calling it while connecting or open changes nothing.
   * @returns {Promise<void>} resolves when the socket is open; rejects if close() comes first
   */
  connect() {
    if (this._state === OPEN) return Promise.resolve();
    const SockJS = this._SockJS || globalThis.SockJS;
    if (typeof SockJS !== 'function') {
      throw new Error('SockJS is not loaded (load /webjars/sockjs-client/1.5.1/sockjs.min.js first)');
    }
    this._wanted = true;
    const opened = new Promise((resolve, reject) => this._openWaiters.push({ resolve, reject }));
    opened.catch(() => {});
    if (this._reconnectTimer !== null) {
      this._timers.clearTimeout(this._reconnectTimer);
      this._reconnectTimer = null;
    }
    if (!this._socket) this._open();
    return opened;
  }

  /**
   * Sends `body` to `address` and waits for the reply (replyAddress is a fresh UUID).
   * @param {string} address e.g. 'rt.room.<roomId>.cmd'
   * @param {object} body
   * @param {object} [headers] e.g. {token}
   * @returns {Promise<any>} the reply's body (for Roundtable {ok, seq, result} or {ok:false, error});
   *   rejects with a TransportError when the socket is not open, closes first, the bridge answers the
   *   reply address with an err frame, or no reply comes within replyTimeoutMs
   */
  send(address, body, headers = {}) {
    if (this._state !== OPEN || !this._socket) {
      return Promise.reject(new TransportError('the event bus is not connected', 'NOT_OPEN'));
    }
    const replyAddress = uuid();
    return new Promise((resolve, reject) => {
      const timer = this._timers.setTimeout(() => {
        this._pending.delete(replyAddress);
        reject(new TransportError(`no reply within ${this._replyTimeoutMs} ms`, 'TIMEOUT'));
      }, this._replyTimeoutMs);
      this._pending.set(replyAddress, { resolve, reject, timer });
      if (!this._write({ type: 'send', address, headers: headers || {}, body, replyAddress })) {
        this._settle(replyAddress, null, new TransportError('the frame could not be sent', 'SEND_FAILED'));
      }
    });
  }

  /**
   * Registers a handler for messages on `address`. The register frame (with `headers`) is sent now if the
   * socket is open, and again after every reconnect. Several handlers may share an address; the frame is
   * sent once per address, with the headers of the first registration.
   * @param {string} address e.g. 'rt.room.<roomId>.events'
   * @param {object} headers e.g. {token}
   * @param {(body: any, frame: object) => void} handler
   * @returns {() => void} removes this handler (like unregister(address, handler))
   */
  register(address, headers, handler) {
    if (typeof handler !== 'function') throw new TypeError('register needs a handler function');
    let registration = this._registrations.get(address);
    if (!registration) {
      registration = { headers: headers || {}, handlers: [] };
      this._registrations.set(address, registration);
      if (this._state === OPEN) this._write({ type: 'register', address, headers: registration.headers });
    }
    registration.handlers.push(handler);
    return () => this.unregister(address, handler);
  }

  /**
   * Removes `handler` from `address`, or every handler when none is given. When no handler is left the
   * unregister frame is sent (if open) and the address is no longer registered after reconnects.
   * @param {string} address
   * @param {Function} [handler]
   */
  unregister(address, handler) {
    const registration = this._registrations.get(address);
    if (!registration) return;
    if (handler) {
      const i = registration.handlers.indexOf(handler);
      if (i >= 0) registration.handlers.splice(i, 1);
      if (registration.handlers.length > 0) return;
    }
    this._registrations.delete(address);
    if (this._state === OPEN) this._write({ type: 'unregister', address, headers: registration.headers });
  }

  /**
   * Listens to state changes.
   * @param {(state: 'connecting'|'open'|'closed', info: {reconnectInMs?: number, byClient?: boolean}) => void} listener
   * @returns {() => void} removes the listener
   */
  onState(listener) {
    this._stateListeners.add(listener);
    return () => this._stateListeners.delete(listener);
  }

  /**
   * Listens to errors that belong to no send: err frames without an address ({type:'err', body:'rejected'},
   * 'invalid_json', …), err frames for a registered address (a refused register: {type:'err', address,
   * body:{ok:false, error}}), frames that are not JSON, and exceptions thrown by handlers
   * ({type:'handler', address, error}).
   * @param {(error: object) => void} listener
   * @returns {() => void} removes the listener
   */
  onError(listener) {
    this._errorListeners.add(listener);
    return () => this._errorListeners.delete(listener);
  }

  /**
   * Closes the connection for good (until connect() is called again): no reconnect, pending sends fail
   * with TransportError CLOSED. Registrations are kept for a later connect().
   */
  close() {
    this._wanted = false;
    if (this._reconnectTimer !== null) {
      this._timers.clearTimeout(this._reconnectTimer);
      this._reconnectTimer = null;
    }
    const socket = this._socket;
    this._dropSocket();
    if (socket) {
      try {
        socket.close(1000, 'closed by client');
      } catch {
        // already closing
      }
    }
    for (const waiter of this._openWaiters.splice(0)) waiter.reject(new TransportError('closed', 'CLOSED'));
    this._setState(CLOSED, { byClient: true });
  }

  // ---------- internals ----------

  _open() {
    const SockJS = this._SockJS || globalThis.SockJS;
    this._setState(CONNECTING, {});
    let socket;
    try {
      socket = new SockJS(this.url, null, this._sockJsOptions);
    } catch (error) {
      this._emitError({ type: 'socket', error });
      this._scheduleReconnect();
      return;
    }
    this._socket = socket;
    socket.onopen = () => {
      if (socket === this._socket) this._onOpen();
    };
    socket.onmessage = (event) => {
      if (socket === this._socket) this._onFrame(event.data);
    };
    socket.onclose = (event) => {
      if (socket === this._socket) this._onDrop(event && event.code);
    };
  }

  _onOpen() {
    this._attempt = 0;
    for (const [address, registration] of this._registrations) {
      this._write({ type: 'register', address, headers: registration.headers });
    }
    this._pingTimer = this._timers.setInterval(() => this._write({ type: 'ping' }), this._pingMs);
    this._setState(OPEN, {});
    for (const waiter of this._openWaiters.splice(0)) waiter.resolve();
  }

  _onFrame(data) {
    let frame;
    try {
      frame = parseFrame(data);
    } catch (error) {
      this._emitError({ type: 'parse', error, data });
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    const address = frame.address;
    if (frame.type === 'rec') {
      if (address !== undefined && this._pending.has(address)) {
        this._settle(address, frame.body, null);
        return;
      }
      const registration = this._registrations.get(address);
      if (!registration) return;
      for (const handler of registration.handlers.slice()) {
        try {
          handler(frame.body, frame);
        } catch (error) {
          this._emitError({ type: 'handler', address, error });
          console.error('event-bus handler failed', error);
        }
      }
    } else if (frame.type === 'err') {
      if (address !== undefined && this._pending.has(address)) {
        const message = frame.message || (typeof frame.body === 'string' ? frame.body : 'the bridge failed the reply');
        this._settle(address, null, new TransportError(message, 'BRIDGE', frame));
        return;
      }
      this._emitError(frame);
    }
  }

  _onDrop(code) {
    this._dropSocket();
    if (!this._wanted) {
      this._setState(CLOSED, { byClient: true });
      return;
    }
    if (code === NODE_SHUTDOWN_CODE) {
      this._attempt = 0;
      this._scheduleReconnect(Math.floor(this._backoff.random() * SHUTDOWN_SPREAD_MS), { handover: true });
      return;
    }
    this._scheduleReconnect();
  }

  _scheduleReconnect(delay = backoffDelay(this._attempt++, this._backoff), info = {}) {
    this._reconnectTimer = this._timers.setTimeout(() => {
      this._reconnectTimer = null;
      if (this._wanted && !this._socket) this._open();
    }, delay);
    this._setState(CLOSED, { reconnectInMs: delay, ...info });
  }

  /** Forgets the current socket: stops pinging and fails every pending send. */
  _dropSocket() {
    this._socket = null;
    if (this._pingTimer !== null) {
      this._timers.clearInterval(this._pingTimer);
      this._pingTimer = null;
    }
    for (const address of [...this._pending.keys()]) {
      this._settle(address, null, new TransportError('the connection closed before the reply', 'CLOSED'));
    }
  }

  _settle(replyAddress, body, error) {
    const pending = this._pending.get(replyAddress);
    if (!pending) return;
    this._pending.delete(replyAddress);
    this._timers.clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(body);
  }

  /** Writes one frame; false when the socket is gone or refuses it. */
  _write(frame) {
    if (!this._socket) return false;
    try {
      this._socket.send(JSON.stringify(frame));
      return true;
    } catch (error) {
      this._emitError({ type: 'socket', error });
      return false;
    }
  }

  _setState(state, info) {
    if (state === this._state && state !== CLOSED) return;
    this._state = state;
    for (const listener of [...this._stateListeners]) {
      try {
        listener(state, info);
      } catch (error) {
        console.error('event-bus state listener failed', error);
      }
    }
  }

  _emitError(error) {
    for (const listener of [...this._errorListeners]) {
      try {
        listener(error);
      } catch (e) {
        console.error('event-bus error listener failed', e);
      }
    }
  }
}
