// The facilitator's agenda: add items (title, owner, time-box in minutes, expected output, kind), edit them
// in place, remove them, move them up and down (ReorderAgenda with the full list), and start / complete /
// defer them. While an item runs, Start on the others is disabled and the reason is shown next to the list
// (only one item can be active; "Next item" switches in one step). Other refusals are explained in the
// error region.

import { t } from '../i18n/i18n.js';
import { renderAgendaRow } from './agenda.js';
import { field, h, select, setAttr, setOptions, setText, syncList, uid } from './dom.js';
import * as commands from '../model/commands.js';
import { itemById } from '../model/selectors.js';
import { DEFAULT_TIMEBOX_SECONDS, ITEM_KINDS } from '../model/vocabulary.js';


function kindOptions() {
  return ITEM_KINDS.map((k) => ({ value: k, label: t(`itemKind.${k}`) }));
}

/** Minutes as typed (decimals allowed, e.g. 0.5) → whole seconds, or null when out of 10 s … 8 h. */
export function minutesToSeconds(text) {
  const minutes = Number.parseFloat(String(text).replace(',', '.'));
  if (!Number.isFinite(minutes)) return null;
  const seconds = Math.round(minutes * 60);
  return seconds >= 10 && seconds <= 28800 ? seconds : null;
}

function invalid(ctx, input, key, params) {
  input.setAttribute('aria-invalid', 'true');
  input.focus();
  ctx.reportError({ code: 'INVALID_FIELD', message: t(key, params) });
}

/** The add form. */
function createAddForm(ctx) {
  const title = h('input', { type: 'text', maxLength: 200, required: true, testid: 'agenda-add-title', autocomplete: 'off' });
  const owner = h('input', { type: 'text', maxLength: 80, testid: 'agenda-add-owner', autocomplete: 'off' });
  const minutes = h('input', { type: 'number', min: '0.17', max: '480', step: 'any', value: '10', inputMode: 'decimal', testid: 'agenda-add-minutes' });
  const output = h('input', { type: 'text', maxLength: 500, testid: 'agenda-add-output', autocomplete: 'off' });
  const kind = select([], 'discuss', { testid: 'agenda-add-kind' });
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'agenda-add-submit' });
  let minutesTouched = false;
  minutes.addEventListener('input', () => {
    minutesTouched = true;
  });
  kind.addEventListener('change', () => {
    if (!minutesTouched) minutes.value = String((DEFAULT_TIMEBOX_SECONDS[kind.value] || 600) / 60);
  });
  const form = h('form', { class: 'agenda-add', noValidate: true },
    field('', title, { labelKey: 'agenda.itemTitle' }),
    h('div', { class: 'form-row' },
      field('', owner, { labelKey: 'agenda.owner' }),
      field('', minutes, { labelKey: 'agenda.timeboxMinutes' }),
      field('', kind, { labelKey: 'agenda.kind' })),
    field('', output, { labelKey: 'agenda.expectedOutput' }),
    submit);
  form.addEventListener('input', (e) => e.target.removeAttribute && e.target.removeAttribute('aria-invalid'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const itemTitle = title.value.trim();
    if (!itemTitle) return invalid(ctx, title, 'form.required', { field: t('agenda.itemTitle') });
    const seconds = minutesToSeconds(minutes.value);
    if (seconds === null) return invalid(ctx, minutes, 'ui.timeboxRange');
    const reply = await ctx.send(commands.addItem({
      title: itemTitle, kind: kind.value, timeboxSeconds: seconds,
      owner: owner.value.trim() || undefined, expectedOutput: output.value.trim() || undefined,
    }));
    if (reply.ok) {
      title.value = '';
      owner.value = '';
      output.value = '';
      title.focus();
    }
    return undefined;
  });
  ctx.watch((state, force) => {
    if (force) {
      setOptions(kind, kindOptions(), 'discuss');
      setText(submit, t('agenda.addItem'));
    }
  });
  return form;
}

/** The inline edit form of one item (replaces the row's details while open). */
function createEditForm(ctx, item, close) {
  const title = h('input', { type: 'text', maxLength: 200, value: item.title, testid: 'item-edit-title' });
  const owner = h('input', { type: 'text', maxLength: 80, value: item.owner || '', testid: 'item-edit-owner' });
  const minutes = h('input', { type: 'number', min: '0.17', max: '480', step: 'any', value: String(Math.round((item.timeboxSeconds / 60) * 100) / 100), testid: 'item-edit-minutes' });
  const output = h('input', { type: 'text', maxLength: 500, value: item.expectedOutput || '', testid: 'item-edit-output' });
  const kind = select(kindOptions(), item.kind, { testid: 'item-edit-kind' });
  const save = h('button', { type: 'submit', class: 'primary', testid: 'item-edit-save' }, t('common.save'));
  const cancel = h('button', { type: 'button', class: 'secondary', on: { click: close } }, t('common.cancel'));
  const form = h('form', { class: 'agenda-edit', noValidate: true },
    field(t('agenda.itemTitle'), title),
    h('div', { class: 'form-row' }, field(t('agenda.owner'), owner), field(t('agenda.timeboxMinutes'), minutes), field(t('agenda.kind'), kind)),
    field(t('agenda.expectedOutput'), output),
    h('div', { class: 'button-row' }, save, cancel));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const current = itemById(ctx.state, item.id);
    if (!current) return close();
    const seconds = minutesToSeconds(minutes.value);
    if (seconds === null) return invalid(ctx, minutes, 'ui.timeboxRange');
    const reply = await ctx.send(commands.editItem({
      itemId: item.id, version: current.version, owner: owner.value.trim(), expectedOutput: output.value.trim(),
      timeboxSeconds: seconds, kind: kind.value, title: title.value.trim() || undefined,
    }));
    if (reply.ok) close();
    return undefined;
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  return form;
}

function reorder(ctx, itemId, delta) {
  const ids = ctx.state.agenda.map((i) => i.id);
  const from = ids.indexOf(itemId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to], ids[from]];
  ctx.send(commands.reorderAgenda(ids));
}

const ROW_BUTTONS = [
  ['item-start', 'agenda.start', commands.startItem],
  ['item-complete', 'agenda.complete', commands.completeItem],
  ['item-defer', 'agenda.defer', commands.deferItem],
  ['item-up', 'agenda.moveUp', null],
  ['item-down', 'agenda.moveDown', null],
  ['item-edit', 'common.edit', null],
  ['item-remove', 'common.remove', null],
];

/** The editable agenda: add form and one row per item with its buttons. */
export function createAgendaEditor(ctx) {
  const list = h('ol', { class: 'agenda-list editable' });
  const empty = h('p', { class: 'empty' });
  const editing = new Map(); // itemId → form

  function createRow(item) {
    const id = item.id;
    const info = h('div', { class: 'agenda-info' },
      h('span', { class: 'agenda-title' }), h('span', { class: 'status-badge' }),
      h('span', { class: 'agenda-meta' }), h('span', { class: 'agenda-output' }));
    const buttons = h('div', { class: 'agenda-buttons' });
    for (const [testid, , make] of ROW_BUTTONS) {
      const button = h('button', { type: 'button', class: `small-button ${testid === 'item-start' ? 'primary' : 'secondary'} ${testid === 'item-remove' ? 'danger' : ''}`, testid, data: { action: testid } });
      button.addEventListener('click', () => {
        if (make) ctx.send(make(id));
        else if (testid === 'item-up') reorder(ctx, id, -1);
        else if (testid === 'item-down') reorder(ctx, id, 1);
        else if (testid === 'item-remove') {
          const current = itemById(ctx.state, id);
          if (current) ctx.send(commands.removeItem(id, current.version));
        } else if (testid === 'item-edit') openEdit(id);
      });
      buttons.append(button);
    }
    return h('li', { class: 'agenda-item', testid: 'agenda-item', data: { itemId: id } }, info, buttons);
  }

  function openEdit(id) {
    const li = list.querySelector(`[data-item-id="${CSS.escape(id)}"]`);
    const item = itemById(ctx.state, id);
    if (!li || !item || editing.has(id)) return;
    const close = () => {
      form.remove();
      editing.delete(id);
      li.querySelector('.agenda-info').hidden = false;
      li.querySelector('[data-testid=item-edit]').focus();
    };
    const form = createEditForm(ctx, item, close);
    editing.set(id, form);
    li.querySelector('.agenda-info').hidden = true;
    li.insertBefore(form, li.querySelector('.agenda-buttons'));
    form.querySelector('input').focus();
  }

  function updateRow(li, item, state, index, count, now, running) {
    renderAgendaRow(li, item, state, now, `${index + 1}. ${item.title}`);
    for (const [testid, key] of ROW_BUTTONS) {
      const button = li.querySelector(`[data-testid=${testid}]`);
      setText(button, t(key));
      setAttr(button, 'aria-label', `${t(key)}: ${item.title}`);
    }
    li.querySelector('[data-testid=item-up]').disabled = index === 0;
    li.querySelector('[data-testid=item-down]').disabled = index === count - 1;
    const start = li.querySelector('[data-testid=item-start]');
    start.hidden = item.status === 'active' || item.status === 'done';
    const blocked = Boolean(running && running.id !== item.id);
    start.disabled = blocked;
    setAttr(start, 'aria-describedby', blocked ? blockedId : null);
    li.querySelector('[data-testid=item-complete]').hidden = item.status !== 'active';
    li.querySelector('[data-testid=item-edit]').hidden = item.status === 'done';
  }

  const blockedId = uid('start-blocked');
  const blockedHint = h('p', { class: 'hint start-blocked', id: blockedId, testid: 'start-blocked' });
  const el = h('div', { class: 'agenda-editor' }, blockedHint, list, empty, h('h3', { class: 'subheading', data: { i18n: 'agenda.addItem' } }), createAddForm(ctx));
  ctx.watch((state, force) => {
    if (!force && list._agenda === state.agenda && list._countdown === state.countdown) return;
    list._agenda = state.agenda;
    list._countdown = state.countdown;
    const now = ctx.clock.now();
    for (const id of [...editing.keys()]) if (!state.agenda.some((i) => i.id === id)) editing.delete(id);
    const running = state.agenda.find((i) => i.status === 'active') || null;
    const others = running && state.agenda.some((i) => i !== running && i.status !== 'done');
    blockedHint.hidden = !others;
    setText(blockedHint, running ? t('console.startBlocked', { title: running.title }) : '');
    syncList(list, state.agenda, (i) => i.id, createRow, (li, item) => updateRow(li, item, state, state.agenda.indexOf(item), state.agenda.length, now, running));
    empty.hidden = state.agenda.length > 0;
    setText(empty, t('agenda.empty'));
  });
  return el;
}
