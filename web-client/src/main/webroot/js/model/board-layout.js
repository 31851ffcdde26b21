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

// ---------- the shared screen's wall (issue 11 §2): readable from across the room, never silently clipped ----------

/**
 * Lines of note text a screen card shows: at its board position, and in a lane's column (three there too when
 * the lane is narrower than NARROW_EM: two lines of some ten characters rarely say what a note means).
 */
export const SCREEN_LINES = { positions: 3, flow: 2, narrow: 3 };
const NARROW_EM = 8;
/** Pixels between cards in a lane's column, and kept free at a lane's edges. */
export const SCREEN_GAP_PX = 8;
const SCREEN_EDGE_PX = 3;
const SCREEN_BORDER_PX = 4;
/** A card's box in em: padding 0.3 top and bottom, the text lines and the dots line at 1.2, a 0.15 gap. */
const SCREEN_CARD_EM = (lines) => 0.6 + lines * 1.2 + 0.15 + 1.2;

/** The height (px) of a screen card of `lines` text lines at font size `font` (px), borders included. */
export function screenCardHeight(font, lines) {
  return Math.ceil(font * SCREEN_CARD_EM(lines) + SCREEN_BORDER_PX);
}

const boardOrder = (a, b) => a.y - b.y || a.x - b.x || a.index - b.index;

/**
 * What the shared screen's wall shows, and where (px inside a notes layer of width × height), so that no text
 * is under `minFont` px and nothing is cut off:
 *   - every lane (the whole board when the template has none) keeps its column;
 *   - a lane whose notes all fit at their board positions shows them there (mode 'positions': the board's
 *     layout, clusters as frames around their cards); a card that would cover one above it moves down just
 *     below it, so the cards keep their order top to bottom and none hides another's text;
 *   - a lane whose notes do not (mode 'flow') shows, top to bottom in its column, each of its clusters as one
 *     card (name, notes, total dots), then the unclustered notes with the most dots (ties: the newest), both in
 *     the board's order (top to bottom, then left to right), and a line "+N more on the board" with the count
 *     of its notes on no card, so shown notes + notes of shown clusters + N is the lane's note count.
 * The font is as large as 1.6 × minFont while the wall has room, else minFont; lanes in flow always use minFont.
 * @param {{lanes: string[], notes: {id: string, x: number, y: number, lane?: string, clusterId?: string,
 *   totalDots?: number}[], clusters: Object<string, {id: string, name?: string}>, width: number, height: number,
 *   minFont: number}} input notes in creation order (later is newer)
 * @returns {{font: number, lanes: {lane: (string|undefined), mode: ('positions'|'flow'), notes: number,
 *   cards: {kind: ('note'|'cluster'), id: string, lines: number, left: number, top: number, width: number,
 *   height: number, notes?: number, dots?: number, name?: string}[],
 *   more: (null|{count: number, left: number, top: number, width: number, height: number})}[]}}
 */
export function screenWall({ lanes, notes, clusters = {}, width, height, minFont }) {
  const columns = lanes && lanes.length ? lanes : [undefined];
  const indexed = notes.map((n, index) => ({ ...n, index, x: lanes && lanes.length ? drawnX(lanes, n) : n.x }));
  const laneOf = (n) => (n.lane && columns.includes(n.lane) ? n.lane : laneAt(lanes, n.x));
  const byLane = columns.map((lane) => indexed.filter((n) => laneOf(n) === lane));
  const big = cardFontSize({ width, height, count: notes.length, lanes: lanes ? lanes.length : 0 },
    { min: minFont, max: Math.round(minFont * 1.6) });
  const at = (font) => columns.map((lane, k) => positioned(lanes, lane, byLane[k], font, width, height));
  let font = big;
  let placed = at(big);
  if (placed.some((p) => !p) && big > minFont) {
    font = minFont;
    placed = at(minFont);
  }
  return {
    font,
    lanes: columns.map((lane, k) => (placed[k]
      ? { lane, mode: 'positions', notes: byLane[k].length, cards: placed[k], more: null }
      : flowed(lanes, lane, byLane[k], clusters, minFont, width, height))),
  };
}

function cardWidth(lanes, font, width) {
  const laneWidth = lanes && lanes.length ? width / lanes.length : width;
  return Math.floor(Math.min(font * CARD_WIDTH_EM, laneWidth - 2 * SCREEN_EDGE_PX));
}

/** The lane's notes at their board positions, or null when two of them would cover each other. */
function positioned(lanes, lane, notes, font, width, height) {
  const lines = SCREEN_LINES.positions;
  const w = cardWidth(lanes, font, width);
  const h = screenCardHeight(font, lines);
  if (h > height) return notes.length ? null : [];
  const [start, end] = laneSpan(lanes, lane);
  const lo = (start / BOARD_MAX) * width + SCREEN_EDGE_PX;
  const hi = (end / BOARD_MAX) * width - w - SCREEN_EDGE_PX;
  const cards = notes.map((n) => ({
    kind: 'note', id: n.id, lines, width: w, height: h, cluster: n.clusterId || null, y: n.y, x: n.x, index: n.index,
    left: Math.round(clamp((n.x / BOARD_MAX) * width - w / 2, lo, Math.max(lo, hi))),
    top: Math.round(clamp((n.y / BOARD_MAX) * height - h / 2, 0, height - h)),
  })).sort(boardOrder);
  // Top to bottom, a card that would cover one placed before it moves down below it, by the gap, and by room
  // for its cluster frame's label when it is the first of its cluster there. All must still end in the lane.
  const labelRoom = Math.ceil(font * 1.4 + 2 * SCREEN_GAP_PX);
  const placed = [];
  for (const card of cards) {
    for (let moved = true; moved;) {
      moved = false;
      for (const other of placed) {
        if (card.left < other.left + other.width && other.left < card.left + card.width
          && card.top < other.top + other.height + SCREEN_GAP_PX && other.top < card.top + card.height) {
          card.top = other.top + other.height + (card.cluster && card.cluster !== other.cluster ? labelRoom : SCREEN_GAP_PX);
          moved = true;
        }
      }
    }
    if (card.top + card.height > height) return null;
    placed.push(card);
  }
  return placed.map(({ cluster, x, y, index, ...card }) => card);
}

/** The lane as a column of cards at minFont: clusters, then the most dotted notes, then "+N more". */
function flowed(lanes, lane, notes, clusters, font, width, height) {
  const w = cardWidth(lanes, font, width);
  const lines = w < NARROW_EM * font ? SCREEN_LINES.narrow : SCREEN_LINES.flow;
  const h = screenCardHeight(font, lines);
  const [start, end] = laneSpan(lanes, lane);
  const left = (start / BOARD_MAX) * width + SCREEN_EDGE_PX;
  const span = ((end - start) / BOARD_MAX) * width - 2 * SCREEN_EDGE_PX;
  const perRow = Math.max(1, Math.floor((span + SCREEN_GAP_PX) / (w + SCREEN_GAP_PX)));
  const rowsIn = (room) => Math.max(0, Math.floor((room + SCREEN_GAP_PX) / (h + SCREEN_GAP_PX)));

  const groups = new Map();
  const loose = [];
  for (const n of notes) {
    if (n.clusterId && clusters[n.clusterId]) {
      if (!groups.has(n.clusterId)) groups.set(n.clusterId, []);
      groups.get(n.clusterId).push(n);
    } else loose.push(n);
  }
  const clusterCards = [...groups].map(([id, members]) => ({
    kind: 'cluster', id, name: clusters[id].name || '', notes: members.length,
    dots: members.reduce((sum, n) => sum + (n.totalDots || 0), 0),
    x: Math.min(...members.map((n) => n.x)), y: Math.min(...members.map((n) => n.y)),
    index: Math.max(...members.map((n) => n.index)),
  }));
  const total = clusterCards.length + loose.length;
  // "+N more on the board" takes more lines the narrower the lane (some 20 characters: "+12 more on the board").
  const moreLines = span < NARROW_EM * font ? 3 : span < 14 * font ? 2 : 1;
  const moreHeight = Math.ceil(font * 1.25 * moreLines + SCREEN_BORDER_PX);
  let room = perRow * rowsIn(height);
  if (room < total) room = perRow * rowsIn(height - moreHeight - SCREEN_GAP_PX);
  const mostDotted = (list, k) => list.slice()
    .sort((a, b) => (b.totalDots ?? b.dots ?? 0) - (a.totalDots ?? a.dots ?? 0) || b.index - a.index)
    .slice(0, Math.max(0, k)).sort(boardOrder);
  const shownClusters = mostDotted(clusterCards, room);
  const shownNotes = mostDotted(loose, room - shownClusters.length);
  const cards = [...shownClusters, ...shownNotes.map((n) => ({ kind: 'note', id: n.id }))].map((c, i) => {
    const card = {
      ...c, lines, width: w, height: h,
      left: Math.round(left + (i % perRow) * (w + SCREEN_GAP_PX)),
      top: Math.floor(i / perRow) * (h + SCREEN_GAP_PX),
    };
    delete card.x;
    delete card.y;
    delete card.index;
    return card;
  });
  const onCards = shownNotes.length + shownClusters.reduce((sum, c) => sum + c.notes, 0);
  const count = notes.length - onCards;
  const rows = Math.ceil(cards.length / perRow);
  return {
    lane, mode: 'flow', notes: notes.length, cards,
    more: count > 0 ? { count, left: Math.round(left), top: rows * (h + SCREEN_GAP_PX), width: Math.floor(span), height: moreHeight } : null,
  };
}
