// The series' action tracker (PROTOCOL.md §14.9) on the series pages. A member's "My action items": each item
// as a card with task, deadline (overdue highlighted), delivery standard, where it came from, four large
// status buttons (≥ 44 px) and a progress note box. The coordinator's tracker: every item with filters
// (department, owner, status, overdue) and counts. Both load their list themselves and reload it after each
// change; typed notes are kept in the state across renders. Each card lives in one element of its own that only
// it re-renders (after its loads), so a list arriving never rebuilds the rest of the page under someone's
// fingers. Text from users goes in as textContent.

import { t } from '../i18n/i18n.js';
import { h, markUserText } from './dom.js';
import { saveBlob } from './series-occurrence.js';

const STATUSES = ['open', 'in_progress', 'done', 'blocked'];
const userText = (tag, props, text) => markUserText(h(tag, props, text));

/** The memory of a tracker card across renders: its element, list, filters and typed notes. */
export function actionsState() {
  return { host: null, list: null, loads: 0, pending: false, error: null, filters: {}, notes: new Map(),
    rerender: () => {} };
}

/** The card's own element, filled by `fill` now and after each of its loads. */
function card(state, props, fill) {
  if (!state.host) state.host = h('section', props);
  state.rerender = () => state.host.replaceChildren(...fill().flat(Infinity).filter((x) => x !== null && x !== undefined));
  state.rerender();
  return state.host;
}

/** Loads the list for `query`; only the latest load's answer is kept (a filter changed meanwhile wins). */
function load(ctx, state, query) {
  const mine = ++state.loads;
  state.pending = true;
  ctx.client.actions({ ...query }).then((list) => {
    if (mine === state.loads) { state.list = list; state.error = null; }
  }).catch((error) => {
    if (mine === state.loads) state.error = error;
  }).finally(() => {
    if (mine === state.loads) { state.pending = false; state.rerender(); }
  });
}

/** A member's own items. */
export function myActionsCard(ctx, state) {
  if (state.list === null && !state.error && !state.pending) load(ctx, state, { mine: 'true' });
  return card(state, { class: 'card actions-card', testid: 'my-actions' }, () => {
    const items = state.list ? state.list.items : [];
    return [h('h2', {}, t('tracker.mine'), state.list ? h('span', { class: 'small' }, ' ', t('tracker.openCount',
      { n: items.filter((i) => i.status !== 'done').length })) : null),
    state.error ? h('p', { class: 'small warn' }, t('tracker.loadFailed')) : null,
    state.list && items.length === 0 ? h('p', { class: 'small', testid: 'my-actions-empty' }, t('tracker.mineEmpty')) : null,
    h('div', { class: 'action-cards' }, items.map((i) => itemCard(ctx, state, i, { mine: true })))];
  });
}

/** The coordinator's whole tracker. */
export function trackerCard(ctx, state) {
  if (state.list === null && !state.error && !state.pending) load(ctx, state, state.filters);
  const setFilter = (key, value) => {
    if (value) state.filters[key] = value; else delete state.filters[key];
    load(ctx, state, state.filters);
    state.rerender();
  };
  const select = (key, labelKey, options) => {
    const id = `tf-${key}`;
    return h('div', { class: 'field' }, h('label', { htmlFor: id }, t(labelKey)),
      h('select', { id, testid: `tracker-filter-${key}`, on: { change: (e) => setFilter(key, e.target.value) } },
        h('option', { value: '', selected: !state.filters[key] }, t('tracker.all')),
        options.map(([value, text, user]) => {
          const o = h('option', { value, selected: state.filters[key] === value }, text);
          return user ? markUserText(o) : o;
        })));
  };
  return card(state, { class: 'card actions-card at-tracker', testid: 'tracker' }, () => {
    const list = state.list;
    const counts = list ? list.counts : null;
    return [h('h2', {}, t('tracker.heading')),
    counts ? h('ul', { class: 'tracker-counts', testid: 'tracker-counts' },
      STATUSES.map((s) => h('li', { class: `count status-${s}` }, h('strong', {}, String(counts[s])), ' ',
        t(`action.status.${s}`))),
      h('li', { class: 'count overdue' }, h('strong', {}, String(counts.overdue)), ' ', t('tracker.overdue'))) : null,
    h('div', { class: 'form-grid tracker-filters' },
      select('department', 'series.department', (list?.departments || []).map((d) => [d, d, true])),
      select('owner', 'action.owner', (list?.owners || []).map((o) => [o.ownerId,
        o.ownerId === 'none' ? t('tracker.noOwner') : o.ownerName, o.ownerId !== 'none'])),
      select('status', 'action.status', STATUSES.map((s) => [s, t(`action.status.${s}`)])),
      h('button', { type: 'button', class: state.filters.overdue ? 'primary pressed tracker-overdue' : 'secondary tracker-overdue',
        testid: 'tracker-filter-overdue', attrs: { 'aria-pressed': state.filters.overdue ? 'true' : 'false' },
        on: { click: () => setFilter('overdue', state.filters.overdue ? '' : 'true') } }, t('tracker.onlyOverdue'))),
    state.error ? h('p', { class: 'small warn' }, t('tracker.loadFailed')) : null,
    list ? h('p', { class: 'small', testid: 'tracker-shown' }, t('tracker.shown', { n: list.items.length, total: list.total }))
      : null,
    list && list.items.length === 0 ? h('p', { class: 'small' }, t(list.total ? 'tracker.noneMatch' : 'tracker.empty')) : null,
    h('div', { class: 'action-cards wide' }, (list?.items || []).map((i) => itemCard(ctx, state, i, { mine: false }))),
    list && list.total ? h('div', { class: 'form-actions tracker-downloads' },
      ['xlsx', 'csv'].map((kind) => h('button', { type: 'button', class: 'secondary', testid: `tracker-export-${kind}`,
        on: { click: () => ctx.act(async () => saveBlob(await ctx.client.exportActions(kind),
          `actions-${list.today}.${kind}`), { reload: false }) } }, t(`tracker.export.${kind}`)))) : null];
  });
}

/** The coordinator's change of an item's deadline or owner (a member of the series). */
function editBlock(ctx, state, item) {
  const members = (ctx.view().members || []);
  const dateId = `deadline-${item.id}`;
  const ownerId = `owner-${item.id}`;
  const date = h('input', { id: dateId, type: 'date', value: item.deadline || '', testid: 'edit-deadline' });
  const owner = h('select', { id: ownerId, testid: 'edit-owner' },
    h('option', { value: '', selected: !item.ownerId }, t('tracker.keepOwner')),
    members.map((m) => markUserText(h('option', { value: m.memberId, selected: m.memberId === item.ownerId },
      `${m.name} · ${m.department}`))));
  const save = async () => {
    const body = {};
    if (date.value && date.value !== item.deadline) body.deadline = date.value;
    if (owner.value && owner.value !== item.ownerId) body.ownerId = owner.value;
    if (Object.keys(body).length === 0) { ctx.fail(t('tracker.editNothing')); return; }
    if (await ctx.act(() => ctx.client.editAction(item.id, body), { reload: false })) load(ctx, state, state.filters);
  };
  return h('details', { class: 'action-edit', testid: 'action-edit' },
    h('summary', {}, t('tracker.edit')),
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { htmlFor: dateId }, t('action.deadline')), date),
      h('div', { class: 'field' }, h('label', { htmlFor: ownerId }, t('action.owner')), owner)),
    h('button', { type: 'button', class: 'secondary', testid: 'edit-save', on: { click: save } }, t('tracker.editSave')));
}

function itemCard(ctx, state, item, { mine }) {
  const noteKey = item.id;
  const report = async (body) => {
    const ok = await ctx.act(() => ctx.client.reportProgress(item.id, body), { reload: false });
    if (ok) {
      state.notes.delete(noteKey);
      load(ctx, state, mine ? { mine: 'true' } : state.filters);
    }
  };
  const last = (item.progress || []).length ? item.progress[item.progress.length - 1] : null;
  const noteId = `note-${item.id}`;
  return h('article', { class: `action-item status-${item.status}${item.overdue ? ' is-overdue' : ''}`,
    testid: 'action-item', data: { item: item.id } },
  userText('h3', { class: 'action-task', testid: 'action-task' }, item.task),
  h('dl', { class: 'action-facts' },
    mine ? null : h('div', {}, h('dt', {}, t('action.owner')), userText('dd', { testid: 'action-owner' },
      item.ownerName ? `${item.ownerName}${item.department ? ` · ${item.department}` : ''}` : t('tracker.noOwner'))),
    h('div', {}, h('dt', {}, t('action.deadline')), h('dd', { class: item.overdue ? 'overdue-text' : '', testid: 'action-deadline' },
      item.deadline || t('tracker.noDeadline'), item.overdue ? h('span', { class: 'badge overdue', testid: 'overdue-badge' },
        t('tracker.overdue')) : null)),
    item.standard ? h('div', {}, h('dt', {}, t('action.deliveryStandard')), userText('dd', {}, item.standard)) : null,
    item.source?.agendaItem ? h('div', {}, h('dt', {}, t('tracker.from')), userText('dd', {}, item.source.agendaItem)) : null),
  h('div', { class: 'status-buttons', role: 'group', attrs: { 'aria-label': t('action.status') } },
    STATUSES.map((s) => h('button', { type: 'button', class: item.status === s ? 'primary pressed' : 'secondary',
      testid: `status-${s}`, attrs: { 'aria-pressed': item.status === s ? 'true' : 'false' },
      on: { click: () => { if (item.status !== s) report(noteBody({ status: s }, state.notes.get(noteKey))); } } },
    t(`action.status.${s}`)))),
  h('div', { class: 'field' }, h('label', { htmlFor: noteId }, t('tracker.note')),
    h('textarea', { id: noteId, rows: 2, maxLength: 1000, value: state.notes.get(noteKey) || '', testid: 'progress-note',
      on: { input: (e) => state.notes.set(noteKey, e.target.value) } })),
  h('div', { class: 'form-actions' },
    h('button', { type: 'button', class: 'secondary', testid: 'progress-send', on: { click: () => {
      const note = (state.notes.get(noteKey) || '').trim();
      if (!note) { ctx.fail(t('tracker.noteRequired')); return; }
      report({ note });
    } } }, t('tracker.addNote'))),
  mine ? null : editBlock(ctx, state, item),
  last ? h('p', { class: 'small muted', testid: 'action-last' }, t('tracker.lastUpdate', { status: t(`action.status.${last.status}`) }),
    ' ', userText('span', {}, last.byName || ''), last.note ? [t('tracker.noteSeparator'), userText('span', {}, last.note)] : null) : null);
}

function noteBody(body, note) {
  const text = (note || '').trim();
  return text ? { ...body, note: text } : body;
}
