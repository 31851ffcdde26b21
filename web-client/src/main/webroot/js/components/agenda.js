// The agenda as participants see it: one data-testid="agenda-item" per item (data-item-id, data-status),
// the current one marked with aria-current.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText, syncList } from './dom.js';
import { formatDuration, itemActualMs } from './format.js';

/** A one-line description of an item: kind · owner · time-box (· actual time). */
export function itemDetails(state, item, now) {
  const parts = [t(`itemKind.${item.kind}`)];
  if (item.owner) parts.push(`${t('ui.labelled', { label: t('agenda.owner') })} ${item.owner}`);
  parts.push(`${t('ui.labelled', { label: t('agenda.timebox') })} ${formatDuration(item.timeboxSeconds * 1000)}`);
  const actual = itemActualMs(state, item, now);
  if (item.status !== 'pending' && actual > 0) parts.push(t('agenda.actual', { time: formatDuration(actual) }));
  return parts.join(' · ');
}

/**
 * Fills an agenda row's shared parts (status, aria-current, title, badge, details, expected output) for
 * {@code item}; the read-only list and the facilitator's editor both build their rows around these.
 */
export function renderAgendaRow(li, item, state, now, title) {
  li.dataset.status = item.status;
  setAttr(li, 'aria-current', item.status === 'active' ? 'step' : null);
  setText(li.querySelector('.agenda-title'), title);
  const badge = li.querySelector('.status-badge');
  setText(badge, t(`itemStatus.${item.status}`));
  badge.dataset.status = item.status;
  setText(li.querySelector('.agenda-meta'), itemDetails(state, item, now));
  const out = li.querySelector('.agenda-output');
  setText(out, item.expectedOutput ? `${t('ui.labelled', { label: t('agenda.expectedOutput') })} ${item.expectedOutput}` : '');
  out.hidden = !item.expectedOutput;
}

/** A read-only agenda list. */
export function createAgendaList(ctx) {
  const list = h('ol', { class: 'agenda-list' });
  const empty = h('p', { class: 'empty' });
  const el = h('div', {}, list, empty);
  ctx.watch((state, force) => {
    if (!force && list._agenda === state.agenda && list._countdown === state.countdown) return;
    list._agenda = state.agenda;
    list._countdown = state.countdown;
    const now = ctx.clock.now();
    syncList(list, state.agenda, (i) => i.id, () => h('li', { class: 'agenda-item', testid: 'agenda-item' },
      h('span', { class: 'agenda-title' }), h('span', { class: 'status-badge' }), h('span', { class: 'agenda-meta' }),
      h('span', { class: 'agenda-output' })), (li, item) => {
      li.dataset.itemId = item.id;
      renderAgendaRow(li, item, state, now, item.title);
    });
    empty.hidden = state.agenda.length > 0;
    setText(empty, t('agenda.empty'));
  });
  return el;
}

/**
 * The item "Next item" starts: the first pending item after the current one in agenda order, else the first
 * pending item at all; null when none is left.
 */
export function nextPendingItem(state) {
  const agenda = state.agenda || [];
  const at = agenda.findIndex((i) => i.status === 'active');
  return agenda.slice(at + 1).find((i) => i.status === 'pending') || agenda.find((i) => i.status === 'pending') || null;
}
