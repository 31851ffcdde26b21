// The co-edited minutes (docs/PROTOCOL.md §13): a textarea driven by MinutesClient. The textarea element
// is made once and never replaced; remote edits change its value with the caret and selection moved over
// them (transformCursor), local input is diffed into an operation (diffOperation → applyLocal), and while
// an IME composition is under way (Chinese input) local changes wait for compositionend and remote ones are
// merged in afterwards. Other people's cursors are listed as "Ana — line 3" and sent at most 5 times a
// second while synchronized.

import { t } from '../i18n/i18n.js';
import { MinutesClient, diffOperation, transformCursor } from '../core/ot-client.js';
import { TextOperation } from '../core/ot.js';
import { h, setAttr, setText, syncList, uid } from './dom.js';
import { lineOf } from './format.js';
import * as commands from '../model/commands.js';

const CURSOR_INTERVAL_MS = 200; // ≤ 5 cursors per second
const CURSOR_TTL_MS = 60000; // a cursor not refreshed for this long is hidden

/**
 * @param {object} ctx the room context
 * @param {{readOnly?: boolean}} [options] readOnly: show the text without editing (screens)
 * @returns {HTMLElement}
 */
export function createMinutesEditor(ctx, { readOnly = false } = {}) {
  const id = uid('minutes');
  const textarea = h('textarea', {
    id, class: 'minutes-editor', testid: 'minutes-editor', spellcheck: true, disabled: true, rows: 14,
    attrs: { 'aria-describedby': `${id}-status` },
  });
  const label = h('label', { htmlFor: id, class: 'visually-hidden', data: { i18n: 'minutes.text' } });
  const revision = h('span', { testid: 'minutes-revision', class: 'mono' }, '0');
  const saveState = h('span', { class: 'save-state' });
  const revisionLabel = h('span', { class: 'revision-label' });
  const status = h('p', { class: 'minutes-status', id: `${id}-status` }, saveState, ' · ', revisionLabel, ' ', revision);
  const cursorList = h('ul', { class: 'cursor-list', attrs: { 'aria-live': 'polite' } });
  const el = h('div', { class: 'minutes-box' }, label, textarea, status, cursorList);

  /** @type {MinutesClient|null} */
  let mc = null;
  const sentPairs = new Map(); // editId → {clientId, clientSeq}
  const ownPairs = new Set(); // "clientId:clientSeq" of edits this page sent
  let composing = false;
  let compositionBase = null; // mc.text when the composition began
  let pendingRemote = null; // remote changes (one op on compositionBase) that arrived while composing
  const cursors = new Map(); // participantId → {pos, anchor, at, held?: {revision, anchor, head}}
  let lastCursorSent = null;
  let cursorTimer = null;
  let lastCursorAt = 0;

  function send(baseRevision, ops, { editId, resend }) {
    const command = commands.editMinutes(baseRevision, ops);
    const reuse = resend ? sentPairs.get(editId) : null;
    const promise = ctx.client.command(command, reuse ? { reuse } : {});
    const pair = { clientId: promise.clientId, clientSeq: promise.clientSeq };
    sentPairs.set(editId, pair);
    ownPairs.add(`${pair.clientId}:${pair.clientSeq}`);
    if (sentPairs.size > 200) sentPairs.delete(sentPairs.keys().next().value);
    return promise;
  }

  function create(state) {
    mc = new MinutesClient({ revision: state.minutes.revision, text: state.minutes.text, send });
    mc.onChange((text, op, origin) => {
      for (const c of cursors.values()) {
        if (c.pos !== null) {
          c.pos = transformCursor(c.pos, op);
          c.anchor = transformCursor(c.anchor, op);
        }
      }
      if (origin !== 'local') showRemote(op);
      adoptHeldCursors();
      renderStatus();
      renderCursors();
    });
    mc.onStateChange(() => {
      renderStatus();
      if (mc.canSendCursor) queueCursor();
    });
    mc.onNeedResync(() => ctx.client.resync({ full: true }));
    mc.onRejected((error) => ctx.reportError(error, commands.editMinutes()));
    textarea.value = mc.text;
    textarea.disabled = false;
    adoptHeldCursors();
    renderStatus();
    renderCursors();
  }

  /** Puts a remote (or resync) change into the textarea, keeping the caret and selection where they were. */
  function showRemote(op) {
    if (composing) {
      pendingRemote = pendingRemote ? pendingRemote.compose(op) : op;
      return;
    }
    if (textarea.value === mc.text) return;
    const focused = document.activeElement === textarea;
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    const direction = textarea.selectionDirection;
    const scroll = textarea.scrollTop;
    let newStart = start;
    let newEnd = end;
    try {
      newStart = transformCursor(start, op);
      newEnd = transformCursor(end, op);
    } catch {
      // the textarea and the client disagreed; keep the positions clamped
    }
    textarea.value = mc.text;
    if (focused) textarea.setSelectionRange(newStart, newEnd, direction);
    textarea.scrollTop = scroll;
  }

  function onInput() {
    if (!mc || composing) return;
    try {
      mc.applyLocalText(textarea.value, textarea.selectionEnd);
    } catch (error) {
      console.error(error);
      textarea.value = mc.text;
    }
    queueCursor();
  }

  function onCompositionStart() {
    if (!mc) return;
    composing = true;
    compositionBase = mc.text;
    pendingRemote = null;
  }

  function onCompositionEnd() {
    if (!mc || !composing) return;
    composing = false;
    const base = compositionBase;
    compositionBase = null;
    const typed = textarea.value;
    const caret = textarea.selectionEnd;
    const remote = pendingRemote;
    pendingRemote = null;
    try {
      let local = diffOperation(base, typed, caret);
      let caretAfter = caret;
      if (remote) {
        const [remotePrime, localPrime] = TextOperation.transform(remote, local);
        local = localPrime;
        caretAfter = transformCursor(caret, remotePrime);
      }
      mc.applyLocal(local);
      if (textarea.value !== mc.text) {
        textarea.value = mc.text;
        textarea.setSelectionRange(caretAfter, caretAfter);
      }
    } catch (error) {
      console.error(error);
      textarea.value = mc.text;
    }
    queueCursor();
  }

  // ---------- cursors ----------

  function queueCursor() {
    if (!mc || readOnly || !ctx.canAct()) return;
    if (cursorTimer !== null) return;
    const wait = Math.max(0, lastCursorAt + CURSOR_INTERVAL_MS - Date.now());
    cursorTimer = ctx.timeout(() => {
      cursorTimer = null;
      sendCursor();
    }, wait);
  }

  function sendCursor() {
    if (!mc || !mc.canSendCursor || composing || document.activeElement !== textarea) return;
    if (ctx.client.connection !== 'live') return;
    const backward = textarea.selectionDirection === 'backward';
    const anchor = backward ? textarea.selectionEnd : textarea.selectionStart;
    const head = backward ? textarea.selectionStart : textarea.selectionEnd;
    const cursor = { revision: mc.revision, anchor, head };
    if (lastCursorSent && lastCursorSent.revision === cursor.revision && lastCursorSent.anchor === anchor && lastCursorSent.head === head) return;
    lastCursorSent = cursor;
    lastCursorAt = Date.now();
    ctx.client.sendCursor(cursor).catch(() => {
      lastCursorSent = null;
    });
  }

  function onRemoteCursor(message) {
    if (message.ephemeral !== 'cursor' || message.participantId === ctx.me) return;
    const entry = { pos: null, anchor: null, at: Date.now(), held: null };
    cursors.set(message.participantId, entry);
    place(entry, message);
    renderCursors();
  }

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

  function adoptHeldCursors() {
    for (const entry of cursors.values()) if (entry.held) place(entry, entry.held);
  }

  function renderCursors() {
    const now = Date.now();
    const state = ctx.state;
    const shown = [];
    for (const [pid, c] of cursors) {
      const p = state.participants[pid];
      const online = p && p.connections && p.connections.length > 0;
      if (!online || now - c.at > CURSOR_TTL_MS) {
        cursors.delete(pid);
        continue;
      }
      if (c.pos !== null && mc) shown.push({ pid, line: lineOf(mc.text, c.pos), selecting: c.anchor !== c.pos });
    }
    shown.sort((a, b) => a.line - b.line);
    syncList(cursorList, shown, (c) => c.pid, () => h('li', { class: 'cursor-entry', testid: 'minutes-cursor' },
      h('span', { class: 'cursor-swatch', attrs: { 'aria-hidden': 'true' } }), h('span', {})), (li, c) => {
      li.dataset.participantId = c.pid;
      li.dataset.line = String(c.line);
      li.firstChild.style.setProperty('--hue', String(hueOf(c.pid)));
      setText(li.lastChild, t(c.selecting ? 'ui.selectingAtLine' : 'ui.editingAtLine', { name: ctx.nameOf(c.pid), line: c.line }));
    });
  }

  function renderStatus() {
    const state = ctx.state;
    const rev = mc ? mc.revision : state.minutes.revision;
    setText(revision, String(rev));
    setText(revisionLabel, t('ui.revision'));
    let text;
    if (state.minutes.finalized) text = t('minutes.readOnly');
    else if (!mc) text = t('common.loading');
    else text = mc.state === 'synchronized' ? t('minutes.saved') : t('minutes.saving');
    setText(saveState, text);
    el.dataset.sync = mc ? mc.state : 'loading';
    const locked = readOnly || !ctx.canAct() || state.minutes.finalized;
    textarea.readOnly = locked;
    setAttr(textarea, 'aria-readonly', locked ? 'true' : null);
  }

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  for (const event of ['select', 'keyup', 'mouseup', 'focus']) textarea.addEventListener(event, queueCursor);
  ctx.listen(document, 'selectionchange', () => {
    if (document.activeElement === textarea) queueCursor();
  });

  ctx.own(ctx.store.onEphemeral(onRemoteCursor));
  ctx.own(ctx.store.subscribe((state, change) => {
    if (change.type === 'snapshot') {
      if (!mc) create(state);
      else mc.resync(state.minutes.revision, state.minutes.text);
      return;
    }
    if (!mc) {
      if (ctx.store.loaded) create(state);
      return;
    }
    const envelope = change.envelope;
    const own = envelope && envelope.clientId !== undefined && ownPairs.has(`${envelope.clientId}:${envelope.clientSeq}`);
    for (const event of (envelope && envelope.events) || []) {
      if (event.type === 'MinutesEdited') mc.applyServer(event.revision, event.ops, own);
    }
  }));
  ctx.watch(() => {
    renderStatus();
    renderCursors();
  });
  ctx.every(renderCursors, 5000);
  if (ctx.store.loaded) create(ctx.state);
  return el;
}

function hueOf(id) {
  let n = 0;
  for (let i = 0; i < id.length; i++) n = (n * 31 + id.charCodeAt(i)) % 360;
  return n;
}
