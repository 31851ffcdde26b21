// The sticky-note wall (docs/PROTOCOL.md §9.9) as a canvas: the lanes of the board's template as columns,
// the notes on top at their board coordinates (model/board-layout.js decides lanes and positions, so every
// screen shows a note in the same lane), clusters drawn as frames around their notes, dot counts on the
// cards. Two modes:
//   - board: cards are dragged anywhere with mouse or touch (board-drag.js), a card in a cluster drags its
//     cluster, a selected card the selection; moves go out at most every 100 ms per card and the drop last
//     (core/move-throttle.js); arrow keys move a focused card; a tap, right click or Enter opens the note's
//     menu (board-menu.js); shift-click, a long touch or Space select cards for a cluster.
//   - screen (the shared screen, read-only): no controls, and never text under the screen's reading size
//     (the wall's own font size, 28 px at 1080p) nor a card cut off: model/board-layout.js's screenWall()
//     decides per lane whether its cards stand at their board positions or, when they would not fit,
//     in a column of cluster cards and the most dotted notes with a "+N more on the board" line.
// Also exports the note form and the participant's note list, which live in board-note-form.js and
// board-note-list.js.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText, syncList } from './dom.js';
import { canvasCards, clusterHue } from './board-card.js';
import { attachCanvasPointer } from './board-drag.js';
import { clusterFrames } from './board-frames.js';
import { createNoteMenu } from './board-menu.js';
import * as commands from '../model/commands.js';
import { BOARD_MAX, CARD_HEIGHT_EM, CARD_WIDTH_EM, cardFontSize, moveGroup, screenWall } from '../model/board-layout.js';
import { lanesOf, meetingEnded } from '../model/selectors.js';
import { createMoveThrottle } from '../core/move-throttle.js';

export { createNoteForm } from './board-note-form.js';
export { createNoteList } from './board-note-list.js';
export { placeNewNote } from '../model/board-layout.js';

const KEY_STEP = 250;
const KEY_SEND_DELAY_MS = 400;
const MOVE_INTERVAL_MS = 100;
const BOARD_SIZES = { min: 12, max: 16 };

/** The notes of a state in creation order. */
export function noteList(state) {
  return Object.values(state.notes || {});
}

/**
 * @param {object} ctx
 * @param {{mode?: ('board'|'screen'), interactive?: boolean}} [options] mode 'board' (or the older
 *   interactive: true) is the live board; anything else is the shared screen's read-only wall
 * @returns {{el: HTMLElement, selection: Set<string>, setSorted: (on: boolean) => void, render: () => void,
 *   onSelectionChange: (fn: () => void) => void, onLaneChosen: (fn: (lane: string) => void) => void,
 *   setSelecting: (on: boolean) => void, selecting: () => boolean, clearSelection: () => void,
 *   cardHeight: () => number}}
 */
export function createWall(ctx, { mode, interactive = false } = {}) {
  const board = mode === 'board' || (mode === undefined && interactive === true);
  const selection = new Set();
  const overrides = new Map(); // noteId → {x, y, lane} sent and not yet seen in the state
  const dragging = new Set();
  const keyTimers = new Map();
  const selectionListeners = new Set();
  const laneListeners = new Set();
  const laneBox = h('div', { class: 'wall-lanes' });
  const framesLayer = h('div', { class: 'wall-frames', attrs: { 'aria-hidden': 'true' } });
  const notesLayer = h('div', { class: 'wall-notes' });
  const empty = h('p', { class: 'empty wall-empty' });
  const hint = board ? h('p', { class: 'visually-hidden', id: 'board-card-hint' }) : null;
  const el = h('div', { class: `wall ${board ? 'board-mode' : 'screen-mode'}`, testid: 'wall' }, laneBox, framesLayer, notesLayer, empty, hint);
  let sorted = false;
  let selecting = false;
  let shown = [];
  let size = { width: 0, height: 0, wallHeight: 0 };
  let scaledFor = '';

  const cards = canvasCards(ctx, { focusable: board });
  const cardOf = (id) => (notesLayer._keyed ? notesLayer._keyed.get(id) : undefined);
  const frames = clusterFrames(framesLayer, { cardOf, handles: board });
  const canMove = () => board && !sorted && ctx.canAct() && !meetingEnded(ctx.state);

  const throttle = createMoveThrottle({
    intervalMs: MOVE_INTERVAL_MS,
    now: () => performance.now(),
    schedule: (fn, ms) => setTimeout(fn, ms),
    cancel: (handle) => clearTimeout(handle),
    send: (noteId, move) => sendMove(noteId, move),
  });
  ctx.own(() => throttle.dispose());

  function sendMove(noteId, { x, y, lane }) {
    ctx.send(commands.moveNote({ noteId, x, y, lane })).then((reply) => {
      const o = overrides.get(noteId);
      if (!reply.ok && o && o.x === x && o.y === y) {
        overrides.delete(noteId);
        render();
      }
    });
  }

  /** The notes that move with this one: its cluster, or the selection it is part of. */
  function groupOf(noteId) {
    const notes = ctx.state.notes;
    const note = notes[noteId];
    if (!note) return [];
    const seeds = selection.has(noteId) && selection.size > 1 ? [...selection] : [noteId];
    const clusters = new Set(seeds.map((id) => notes[id] && notes[id].clusterId).filter(Boolean));
    const ids = new Set(seeds.filter((id) => notes[id]));
    if (clusters.size) for (const n of Object.values(notes)) if (clusters.has(n.clusterId)) ids.add(n.id);
    return [noteId, ...[...ids].filter((id) => id !== noteId)];
  }

  function clusterIdsOf(ids) {
    const notes = ctx.state.notes;
    const whole = new Set(ids.map((id) => notes[id] && notes[id].clusterId).filter(Boolean));
    for (const n of Object.values(notes)) if (whole.has(n.clusterId) && !ids.includes(n.id)) whole.delete(n.clusterId);
    return [...whole];
  }

  function place(moves) {
    for (const m of moves) overrides.set(m.noteId, { x: m.x, y: m.y, lane: m.lane });
  }

  if (board) {
    attachCanvasPointer(el, notesLayer, {
      enabled: canMove,
      timeout: (fn, ms) => ctx.timeout(fn, ms),
      lanes: () => lanesOf(ctx.state),
      cardOf,
      pick(target) {
        const card = target.closest('.note[data-note-id]');
        if (card && notesLayer.contains(card)) {
          dragging.clear();
          return { noteId: card.dataset.noteId, ids: groupOf(card.dataset.noteId) };
        }
        const handle = target.closest('.cluster-frame-label[data-cluster-id]');
        if (!handle) return null;
        const ids = shown.filter((n) => n.clusterId === handle.dataset.clusterId).map((n) => n.id);
        return ids.length ? { noteId: null, ids } : null;
      },
      onDrag(moves, shift) {
        for (const m of moves) {
          dragging.add(m.noteId);
          throttle.push(m.noteId, m);
        }
        for (const c of clusterIdsOf(moves.map((m) => m.noteId))) frames.shift(c, shift.dx, shift.dy);
      },
      onDrop(moves, els) {
        place(moves);
        for (const m of moves) {
          throttle.push(m.noteId, m);
          throttle.flush(m.noteId);
        }
        for (const c of clusterIdsOf(moves.map((m) => m.noteId))) frames.shift(c, 0, 0);
        dragging.clear();
        for (const card of els) {
          card.classList.remove('dragging');
          card.style.removeProperty('transform');
        }
        render();
      },
      onTap(noteId, event) {
        if (event.shiftKey || event.ctrlKey || event.metaKey || selecting) toggleSelected(noteId);
        else menu.open(noteId, { x: event.clientX, y: event.clientY });
      },
      onLongPress(noteId) {
        selecting = true;
        toggleSelected(noteId);
      },
      onMenu: (noteId, point) => menu.open(noteId, point),
    });
    notesLayer.addEventListener('keydown', onKey);
    laneBox.addEventListener('click', (event) => {
      const lane = event.target.closest('.lane');
      if (!lane || !canMove()) return;
      for (const l of laneBox.children) l.classList.toggle('is-target', l === lane);
      for (const fn of laneListeners) fn(lane.dataset.lane);
    });
  }

  const menu = board ? createNoteMenu(ctx, { isSelected: (id) => selection.has(id), toggleSelected, cardOf }) : null;
  if (menu) el.append(menu.el);

  function onKey(event) {
    const card = event.target.closest('.note[data-note-id]');
    if (!card || event.target !== card || !ctx.canAct()) return;
    const noteId = card.dataset.noteId;
    if (event.key === 'Enter' || event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      menu.open(noteId, null);
      return;
    }
    if (event.key === ' ') {
      event.preventDefault();
      toggleSelected(noteId);
      return;
    }
    const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!steps || !canMove()) return;
    event.preventDefault();
    const step = (event.shiftKey ? 4 : 1) * KEY_STEP;
    const members = groupOf(noteId).map((id) => shown.find((n) => n.id === id)).filter(Boolean);
    const moves = moveGroup(lanesOf(ctx.state), members, steps[0] * step, steps[1] * step);
    place(moves);
    render();
    // A held arrow key sends once the card comes to rest.
    for (const m of moves) {
      const pending = keyTimers.get(m.noteId);
      if (pending) pending();
      keyTimers.set(m.noteId, ctx.timeout(() => {
        keyTimers.delete(m.noteId);
        sendMove(m.noteId, m);
      }, KEY_SEND_DELAY_MS));
    }
  }

  function toggleSelected(noteId) {
    const note = ctx.state.notes[noteId];
    if (selection.has(noteId)) selection.delete(noteId);
    else if (note && !note.hidden) selection.add(noteId);
    if (selection.size === 0) selecting = false;
    selectionChanged();
  }

  function selectionChanged() {
    render();
    for (const fn of selectionListeners) fn();
  }

  /** Card and lane-title sizes from the box the wall has and the number of notes on it. */
  function scale(count) {
    if (!board) return;
    const lanes = lanesOf(ctx.state).length;
    const key = `${size.width}x${size.height}x${size.wallHeight}:${count}:${lanes}`;
    if (key === scaledFor || !size.width) return;
    scaledFor = key;
    const font = cardFontSize({ width: size.width, height: size.height, count, lanes }, BOARD_SIZES);
    const laneWidth = lanes ? size.width / lanes : size.width;
    el.style.setProperty('--note-font', `${font}px`);
    el.style.setProperty('--note-w', `${Math.floor(Math.min(font * CARD_WIDTH_EM, laneWidth - 8))}px`);
    el.style.setProperty('--note-h', `${Math.ceil(font * CARD_HEIGHT_EM)}px`);
  }

  const observer = new ResizeObserver(() => {
    if (!board && el.clientHeight < 40 && !el.classList.contains('unsized')) el.classList.add('unsized');
    const next = { width: notesLayer.clientWidth, height: notesLayer.clientHeight, wallHeight: el.clientHeight };
    const resized = next.width !== size.width || next.height !== size.height;
    size = next;
    if (!board && resized) render();
    scale(shown.length);
    frames.update(ctx.state, shown);
  });
  observer.observe(el);
  observer.observe(notesLayer);
  ctx.own(() => observer.disconnect());

  /** The screen's wall: what screenWall() chose, each card at the box it was given (px in the notes layer). */
  function renderScreen(state, lanes, force) {
    const minFont = Number.parseFloat(getComputedStyle(el).fontSize) || 16;
    el.style.setProperty('--lane-title', `${minFont}px`);
    const layout = size.width > 0 && size.height > 0
      ? screenWall({ lanes, notes: noteList(state), clusters: state.clusters || {}, width: size.width, height: size.height, minFont })
      : { font: minFont, lanes: [] };
    el.style.setProperty('--note-font', `${layout.font}px`);
    const items = [];
    for (const lane of layout.lanes) {
      for (const c of lane.cards) items.push({ ...c, key: c.kind === 'note' ? c.id : `cluster:${lane.lane || ''}:${c.id}`, laneId: lane.lane, mode: lane.mode });
      if (lane.more) items.push({ ...lane.more, kind: 'more', key: `more:${lane.lane || ''}`, laneId: lane.lane });
    }
    shown = items.filter((i) => i.kind === 'note').map((i) => state.notes[i.id]);
    if (force) cards.invalidate(notesLayer.children);
    syncList(notesLayer, items, (i) => i.key, createScreenItem, (node, i) => {
      if (i.kind === 'note') cards.update(node, state.notes[i.id], state, { positioned: false, lanes });
      else if (i.kind === 'cluster') paintCluster(node, i);
      else paintMore(node, i);
      node.classList.add('screen-placed');
      node.dataset.layout = i.mode || 'more';
      for (const [k, v] of [['left', i.left], ['top', i.top], ['width', i.width], ['height', i.height]]) node.style.setProperty(k, `${v}px`);
      if (i.lines) node.style.setProperty('--note-lines', String(i.lines));
    });
    const positioned = new Set(items.filter((i) => i.mode === 'positions').map((i) => i.id));
    frames.update(state, shown.filter((n) => positioned.has(n.id)));
    el.dataset.shown = String(shown.length);
    el.dataset.notes = String(noteList(state).length);
    return shown.length + items.filter((i) => i.kind !== 'note').length;
  }

  function createScreenItem(i) {
    if (i.kind === 'note') return cards.create(ctx.state.notes[i.id]);
    if (i.kind === 'cluster') {
      return h('article', { class: 'note cluster-card', testid: 'cluster-card', data: { clusterId: i.id } },
        h('p', { class: 'note-text' }), h('p', { class: 'note-meta' }));
    }
    return h('p', { class: 'wall-more', testid: 'wall-more' });
  }

  function paintCluster(node, c) {
    const label = c.name || t('board.cluster');
    setText(node.firstChild, label);
    setText(node.lastChild, `${t('ui.noteCount', { n: c.notes })}${c.dots ? ` · ● ${c.dots}` : ''}`);
    node.style.setProperty('--cluster-hue', String(clusterHue(c.id)));
    setAttr(node, 'data-notes', String(c.notes));
    setAttr(node, 'data-dots', String(c.dots));
    setAttr(node, 'data-lane', c.laneId || '');
    setAttr(node, 'aria-label', `${label} · ${t('ui.noteCount', { n: c.notes })}${c.dots ? ` · ${t('ui.dots', { n: c.dots })}` : ''}`);
  }

  function paintMore(node, m) {
    setText(node, t('screenWall.more', { n: m.count }));
    setAttr(node, 'data-more', String(m.count));
    setAttr(node, 'data-lane', m.laneId || '');
  }

  function render(force = false) {
    const state = ctx.state;
    const lanes = lanesOf(state);
    el.dataset.template = state.board.template;
    el.classList.toggle('sorted', sorted);
    el.classList.toggle('has-lanes', lanes.length > 0);
    el.classList.toggle('selecting', selecting);
    el.style.setProperty('--lanes', String(Math.max(1, lanes.length)));
    syncList(laneBox, lanes, (l) => l, (l) => h('section', { class: 'lane', testid: 'lane', data: { lane: l } },
      h('h3', { class: 'lane-title' })), (section, l) => setText(section.firstChild, t(`board.lane.${l}`)));
    laneBox.hidden = sorted || lanes.length === 0;
    if (!board) {
      const count = renderScreen(state, lanes, force);
      framesLayer.hidden = false;
      empty.hidden = count > 0;
      setText(empty, t('board.empty'));
      return;
    }
    for (const id of [...selection]) if (!state.notes[id] || state.notes[id].hidden) selection.delete(id);
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
    shown = notes;
    if (sorted) notes = notes.slice().sort((a, b) => (b.totalDots || 0) - (a.totalDots || 0));
    if (force) cards.invalidate(notesLayer.children);
    syncList(notesLayer, notes, (n) => n.id, (n) => cards.create(n), (card, n) => cards.update(card, n, state, {
      selected: selection.has(n.id), positioned: !sorted, hold: dragging.has(n.id), lanes,
    }));
    scale(notes.length);
    framesLayer.hidden = sorted;
    if (!sorted) frames.update(state, shown);
    empty.hidden = notes.length > 0;
    setText(empty, t('board.empty'));
    if (hint) setText(hint, t('boardCanvas.cardHint'));
    if (menu) menu.update(state);
  }

  ctx.watch((state, force) => render(force));
  return {
    el,
    selection,
    render: () => render(),
    setSorted(on) {
      sorted = on;
      render();
    },
    onSelectionChange: (fn) => selectionListeners.add(fn),
    onLaneChosen: (fn) => laneListeners.add(fn),
    setSelecting(on) {
      selecting = on;
      selectionChanged();
    },
    selecting: () => selecting,
    clearSelection() {
      selection.clear();
      selecting = false;
      selectionChanged();
    },
    /** A card's height in board units, for laying out a cluster's notes next to each other. */
    cardHeight: () => (size.height ? ((Number.parseFloat(el.style.getPropertyValue('--note-h')) || 80) / size.height) * BOARD_MAX : 1500),
  };
}
