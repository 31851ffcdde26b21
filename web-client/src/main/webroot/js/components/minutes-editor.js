// The co-edited minutes as a textarea over the page's minutes session (core/minutes-session.js, which holds
// the OT state machine and talks to the server). This component only maps the DOM to operations and
// renders: the textarea element is made once and never replaced; remote edits change its value with the
// caret and selection kept where they were (an insert exactly at the caret goes after it, so two people
// typing at the same spot keep their runs contiguous); local input is diffed into an operation; while an
// IME composition is under way (Chinese input) local changes wait for compositionend and remote ones are
// merged in afterwards. Other people's cursors are listed as "Ana — line 3".

import { t } from '../i18n/i18n.js';
import { diffOperation, transformCursor } from '../core/ot-client.js';
import { createMinutesSession } from '../core/minutes-session.js';
import { TextOperation } from '../core/ot.js';
import { h, setAttr, setText, syncList, uid } from './dom.js';
import { lineOf } from './format.js';
import * as commands from '../model/commands.js';

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

  const session = createMinutesSession({
    client: ctx.client, store: ctx.store, editCommand: commands.editMinutes, me: () => ctx.me,
  });
  ctx.own(() => session.dispose());
  let composing = false;
  let compositionBase = null; // session.text when the composition began
  let pendingRemote = null; // remote changes (one op on compositionBase) that arrived while composing

  session.onReady((text) => {
    textarea.value = text;
    textarea.disabled = false;
    renderStatus();
    renderCursors();
  });
  session.onChange((text, op, origin) => {
    if (origin !== 'local') showRemote(op);
    renderStatus();
    renderCursors();
  });
  session.onStateChange(renderStatus);
  session.onCursors(renderCursors);
  session.onRejected((error) => ctx.reportError(error, commands.editMinutes()));

  /** Puts a remote (or resync) change into the textarea, keeping the caret and selection where they were. */
  function showRemote(op) {
    if (composing) {
      pendingRemote = pendingRemote ? pendingRemote.compose(op) : op;
      return;
    }
    if (textarea.value === session.text) return;
    const focused = document.activeElement === textarea;
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    const direction = textarea.selectionDirection;
    const scroll = textarea.scrollTop;
    let newStart = start;
    let newEnd = end;
    try {
      newStart = transformCursor(start, op, { local: true });
      newEnd = transformCursor(end, op, { local: true });
    } catch {
      // the textarea and the session disagreed; keep the positions clamped
    }
    textarea.value = session.text;
    if (focused) textarea.setSelectionRange(newStart, newEnd, direction);
    textarea.scrollTop = scroll;
  }

  function onInput() {
    if (!session.ready || composing) return;
    try {
      session.edit(textarea.value, textarea.selectionEnd);
    } catch (error) {
      console.error(error);
      textarea.value = session.text;
    }
    moveCursor();
  }

  function onCompositionStart() {
    if (!session.ready) return;
    composing = true;
    compositionBase = session.text;
    pendingRemote = null;
    session.blur();
  }

  function onCompositionEnd() {
    if (!session.ready || !composing) return;
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
        caretAfter = transformCursor(caret, remotePrime, { local: true });
      }
      session.apply(local);
      if (textarea.value !== session.text) {
        textarea.value = session.text;
        textarea.setSelectionRange(caretAfter, caretAfter);
      }
    } catch (error) {
      console.error(error);
      textarea.value = session.text;
    }
    moveCursor();
  }

  /** Tells the session where this page's caret is (it decides when to send it). */
  function moveCursor() {
    if (!session.ready || readOnly || !ctx.canAct() || composing || document.activeElement !== textarea) return;
    const backward = textarea.selectionDirection === 'backward';
    session.moveCursor(backward ? textarea.selectionEnd : textarea.selectionStart, backward ? textarea.selectionStart : textarea.selectionEnd);
  }

  function renderCursors() {
    const now = Date.now();
    const state = ctx.state;
    const shown = [];
    for (const c of session.cursors()) {
      const p = state.participants[c.participantId];
      const online = p && p.connections && p.connections.length > 0;
      if (!online || now - c.at > CURSOR_TTL_MS) {
        session.forgetCursor(c.participantId);
        continue;
      }
      shown.push({ pid: c.participantId, line: lineOf(session.text, c.pos), selecting: c.anchor !== c.pos });
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
    setText(revision, String(session.revision));
    setText(revisionLabel, t('ui.revision'));
    let text;
    if (state.minutes.finalized) text = t('minutes.readOnly');
    else if (!session.ready) text = t('common.loading');
    else text = session.state === 'synchronized' ? t('minutes.saved') : t('minutes.saving');
    setText(saveState, text);
    el.dataset.sync = session.state;
    const locked = readOnly || !ctx.canAct() || state.minutes.finalized;
    textarea.readOnly = locked;
    setAttr(textarea, 'aria-readonly', locked ? 'true' : null);
  }

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  textarea.addEventListener('blur', () => session.blur());
  for (const event of ['select', 'keyup', 'mouseup', 'focus']) textarea.addEventListener(event, moveCursor);
  ctx.listen(document, 'selectionchange', () => {
    if (document.activeElement === textarea) moveCursor();
  });
  ctx.watch(() => {
    renderStatus();
    renderCursors();
  });
  ctx.every(renderCursors, 5000);
  if (session.ready) {
    textarea.value = session.text;
    textarea.disabled = false;
  }
  return el;
}

function hueOf(id) {
  let n = 0;
  for (let i = 0; i < id.length; i++) n = (n * 31 + id.charCodeAt(i)) % 360;
  return n;
}
