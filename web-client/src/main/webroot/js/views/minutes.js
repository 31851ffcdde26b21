// The minutes view: the minutes rendered as Markdown (safely, components/markdown.js) with the text as
// written one click away, the board's notes by lane and cluster with their dot votes (the record of the
// open discussion), decisions, the action items table, the parking lot, and the export links (Markdown,
// printable HTML).

import { t } from '../i18n/i18n.js';
import { card, h, setText, syncList } from '../components/dom.js';
import { formatDuration } from '../components/format.js';
import { createBoardRecord, createDecisions, createParkingLot } from '../components/records.js';
import { createExportLinks } from '../components/export-links.js';
import { renderMarkdown } from '../components/markdown.js';
import { itemById } from '../model/selectors.js';

function createActionTable(ctx) {
  const head = h('tr', {});
  const body = h('tbody', {});
  const table = h('table', { class: 'action-table' }, h('thead', {}, head), body);
  const empty = h('p', { class: 'empty' });
  const el = h('div', { class: 'table-scroll' }, table, empty);
  ctx.watch((state, force) => {
    if (force) {
      head.replaceChildren(...['action.task', 'action.owner', 'action.deliveryStandard', 'action.deadline', 'action.status', 'ui.agendaItem']
        .map((key) => h('th', { scope: 'col' }, t(key))));
    }
    syncList(body, state.actionItems, (a) => a.id, () => h('tr', { testid: 'action-item' }, ...Array.from({ length: 6 }, () => h('td', {}))), (tr, a) => {
      const item = itemById(state, a.itemId);
      const cells = [a.task, a.owner, a.standard || '—', a.deadline, t(`action.status.${a.status}`), item ? item.title : '—'];
      tr.dataset.actionItemId = a.id;
      tr.dataset.status = a.status;
      cells.forEach((value, i) => setText(tr.children[i], value));
    });
    table.hidden = state.actionItems.length === 0;
    empty.hidden = state.actionItems.length > 0;
    setText(empty, t('ui.noActionItems'));
  });
  return el;
}

function createAgendaSummary(ctx) {
  const list = h('ol', { class: 'agenda-summary' });
  ctx.watch((state) => {
    syncList(list, state.agenda, (i) => i.id, () => h('li', {}), (li, item) => {
      const over = Math.max(0, (item.actualMs || 0) - item.timeboxSeconds * 1000);
      const parts = [item.title, t(`itemStatus.${item.status}`), `${formatDuration(item.actualMs || 0)} / ${formatDuration(item.timeboxSeconds * 1000)}`];
      if (over > 0) parts.push(t('timer.overrunBy', { time: formatDuration(over) }));
      setText(li, parts.join(' · '));
    });
  });
  return list;
}

export function mountMinutes(main, ctx) {
  const status = h('p', { class: 'minutes-state' });
  const rendered = h('div', { class: 'minutes-rendered', testid: 'minutes-rendered' });
  const text = h('pre', { class: 'minutes-text', testid: 'minutes-text' });
  const sourceSummary = h('summary', {});
  const source = h('details', { class: 'minutes-source' }, sourceSummary, text);
  const meeting = h('p', { class: 'minutes-meeting' });
  main.append(h('div', { class: 'minutes-layout' },
    card('minutes.title', { class: 'minutes-main' }, meeting, status, createExportLinks(ctx), rendered, source),
    h('div', { class: 'minutes-side' },
      card('minutes.decisions', {}, createDecisions(ctx)),
      card('record.board', { class: 'minutes-board' }, createBoardRecord(ctx)),
      card('minutes.actionItems', {}, createActionTable(ctx)),
      card('minutes.parkingLot', {}, createParkingLot(ctx, { editable: false })),
      card('agenda.title', {}, createAgendaSummary(ctx)))));
  ctx.watch((state) => {
    if (text.textContent !== state.minutes.text || rendered.dataset.source === undefined) renderMarkdown(rendered, state.minutes.text);
    setText(text, state.minutes.text);
    rendered.hidden = state.minutes.text === '';
    setText(sourceSummary, state.minutes.text === '' ? t('record.minutesEmpty') : t('record.asWritten'));
    text.classList.toggle('empty-text', state.minutes.text === '');
    setText(status, state.minutes.finalized ? t('minutes.final') : t('ui.draft'));
    status.dataset.final = String(state.minutes.finalized);
    const m = state.meeting;
    setText(meeting, m ? `${m.title} · ${m.goal} · ${t(`meetingKind.${m.kind}`)} · ${t(`meetingStatus.${m.status}`)}` : '');
  });
}
