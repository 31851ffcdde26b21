// The persisted outbox of one room client: its clientId, the last clientSeq it used, and the commands sent
// or to be sent that have no reply yet (docs/PROTOCOL.md §6.3). Kept in Web Storage so that a command
// survives a dropped connection and a page reload, and is resent with the same clientId/clientSeq (the
// server answers such a resend with the original reply and does not apply it twice).
//
// Storage layout: one record per client id, under
//   roundtable.client.<roomId>.<participantId>.<clientId>
//   = {clientId, clientSeq, outbox: [{clientId, clientSeq, command, at}], owner, leaseUntil, updatedAt}
//
// A clientId must be used by one client instance only (§6.3, §13.3): two tabs with the same clientId would
// number their commands from the same counter and get each other's replies. So a record is leased by the
// instance using it (owner, leaseUntil; renewed by RoomClient, released on stop and on page hide). A new
// instance takes back the clientId this tab used before (remembered in tabStorage, i.e. sessionStorage) if
// its lease is free, otherwise, without tabStorage, the most recently used free record; failing that it
// makes a new clientId. Records left by instances that are gone (lease expired) and still hold commands
// are adopted: their commands are resent with their own clientId/clientSeq, which is harmless even if two
// tabs happen to adopt the same record, since the server deduplicates the pair. A clientId is never given a
// clientSeq twice: the counter is stored with it.
//
// Plain ES module.

import { uuid } from './ids.js';

const PREFIX = 'roundtable.client';
/** Records without commands and untouched for this long are deleted (the token lifetime). */
const FORGET_AFTER_MS = 7 * 24 * 3600 * 1000;

function readJson(storage, key) {
  try {
    const raw = storage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/**
 * A client's outbox with its clientId and clientSeq counter, persisted in `storage`.
 */
export class Outbox {
  /**
   * @param {object} options
   * @param {string} options.roomId
   * @param {string} [options.participantId='anonymous'] records are kept per participant: a resend must
   *   go out with the token of the participant who sent the command
   * @param {Storage|null} [options.storage] where records live (localStorage); null keeps everything in
   *   memory
   * @param {Storage|null} [options.tabStorage] per-tab memory of the clientId (sessionStorage), or null
   * @param {() => number} [options.now=Date.now]
   * @param {number} [options.leaseMs=90000] how long a lease holds without renewal (long enough for the
   *   one-per-minute timers of hidden tabs)
   * @param {number} [options.restoreMaxAgeMs=900000] commands from an earlier page older than this are
   *   dropped instead of being resent
   */
  constructor({
    roomId, participantId = 'anonymous', storage = null, tabStorage = null, now = () => Date.now(),
    leaseMs = 90000, restoreMaxAgeMs = 15 * 60 * 1000,
  }) {
    if (!roomId) throw new TypeError('Outbox needs a roomId');
    this._storage = storage;
    this._tabStorage = tabStorage;
    this._now = now;
    this._leaseMs = leaseMs;
    this._restoreMaxAgeMs = restoreMaxAgeMs;
    this._base = `${PREFIX}.${roomId}.${participantId}.`;
    this._tabKey = `${PREFIX}.tab.${roomId}.${participantId}`;
    this._owner = uuid();
    this._listeners = new Set();
    this._claim();
  }

  /** @returns {string} the clientId of new commands */
  get clientId() {
    return this._record.clientId;
  }

  /** @returns {number} the last clientSeq given out */
  get clientSeq() {
    return this._record.clientSeq;
  }

  /** @returns {{clientId: string, clientSeq: number, command: object, at: number}[]} commands without a reply, oldest first */
  get entries() {
    return this._record.outbox.slice();
  }

  /** @returns {number} how long a lease lasts without renewal, ms */
  get leaseMs() {
    return this._leaseMs;
  }

  /**
   * Adds a command with the next clientSeq and persists it.
   * @param {object} command
   * @param {{clientId: string, clientSeq: number}} [pair] the pair of an earlier command to send again (a
   *   resend the server answers from memory); default a new pair
   * @returns {{clientId: string, clientSeq: number, command: object, at: number}} the entry
   */
  add(command, pair = null) {
    this._ensureOwned();
    const record = this._record;
    let clientId = record.clientId;
    let clientSeq;
    if (pair) {
      ({ clientId, clientSeq } = pair);
    } else {
      record.clientSeq += 1;
      clientSeq = record.clientSeq;
    }
    const entry = { clientId, clientSeq, command, at: this._now() };
    record.outbox.push(entry);
    this._save();
    return entry;
  }

  /**
   * Removes an entry (its reply arrived, or it is given up) and persists the outbox.
   * @param {{clientId: string, clientSeq: number}} entry
   * @returns {boolean} whether it was there
   */
  remove(entry) {
    const outbox = this._record.outbox;
    const i = outbox.findIndex((e) => e.clientId === entry.clientId && e.clientSeq === entry.clientSeq);
    if (i < 0) return false;
    outbox.splice(i, 1);
    this._ensureOwned();
    this._save();
    return true;
  }

  /** Renews the lease (call every leaseMs / 3 or so); takes a new clientId if another instance took ours. */
  renew() {
    this._ensureOwned();
    this._save();
  }

  /** Gives up the lease (commands stay stored, for the next instance to resend). */
  release() {
    const stored = this._storage && readJson(this._storage, this._key());
    if (stored && stored.owner !== this._owner) return;
    this._record.leaseUntil = 0;
    this._write();
  }

  /**
   * Listens to changes of the entries (added, removed).
   * @param {(entries: object[]) => void} listener
   * @returns {() => void} removes the listener
   */
  onChange(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  // ---------- internals ----------

  _key(clientId = this._record.clientId) {
    return this._base + clientId;
  }

  _free(record, now) {
    return !record.owner || record.owner === this._owner || !(record.leaseUntil > now);
  }

  /** Picks the record to use and adopts the commands of abandoned ones. */
  _claim() {
    const now = this._now();
    const records = this._scan();
    const free = records.filter((r) => this._free(r, now));
    let mine = null;
    const remembered = this._tabStorage ? this._readTab() : null;
    if (remembered) mine = free.find((r) => r.clientId === remembered) || null;
    if (!mine && !this._tabStorage) {
      mine = free.slice().sort((a, b) => (b.updatedAt || 0) - (a.updatedAt || 0))[0] || null;
    }
    if (!mine) mine = { clientId: `web-${uuid()}`, clientSeq: 0, outbox: [] };
    mine = { clientId: mine.clientId, clientSeq: mine.clientSeq || 0, outbox: (mine.outbox || []).slice() };
    for (const other of free) {
      if (other.clientId === mine.clientId) continue;
      if (other.outbox && other.outbox.length > 0) {
        mine.outbox.push(...other.outbox);
        this._removeKey(this._base + other.clientId);
      } else if (now - (other.updatedAt || 0) > FORGET_AFTER_MS) {
        this._removeKey(this._base + other.clientId);
      }
    }
    mine.outbox = mine.outbox
      .filter((e) => e && e.command && now - (e.at || 0) <= this._restoreMaxAgeMs)
      .sort((a, b) => (a.at || 0) - (b.at || 0));
    this._record = mine;
    this._rememberInTab();
    this._save();
  }

  /** If another instance holds our record's lease now, moves on to a new clientId (keeping our entries). */
  _ensureOwned() {
    if (!this._storage) return;
    const stored = readJson(this._storage, this._key());
    if (!stored || this._free(stored, this._now())) return;
    this._record = { clientId: `web-${uuid()}`, clientSeq: 0, outbox: this._record.outbox };
    this._rememberInTab();
  }

  _scan() {
    const records = [];
    if (!this._storage) return records;
    try {
      const keys = [];
      for (let i = 0; i < this._storage.length; i++) {
        const key = this._storage.key(i);
        if (key && key.startsWith(this._base)) keys.push(key);
      }
      for (const key of keys) {
        const record = readJson(this._storage, key);
        if (record && typeof record.clientId === 'string' && this._base + record.clientId === key) records.push(record);
      }
    } catch {
      // storage unavailable: start afresh
    }
    return records;
  }

  _save() {
    this._record.owner = this._owner;
    this._record.leaseUntil = this._now() + this._leaseMs;
    this._write();
    for (const listener of [...this._listeners]) {
      try {
        listener(this.entries);
      } catch (error) {
        console.error('outbox listener failed', error);
      }
    }
  }

  _write() {
    if (!this._storage) return;
    this._record.updatedAt = this._now();
    try {
      this._storage.setItem(this._key(), JSON.stringify(this._record));
    } catch {
      // quota or privacy mode: keep going in memory
    }
  }

  _removeKey(key) {
    try {
      this._storage.removeItem(key);
    } catch {
      // ignore
    }
  }

  _readTab() {
    try {
      return this._tabStorage.getItem(this._tabKey);
    } catch {
      return null;
    }
  }

  _rememberInTab() {
    if (!this._tabStorage) return;
    try {
      this._tabStorage.setItem(this._tabKey, this._record.clientId);
    } catch {
      // ignore
    }
  }
}
