// What every room view is given: the RoomClient and its store, who "I" am, a command sender that reports
// refusals, a render loop tied to the store and the locale, a ticker for countdowns, and the view's lifetime:
// components take their timers, listeners and subscriptions through ctx (timeout, every, listen, own), so
// ctx.unmount() removes every one of them when the view goes.

import { errorDetail, errorMessage, onLocaleChange } from '../i18n/i18n.js';

const TICK_MS = 250;

/**
 * @param {object} options
 * @param {import('../core/room-client.js').RoomClient} options.client
 * @param {string} options.roomId
 * @param {string} options.token
 * @param {{participantId: string|null, role: string|null}} options.session
 */
export function createContext({ client, roomId, token, session }) {
  const errorListeners = new Set();
  const renderers = new Set();
  const tickers = new Set();
  const disposers = new Set();
  let tickTimer = null;
  const me = client.participantId || session.participantId;
  const ownNotesKey = `roundtable.ownNotes.${roomId}.${me}`;
  const ownNotes = new Set(readJson(ownNotesKey, []));

  const ctx = {
    roomId,
    token,
    me,
    client,
    store: client.store,
    clock: client.clock,

    /** @returns {object} the room state */
    get state() {
      return client.store.state;
    },

    /** @returns {boolean} whether the first snapshot is in */
    get loaded() {
      return client.store.loaded;
    },

    /** My current role: from the room state once loaded (it follows HandOff), else from the token. */
    role() {
      const p = client.store.state.participants[me];
      return (p && p.role) || session.role || 'participant';
    },

    isFacilitator() {
      return ctx.role() === 'facilitator';
    },

    /** Whether I may send commands (screens are read-only). */
    canAct() {
      return ctx.role() !== 'screen';
    },

    /** A participant's display name. */
    nameOf(id) {
      const p = client.store.state.participants[id];
      return p ? p.name : id;
    },

    /**
     * Sends a command through the RoomClient (queued while offline). A refusal is reported to the error
     * listeners (the page's aria-live region) unless options.quiet. Resolves with the reply.
     */
    send(command, { quiet = false } = {}) {
      let promise;
      try {
        promise = client.command(command);
      } catch (error) {
        ctx.reportError({ code: 'UNKNOWN', message: error.message, server: true });
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN', message: error.message } });
      }
      return promise.then((reply) => {
        if (reply && reply.ok === false && !quiet) ctx.reportError(reply.error, command);
        if (reply && reply.ok && command.type === 'AddNote' && reply.result && reply.result.noteId) {
          ownNotes.add(reply.result.noteId);
          writeJson(ownNotesKey, [...ownNotes]);
        }
        return reply;
      }, (error) => ({ ok: false, error: { code: 'NETWORK', message: error.message } }));
    },

    /**
     * Reports an error {code, message} to the page. With a command (the refused one), or marked
     * `server: true`, it is the server's refusal: shown by its code/reason/field, its English message only
     * as a detail in the English UI. Without either, `message` is the page's own text, already in the UI
     * language (a form check), and is shown as it is.
     */
    reportError(error, command = null) {
      for (const listener of [...errorListeners]) listener(error, command);
    },

    onErrorReport(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },

    /** Whether a note is mine (I wrote it, also when anonymous). */
    isOwnNote(note) {
      return note.authorId === me || ownNotes.has(note.id) || note.hidden === true;
    },

    /** Whether I may edit, recolour or delete a note. */
    canEditNote(note) {
      return ctx.isFacilitator() || ctx.isOwnNote(note);
    },

    /**
     * Calls render(state, force) now and after every store change; with force = true after a locale change
     * (static text must be rebuilt). Returns an unsubscribe function.
     */
    watch(render) {
      renderers.add(render);
      safe(() => render(client.store.state, true));
      return ctx.own(() => renderers.delete(render));
    },

    /** Calls fn(serverNow) about four times a second. Returns an unsubscribe function. */
    tick(fn) {
      tickers.add(fn);
      if (tickTimer === null) {
        tickTimer = setInterval(() => {
          const now = client.clock.now();
          for (const f of [...tickers]) safe(() => f(now));
        }, TICK_MS);
      }
      safe(() => fn(client.clock.now()));
      return ctx.own(() => {
        tickers.delete(fn);
        if (tickers.size === 0 && tickTimer !== null) {
          clearInterval(tickTimer);
          tickTimer = null;
        }
      });
    },

    /**
     * Ties a clean-up function (an unsubscribe, a removeEventListener) to the view: it runs on unmount, or
     * earlier when the returned function is called. Returns that function.
     */
    own(dispose) {
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        disposers.delete(once);
        dispose();
      };
      disposers.add(once);
      return once;
    },

    /** setTimeout for the view's lifetime. Returns a function that cancels it. */
    timeout(fn, ms) {
      let cancel = null;
      const id = setTimeout(() => {
        cancel();
        fn();
      }, ms);
      cancel = ctx.own(() => clearTimeout(id));
      return cancel;
    },

    /** setInterval for the view's lifetime. Returns a function that stops it. */
    every(fn, ms) {
      const id = setInterval(fn, ms);
      return ctx.own(() => clearInterval(id));
    },

    /** addEventListener for the view's lifetime (for document, window and other long-lived targets). */
    listen(target, type, listener, options) {
      target.addEventListener(type, listener, options);
      return ctx.own(() => target.removeEventListener(type, listener, options));
    },

    /** Removes every timer, listener and subscription the view's components took through ctx. */
    unmount() {
      for (const dispose of [...disposers]) safe(dispose);
    },

    /** How many clean-ups are pending (what unmount would remove); for tests. */
    get ownedCount() {
      return disposers.size;
    },

    /** The friendly text of an error, in the UI language. */
    errorText(error, command = null) {
      return ctx.describeError(error, command).text;
    },

    /**
     * What the page shows of a reported error: {text, detail}. text is in the UI language; detail is the
     * server's English message in the English UI, else ''. See reportError for which errors are the server's.
     */
    describeError(error, command = null) {
      const e = error && typeof error === 'object' ? error : { code: error || 'UNKNOWN' };
      const own = !command && !e.server && typeof e.message === 'string' && e.message !== '';
      if (own) return { text: e.message, detail: '' };
      return { text: errorMessage(e), detail: errorDetail(e) };
    },
  };

  client.store.subscribe((state) => {
    for (const render of [...renderers]) safe(() => render(state, false));
  });
  onLocaleChange(() => {
    for (const render of [...renderers]) safe(() => render(client.store.state, true));
  });
  return ctx;
}

function safe(f) {
  try {
    f();
  } catch (error) {
    console.error(error);
  }
}

function readJson(key, fallback) {
  try {
    const value = JSON.parse(globalThis.localStorage.getItem(key) || 'null');
    return value === null ? fallback : value;
  } catch {
    return fallback;
  }
}

function writeJson(key, value) {
  try {
    globalThis.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // kept for this page only
  }
}
