// The participant's list of notes (not positioned): text, badges, dot buttons, and for one's own notes a
// colour and Delete. The board itself is a canvas (wall.js); this list is the phone's plain view of it.

import { t } from '../i18n/i18n.js';
import { h, select, setAttr, setOptions, setText, syncList } from './dom.js';
import { noteLabel, paintNote } from './board-card.js';
import * as commands from '../model/commands.js';
import { NOTE_COLOURS } from '../model/vocabulary.js';

function listCards(ctx) {
  function create(note) {
    const colour = select([], note.colour, { class: 'note-colour', testid: 'note-colour' });
    colour.addEventListener('change', () => ctx.send(commands.recolourNote(note.id, colour.value)));
    return h('article', { class: 'note', testid: 'note', data: { noteId: note.id } },
      h('p', { class: 'note-text', testid: 'note-text' }),
      h('p', { class: 'note-badges' }),
      h('div', { class: 'note-actions' },
        h('span', { class: 'dot-count', attrs: { 'aria-live': 'off' } }),
        h('button', {
          type: 'button', class: 'dot-button', testid: 'note-dot-remove', text: '−',
          on: { click: () => ctx.send(commands.removeDot(note.id)) },
        }),
        h('button', {
          type: 'button', class: 'dot-button', testid: 'note-dot-add', text: '+',
          on: { click: () => ctx.send(commands.addDot(note.id)) },
        })),
      h('div', { class: 'note-actions note-edit-row' }, colour, h('button', {
        type: 'button', class: 'link danger note-delete', testid: 'note-delete',
        on: { click: () => ctx.send(commands.deleteNote(note.id)) },
      })));
  }

  function update(el, note, state) {
    paintNote(ctx, el, note);
    const badges = [];
    if (note.hidden) badges.push(['private', t('ui.onlyYouUntilRevealed')]);
    if (note.clusterId && state.clusters[note.clusterId]) badges.push(['cluster', `▣ ${state.clusters[note.clusterId].name || t('board.cluster')}`]);
    if (note.lane) badges.push(['lane', t(`board.lane.${note.lane}`)]);
    const badgeBox = el.querySelector('.note-badges');
    syncList(badgeBox, badges, (b) => b[0], (b) => h('span', { class: `badge badge-${b[0]}` }), (span, b) => setText(span, b[1]));
    badgeBox.hidden = badges.length === 0;
    setAttr(el, 'aria-label', noteLabel(ctx, { ...note, hidden: false }));

    const own = (note.dots || {})[ctx.me] || 0;
    const total = note.totalDots || 0;
    const count = el.querySelector('.dot-count');
    setText(count, own ? `● ${total} (${own})` : `● ${total}`);
    const description = own ? t('ui.dotsWithOwn', { n: total, own }) : t('ui.dots', { n: total });
    setAttr(count, 'title', description);
    setAttr(count, 'aria-label', description);
    const voting = state.board.dotLimit > 0 && !note.hidden && ctx.canAct();
    const add = el.querySelector('[data-testid=note-dot-add]');
    const remove = el.querySelector('[data-testid=note-dot-remove]');
    add.hidden = !voting;
    remove.hidden = !(own > 0 || voting) || !ctx.canAct();
    remove.disabled = own === 0;
    for (const [button, key] of [[add, 'board.addDot'], [remove, 'board.removeDot']]) {
      setAttr(button, 'aria-label', t(key));
      setAttr(button, 'title', t(key));
    }

    const colour = el.querySelector('.note-colour');
    const may = ctx.canEditNote(note) && ctx.canAct();
    colour.hidden = !may;
    el.querySelector('.note-delete').hidden = !may;
    setOptions(colour, NOTE_COLOURS.map((c) => ({ value: c, label: t(`colour.${c}`) })), note.colour);
    if (document.activeElement !== colour) colour.value = note.colour;
    setAttr(colour, 'aria-label', t('board.colour'));
    setText(el.querySelector('.note-delete'), t('common.delete'));
  }

  return { create, update };
}

/** The participant's list of notes, in creation order. */
export function createNoteList(ctx) {
  const list = h('div', { class: 'note-list' });
  const empty = h('p', { class: 'empty' });
  const el = h('div', {}, list, empty);
  const cards = listCards(ctx);
  ctx.watch((state, force) => {
    if (!force && list._notes === state.notes && list._board === state.board && list._clusters === state.clusters) return;
    list._notes = state.notes;
    list._board = state.board;
    list._clusters = state.clusters;
    const notes = Object.values(state.notes || {});
    syncList(list, notes, (n) => n.id, (n) => cards.create(n), (card, n) => cards.update(card, n, state));
    empty.hidden = notes.length > 0;
    setText(empty, t('board.empty'));
  });
  return el;
}
