// Pointer Events on the canvas (mouse, pen and touch alike), delegated to the wall so 300 cards cost one
// set of listeners: a press that moves more than a few pixels drags the card and the cards that move with
// it (its cluster, or the selection it belongs to), shown with a transform while the pointer moves; a press
// that does not move is a tap; a touch held still is a long press; a right click asks for the menu.
// Positions go out in board coordinates (model/board-layout.js); sending and throttling are the wall's.

import { BOARD_MAX, moveGroup } from '../model/board-layout.js';

const SLOP_PX = 6;
const LONG_PRESS_MS = 500;

/**
 * @param {HTMLElement} layer the positioned layer the cards sit in (their coordinates are its fractions)
 * @param {object} h
 * @param {() => boolean} h.enabled
 * @param {(target: Element) => ({noteId: (string|null), ids: string[]}|null)} h.pick what a press on target drags
 * @param {(id: string) => (HTMLElement|undefined)} h.cardOf
 * @param {() => string[]} h.lanes
 * @param {(moves: object[], shift: {dx: number, dy: number}) => void} h.onDrag
 * @param {(moves: object[]) => void} h.onDrop
 * @param {(noteId: string, event: PointerEvent) => void} h.onTap
 * @param {(noteId: string) => void} h.onLongPress
 * @param {(noteId: string, point: {x: number, y: number}) => void} h.onMenu
 * @param {(fn: () => void, ms: number) => () => void} h.timeout
 */
export function attachCanvasPointer(root, layer, h) {
  let press = null;
  let lastPointerType = 'mouse';

  const onMove = (event) => move(event);
  const onUp = (event) => finish(event);
  const watch = (on) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    globalThis[method]('pointermove', onMove, true);
    globalThis[method]('pointerup', onUp, true);
    globalThis[method]('pointercancel', onUp, true);
  };

  root.addEventListener('pointerdown', (event) => {
    lastPointerType = event.pointerType;
    if (press || !h.enabled() || (event.pointerType === 'mouse' && event.button !== 0)) return;
    const picked = h.pick(event.target);
    if (!picked) return;
    press = { pointerId: event.pointerId, type: event.pointerType, x: event.clientX, y: event.clientY, at: event.timeStamp, ...picked,
      moved: false, long: false, members: null, cancelLong: null };
    if (event.pointerType !== 'mouse' && picked.noteId) {
      press.cancelLong = h.timeout(() => {
        if (press && !press.moved) {
          press.long = true;
          h.onLongPress(press.noteId);
        }
      }, LONG_PRESS_MS);
    }
    watch(true);
  });

  root.addEventListener('contextmenu', (event) => {
    const card = event.target.closest('.note[data-note-id]');
    if (!card || !h.enabled()) return;
    event.preventDefault();
    // A long touch is the selection gesture here (Chrome on Android also fires contextmenu for it).
    if (lastPointerType === 'touch') return;
    h.onMenu(card.dataset.noteId, { x: event.clientX, y: event.clientY });
  });

  function begin(event) {
    press.moved = true;
    if (press.cancelLong) press.cancelLong();
    const box = layer.getBoundingClientRect();
    press.box = box;
    press.members = press.ids.map((id) => h.cardOf(id)).filter(Boolean).map((el) => {
      const r = el.getBoundingClientRect();
      el.classList.add('dragging');
      return {
        el,
        id: el.dataset.noteId,
        x: ((r.left + r.width / 2 - box.left) / box.width) * BOARD_MAX,
        y: ((r.top + r.height / 2 - box.top) / box.height) * BOARD_MAX,
      };
    });
    const grabbed = h.cardOf(press.noteId) || event.target;
    try {
      grabbed.setPointerCapture(event.pointerId);
    } catch {
      // the pointer is gone already; the window listeners still see the end of the drag
    }
  }

  function movesFor(p, event) {
    const dx = ((event.clientX - p.x) / p.box.width) * BOARD_MAX;
    const dy = ((event.clientY - p.y) / p.box.height) * BOARD_MAX;
    const moves = moveGroup(h.lanes(), p.members, dx, dy);
    const first = moves[0];
    const shift = first ? {
      dx: ((first.x - p.members[0].x) / BOARD_MAX) * p.box.width,
      dy: ((first.y - p.members[0].y) / BOARD_MAX) * p.box.height,
    } : { dx: 0, dy: 0 };
    return { moves, shift };
  }

  function move(event) {
    if (!press || event.pointerId !== press.pointerId) return;
    if (!press.moved) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < SLOP_PX || press.long) return;
      begin(event);
    }
    event.preventDefault();
    const { moves, shift } = movesFor(press, event);
    for (const m of press.members) m.el.style.setProperty('transform', `translate(${shift.dx}px, ${shift.dy}px)`);
    if (moves.length) h.onDrag(moves, shift);
  }

  function finish(event) {
    if (!press || event.pointerId !== press.pointerId) return;
    const p = press;
    press = null;
    watch(false);
    if (p.cancelLong) p.cancelLong();
    if (!p.moved) {
      if (event.type !== 'pointerup' || p.long || !p.noteId) return;
      // A busy page may run the long-press timer late: the length of the press decides.
      if (p.type !== 'mouse' && event.timeStamp - p.at >= LONG_PRESS_MS) h.onLongPress(p.noteId);
      else h.onTap(p.noteId, event);
      return;
    }
    const { moves } = event.type === 'pointercancel' ? { moves: [] } : movesFor(p, event);
    // The click that follows a drag must not count as a tap on whatever lies under the pointer.
    const swallow = (e) => {
      e.stopPropagation();
      e.preventDefault();
    };
    root.addEventListener('click', swallow, { capture: true, once: true });
    h.timeout(() => root.removeEventListener('click', swallow, { capture: true }), 0);
    h.onDrop(moves, p.members.map((m) => m.el));
  }
}
