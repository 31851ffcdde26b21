// What the meeting records besides the minutes text: decisions, action items and the parking lot. Each
// section is a list kept in step with the store, plus (for people who may act) a small form.

import { t } from '../i18n/i18n.js';
import { field, h, select, setAttr, setText, syncList } from './dom.js';
import { formatTime } from './format.js';
import { decisionText } from './motions.js';
import * as commands from '../model/commands.js';
import { currentItemId, itemById, lanesOf, minutesFinalized } from '../model/selectors.js';
import { ACTION_STATUSES } from '../model/vocabulary.js';

function itemTitle(state, itemId) {
  const item = itemById(state, itemId);
  return item ? item.title : null;
}

/** Decisions, one data-testid="decision" per decision. */
export function createDecisions(ctx) {
  const list = h('ul', { class: 'record-list decisions' });
  const empty = h('p', { class: 'empty' });
  const el = h('div', {}, list, empty);
  ctx.watch((state, force) => {
    if (!force && state.decisions === list._data && state.agenda === list._agenda) return;
    list._data = state.decisions;
    list._agenda = state.agenda;
    syncList(list, state.decisions, (d) => d.id, (d) => h('li', { testid: 'decision', data: { decisionId: d.id } },
      h('span', { class: 'decision-text' }), h('span', { class: 'record-meta' })), (li, d) => {
      setText(li.firstChild, decisionText(state, d));
      const parts = [t(`decision.decidedBy.${d.decidedBy}`)];
      const item = itemTitle(state, d.itemId);
      if (item) parts.push(item);
      parts.push(formatTime(d.at));
      setText(li.lastChild, parts.join(' · '));
    });
    empty.hidden = state.decisions.length > 0;
    setText(empty, t('ui.noDecisions'));
  });
  return el;
}

/**
 * Action items: one data-testid="action-item" per item with a status selector (EditActionItem), and an
 * add form (action-add-task / -owner / -standard / -deadline / -submit) for participants.
 * @param {{editable?: boolean}} [options]
 */
export function createActionItems(ctx, { editable = true } = {}) {
  const list = h('ul', { class: 'record-list action-items' });
  const empty = h('p', { class: 'empty' });
  const el = h('div', {}, list, empty);

  let form = null;
  if (editable) {
    const task = h('input', { type: 'text', maxLength: 300, required: true, testid: 'action-add-task', autocomplete: 'off' });
    const owner = h('input', { type: 'text', maxLength: 80, required: true, testid: 'action-add-owner', autocomplete: 'off' });
    const standard = h('input', { type: 'text', maxLength: 300, testid: 'action-add-standard', autocomplete: 'off' });
    const deadline = h('input', { type: 'date', required: true, testid: 'action-add-deadline' });
    const submit = h('button', { type: 'submit', testid: 'action-add-submit' });
    form = h('form', { class: 'inline-form action-form', noValidate: true },
      field('', task, { labelKey: 'action.task' }),
      h('div', { class: 'form-row' },
        field('', owner, { labelKey: 'action.owner' }),
        field('', deadline, { labelKey: 'action.deadline' })),
      field('', standard, { labelKey: 'action.deliveryStandard' }),
      submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const command = commands.addActionItem({
        task: task.value.trim(), owner: owner.value.trim(), deadline: deadline.value,
        standard: standard.value.trim() || undefined, itemId: currentItemId(ctx.state) || undefined,
      });
      if (!command.task) return task.focus();
      if (!command.owner) return owner.focus();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(command.deadline)) return deadline.focus();
      const reply = await ctx.send(command);
      if (reply.ok) {
        task.value = '';
        standard.value = '';
      }
      return undefined;
    });
    el.append(h('h3', { class: 'subheading', data: { i18n: 'minutes.addActionItem' } }), form);
    ctx.watch((state, force) => {
      if (force) setText(submit, t('common.add'));
      const locked = minutesFinalized(state) || !ctx.canAct();
      for (const control of form.elements) control.disabled = locked;
    });
  }

  ctx.watch((state, force) => {
    if (!force && state.actionItems === list._data && state.agenda === list._agenda && state.minutes === list._minutes) return;
    list._data = state.actionItems;
    list._agenda = state.agenda;
    list._minutes = state.minutes;
    const locked = minutesFinalized(state) || !ctx.canAct() || !editable;
    syncList(list, state.actionItems, (a) => a.id, (a) => createActionRow(ctx, a), (li, a) => updateActionRow(ctx, state, li, a, locked, force));
    empty.hidden = state.actionItems.length > 0;
    setText(empty, t('ui.noActionItems'));
  });
  return el;
}

function createActionRow(ctx, a) {
  const status = select([], a.status, { class: 'status-select', testid: 'action-status' });
  status.addEventListener('change', () => {
    const current = ctx.state.actionItems.find((x) => x.id === a.id);
    if (!current) return;
    ctx.send(commands.editActionItem({ actionItemId: a.id, version: current.version, status: status.value }));
  });
  const statusLabel = h('label', { class: 'visually-hidden', htmlFor: `status-${a.id}` });
  status.id = `status-${a.id}`;
  const remove = h('button', {
    type: 'button', class: 'link danger', testid: 'action-remove',
    on: { click: () => ctx.send(commands.removeActionItem(a.id)) },
  });
  return h('li', { testid: 'action-item', data: { actionItemId: a.id }, class: 'action-item' },
    h('div', { class: 'action-main' }, h('span', { class: 'action-task' }), h('span', { class: 'record-meta action-meta' })),
    h('div', { class: 'action-controls' }, statusLabel, status, h('span', { class: 'status-badge' }), remove));
}

function updateActionRow(ctx, state, li, a, locked, force) {
  setText(li.querySelector('.action-task'), a.task);
  const parts = [`${t('ui.labelled', { label: t('action.owner') })} ${a.owner}`, `${t('ui.labelled', { label: t('action.deadline') })} ${a.deadline}`];
  if (a.standard) parts.push(`${t('ui.labelled', { label: t('action.deliveryStandard') })} ${a.standard}`);
  const item = itemTitle(state, a.itemId);
  if (item) parts.push(item);
  setText(li.querySelector('.action-meta'), parts.join(' · '));
  li.dataset.status = a.status;
  const status = li.querySelector('select');
  const label = li.querySelector('label');
  setText(label, `${t('ui.labelled', { label: t('action.status') })} ${a.task}`);
  if (status.options.length === 0 || force) {
    status.replaceChildren(...ACTION_STATUSES.map((s) => h('option', { value: s }, t(`action.status.${s}`))));
  }
  if (document.activeElement !== status) status.value = a.status;
  status.hidden = locked;
  const badge = li.querySelector('.status-badge');
  setText(badge, t(`action.status.${a.status}`));
  badge.hidden = !locked;
  badge.dataset.status = a.status;
  const remove = li.querySelector('[data-testid=action-remove]');
  remove.hidden = locked || !ctx.isFacilitator();
  setText(remove, t('common.remove'));
  setAttr(remove, 'aria-label', `${t('ui.labelled', { label: t('common.remove') })} ${a.task}`);
}

/** The parking lot: one data-testid="park-point" per point, and park-input / park-add for participants. */
export function createParkingLot(ctx, { editable = true } = {}) {
  const list = h('ul', { class: 'record-list parking' });
  const empty = h('p', { class: 'empty' });
  const el = h('div', {}, list, empty);
  if (editable) {
    const input = h('input', { type: 'text', maxLength: 300, testid: 'park-input', autocomplete: 'off' });
    const add = h('button', { type: 'submit', testid: 'park-add' });
    const form = h('form', { class: 'inline-form one-line', noValidate: true }, field('', input, { labelKey: 'minutes.park' }), add);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return input.focus();
      const reply = await ctx.send(commands.parkPoint(text));
      if (reply.ok) input.value = '';
      return undefined;
    });
    el.append(form);
    ctx.watch((state, force) => {
      if (force) setText(add, t('common.add'));
      const locked = minutesFinalized(state) || !ctx.canAct();
      input.disabled = locked;
      add.disabled = locked;
    });
  }
  ctx.watch((state, force) => {
    if (!force && state.parkingLot === list._data && state.participants === list._people) return;
    list._data = state.parkingLot;
    list._people = state.participants;
    const facilitator = ctx.isFacilitator() && editable && !minutesFinalized(state);
    syncList(list, state.parkingLot, (p) => p.id, (p) => {
      const mark = h('input', {
        type: 'checkbox', testid: 'park-next',
        on: { change: () => ctx.send(commands.markForNextMeeting(p.id, mark.checked)) },
      });
      return h('li', { testid: 'park-point', data: { pointId: p.id } },
        h('span', { class: 'park-text' }), h('span', { class: 'record-meta' }),
        h('label', { class: 'check park-mark' }, mark, h('span', {})));
    }, (li, p) => {
      setText(li.querySelector('.park-text'), p.text);
      const meta = [t('ui.raisedBy', { name: ctx.nameOf(p.authorId) })];
      if (p.forNextMeeting) meta.push(t('ui.forNextMeeting'));
      setText(li.querySelector('.record-meta'), meta.join(' · '));
      const mark = li.querySelector('input');
      mark.checked = Boolean(p.forNextMeeting);
      li.querySelector('.park-mark').hidden = !facilitator;
      setText(li.querySelector('.park-mark span'), t('ui.forNextMeeting'));
    });
    empty.hidden = state.parkingLot.length > 0;
    setText(empty, t('ui.parkingEmpty'));
  });
  return el;
}

/**
 * The board's result as part of the record: its notes grouped by lane (in the template's order, then notes
 * outside any lane) and within a lane by cluster, each with its dot votes, most voted first. Read-only.
 */
export function createBoardRecord(ctx) {
  const el = h('div', { class: 'board-record', testid: 'board-record' });
  ctx.watch((state, force) => {
    if (!force && el._notes === state.notes && el._clusters === state.clusters && el._board === state.board) return;
    el._notes = state.notes;
    el._clusters = state.clusters;
    el._board = state.board;
    el.replaceChildren(...boardSections(state));
  });
  return el;
}

function boardSections(state) {
  const notes = Object.values(state.notes || {}).filter((n) => n.text);
  if (notes.length === 0) return [h('p', { class: 'empty' }, t('record.boardEmpty'))];
  const lanes = lanesOf(state);
  const laneOf = (n) => (n.lane && lanes.includes(n.lane) ? n.lane : null);
  const order = [...lanes, null].filter((lane) => notes.some((n) => laneOf(n) === lane));
  return order.map((lane) => {
    const inLane = notes.filter((n) => laneOf(n) === lane);
    const clusterIds = [...new Set(inLane.map((n) => (n.clusterId && state.clusters[n.clusterId] ? n.clusterId : null)))]
      .sort((a, b) => (a === null) - (b === null) || String(clusterName(state, a)).localeCompare(String(clusterName(state, b))));
    const groups = clusterIds.map((clusterId) => {
      const members = inLane.filter((n) => (n.clusterId && state.clusters[n.clusterId] ? n.clusterId : null) === clusterId)
        .sort((a, b) => (b.totalDots || 0) - (a.totalDots || 0) || a.text.localeCompare(b.text));
      return h('div', { class: 'board-record-cluster', testid: 'record-cluster', data: { clusterId: clusterId || undefined } },
        h('h4', {}, clusterId ? t('record.cluster', { name: clusterName(state, clusterId) }) : t('record.unclustered')),
        h('ul', {}, members.map((n) => h('li', { testid: 'record-note', data: { noteId: n.id, dots: n.totalDots || 0 } },
          n.text, ' ', h('span', { class: 'dots' }, `(${t('record.dots', { n: n.totalDots || 0 })})`)))));
    });
    return h('section', { class: 'board-record-lane', testid: 'record-lane', data: { lane: lane || 'none' } },
      h('h3', {}, lane ? t(`board.lane.${lane}`) : t('record.noLane')), groups);
  });
}

function clusterName(state, clusterId) {
  return clusterId && state.clusters[clusterId] ? state.clusters[clusterId].name : '';
}
