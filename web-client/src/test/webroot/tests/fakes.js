// Test doubles: timers under manual control, an in-memory Storage, a SockJS stand-in and an in-memory
// EventBus.

import { TransportError } from '../js/core/eventbus.js';

/** Lets every pending promise callback run (one macrotask turn). */
export function flush() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * setTimeout/setInterval under manual control: nothing runs until advance().
 */
export class FakeTimers {
  constructor(start = 1_000_000) {
    this.time = start;
    this._next = 1;
    this._timers = new Map();
  }

  now = () => this.time;

  setTimeout = (fn, ms = 0) => {
    const id = this._next++;
    this._timers.set(id, { fn, at: this.time + Math.max(0, ms), every: 0 });
    return id;
  };

  clearTimeout = (id) => {
    this._timers.delete(id);
  };

  setInterval = (fn, ms) => {
    const id = this._next++;
    this._timers.set(id, { fn, at: this.time + ms, every: Math.max(1, ms) });
    return id;
  };

  clearInterval = (id) => {
    this._timers.delete(id);
  };

  /** How many timers are pending. */
  get pending() {
    return this._timers.size;
  }

  /** Delays of the pending timers from now, sorted. */
  delays() {
    return [...this._timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  /** Moves the clock forward by ms, running due timers in order; promise callbacks run between timers. */
  async advance(ms) {
    const end = this.time + ms;
    await flush();
    for (;;) {
      let nextId = null;
      let next = null;
      for (const [id, t] of this._timers) {
        if (t.at <= end && (!next || t.at < next.at)) {
          next = t;
          nextId = id;
        }
      }
      if (!next) break;
      this.time = next.at;
      if (next.every) next.at += next.every;
      else this._timers.delete(nextId);
      next.fn();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

/** The Web Storage interface over a Map. */
export class FakeStorage {
  constructor(entries = {}) {
    this._map = new Map(Object.entries(entries));
  }

  get length() {
    return this._map.size;
  }

  key(i) {
    return [...this._map.keys()][i] ?? null;
  }

  getItem(key) {
    return this._map.has(key) ? this._map.get(key) : null;
  }

  setItem(key, value) {
    this._map.set(key, String(value));
  }

  removeItem(key) {
    this._map.delete(key);
  }

  clear() {
    this._map.clear();
  }

  /** All keys starting with prefix. */
  keys(prefix = '') {
    return [...this._map.keys()].filter((k) => k.startsWith(prefix));
  }

  json(key) {
    return JSON.parse(this.getItem(key));
  }
}

/**
 * A SockJS stand-in. Each construction is recorded in FakeSockJS.instances; the test drives it with
 * open(), receive(frame) and drop(). Frames the client sends are parsed into `sent`.
 */
export function makeFakeSockJS() {
  class FakeSockJS {
    static instances = [];

    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedByClient = false;
      FakeSockJS.instances.push(this);
    }

    send(data) {
      if (this.readyState !== 1) throw new Error('InvalidStateError: the connection has not been established yet');
      this.sent.push(JSON.parse(data));
    }

    close() {
      this.closedByClient = true;
      this.readyState = 3;
      if (this.onclose) this.onclose({ code: 1000, reason: 'Normal closure' });
    }

    // driven by the test
    open() {
      this.readyState = 1;
      this.onopen && this.onopen({});
    }

    /** Delivers a frame as SockJS does: a JSON string in event.data (or raw data if `raw`). */
    receive(frame, raw = false) {
      this.onmessage && this.onmessage({ data: raw ? frame : JSON.stringify(frame) });
    }

    drop(code = 1006) {
      this.readyState = 3;
      this.onclose && this.onclose({ code, reason: 'dropped' });
    }

    framesOf(type) {
      return this.sent.filter((f) => f.type === type);
    }
  }
  return FakeSockJS;
}

/**
 * An in-memory EventBus with the same surface as js/eventbus.js. Sends are recorded with their resolve and
 * reject functions; the test answers them.
 */
export class FakeEventBus {
  constructor() {
    this.state = 'closed';
    this.sends = [];
    this.frames = []; // register / unregister, in order, interleaved with sends as {type:'send'}
    this.registrations = new Map();
    this._stateListeners = new Set();
    this._errorListeners = new Set();
    this.connectCalls = 0;
  }

  connect() {
    this.connectCalls++;
    if (this.state !== 'open') this._set('connecting');
    return new Promise(() => {});
  }

  send(address, body, headers) {
    if (this.state !== 'open') {
      return Promise.reject(new TransportError('the event bus is not connected', 'NOT_OPEN'));
    }
    return new Promise((resolve, reject) => {
      const record = { address, body, headers, resolve, reject, answered: false };
      record.reply = (reply) => {
        record.answered = true;
        resolve(reply);
      };
      record.fail = (code = 'TIMEOUT') => {
        record.answered = true;
        reject(new TransportError(`transport ${code}`, code));
      };
      this.sends.push(record);
      this.frames.push({ type: 'send', address, body });
    });
  }

  register(address, headers, handler) {
    this.registrations.set(address, { headers, handler });
    this.frames.push({ type: 'register', address, headers });
    return () => this.unregister(address, handler);
  }

  unregister(address) {
    this.registrations.delete(address);
    this.frames.push({ type: 'unregister', address });
  }

  onState(listener) {
    this._stateListeners.add(listener);
    return () => this._stateListeners.delete(listener);
  }

  onError(listener) {
    this._errorListeners.add(listener);
    return () => this._errorListeners.delete(listener);
  }

  close() {
    this._set('closed');
  }

  // driven by the test
  open() {
    this._set('open');
  }

  /** The socket drops: every unanswered send fails with a transport error, then the state goes closed. */
  drop() {
    this._set('closed');
    for (const s of this.sends) if (!s.answered) s.fail('CLOSED');
  }

  deliver(address, body) {
    const registration = this.registrations.get(address);
    if (registration) registration.handler(body, { type: 'rec', address, body });
  }

  error(frame) {
    for (const listener of [...this._errorListeners]) listener(frame);
  }

  /** Unanswered sends whose command has this type. */
  pending(type) {
    return this.sends.filter((s) => !s.answered && (!type || s.body.command.type === type));
  }

  /** All sends whose command has this type. */
  sent(type) {
    return this.sends.filter((s) => !type || s.body.command.type === type);
  }

  _set(state) {
    this.state = state;
    for (const listener of [...this._stateListeners]) listener(state, {});
  }
}
