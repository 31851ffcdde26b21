// Notes this page added that the room does not show yet: AddNote commands still in the outbox (offline, or
// on their way), and accepted ones whose NoteAdded the store has not applied yet (a reply can come before its
// event, and after a reconnect the replies come before the Sync). Each is a card marked "not sent yet"
// (data-testid note-pending); it goes away the moment the store has applied the reply's seq, when the real
// note (data-testid note) is there, so the note is shown once, never twice and never not at all; a refused
// note goes away with its reply (the refusal is reported as any other).

import { t } from '../i18n/i18n.js';
import { h, setText, syncList } from './dom.js';

const keyOf = (entry) => `${entry.clientId}:${entry.clientSeq}`;

/**
 * @param {object} ctx
 * @returns {{el: HTMLElement, onChange: (listener: (count: number) => void) => void}} onChange: told how
 *   many pending notes show, after every change
 */
export function createPendingNotes(ctx) {
  const list = h('div', { class: 'note-list pending-notes', attrs: { 'aria-live': 'polite' } });
  const accepted = new Map(); // key → {command, seq}: replied ok, the event not applied yet
  const listeners = new Set();

  function pending() {
    const seq = ctx.store.seq;
    for (const [k, a] of accepted) if (!(a.seq > seq)) accepted.delete(k);
    const waiting = ctx.client.outbox.entries.filter((e) => e.command && e.command.type === 'AddNote')
      .map((e) => ({ key: keyOf(e), command: e.command }));
    const queued = new Set(waiting.map((p) => p.key));
    return [...waiting, ...[...accepted].filter(([k]) => !queued.has(k)).map(([k, a]) => ({ key: k, command: a.command }))];
  }

  function render() {
    const items = pending();
    syncList(list, items, (p) => p.key, () => h('article', { class: 'note is-pending', testid: 'note-pending' },
      h('p', { class: 'note-text' }),
      h('p', { class: 'note-badges' }, h('span', { class: 'badge badge-pending', testid: 'pending-mark' }))), (card, p) => {
      card.dataset.colour = p.command.colour || 'yellow';
      setText(card.querySelector('.note-text'), p.command.text);
      setText(card.querySelector('.badge-pending'), t('phone.notePending'));
      card.setAttribute('aria-label', `${p.command.text} · ${t('phone.notePending')}`);
    });
    list.hidden = items.length === 0;
    for (const listener of listeners) listener(items.length);
  }

  ctx.own(ctx.client.onReply((reply, entry) => {
    if (!entry || !entry.command || entry.command.type !== 'AddNote') return;
    if (reply && reply.ok && Number.isInteger(reply.seq) && reply.seq > ctx.store.seq) {
      accepted.set(keyOf(entry), { command: entry.command, seq: reply.seq });
    }
    render();
  }));
  ctx.own(ctx.client.outbox.onChange(() => render()));
  ctx.watch(() => render());

  return {
    el: list,
    onChange(listener) {
      listeners.add(listener);
      listener(pending().length);
    },
  };
}
