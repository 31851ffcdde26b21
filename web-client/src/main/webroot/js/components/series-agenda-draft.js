// The coordinator's agenda draft editor for one occurrence: rows of title, owner, minutes, expected output
// and kind; add, remove, move up/down, save (PUT …/agenda). The rows live here until saved, so a re-render
// of the page never loses what is being typed; the server's AGENDA_ORDER warning is shown by the page.

import { t } from '../i18n/i18n.js';
import { ITEM_KINDS } from '../model/vocabulary.js';
import { h, markUserText } from './dom.js';

const KINDS = ITEM_KINDS.filter((k) => k !== 'open_discussion');

/**
 * @param {{occurrence: object, members: object[], save: (items: object[]) => Promise<boolean>}} options
 * @returns {{el: HTMLElement, refresh: (occurrence: object, members: object[]) => void}}
 */
export function agendaDraftEditor({ occurrence, members, save }) {
  let rows = fromOccurrence(occurrence);
  let dirty = false;
  let people = members;
  const el = h('form', { class: 'agenda-draft', testid: 'agenda-draft', noValidate: true,
    on: { submit: async (e) => { e.preventDefault(); if (await save(toItems())) dirty = false; } } });

  function fromOccurrence(o) {
    return (o.agenda || []).map((i) => ({ title: i.title, ownerId: i.ownerId || '', minutes: i.minutes,
      expectedOutput: i.expectedOutput || '', kind: i.kind || 'discuss' }));
  }

  function toItems() {
    return rows.filter((r) => r.title.trim()).map((r) => {
      const item = { title: r.title.trim(), minutes: Number(r.minutes) || 0, kind: r.kind };
      if (r.ownerId) item.ownerId = r.ownerId;
      if (r.expectedOutput.trim()) item.expectedOutput = r.expectedOutput.trim();
      return item;
    });
  }

  const change = (row, name) => (e) => { row[name] = e.target.value; dirty = true; };

  // A one-line text that wraps instead of hiding its end (a long title on a phone): a textarea that grows
  // with its text (series.css), where Enter saves as in an input and a pasted line break becomes a space.
  const oneLine = (props, onInput) => h('textarea', { ...props, rows: 1, class: 'grow-line', on: {
    keydown: (e) => { if (e.key === 'Enter' && !e.isComposing) { e.preventDefault(); el.requestSubmit(); } },
    input: (e) => {
      if (/[\r\n]/.test(e.target.value)) e.target.value = e.target.value.replace(/\s*[\r\n]+\s*/g, ' ');
      onInput(e);
    } } });

  function rowEl(row, index) {
    const id = (name) => `ad-${occurrence.occurrenceId}-${index}-${name}`;
    const move = (by) => () => {
      const j = index + by;
      if (j < 0 || j >= rows.length) return;
      [rows[index], rows[j]] = [rows[j], rows[index]];
      dirty = true;
      draw();
    };
    return h('li', { class: 'draft-row', testid: 'draft-row' },
      h('div', { class: 'field grow' }, h('label', { htmlFor: id('title') }, t('field.title')),
        oneLine({ id: id('title'), maxLength: 200, value: row.title, testid: 'draft-title' }, change(row, 'title'))),
      h('div', { class: 'draft-pair' },
        h('div', { class: 'field' }, h('label', { htmlFor: id('owner') }, t('series.owner')),
          h('select', { id: id('owner'), testid: 'draft-owner', on: { change: change(row, 'ownerId') } },
            h('option', { value: '', selected: !row.ownerId }, t('common.none')),
            people.map((m) => markUserText(h('option', { value: m.memberId, selected: m.memberId === row.ownerId }, m.name))))),
        h('div', { class: 'field narrow' }, h('label', { htmlFor: id('minutes') }, t('series.minutes')),
          h('input', { id: id('minutes'), type: 'number', inputMode: 'numeric', min: 1, max: 480, value: row.minutes,
            testid: 'draft-minutes', on: { input: change(row, 'minutes') } })),
        h('div', { class: 'field' }, h('label', { htmlFor: id('kind') }, t('series.itemKind')),
          h('select', { id: id('kind'), testid: 'draft-kind', on: { change: change(row, 'kind') } },
            KINDS.map((k) => h('option', { value: k, selected: k === row.kind }, t(`itemKind.${k}`)))))),
      h('div', { class: 'field grow' }, h('label', { htmlFor: id('output') }, t('series.expectedOutputLabel')),
        oneLine({ id: id('output'), maxLength: 200, value: row.expectedOutput }, change(row, 'expectedOutput'))),
      h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'secondary', disabled: index === 0, on: { click: move(-1) },
          attrs: { 'aria-label': t('series.moveUp') } }, '↑'),
        h('button', { type: 'button', class: 'secondary', disabled: index === rows.length - 1, on: { click: move(1) },
          attrs: { 'aria-label': t('series.moveDown') } }, '↓'),
        h('button', { type: 'button', class: 'secondary', on: { click: () => { rows.splice(index, 1); dirty = true; draw(); } } },
          t('common.remove'))));
  }

  function draw() {
    const total = rows.reduce((n, r) => n + (Number(r.minutes) || 0), 0);
    el.replaceChildren(
      h('ol', { class: 'draft-rows' }, rows.map(rowEl)),
      h('p', { class: 'small' }, t('series.agendaTotal', { n: total })),
      h('div', { class: 'form-actions' },
        h('button', { type: 'button', class: 'secondary', testid: 'draft-add', on: { click: () => {
          rows.push({ title: '', ownerId: '', minutes: 10, expectedOutput: '', kind: 'discuss' });
          dirty = true;
          draw();
        } } }, t('series.addItem')),
        h('button', { type: 'submit', class: 'primary', testid: 'draft-save' }, t('series.saveAgenda'))));
  }

  draw();
  return {
    el,
    refresh(next, nextMembers) {
      people = nextMembers;
      if (!dirty) rows = fromOccurrence(next);
      occurrence = next;
      draw();
    },
  };
}
