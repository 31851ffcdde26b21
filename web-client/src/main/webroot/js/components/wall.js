// The sticky-note wall (docs/PROTOCOL.md §9.9): note cards, the lanes of the board templates as columns,
// positions in board coordinates (0 … 10 000 whatever the screen), drag to move (pointer events, MoveNote
// on drop), arrow keys to move a focused note, dot votes, colours, selection for clusters, and a "by votes"
// order. Used read-only by the shared screen, with every control by the board view, and as a plain list
// by the participant view.

import { t } from '../i18n/i18n.js';
import { h, select, setAttr, setOptions, setText, syncList } from './dom.js';
import * as commands from '../model/commands.js';
import { lanesOf, meetingEnded } from '../model/selectors.js';
import { NOTE_COLOURS } from '../model/vocabulary.js';

const MAX = 10000;
const KEY_STEP = 250;
const ROWS = 6;
const FIRST_ROW = 700;
const ROW_STEP = 1700;

/** The notes of a state in creation order. */
export function noteList(state) {
  return Object.values(state.notes || {});
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/**
 * Where a new note goes: the middle of its lane (or a free slot), below the notes already there.
 * @returns {{x: number, y: number}}
 */
export function placeNewNote(state, lane) {
  const lanes = lanesOf(state);
  const notes = noteList(state);
  const k = lane ? lanes.indexOf(lane) : -1;
  if (k >= 0) {
    // Six rows per lane, then a second column inside the lane, then the middle again (a little lower).
    const count = notes.filter((n) => n.lane === lane).length;
    const column = [0, 1, 2][Math.floor(count / ROWS) % 3];
    const width = MAX / lanes.length;
    const offset = lanes.length > 4 ? 0 : [-0.22, 0.22, 0][column] * width;
    return {
      x: Math.round(clamp(width * (k + 0.5) + offset, 0, MAX)),
      y: Math.round(FIRST_ROW + (count % ROWS) * ROW_STEP + (column === 2 ? ROW_STEP / 2 : 0)),
    };
  }
  const count = notes.filter((n) => !n.lane).length;
  const cols = 6;
  const round = Math.floor(count / (cols * ROWS));
  return {
    x: Math.round(((count % cols) + 0.5 + (round % 2) * 0.3) / cols * MAX),
    y: Math.round(FIRST_ROW + (Math.floor(count / cols) % ROWS) * ROW_STEP + (round % 2) * (ROW_STEP / 2)),
  };
}

/** The lane under a horizontal board position (0 … 1), or undefined on a free board. */
function laneAt(lanes, fx) {
  if (!lanes.length) return undefined;
  return lanes[clamp(Math.floor(fx * lanes.length), 0, lanes.length - 1)];
}

/**
 * The note cards. Options: draggable (board view), selectable (cluster checkboxes), dots (+/− buttons),
 * edit (recolour / delete own notes), positioned (absolute board positions).
 */
function noteCards(ctx, { draggable = false, selectable = false, dots = false, edit = false, selection = null, onMove = null } = {}) {
  function create(note) {
    const text = h('p', { class: 'note-text', testid: 'note-text' });
    const badges = h('p', { class: 'note-badges' });
    const el = h('article', { class: 'note', testid: 'note', data: { noteId: note.id } }, text, badges);
    if (selectable || dots || edit) {
      const actions = h('div', { class: 'note-actions' });
      const editRow = h('div', { class: 'note-actions note-edit-row' });
      if (selectable) {
        const box = h('input', {
          type: 'checkbox', testid: 'note-select', class: 'note-select',
          on: { change: () => (box.checked ? selection.add(note.id) : selection.delete(note.id)) },
        });
        actions.append(h('label', { class: 'check note-check' }, box, h('span', { class: 'visually-hidden select-label' })));
      }
      if (dots) {
        actions.append(
          h('span', { class: 'dot-count', attrs: { 'aria-live': 'off' } }),
          h('button', {
            type: 'button', class: 'dot-button', testid: 'note-dot-remove', text: '−',
            on: { click: () => ctx.send(commands.removeDot(note.id)) },
          }),
          h('button', {
            type: 'button', class: 'dot-button', testid: 'note-dot-add', text: '+',
            on: { click: () => ctx.send(commands.addDot(note.id)) },
          }));
      }
      if (edit) {
        const colour = select([], note.colour, { class: 'note-colour', testid: 'note-colour' });
        colour.addEventListener('change', () => ctx.send(commands.recolourNote(note.id, colour.value)));
        editRow.append(colour, h('button', {
          type: 'button', class: 'link danger note-delete', testid: 'note-delete',
          on: { click: () => ctx.send(commands.deleteNote(note.id)) },
        }));
      }
      el.append(actions);
      if (editRow.childElementCount) el.append(editRow);
    }
    if (draggable) attachDrag(el, note.id, onMove);
    return el;
  }

  function update(el, note, state) {
    const lanes = lanesOf(state);
    setText(el.querySelector('.note-text'), note.text);
    el.dataset.colour = note.colour;
    setAttr(el, 'data-lane', note.lane || '');
    setAttr(el, 'data-cluster-id', note.clusterId || null);
    setAttr(el, 'data-dots', String(note.totalDots || 0));
    el.classList.toggle('is-hidden', Boolean(note.hidden));
    el.classList.toggle('is-own', ctx.isOwnNote(note));
    const badges = [];
    if (note.hidden) badges.push(['private', t('ui.onlyYouUntilRevealed')]);
    if (note.clusterId && state.clusters[note.clusterId]) badges.push(['cluster', `▣ ${state.clusters[note.clusterId].name || t('board.cluster')}`]);
    if (note.lane && !el.classList.contains('positioned') && !el.classList.contains('flowing')) badges.push(['lane', t(`board.lane.${note.lane}`)]);
    const badgeBox = el.querySelector('.note-badges');
    syncList(badgeBox, badges, (b) => b[0], (b) => h('span', { class: `badge badge-${b[0]}` }), (span, b) => setText(span, b[1]));
    badgeBox.hidden = badges.length === 0;
    if (note.clusterId) el.style.setProperty('--cluster-hue', String(hue(note.clusterId)));
    else el.style.removeProperty('--cluster-hue');
    const label = `${note.text}${note.totalDots ? ` · ${t('ui.dots', { n: note.totalDots })}` : ''}`;
    setAttr(el, 'aria-label', label);
    const check = el.querySelector('[data-testid=note-select]');
    if (check) {
      const selectable = !note.hidden;
      check.disabled = !selectable || !ctx.canAct();
      check.checked = selection.has(note.id);
      setText(el.querySelector('.select-label'), t('ui.selectNote', { text: note.text }));
    }
    const count = el.querySelector('.dot-count');
    if (count) {
      const own = (note.dots || {})[ctx.me] || 0;
      const total = note.totalDots || 0;
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
      setAttr(add, 'aria-label', t('board.addDot'));
      setAttr(remove, 'aria-label', t('board.removeDot'));
      setAttr(add, 'title', t('board.addDot'));
      setAttr(remove, 'title', t('board.removeDot'));
    }
    const colour = el.querySelector('.note-colour');
    if (colour) {
      const may = ctx.canEditNote(note) && ctx.canAct();
      colour.hidden = !may;
      el.querySelector('.note-delete').hidden = !may;
      setOptions(colour, NOTE_COLOURS.map((c) => ({ value: c, label: t(`colour.${c}`) })), note.colour);
      if (document.activeElement !== colour) colour.value = note.colour;
      setAttr(colour, 'aria-label', t('board.colour'));
      setText(el.querySelector('.note-delete'), t('common.delete'));
    }
    if (el.classList.contains('positioned')) {
      let fx = note.x / MAX;
      const fy = note.y / MAX;
      const k = note.lane ? lanes.indexOf(note.lane) : -1;
      if (k >= 0 && clamp(Math.floor(fx * lanes.length), 0, lanes.length - 1) !== k) fx = (k + 0.5) / lanes.length;
      el.style.setProperty('--fx', fx.toFixed(4));
      // A note in a lane stays inside its column; one without a lane may go anywhere.
      el.style.setProperty('--lane-start', k >= 0 ? (k / lanes.length).toFixed(4) : '0');
      el.style.setProperty('--lane-end', k >= 0 ? ((k + 1) / lanes.length).toFixed(4) : '1');
      el.style.setProperty('--fy', fy.toFixed(4));
    }
  }

  return { create, update };
}

function hue(id) {
  let n = 7;
  for (let i = 0; i < id.length; i++) n = (n * 37 + id.charCodeAt(i)) % 360;
  return n;
}

/**
 * Pointer dragging of one note card inside its .wall-notes layer; onMove(noteId, fx, fy) on drop. A drag may
 * start anywhere on the card except in a text field or a select; the pointer is captured only once it has
 * moved a few pixels, so a plain click on the card's buttons stays a click.
 */
function attachDrag(el, noteId, onMove) {
  el.tabIndex = 0;
  el.classList.add('draggable');
  let drag = null;
  const onWindowMove = (event) => move(event);
  const onWindowUp = (event) => finish(event, false);
  const stopWatching = () => {
    globalThis.removeEventListener('pointermove', onWindowMove, true);
    globalThis.removeEventListener('pointerup', onWindowUp, true);
    globalThis.removeEventListener('pointercancel', onWindowUp, true);
  };

  function move(event) {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved) {
      if (Math.hypot(dx, dy) < 5) return;
      drag.moved = true;
      el.classList.add('dragging');
      try {
        el.setPointerCapture(event.pointerId);
      } catch {
        // the pointer is gone; the window listeners still see the end of the drag
      }
    }
    event.preventDefault();
    el.style.setProperty('transform', `translate(${dx}px, ${dy}px)`);
  }

  function finish(event, cancelled) {
    if (!drag || event.pointerId !== drag.id) return;
    const d = drag;
    drag = null;
    stopWatching();
    el.classList.remove('dragging');
    el.style.removeProperty('transform');
    if (!d.moved || cancelled || event.type === 'pointercancel') return;
    // The click that follows a drag must not press the button the drag started on.
    const swallow = (e) => {
      e.stopPropagation();
      e.preventDefault();
    };
    el.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => el.removeEventListener('click', swallow, { capture: true }), 0);
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    const centerX = d.rect.left + d.rect.width / 2 + dx - d.board.left;
    const centerY = d.rect.top + d.rect.height / 2 + dy - d.board.top;
    onMove(noteId, clamp(centerX / d.board.width, 0, 1), clamp(centerY / d.board.height, 0, 1));
  }

  el.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.target.closest('input:not([type=checkbox]), select, textarea, a')) return;
    const layer = el.parentElement;
    if (!layer || !el.classList.contains('positioned')) return;
    drag = {
      id: event.pointerId, x: event.clientX, y: event.clientY, moved: false,
      rect: el.getBoundingClientRect(), board: layer.getBoundingClientRect(),
    };
    globalThis.addEventListener('pointermove', onWindowMove, true);
    globalThis.addEventListener('pointerup', onWindowUp, true);
    globalThis.addEventListener('pointercancel', onWindowUp, true);
  });
  el.addEventListener('keydown', (event) => {
    if (event.target !== el) return;
    const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!steps) return;
    event.preventDefault();
    const fx = Number.parseFloat(el.style.getPropertyValue('--fx')) || 0;
    const fy = Number.parseFloat(el.style.getPropertyValue('--fy')) || 0;
    const step = (event.shiftKey ? 4 : 1) * KEY_STEP / MAX;
    onMove(noteId, clamp(fx + steps[0] * step, 0, 1), clamp(fy + steps[1] * step, 0, 1), { keyboard: true });
  });
}

/**
 * The wall: lanes (data-testid="lane", data-lane) as columns and the notes on top, positioned by their
 * board coordinates; or, sorted by votes, a grid of cards with the most dotted first.
 * @param {object} ctx
 * @param {{interactive?: boolean, flow?: boolean}} [options] interactive: drag, select, dots, recolour (the
 *   board view); flow: notes stacked in their lane's column in the order of their positions, never
 *   overlapping (the shared screen, which is read from afar)
 * @returns {{el: HTMLElement, selection: Set<string>, setSorted: (on: boolean) => void, render: () => void}}
 */
export function createWall(ctx, { interactive = false, flow = false } = {}) {
  const selection = new Set();
  const overrides = new Map(); // noteId → {x, y, lane} sent and not yet seen in the state
  const laneBox = h('div', { class: 'wall-lanes' });
  const notesLayer = h('div', { class: 'wall-notes' });
  const empty = h('p', { class: 'empty wall-empty' });
  const el = h('div', { class: 'wall' }, laneBox, notesLayer, empty);
  let sorted = false;
  const keyTimers = new Map();

  function onMove(noteId, fx, fy, { keyboard = false } = {}) {
    const state = ctx.state;
    const note = state.notes[noteId];
    if (!note) return;
    const lanes = lanesOf(state);
    const lane = lanes.length ? laneAt(lanes, fx) : undefined;
    const x = Math.round(fx * MAX);
    const y = Math.round(fy * MAX);
    overrides.set(noteId, { x, y, lane });
    render();
    const sendNow = () => {
      ctx.send(commands.moveNote({ noteId, x, y, lane: lane || undefined })).then((reply) => {
        const o = overrides.get(noteId);
        if (!reply.ok && o && o.x === x && o.y === y) {
          overrides.delete(noteId);
          render();
        }
      });
    };
    if (!keyboard) {
      sendNow();
      return;
    }
    const pending = keyTimers.get(noteId);
    if (pending) pending();
    keyTimers.set(noteId, ctx.timeout(sendNow, 400));
  }

  const cards = noteCards(ctx, {
    draggable: interactive, selectable: interactive, dots: interactive, edit: interactive, selection, onMove,
  });

  function render() {
    const state = ctx.state;
    const lanes = lanesOf(state);
    el.dataset.template = state.board.template;
    el.classList.toggle('sorted', sorted);
    el.classList.toggle('flow', flow && !sorted);
    el.classList.toggle('has-lanes', lanes.length > 0);
    el.style.setProperty('--lanes', String(Math.max(1, lanes.length)));
    syncList(laneBox, lanes, (l) => l, (l) => h('section', { class: 'lane', testid: 'lane', data: { lane: l } },
      h('h3', { class: 'lane-title' })), (section, l) => setText(section.firstChild, t(`board.lane.${l}`)));
    laneBox.hidden = sorted || lanes.length === 0;
    let notes = noteList(state).map((n) => {
      const o = overrides.get(n.id);
      if (!o) return n;
      if (n.x === o.x && n.y === o.y && (n.lane || undefined) === o.lane) {
        overrides.delete(n.id);
        return n;
      }
      const moved = { ...n, x: o.x, y: o.y };
      if (o.lane) moved.lane = o.lane;
      else delete moved.lane;
      return moved;
    });
    for (const id of [...selection]) if (!state.notes[id]) selection.delete(id);
    const column = (n) => {
      const k = n.lane ? lanes.indexOf(n.lane) : -1;
      return k >= 0 ? k : clamp(Math.floor((n.x / MAX) * lanes.length), 0, Math.max(0, lanes.length - 1));
    };
    if (sorted) notes = notes.slice().sort((a, b) => (b.totalDots || 0) - (a.totalDots || 0));
    else if (flow) notes = notes.slice().sort((a, b) => column(a) - column(b) || a.y - b.y || a.x - b.x);
    syncList(notesLayer, notes, (n) => n.id, (n) => {
      const card = cards.create(n);
      return card;
    }, (card, n) => {
      card.classList.toggle('positioned', !sorted && !flow);
      card.classList.toggle('flowing', flow && !sorted);
      if (flow && !sorted && lanes.length) card.style.setProperty('grid-column', String(column(n) + 1));
      else card.style.removeProperty('grid-column');
      cards.update(card, n, state);
    });
    empty.hidden = notes.length > 0;
    setText(empty, t('board.empty'));
  }

  ctx.watch(() => render());
  return {
    el,
    selection,
    render,
    setSorted(on) {
      sorted = on;
      render();
    },
  };
}

/** The participant's list of notes (not positioned): text, badges, dots, own notes recolour/delete. */
export function createNoteList(ctx) {
  const list = h('div', { class: 'note-list' });
  const empty = h('p', { class: 'empty' });
  const el = h('div', {}, list, empty);
  const cards = noteCards(ctx, { dots: true, edit: true, selection: new Set() });
  ctx.watch((state, force) => {
    if (!force && list._notes === state.notes && list._board === state.board && list._clusters === state.clusters) return;
    list._notes = state.notes;
    list._board = state.board;
    list._clusters = state.clusters;
    const notes = noteList(state);
    syncList(list, notes, (n) => n.id, (n) => cards.create(n), (card, n) => cards.update(card, n, state));
    empty.hidden = notes.length > 0;
    setText(empty, t('board.empty'));
  });
  return el;
}

/**
 * The form that adds a note: note-input, a colour and (on a board with lanes) a lane, note-add.
 * @returns {HTMLElement}
 */
export function createNoteForm(ctx, { compact = false } = {}) {
  const input = h('textarea', { class: 'note-input', testid: 'note-input', maxLength: 500, rows: compact ? 1 : 2 });
  const inputLabel = h('label', { htmlFor: '', data: { i18n: 'board.addNote' } });
  input.id = `note-input-${Math.random().toString(36).slice(2, 8)}`;
  inputLabel.htmlFor = input.id;
  const colour = select([], 'yellow', { class: 'note-colour-new', testid: 'note-colour-new' });
  colour.id = `${input.id}-colour`;
  const lane = select([], '', { class: 'note-lane-new', testid: 'note-lane' });
  lane.id = `${input.id}-lane`;
  const laneField = h('div', { class: 'field small-field' }, h('label', { htmlFor: lane.id, data: { i18n: 'board.lane' } }), lane);
  const add = h('button', { type: 'submit', testid: 'note-add' });
  const privacy = h('p', { class: 'privacy-hint', attrs: { 'aria-live': 'polite' } });
  const form = h('form', { class: `note-form${compact ? ' compact' : ''}`, noValidate: true },
    h('div', { class: 'field grow' }, inputLabel, input),
    h('div', { class: 'field small-field' }, h('label', { htmlFor: colour.id, data: { i18n: 'board.colour' } }), colour),
    laneField, add, privacy);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    const state = ctx.state;
    const chosenLane = lanesOf(state).includes(lane.value) ? lane.value : undefined;
    const { x, y } = placeNewNote(state, chosenLane);
    const command = commands.addNote({ text, colour: colour.value, x, y, lane: chosenLane });
    // Clear at once: the command is in the outbox now (sent later if offline), so a second tap must not
    // queue the same note again. A refusal gives the text back to be fixed.
    input.value = '';
    const reply = await ctx.send(command);
    if (!reply.ok && !input.value) {
      input.value = text;
    }
    input.focus();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  ctx.watch((state, force) => {
    const lanes = lanesOf(state);
    laneField.hidden = lanes.length === 0;
    setOptions(lane, [...lanes.map((l) => ({ value: l, label: t(`board.lane.${l}`) })), { value: '', label: t('board.lane.none') }], lanes[0] || '');
    if (force) {
      setOptions(colour, NOTE_COLOURS.map((c) => ({ value: c, label: t(`colour.${c}`) })), 'yellow');
      setText(add, t('board.addNote'));
      setAttr(input, 'placeholder', t('board.notePlaceholder'));
    }
    const ended = meetingEnded(state);
    const locked = ended || !ctx.canAct();
    for (const control of [input, colour, lane, add]) control.disabled = locked;
    const parts = [];
    if (state.board.writingPhase) parts.push(t('ui.privatePhaseHint'));
    if (state.board.anonymous) parts.push(t('ui.anonymousHint'));
    setText(privacy, parts.join(' '));
    privacy.hidden = parts.length === 0;
    form.classList.toggle('private', state.board.writingPhase);
  });
  return form;
}
