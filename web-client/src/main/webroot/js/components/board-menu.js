// The note menu: what a card offers, opened by a tap, a right click, or Enter on a focused card, instead
// of controls on every card: colour, edit the text (EditNote against the note's version), dot votes,
// select for a cluster, ungroup, delete. A small non-modal dialog next to the card; Escape or a press
// elsewhere closes it and gives the focus back to the card.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText, uid } from './dom.js';
import { dotText } from './board-card.js';
import * as commands from '../model/commands.js';
import { meetingEnded } from '../model/selectors.js';
import { NOTE_COLOURS } from '../model/vocabulary.js';

/**
 * @param {object} ctx
 * @param {{isSelected: (id: string) => boolean, toggleSelected: (id: string) => void,
 *   cardOf: (id: string) => (HTMLElement|undefined)}} wall
 */
export function createNoteMenu(ctx, wall) {
  const titleId = uid('note-menu');
  const title = h('p', { class: 'note-menu-title', id: titleId });
  const colours = NOTE_COLOURS.map((c) => h('button', {
    type: 'button', class: 'swatch', testid: 'menu-colour', data: { colour: c },
    on: { click: () => act(commands.recolourNote(noteId, c), false) },
  }));
  const colourLabel = h('span', { class: 'note-menu-label' });
  const colourRow = h('div', { class: 'note-menu-row', attrs: { role: 'group' } }, colourLabel, ...colours);
  const dotCount = h('span', { class: 'note-menu-dots', testid: 'menu-dot-count' });
  const dotAdd = h('button', { type: 'button', class: 'secondary square', testid: 'menu-dot-add', text: '+', on: { click: () => act(commands.addDot(noteId), false) } });
  const dotRemove = h('button', { type: 'button', class: 'secondary square', testid: 'menu-dot-remove', text: '−', on: { click: () => act(commands.removeDot(noteId), false) } });
  const dotRow = h('div', { class: 'note-menu-row' }, dotRemove, dotCount, dotAdd);
  const text = h('textarea', { class: 'note-menu-text', testid: 'menu-edit-text', maxLength: 500, rows: 3, id: uid('note-text') });
  const textLabel = h('label', { htmlFor: text.id });
  const save = h('button', { type: 'submit', class: 'primary', testid: 'menu-edit-save' });
  const cancelEdit = h('button', { type: 'button', class: 'secondary', testid: 'menu-edit-cancel', on: { click: () => showEdit(false) } });
  const editForm = h('form', { class: 'note-menu-edit', noValidate: true, hidden: true }, textLabel, text, h('div', { class: 'note-menu-row' }, save, cancelEdit));
  const edit = h('button', { type: 'button', class: 'secondary', testid: 'menu-edit', on: { click: () => showEdit(true) } });
  const selectButton = h('button', {
    type: 'button', class: 'secondary', testid: 'menu-select',
    on: {
      click: () => {
        wall.toggleSelected(noteId);
        close();
      },
    },
  });
  const ungroup = h('button', { type: 'button', class: 'secondary', testid: 'menu-ungroup', on: { click: () => act(commands.ungroup(ctx.state.notes[noteId].clusterId)) } });
  const remove = h('button', { type: 'button', class: 'danger', testid: 'menu-delete', on: { click: () => act(commands.deleteNote(noteId)) } });
  const closeButton = h('button', { type: 'button', class: 'link', testid: 'menu-close', on: { click: () => close() } });
  const actions = h('div', { class: 'note-menu-actions' }, edit, selectButton, ungroup, remove, closeButton);
  const el = h('div', { class: 'note-menu', testid: 'note-menu', hidden: true, attrs: { role: 'dialog', 'aria-labelledby': titleId } },
    title, colourRow, dotRow, editForm, actions);
  let noteId = null;

  editForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const note = ctx.state.notes[noteId];
    const value = text.value.trim();
    if (!note || !value) return;
    if (value === note.text) {
      showEdit(false);
      return;
    }
    const reply = await ctx.send(commands.editNote({ noteId, version: note.version, text: value }));
    if (reply.ok) close();
  });
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  ctx.listen(document, 'pointerdown', (event) => {
    if (!el.hidden && !el.contains(event.target)) close(false);
  }, true);

  async function act(command, closeAfter = true) {
    const reply = await ctx.send(command);
    if (reply.ok && closeAfter) close();
  }

  function showEdit(on) {
    const note = ctx.state.notes[noteId];
    editForm.hidden = !on;
    actions.hidden = on;
    if (on && note) {
      text.value = note.text;
      text.focus();
      text.select();
    } else {
      edit.focus();
    }
  }

  function close(giveFocusBack = true) {
    if (el.hidden) return;
    el.hidden = true;
    const card = noteId && wall.cardOf(noteId);
    noteId = null;
    if (giveFocusBack && card) card.focus({ preventScroll: true });
  }

  /** Opens the menu for a note, next to a point (client px) or below its card. */
  function open(id, point) {
    noteId = id;
    editForm.hidden = true;
    actions.hidden = false;
    el.hidden = false;
    update(ctx.state);
    const card = wall.cardOf(id);
    const anchor = point || (card ? (({ left, bottom }) => ({ x: left, y: bottom }))(card.getBoundingClientRect()) : { x: 0, y: 0 });
    const w = el.offsetWidth;
    const hgt = el.offsetHeight;
    el.style.setProperty('left', `${Math.max(4, Math.min(anchor.x, innerWidth - w - 4))}px`);
    el.style.setProperty('top', `${Math.max(4, Math.min(anchor.y, innerHeight - hgt - 4))}px`);
    (colours.find((b) => !b.hidden && !b.closest('[hidden]')) || edit).focus({ preventScroll: true });
  }

  function update(state) {
    if (el.hidden || !noteId) return;
    const note = state.notes[noteId];
    if (!note || meetingEnded(state) || !ctx.canAct()) {
      close(false);
      return;
    }
    const mayEdit = ctx.canEditNote(note);
    setText(title, note.text);
    colourRow.hidden = !mayEdit;
    setText(colourLabel, t('ui.labelled', { label: t('board.colour') }));
    setAttr(colourRow, 'aria-label', t('board.colour'));
    for (const b of colours) {
      const name = t(`colour.${b.dataset.colour}`);
      setAttr(b, 'aria-label', name);
      setAttr(b, 'title', name);
      setAttr(b, 'aria-pressed', String(b.dataset.colour === note.colour));
    }
    const own = (note.dots || {})[ctx.me] || 0;
    const voting = state.board.dotLimit > 0 && !note.hidden;
    dotRow.hidden = !voting && own === 0;
    setText(dotCount, dotText(ctx, note));
    setAttr(dotCount, 'aria-label', own ? t('ui.dotsWithOwn', { n: note.totalDots || 0, own }) : t('ui.dots', { n: note.totalDots || 0 }));
    dotAdd.disabled = !voting;
    dotRemove.disabled = own === 0;
    setAttr(dotAdd, 'aria-label', t('board.addDot'));
    setAttr(dotRemove, 'aria-label', t('board.removeDot'));
    edit.hidden = !mayEdit;
    setText(edit, t('boardCanvas.editText'));
    setText(textLabel, t('boardCanvas.noteText'));
    setText(save, t('common.save'));
    setText(cancelEdit, t('common.cancel'));
    selectButton.hidden = Boolean(note.hidden);
    setText(selectButton, wall.isSelected(noteId) ? t('boardCanvas.deselect') : t('boardCanvas.select'));
    const cluster = note.clusterId && state.clusters[note.clusterId];
    ungroup.hidden = !cluster;
    if (cluster) setText(ungroup, t('boardCanvas.ungroupNamed', { name: cluster.name || t('board.cluster') }));
    remove.hidden = !mayEdit;
    setText(remove, t('common.delete'));
    setText(closeButton, t('common.close'));
  }

  return { el, open, close, update, isOpen: () => !el.hidden, noteId: () => noteId };
}
