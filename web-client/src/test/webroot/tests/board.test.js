import { createMoveThrottle } from '../js/core/move-throttle.js';
import {
  BOARD_MAX, cardFontSize, drawnX, dropAt, gather, laneAt, laneSpan, moveGroup, placeNewNote, SCREEN_LINES,
  screenCardHeight, screenWall,
} from '../js/model/board-layout.js';
import { assert, describe, test } from './runner.js';

const PCSR = ['problem', 'cause', 'solution', 'risk'];
const FIVE_W = ['what', 'who', 'when', 'where', 'why', 'how'];

describe('board layout', () => {
  test('the lane of a position splits the width into equal columns, edges included', () => {
    assert.equal(laneAt(PCSR, 0), 'problem');
    assert.equal(laneAt(PCSR, 2499), 'problem');
    assert.equal(laneAt(PCSR, 2500), 'cause');
    assert.equal(laneAt(PCSR, 7499), 'solution');
    assert.equal(laneAt(PCSR, BOARD_MAX), 'risk');
    assert.equal(laneAt(FIVE_W, 9999), 'how');
    assert.equal(laneAt(FIVE_W, 1666), 'what');
    assert.equal(laneAt(FIVE_W, 1667), 'who');
    assert.equal(laneAt([], 5000), undefined);
  });

  test('a lane spans its column; no lane spans the board', () => {
    assert.deepEqual(laneSpan(PCSR, 'cause'), [2500, 5000]);
    assert.deepEqual(laneSpan(PCSR, undefined), [0, BOARD_MAX]);
    assert.deepEqual(laneSpan([], 'cause'), [0, BOARD_MAX]);
  });

  test('a note is drawn in the lane it carries, whatever x an older client stored', () => {
    assert.equal(drawnX(PCSR, { x: 3000, lane: 'cause' }), 3000);
    assert.equal(drawnX(PCSR, { x: 100, lane: 'risk' }), 8750);
    assert.equal(laneAt(PCSR, drawnX(PCSR, { x: 100, lane: 'risk' })), 'risk');
    assert.equal(drawnX(PCSR, { x: 100 }), 100);
    assert.equal(drawnX([], { x: 100, lane: 'risk' }), 100);
  });

  test('a drop is clamped to the board and takes the lane its centre fell into', () => {
    assert.deepEqual(dropAt(PCSR, 0.6, 0.25), { x: 6000, y: 2500, lane: 'solution' });
    assert.deepEqual(dropAt(PCSR, 1.3, -0.2), { x: BOARD_MAX, y: 0, lane: 'risk' });
    assert.deepEqual(dropAt([], 0.5, 0.5), { x: 5000, y: 5000, lane: undefined });
  });

  test('a group moves as one: every note by the same shift, each into the lane it lands in', () => {
    const moved = moveGroup(PCSR, [{ id: 'n1', x: 1000, y: 1000 }, { id: 'n2', x: 2000, y: 1500 }], 3000, 500);
    assert.deepEqual(moved, [
      { noteId: 'n1', x: 4000, y: 1500, lane: 'cause' },
      { noteId: 'n2', x: 5000, y: 2000, lane: 'solution' },
    ]);
  });

  test('a group pushed against an edge stops there and keeps its shape', () => {
    const moved = moveGroup(PCSR, [{ id: 'n1', x: 8000, y: 9000 }, { id: 'n2', x: 9000, y: 9500 }], 5000, 5000);
    assert.deepEqual(moved.map((m) => [m.x, m.y]), [[9000, 9500], [10000, 10000]]);
    const left = moveGroup([], [{ id: 'n1', x: 300, y: 0 }, { id: 'n2', x: 900, y: 0 }], -1000, -10);
    assert.deepEqual(left.map((m) => [m.x, m.y, m.lane]), [[0, 0, undefined], [600, 0, undefined]]);
    assert.deepEqual(moveGroup(PCSR, [], 10, 10), []);
  });

  test('a new note lands in the lane its author picked', () => {
    const state = { board: { template: 'five_w_one_h' }, notes: { n1: { id: 'n1', x: 9000, y: 700, lane: 'how' } } };
    for (const lane of FIVE_W) {
      const { x, y } = placeNewNote(state, lane);
      assert.equal(laneAt(FIVE_W, x), lane, `placed for ${lane}`);
      assert.ok(y >= 0 && y <= BOARD_MAX);
    }
    assert.ok(placeNewNote(state, 'how').y > 700, 'below the note already in the lane');
    const free = placeNewNote({ board: { template: 'free' }, notes: {} }, undefined);
    assert.ok(free.x > 0 && free.x < BOARD_MAX);
  });

  test('cards are large while the wall is empty and shrink as it fills, within the bounds', () => {
    const wall = { width: 1800, height: 700, lanes: 4 };
    const few = cardFontSize({ ...wall, count: 8 }, { min: 9, max: 40 });
    const sixty = cardFontSize({ ...wall, count: 60 }, { min: 9, max: 40 });
    const many = cardFontSize({ ...wall, count: 300 }, { min: 9, max: 40 });
    assert.ok(few >= 28, `8 notes: ${few}px`);
    assert.ok(sixty < few && many < sixty, `${few} > ${sixty} > ${many}`);
    assert.ok(many >= 9);
    assert.equal(cardFontSize({ ...wall, count: 1 }, { min: 9, max: 40 }), 40);
    assert.ok(cardFontSize({ width: 600, height: 2000, lanes: 6, count: 1 }, { min: 9, max: 40 }) * 9.5 <= 600 / 6);
    assert.equal(cardFontSize({ width: 0, height: 0, count: 5 }, { min: 12, max: 16 }), 12);
  });
});

function fakeTime() {
  let now = 0;
  let timers = [];
  return {
    now: () => now,
    schedule(fn, ms) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return timer;
    },
    cancel(timer) {
      timers = timers.filter((t) => t !== timer);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
    get waiting() {
      return timers.length;
    },
  };
}

describe('move throttle', () => {
  test('a drag of one second at 60 frames a second sends at most 11 moves, 100 ms apart, the last one last', () => {
    const time = fakeTime();
    const sent = [];
    const throttle = createMoveThrottle({ ...time, send: (key, move) => sent.push({ key, move, at: time.now() }) });
    for (let frame = 0; frame <= 60; frame++) {
      throttle.push('n1', { x: frame * 10 });
      time.advance(1000 / 60);
    }
    throttle.flush('n1');
    time.advance(200);
    assert.ok(sent.length >= 9 && sent.length <= 11, `${sent.length} moves`);
    for (let i = 1; i < sent.length; i++) assert.ok(sent[i].at - sent[i - 1].at >= 100, `gap ${sent[i].at - sent[i - 1].at}`);
    assert.deepEqual(sent[sent.length - 1].move, { x: 600 });
    assert.equal(throttle.pending('n1'), false);
    assert.equal(time.waiting, 0);
  });

  test('the first move goes at once, and a newer position replaces one still waiting', () => {
    const time = fakeTime();
    const sent = [];
    const throttle = createMoveThrottle({ ...time, send: (key, move) => sent.push(move) });
    throttle.push('n1', 'a');
    assert.deepEqual(sent, ['a']);
    time.advance(10);
    throttle.push('n1', 'b');
    throttle.push('n1', 'c');
    assert.equal(throttle.pending('n1'), true);
    time.advance(100);
    assert.deepEqual(sent, ['a', 'c']);
  });

  test('a drop right after a sent move still sends the final position, at its turn', () => {
    const time = fakeTime();
    const sent = [];
    const throttle = createMoveThrottle({ ...time, send: (key, move) => sent.push([time.now(), move]) });
    throttle.push('n1', 'start');
    time.advance(30);
    throttle.push('n1', 'end');
    throttle.flush('n1');
    time.advance(100);
    assert.deepEqual(sent, [[0, 'start'], [100, 'end']]);
  });

  test('cards are throttled each on its own, so a cluster moves together', () => {
    const time = fakeTime();
    const sent = [];
    const throttle = createMoveThrottle({ ...time, send: (key, move) => sent.push(`${key}:${move}`) });
    throttle.push('n1', 1);
    throttle.push('n2', 1);
    time.advance(50);
    throttle.push('n1', 2);
    throttle.push('n2', 2);
    throttle.flush('n1');
    throttle.flush('n2');
    time.advance(100);
    assert.deepEqual(sent, ['n1:1', 'n2:1', 'n1:2', 'n2:2']);
  });

  test('dispose drops waiting moves', () => {
    const time = fakeTime();
    const sent = [];
    const throttle = createMoveThrottle({ ...time, send: (key, move) => sent.push(move) });
    throttle.push('n1', 1);
    throttle.push('n1', 2);
    throttle.dispose();
    time.advance(500);
    assert.deepEqual(sent, [1]);
  });
});

describe('board layout, gathering a cluster', () => {
  test('the notes of a new cluster stack under the first, in its lane, and above it when the board ends', () => {
    const lanes = ['problem', 'cause', 'solution', 'risk'];
    const anchor = { id: 'n1', x: 6000, y: 2000 };
    assert.deepEqual(gather(lanes, anchor, [{ id: 'n2' }, { id: 'n3' }], 1000), [
      { noteId: 'n2', x: 6000, y: 3000, lane: 'solution' },
      { noteId: 'n3', x: 6000, y: 4000, lane: 'solution' },
    ]);
    const low = gather(lanes, { id: 'n1', x: 100, y: 9500 }, [{ id: 'n2' }, { id: 'n3' }], 1000);
    assert.deepEqual(low.map((m) => [m.y, m.lane]), [[8500, 'problem'], [7500, 'problem']]);
  });
});

describe('board layout, the shared screen\'s wall', () => {
  const SIX = ['what', 'who', 'when', 'where', 'why', 'how'];
  const FOUR = ['problem', 'cause', 'solution', 'risk'];
  const box = { width: 1150, height: 700, minFont: 28 };
  /** n notes spread over the lanes as the browser tests add them: lane i % lanes, rows down the lane. */
  function spread(lanes, n, extra = () => ({})) {
    return Array.from({ length: n }, (_, i) => {
      const k = i % lanes.length;
      const row = Math.floor(i / lanes.length);
      const width = BOARD_MAX / lanes.length;
      return { id: `n${i}`, lane: lanes[k], x: Math.round(width * k + 300 + (row % 3) * 300), y: 400 + (row * 731) % 9300, ...extra(i) };
    });
  }
  const cardsOf = (wall) => wall.lanes.flatMap((l) => l.cards);
  const overlap = (a, b) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
  /** Shown notes + notes of shown clusters + "+N more" of every lane. */
  const accounted = (wall) => wall.lanes.reduce((sum, l) => sum + (l.more ? l.more.count : 0)
    + l.cards.reduce((s, c) => s + (c.kind === 'cluster' ? c.notes : 1), 0), 0);

  test('few notes keep their board positions and lanes, larger than the reading size', () => {
    const notes = [
      { id: 'a', lane: 'what', x: 800, y: 1000 }, { id: 'b', lane: 'what', x: 800, y: 6000 },
      { id: 'c', lane: 'how', x: 9000, y: 3000 }, { id: 'd', lane: 'who', x: 100, y: 2000 },
    ];
    const wall = screenWall({ ...box, lanes: SIX, notes });
    assert.ok(wall.font >= 28, `font ${wall.font}`);
    assert.deepEqual(wall.lanes.map((l) => l.mode), Array(6).fill('positions'));
    const at = Object.fromEntries(cardsOf(wall).map((c) => [c.id, c]));
    assert.ok(at.a.top < at.b.top, 'a above b, as on the board');
    assert.equal(at.a.lines, SCREEN_LINES.positions);
    assert.equal(at.a.height, screenCardHeight(wall.font, SCREEN_LINES.positions));
    const laneWidth = 1150 / 6;
    // 'd' carries the lane who but an x in what: it is drawn in its lane, as on the board
    assert.ok(at.d.left >= laneWidth && at.d.left + at.d.width <= 2 * laneWidth, `d at ${at.d.left}`);
    assert.ok(at.c.left >= 5 * laneWidth && at.c.left + at.c.width <= 1150);
    assert.equal(wall.lanes.every((l) => l.more === null), true);
  });

  test('cards closer than a card\'s height keep their places and order, the lower moved just below the upper', () => {
    const notes = [
      { id: 'top', lane: 'problem', x: 1200, y: 4500, clusterId: 'c1' },
      { id: 'under', lane: 'problem', x: 1200, y: 5600, clusterId: 'c1' },
      { id: 'alone', lane: 'problem', x: 1200, y: 1500 },
    ];
    const wall = screenWall({ ...box, lanes: FOUR, notes, clusters: { c1: { id: 'c1', name: 'CI' } } });
    const lane = wall.lanes[0];
    assert.equal(lane.mode, 'positions');
    const at = Object.fromEntries(lane.cards.map((c) => [c.id, c]));
    assert.equal(at.top.top, Math.round(0.45 * 700 - at.top.height / 2));
    assert.equal(at.under.top, at.top.top + at.top.height + 8);
    assert.ok(at.alone.top + at.alone.height < at.top.top, 'the note above stays above');
    // a fourth card in the same column no longer fits below: the lane turns into a column with the cluster as one card
    notes.push({ id: 'low', lane: 'problem', x: 1200, y: 6000 }, { id: 'lower', lane: 'problem', x: 1200, y: 6200 });
    const crowded = screenWall({ ...box, lanes: FOUR, notes, clusters: { c1: { id: 'c1', name: 'CI' } } });
    assert.equal(crowded.lanes[0].mode, 'flow');
    assert.equal(crowded.lanes[0].cards[0].kind, 'cluster');
    assert.equal(accounted(crowded), 5);
  });

  test('60 notes on six lanes: every lane a column at the reading size, nothing outside, nothing overlapping, all counted', () => {
    const notes = spread(SIX, 60, (i) => ({ totalDots: i % 7 === 0 ? 1 : 0 }));
    const wall = screenWall({ ...box, lanes: SIX, notes });
    assert.equal(wall.font, 28);
    assert.deepEqual(wall.lanes.map((l) => l.mode), Array(6).fill('flow'));
    const cards = cardsOf(wall);
    // a lane of 190 px is narrow: three lines of text a card, the card exactly that tall
    assert.ok(cards.every((c) => c.lines === SCREEN_LINES.narrow && c.height === screenCardHeight(28, SCREEN_LINES.narrow)));
    for (const c of cards) assert.ok(c.left >= 0 && c.top >= 0 && c.left + c.width <= 1150 && c.top + c.height <= 700, JSON.stringify(c));
    for (const l of wall.lanes) if (l.more) assert.ok(l.more.top + l.more.height <= 700 && l.more.left + l.more.width <= 1150, JSON.stringify(l.more));
    for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) assert.ok(!overlap(cards[i], cards[j]), `${cards[i].id} covers ${cards[j].id}`);
    assert.equal(accounted(wall), 60);
    assert.ok(wall.lanes.every((l) => l.more && l.more.count > 0));
    // the dotted notes are among those shown
    const shown = new Set(cards.map((c) => c.id));
    for (const n of notes) if (n.totalDots) assert.ok(shown.has(n.id), `${n.id} has a dot and is shown`);
  });

  test('a lane that does not fit shows each cluster as one card, then the most dotted notes (ties: newest) in the board\'s order', () => {
    const notes = [];
    for (let i = 0; i < 12; i++) notes.push({ id: `p${i}`, lane: 'problem', x: 1000, y: 300 + i * 780, clusterId: i < 4 ? 'c1' : undefined, totalDots: i === 4 ? 3 : i === 9 ? 2 : 0 });
    notes.push({ id: 'r0', lane: 'risk', x: 8000, y: 5000 });
    const wall = screenWall({ ...box, lanes: FOUR, notes, clusters: { c1: { id: 'c1', name: 'Launch' } } });
    const problem = wall.lanes[0];
    assert.equal(problem.mode, 'flow');
    assert.equal(wall.lanes[3].mode, 'positions');
    assert.deepEqual(problem.cards[0], { ...problem.cards[0], kind: 'cluster', id: 'c1', name: 'Launch', notes: 4, dots: 0 });
    const ids = problem.cards.slice(1).map((c) => c.id);
    const room = problem.cards.length - 1;
    assert.ok(room >= 2 && room < 8, `room for ${room}`);
    // the two dotted notes, then the newest others; shown top to bottom as on the board
    const expected = ['p4', 'p9', 'p11', 'p10', 'p8', 'p7', 'p6', 'p5'].slice(0, room).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    assert.deepEqual(ids, expected);
    assert.equal(problem.more.count, 12 - 4 - room);
    assert.equal(accounted(wall), 13);
    for (let i = 1; i < problem.cards.length; i++) assert.ok(problem.cards[i].top > problem.cards[i - 1].top);
  });

  test('a board without lanes is one wide column that holds cards side by side', () => {
    const notes = Array.from({ length: 40 }, (_, i) => ({ id: `f${i}`, x: 5000, y: 200 + i * 10 }));
    const wall = screenWall({ ...box, lanes: [], notes });
    assert.equal(wall.lanes.length, 1);
    assert.equal(wall.lanes[0].mode, 'flow');
    const tops = new Set(wall.lanes[0].cards.map((c) => c.top));
    assert.ok(wall.lanes[0].cards.length > tops.size, 'several cards a row');
    assert.equal(accounted(wall), 40);
  });

  test('proportional at 1280x720: the reading size scales, the choice holds', () => {
    const notes = spread(FOUR, 60);
    const wall = screenWall({ width: 766, height: 466, minFont: 18.7, lanes: FOUR, notes });
    assert.ok(cardsOf(wall).every((c) => c.top + c.height <= 466 && c.left + c.width <= 766));
    assert.equal(accounted(wall), 60);
    assert.ok(wall.font >= 18.7);
  });
});
