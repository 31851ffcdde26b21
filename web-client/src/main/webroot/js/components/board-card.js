// One sticky note as a card. paintNote() writes what every kind of card shows (text, colour, lane,
// cluster, dots, privacy) and is shared by the canvas cards here and the participant's list
// (board-note-list.js); canvasCards() makes the cards of the wall: no controls on the card itself (its
// actions are in the note menu, board-menu.js), placed by board coordinates through CSS variables.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText } from './dom.js';
import { BOARD_MAX, drawnX, laneSpan } from '../model/board-layout.js';

/** The hue of a cluster: the same for its frame, its notes and its entry in the board's cluster list. */
export function clusterHue(id) {
  let n = 7;
  for (let i = 0; i < id.length; i++) n = (n * 37 + id.charCodeAt(i)) % 360;
  return n;
}

/** The dot count a card shows: everyone's dots, with mine in brackets. */
export function dotText(ctx, note) {
  const own = (note.dots || {})[ctx.me] || 0;
  const total = note.totalDots || 0;
  return own ? `● ${total} (${own})` : `● ${total}`;
}

/** What a reader hears for a note: its text, its dots, and whether I selected it. */
export function noteLabel(ctx, note, { selected = false } = {}) {
  const own = (note.dots || {})[ctx.me] || 0;
  const parts = [note.text];
  if (note.totalDots) parts.push(own ? t('ui.dotsWithOwn', { n: note.totalDots, own }) : t('ui.dots', { n: note.totalDots }));
  if (note.hidden) parts.push(t('ui.onlyYouUntilRevealed'));
  if (selected) parts.push(t('boardCanvas.selected'));
  return parts.join(' · ');
}

/** Writes the text, colour and state of a note onto a card element (.note-text inside it). */
export function paintNote(ctx, el, note) {
  setText(el.querySelector('.note-text'), note.text);
  el.dataset.colour = note.colour;
  setAttr(el, 'data-lane', note.lane || '');
  setAttr(el, 'data-cluster-id', note.clusterId || null);
  setAttr(el, 'data-dots', String(note.totalDots || 0));
  el.classList.toggle('is-hidden', Boolean(note.hidden));
  el.classList.toggle('is-own', ctx.isOwnNote(note));
  if (note.clusterId) el.style.setProperty('--cluster-hue', String(clusterHue(note.clusterId)));
  else el.style.removeProperty('--cluster-hue');
}

/**
 * The cards of the canvas. update(el, note, state, {selected, positioned, hold}) skips a card whose note and
 * looks did not change, so a board of 300 notes re-renders in well under a frame; `hold` keeps the card where
 * it is (it is being dragged: its place is the pointer's).
 * @param {object} ctx
 * @param {{focusable: boolean}} options focusable: the board (keyboard moves, menu); not the shared screen
 */
export function canvasCards(ctx, { focusable }) {
  function create(note) {
    const el = h('article', { class: 'note', testid: 'note', data: { noteId: note.id } },
      h('p', { class: 'note-text', testid: 'note-text' }),
      h('p', { class: 'note-meta' },
        h('span', { class: 'note-dots', testid: 'note-dots' }),
        h('span', { class: 'badge badge-private' })));
    if (focusable) {
      el.tabIndex = 0;
      el.classList.add('draggable');
      setAttr(el, 'aria-describedby', 'board-card-hint');
    }
    return el;
  }

  function update(el, note, state, { selected = false, positioned = true, hold = false, lanes = [] } = {}) {
    const key = `${selected}|${positioned}|${lanes.join()}`;
    if (el._note === note && el._key === key && !hold) return;
    el._note = note;
    el._key = key;
    paintNote(ctx, el, note);
    const dots = el.querySelector('.note-dots');
    setText(dots, dotText(ctx, note));
    dots.hidden = !(note.totalDots > 0);
    const privacy = el.querySelector('.badge-private');
    setText(privacy, t('ui.onlyYouUntilRevealed'));
    privacy.hidden = !note.hidden;
    el.querySelector('.note-meta').hidden = dots.hidden && privacy.hidden;
    el.classList.toggle('is-selected', selected);
    el.classList.toggle('positioned', positioned);
    setAttr(el, 'aria-label', noteLabel(ctx, note, { selected }));
    setAttr(el, 'title', note.text.length > 60 ? note.text : null);
    if (!positioned || hold) return;
    const [start, end] = laneSpan(lanes, note.lane);
    el.style.setProperty('--fx', (drawnX(lanes, note) / BOARD_MAX).toFixed(4));
    el.style.setProperty('--fy', (note.y / BOARD_MAX).toFixed(4));
    el.style.setProperty('--lane-start', (start / BOARD_MAX).toFixed(4));
    el.style.setProperty('--lane-end', (end / BOARD_MAX).toFixed(4));
  }

  /** Forgets what the cards showed (after a change of language, every label is written again). */
  function invalidate(els) {
    for (const el of els) el._key = null;
  }

  return { create, update, invalidate };
}
