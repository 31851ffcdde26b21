// The minutes' OT session of one page (docs/PROTOCOL.md §13), apart from any textarea: it binds a
// MinutesClient (the state machine: synchronized / awaiting confirm / awaiting with buffer, sending, acks) to
// the room client and the store. It starts the MinutesClient when the store has the room, feeds it the
// MinutesEdited events in seq order (telling it which are this page's own by their clientId/clientSeq),
// re-bases it on every snapshot, Syncs when it asks, resends an edit with the clientId/clientSeq it was
// first sent with, and keeps other people's cursors mapped into the local text.
//
// A component on top only maps DOM input and IME composition to edit()/applyLocal() and renders `text`,
// `state` and `cursors()`. Invariant: `text` is always the MinutesClient's local text; this module never
// touches the DOM.

import { MinutesClient, transformCursor } from './ot-client.js';

const CURSOR_INTERVAL_MS = 200; // ≤ 5 cursors per second (§13.5)
const PAIRS_KEPT = 200;

/**
 * @param {object} options
 * @param {object} options.client the RoomClient (command, sendCursor, resync, connection)
 * @param {object} options.store the Store (loaded, state, subscribe, onEphemeral)
 * @param {(command: object) => object} options.editCommand builds the EditMinutes command (model/commands.js)
 * @param {() => string} [options.me] this page's participant id, whose own cursor echoes are ignored
 */
export function createMinutesSession({ client, store, editCommand, me = () => null }) {
  /** @type {MinutesClient|null} */
  let mc = null;
  const sentPairs = new Map(); // editId → {clientId, clientSeq}
  const ownPairs = new Set(); // "clientId:clientSeq" of the edits this page sent
  const cursors = new Map(); // participantId → {pos, anchor, at, held}
  const listeners = { change: new Set(), state: new Set(), ready: new Set(), rejected: new Set(), cursors: new Set() };
  const unsubscribe = [];
  let wanted = null; // {anchor, head} this page's caret, to be sent
  let lastSent = null;
  let lastSentAt = 0;
  let cursorTimer = null;
  let disposed = false;

  const emit = (kind, ...args) => {
    for (const listener of [...listeners[kind]]) listener(...args);
  };
  const on = (kind) => (listener) => {
    listeners[kind].add(listener);
    return () => listeners[kind].delete(listener);
  };

  function send(baseRevision, ops, { editId, resend }) {
    const reuse = resend ? sentPairs.get(editId) : null;
    const promise = client.command(editCommand(baseRevision, ops), reuse ? { reuse } : {});
    const pair = { clientId: promise.clientId, clientSeq: promise.clientSeq };
    sentPairs.set(editId, pair);
    ownPairs.add(`${pair.clientId}:${pair.clientSeq}`);
    if (sentPairs.size > PAIRS_KEPT) sentPairs.delete(sentPairs.keys().next().value);
    if (ownPairs.size > PAIRS_KEPT) ownPairs.delete(ownPairs.values().next().value);
    return promise;
  }

  function start(state) {
    mc = new MinutesClient({ revision: state.minutes.revision, text: state.minutes.text, send });
    mc.onChange((text, op, origin) => {
      for (const c of cursors.values()) {
        if (c.pos !== null) {
          c.pos = transformCursor(c.pos, op);
          c.anchor = transformCursor(c.anchor, op);
        }
      }
      adoptHeld();
      emit('change', text, op, origin);
      emit('cursors');
    });
    mc.onStateChange((s) => {
      emit('state', s);
      if (mc.canSendCursor) scheduleCursor();
    });
    mc.onNeedResync(() => client.resync({ full: true }));
    mc.onRejected((error, dropped) => emit('rejected', error, dropped));
    adoptHeld();
    emit('ready', mc.text);
    emit('cursors');
  }

  // ---------- cursors ----------

  function place(entry, message) {
    if (!mc) {
      entry.held = message;
      return;
    }
    const head = mc.cursorToLocal(message.revision, message.head);
    const anchor = mc.cursorToLocal(message.revision, message.anchor);
    if (head === null) {
      // newer than this client: hold it until the revision arrives; older than the history: drop it
      entry.held = message.revision > mc.revision ? message : null;
      entry.pos = null;
      return;
    }
    entry.held = null;
    entry.pos = head;
    entry.anchor = anchor === null ? head : anchor;
  }

  function adoptHeld() {
    for (const entry of cursors.values()) if (entry.held) place(entry, entry.held);
  }

  function onEphemeral(message) {
    if (message.ephemeral !== 'cursor' || message.participantId === me()) return;
    const entry = { pos: null, anchor: null, at: Date.now(), held: null };
    cursors.set(message.participantId, entry);
    place(entry, message);
    emit('cursors');
  }

  function scheduleCursor() {
    if (cursorTimer !== null || disposed || !wanted) return;
    const wait = Math.max(0, lastSentAt + CURSOR_INTERVAL_MS - Date.now());
    cursorTimer = setTimeout(() => {
      cursorTimer = null;
      sendCursor();
    }, wait);
  }

  function sendCursor() {
    if (!mc || !wanted || !mc.canSendCursor || client.connection !== 'live') return;
    const cursor = { revision: mc.revision, anchor: wanted.anchor, head: wanted.head };
    if (lastSent && lastSent.revision === cursor.revision && lastSent.anchor === cursor.anchor && lastSent.head === cursor.head) return;
    lastSent = cursor;
    lastSentAt = Date.now();
    client.sendCursor(cursor).catch(() => {
      lastSent = null;
    });
  }

  // ---------- the room's events ----------

  unsubscribe.push(store.onEphemeral(onEphemeral));
  unsubscribe.push(store.subscribe((state, change) => {
    if (change.type === 'snapshot') {
      if (!mc) start(state);
      else mc.resync(state.minutes.revision, state.minutes.text);
      return;
    }
    if (!mc) {
      if (store.loaded) start(state);
      return;
    }
    const envelope = change.envelope;
    const own = Boolean(envelope && envelope.clientId !== undefined && ownPairs.has(`${envelope.clientId}:${envelope.clientSeq}`));
    for (const event of (envelope && envelope.events) || []) {
      if (event.type === 'MinutesEdited') mc.applyServer(event.revision, event.ops, own);
    }
  }));
  if (store.loaded) start(store.state);

  return {
    /** Whether the session has the room's minutes (before that, nothing can be edited). */
    get ready() {
      return mc !== null;
    },
    /** The local text, with this page's unacknowledged edits. */
    get text() {
      return mc ? mc.text : '';
    },
    get revision() {
      return mc ? mc.revision : store.state.minutes.revision;
    },
    /** 'loading' | 'synchronized' | 'awaitingConfirm' | 'awaitingWithBuffer'. */
    get state() {
      return mc ? mc.state : 'loading';
    },
    /** The text is now newText (caret = caret after the edit): applied and sent. Returns the operation or null. */
    edit(newText, caret) {
      return mc ? mc.applyLocalText(newText, caret) : null;
    },
    /** A local operation on the current text (e.g. the result of an IME composition). */
    apply(op) {
      return mc ? mc.applyLocal(op) : null;
    },
    /** This page's caret / selection moved: sent at most 5 times a second, only while synchronized. */
    moveCursor(anchor, head) {
      wanted = { anchor, head };
      scheduleCursor();
    },
    /** The caret left the text: nothing more to send until moveCursor again. */
    blur() {
      wanted = null;
    },
    /** Other people's cursors in the local text: [{participantId, pos, anchor, at}], pos never null. */
    cursors() {
      const out = [];
      for (const [participantId, c] of cursors) if (c.pos !== null) out.push({ participantId, pos: c.pos, anchor: c.anchor, at: c.at });
      return out;
    },
    /** Forgets a cursor (its owner left, or it is stale). */
    forgetCursor(participantId) {
      cursors.delete(participantId);
    },
    onReady: on('ready'),
    /** listener(text, op, origin) — see MinutesClient.onChange. */
    onChange: on('change'),
    onStateChange: on('state'),
    onRejected: on('rejected'),
    onCursors: on('cursors'),
    dispose() {
      disposed = true;
      clearTimeout(cursorTimer);
      for (const u of unsubscribe) u();
      if (mc) mc.dispose();
    },
  };
}
