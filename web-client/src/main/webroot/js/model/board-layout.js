// Where things sit on the sticky-note board, as pure functions of board coordinates (0 … 10 000 on both
// axes, whatever the screen; docs/PROTOCOL.md §9.8). Every view draws a note from these, so a note is in
// the same lane on the board, on a phone and on the shared screen:
//   - the lane of a position is laneAt(lanes, x): the lanes split the width into equal columns;
//   - a dropped note is sent with the lane its centre fell into (MoveNote carries the lane after the move);
//   - a note is drawn inside the lane it belongs to (drawnX), even if an older client stored an x elsewhere.
// No DOM here: the components turn these numbers into pixels.

import { lanesOf } from './selectors.js';

export const BOARD_MAX = 10000;

const ROWS = 6;
const FIRST_ROW = 700;
const ROW_STEP = 1700;

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/** The lane under board position x (0 … 10 000), or undefined on a board without lanes. */
export function laneAt(lanes, x) {
  if (!lanes || lanes.length === 0) return undefined;
  return lanes[clamp(Math.floor((x / BOARD_MAX) * lanes.length), 0, lanes.length - 1)];
}

/** The horizontal span [start, end) of a lane in board units; the whole board for no lane. */
export function laneSpan(lanes, lane) {
  const k = lane && lanes ? lanes.indexOf(lane) : -1;
  if (k < 0) return [0, BOARD_MAX];
  const width = BOARD_MAX / lanes.length;
  return [k * width, (k + 1) * width];
}

/**
 * The x at which a note is drawn: its own x when that lies in its lane, else the middle of its lane (a note
 * belongs to the lane it carries, and is shown there on every screen).
 */
export function drawnX(lanes, note) {
  if (!note.lane || !lanes.includes(note.lane) || laneAt(lanes, note.x) === note.lane) return note.x;
  const [start, end] = laneSpan(lanes, note.lane);
  return Math.round((start + end) / 2);
}

/** A drop at board fractions (fx, fy) of 0 … 1: the rounded, clamped position and the lane it falls in. */
export function dropAt(lanes, fx, fy) {
  const x = Math.round(clamp(fx, 0, 1) * BOARD_MAX);
  const y = Math.round(clamp(fy, 0, 1) * BOARD_MAX);
  return { x, y, lane: laneAt(lanes, x) };
}

/**
 * Moves a group of notes (a cluster, a selection) by (dx, dy) board units as one: the shift is cut so that
 * no note leaves the board, which keeps the group's shape; each note then takes the lane its new x lies in.
 * @param {{id: string, x: number, y: number}[]} notes
 * @returns {{noteId: string, x: number, y: number, lane: (string|undefined)}[]}
 */
export function moveGroup(lanes, notes, dx, dy) {
  if (notes.length === 0) return [];
  const xs = notes.map((n) => n.x);
  const ys = notes.map((n) => n.y);
  const sx = clamp(dx, -Math.min(...xs), BOARD_MAX - Math.max(...xs));
  const sy = clamp(dy, -Math.min(...ys), BOARD_MAX - Math.max(...ys));
  return notes.map((n) => {
    const x = Math.round(clamp(n.x + sx, 0, BOARD_MAX));
    const y = Math.round(clamp(n.y + sy, 0, BOARD_MAX));
    return { noteId: n.id, x, y, lane: laneAt(lanes, x) };
  });
}

/**
 * Where a new note goes: in the lane its author picked (or on a free board), below the notes already there.
 * @returns {{x: number, y: number}}
 */
export function placeNewNote(state, lane) {
  const lanes = lanesOf(state);
  const notes = Object.values(state.notes || {});
  const k = lane ? lanes.indexOf(lane) : -1;
  if (k >= 0) {
    // Six rows per lane, then a second column inside the lane, then the middle again (a little lower).
    const count = notes.filter((n) => n.lane === lane).length;
    const column = Math.floor(count / ROWS) % 3;
    const width = BOARD_MAX / lanes.length;
    const offset = lanes.length > 4 ? 0 : [-0.22, 0.22, 0][column] * width;
    return {
      x: Math.round(clamp(width * (k + 0.5) + offset, width * k, width * (k + 1) - 1)),
      y: Math.round(FIRST_ROW + (count % ROWS) * ROW_STEP + (column === 2 ? ROW_STEP / 2 : 0)),
    };
  }
  const count = notes.filter((n) => !n.lane).length;
  const cols = 6;
  const round = Math.floor(count / (cols * ROWS));
  return {
    x: Math.round(((count % cols) + 0.5 + (round % 2) * 0.3) / cols * BOARD_MAX),
    y: Math.round(FIRST_ROW + (Math.floor(count / cols) % ROWS) * ROW_STEP + (round % 2) * (ROW_STEP / 2)),
  };
}

/** Card proportions, in multiples of the card's font size: about 16 Latin or 9 Chinese characters a line. */
export const CARD_WIDTH_EM = 9.5;
export const CARD_HEIGHT_EM = 5.2;

/**
 * The font size (px) of the note cards on a wall of width × height px holding `count` notes in `lanes`
 * columns: as large as `max` while few notes share the space, smaller as the wall fills up (the cards
 * together cover about `fill` of it), never below `min`, and never wider than a lane.
 */
export function cardFontSize({ width, height, count, lanes = 0 }, { min, max, fill = 0.55 }) {
  if (!(width > 0) || !(height > 0)) return min;
  const byArea = Math.sqrt((fill * width * height) / (Math.max(1, count) * CARD_WIDTH_EM * CARD_HEIGHT_EM));
  const byLane = lanes > 0 ? (width / lanes - 12) / CARD_WIDTH_EM : Infinity;
  return Math.floor(clamp(Math.min(byArea, byLane), min, max) * 10) / 10;
}

/**
 * Where the notes of a new cluster go so that they read as one group: stacked under the first (the anchor,
 * which stays), one card height (`step` board units) apart, in the anchor's lane; those that do not fit
 * below it go above it.
 * @param {{id: string, x: number, y: number}} anchor
 * @param {{id: string}[]} others
 * @returns {{noteId: string, x: number, y: number, lane: (string|undefined)}[]}
 */
export function gather(lanes, anchor, others, step) {
  const below = Math.max(0, Math.floor((BOARD_MAX - anchor.y) / step));
  return others.map((n, i) => {
    const y = i < below ? anchor.y + (i + 1) * step : anchor.y - (i - below + 1) * step;
    return { noteId: n.id, x: anchor.x, y: Math.round(clamp(y, 0, BOARD_MAX)), lane: laneAt(lanes, anchor.x) };
  });
}
