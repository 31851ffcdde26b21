// Tests of js/ot.js (the port of the server's TextOperation) and js/ot-client.js (the minutes OT client).
// Each entry: {name, fn}; fn throws on failure. The deterministic cases mirror
// server/src/test/java/dev/roundtable/domain/text/TextOperationTest.java; tests/ot.fixtures.js holds results
// computed by the Java implementation itself, which the port must reproduce exactly.

import { TextOperation } from '../js/core/ot.js';
import {
  MinutesClient, transformCursor, transformSelection, diffOperation,
  SYNCHRONIZED, AWAITING_CONFIRM, AWAITING_WITH_BUFFER,
} from '../js/core/ot-client.js';
import fixtures from './ot.fixtures.js';

// ---------- helpers ----------

const EMOJI = '\uD83D\uDE00';
const MAX = 2147483647;

const op = (...components) => TextOperation.fromJSON(components);

function show(value) {
  return JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof TextOperation ? v.toJSON() : v));
}

function assertEqual(actual, expected, message = '') {
  const a = show(actual);
  const e = show(expected);
  if (a !== e) throw new Error(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function assertThrows(fn, messagePart, message = '') {
  let thrown = null;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  if (!thrown) throw new Error(`${message ? `${message}: ` : ''}expected an error${messagePart ? ` containing "${messagePart}"` : ''}`);
  if (messagePart && !String(thrown.message).includes(messagePart)) {
    throw new Error(`${message ? `${message}: ` : ''}expected an error containing "${messagePart}", got "${thrown.message}"`);
  }
  return thrown;
}

function assertConverges(document, a, b, expected) {
  const [aPrime, bPrime] = TextOperation.transform(a, b);
  assertEqual(bPrime.apply(a.apply(document)), expected, `b' after a on ${show(document)}`);
  assertEqual(aPrime.apply(b.apply(document)), expected, `a' after b on ${show(document)}`);
}

/** mulberry32: a small seeded PRNG, so every random test is reproducible. */
function prng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), bool: () => next() < 0.5 };
}

const PIECES = ['a', 'b', 'c', 'x', ' ', ' ', '\n', '\u00e9', '\u00df', '\u0436', '\u4e2d', 'e\u0301', EMOJI,
  '\uD83D\uDC4D\uD83C\uDFFD', '\uD83C\uDDE9\uD83C\uDDEA', '\u200d'];

function randomText(r) {
  let out = '';
  const pieces = 1 + r.int(4);
  for (let i = 0; i < pieces; i++) out += PIECES[r.int(PIECES.length)];
  return out;
}

function randomDocument(r) {
  if (r.int(10) === 0) return '';
  let out = '';
  const pieces = r.int(30);
  for (let i = 0; i < pieces; i++) out += PIECES[r.int(PIECES.length)];
  return out;
}

/** In the spirit of ot.js's randomOperation, as in the Java test. */
function randomOperation(r, length, inserts = true, deletes = true) {
  const o = new TextOperation();
  if (r.int(20) === 0) return o.retain(length);
  let left = length;
  while (left > 0) {
    const n = 1 + r.int(Math.min(left, 6));
    const choice = r.int(10);
    if (choice < 4 || (choice < 7 && !inserts) || (choice >= 7 && !deletes)) {
      o.retain(n);
      left -= n;
    } else if (choice < 7) {
      o.insert(randomText(r));
    } else {
      o.delete(n);
      left -= n;
    }
  }
  if (inserts && r.int(3) === 0) o.insert(randomText(r));
  return o;
}

function kind(c) {
  if (typeof c === 'string') return c.length ? 2 : 0;
  return Math.sign(c);
}

function assertNormalForm(operation, context) {
  const cs = operation.toJSON();
  let base = 0;
  let target = 0;
  cs.forEach((c, i) => {
    assert(typeof c === 'string' || Number.isInteger(c), `${context}: component ${i} of ${operation} has a bad type`);
    const k = kind(c);
    assert(k !== 0, `${context}: component ${i} of ${operation} is empty`);
    if (i > 0) {
      const before = kind(cs[i - 1]);
      assert(k !== before, `${context}: component ${i} of ${operation} repeats the kind before it`);
      assert(!(before === -1 && k === 2), `${context}: component ${i} of ${operation} is an insert after a delete`);
    }
    if (k === 1) { base += c; target += c; } else if (k === 2) target += c.length; else base -= c;
  });
  assertEqual([operation.baseLength, operation.targetLength], [base, target], `${context}: lengths of ${operation}`);
}

// ---------- TextOperation: parsing ----------

const parsing = [
  {
    name: 'fromJSON turns positive numbers into retains, strings into inserts and negative numbers into deletes',
    fn: () => {
      const o = op(5, 'abc', -2, 10);
      assertEqual(o.toJSON(), [5, 'abc', -2, 10]);
      assertEqual(o.baseLength, 17);
      assertEqual(o.targetLength, 18);
    },
  },
  {
    name: 'fromJSON accepts BigInt components as the integers they are',
    fn: () => {
      const o = TextOperation.fromJSON([2n, 'x', -1, 3n, BigInt(-4)]);
      assert(o.equals(op(2, 'x', -1, 3, -4)), `got ${o}`);
      assert(o.toJSON().every((c) => typeof c === 'number' || typeof c === 'string'), 'components are numbers and strings');
    },
  },
  {
    name: 'fromJSON reads an empty list as the no-op on the empty document',
    fn: () => {
      const o = op();
      assertEqual([o.baseLength, o.targetLength, o.isNoop(), o.toJSON()], [0, 0, true, []]);
      assert(o.equals(new TextOperation()) && o.equals(TextOperation.identity(0)), 'equals the empty operation');
    },
  },
  {
    name: 'fromJSON merges adjacent components of the same kind',
    fn: () => assertEqual(op(2, 3, 'a', 'b', -1, -2, 4).toJSON(), [5, 'ab', -3, 4]),
  },
  {
    name: 'fromJSON moves an insert that follows a delete in front of it, as ot.js does',
    fn: () => {
      assertEqual(op(1, -2, 'x', 3).toJSON(), [1, 'x', -2, 3]);
      assertEqual(op('a', -1, 'b', -1, 'c').toJSON(), ['abc', -2]);
      assert(op(-1, 'x').equals(op('x', -1)), 'delete then insert equals insert then delete');
    },
  },
  {
    name: 'fromJSON keeps a trailing retain because it carries the length of the untouched end',
    fn: () => {
      const o = op('x', 7);
      assertEqual(o.toJSON(), ['x', 7]);
      assertEqual(o.baseLength, 7);
    },
  },
  {
    name: 'fromJSON refuses a missing list or something that is not a list',
    fn: () => {
      assertThrows(() => TextOperation.fromJSON(null), 'got null');
      assertThrows(() => TextOperation.fromJSON({ 0: 1 }), 'must be a list');
      assertThrows(() => TextOperation.fromJSON('abc'), 'must be a list');
    },
  },
  {
    name: 'fromJSON refuses malformed components, naming their position',
    fn: () => {
      const cases = [
        ['zero', 0, 'zero is neither'],
        ['negative zero', -0, 'zero is neither'],
        ['zero as a BigInt', 0n, 'zero is neither'],
        ['null', null, 'expected an integer'],
        ['undefined', undefined, 'expected an integer'],
        ['a fraction', 1.5, 'must be integers'],
        ['NaN', NaN, 'must be integers'],
        ['infinity', Infinity, 'must be integers'],
        ['an empty string', '', 'must not be empty'],
        ['a boolean', true, 'expected an integer'],
        ['a nested list', [1], 'expected an integer'],
        ['an object', { retain: 1 }, 'expected an integer'],
        ['a retain beyond int', MAX + 1, 'longer than'],
        ['a delete of 2^31', -(MAX + 1), 'longer than'],
        ['a huge BigInt', 10n ** 30n, 'longer than'],
      ];
      for (const [what, component, message] of cases) {
        const error = assertThrows(() => TextOperation.fromJSON([3, 'ok', component]), message, what);
        assert(error.message.startsWith('component 2 ('), `${what}: message "${error.message}" names the position`);
      }
    },
  },
  {
    name: 'fromJSON refuses components whose lengths add up to more than 2^31 - 1',
    fn: () => {
      assertThrows(() => op(MAX, 1), `more than ${MAX}`);
      assertThrows(() => op(MAX, 'x'), `more than ${MAX}`);
    },
  },
  {
    name: 'the builder is left unchanged when it refuses a component that would overflow',
    fn: () => {
      const o = new TextOperation().retain(MAX - 1);
      assertThrows(() => o.delete(2), 'more than');
      assertEqual(o.delete(1).toJSON(), [MAX - 1, -1]);
    },
  },
  {
    name: 'toJSON writes the same compact form back out, as a copy',
    fn: () => {
      const o = op(1, `h\u00e9llo ${EMOJI}`, -3, 2);
      assert(TextOperation.fromJSON(o.toJSON()).equals(o), 'round trip');
      o.toJSON().push(1);
      assertEqual(o.toJSON(), [1, `h\u00e9llo ${EMOJI}`, -3, 2], 'mutating the copy changes nothing');
      assertEqual(JSON.stringify(o), JSON.stringify([1, `h\u00e9llo ${EMOJI}`, -3, 2]), 'JSON.stringify uses toJSON');
    },
  },
];

// ---------- TextOperation: value ----------

const value = [
  {
    name: 'an operation equals another with the same components, whatever shape it was built from',
    fn: () => {
      const built = new TextOperation().retain(1).retain(0).delete(2).insert('x').retain(3);
      const parsed = op(1, 'x', -2, 3);
      assert(built.equals(parsed), `${built} equals ${parsed}`);
      assert(!built.equals(op(1, 'y', -2, 3)) && !built.equals(op(1, 'x', -2, 2)) && !built.equals('x'), 'differs from others');
    },
  },
  {
    name: 'toString prints the compact form with inserts quoted like the Java toString',
    fn: () => {
      assertEqual(op(5, 'a"b\\c\nd', -2, 10).toString(), 'TextOperation[5, "a\\"b\\\\c\\nd", -2, 10]');
      assertEqual(op('\u0001\uD83D', 1).toString(), 'TextOperation["\\u0001\\ud83d", 1]');
      assertEqual(op(EMOJI).toString(), `TextOperation["${EMOJI}"]`);
    },
  },
  {
    name: 'an operation is a no-op exactly when it only retains',
    fn: () => {
      assert(op().isNoop() && op(12).isNoop(), 'retains only');
      assert(new TextOperation().retain(12).insert('').isNoop(), 'an empty insert is ignored');
      assert(!op(12, 'x').isNoop() && !op(-1).isNoop() && !op('x', -1).isNoop(), 'edits are not no-ops');
    },
  },
  {
    name: 'the builder methods skip empty components and refuse negative or non-integer ones',
    fn: () => {
      const o = new TextOperation().retain(0).insert('').delete(0);
      assert(o.equals(op()), 'empty');
      assertThrows(() => o.retain(-1), 'negative');
      assertThrows(() => o.delete(-1), 'negative');
      assertThrows(() => o.retain(1.5), 'integer');
      assertThrows(() => o.insert(null), 'string');
      assert(o.retain(2).insert('a').equals(op(2, 'a')), 'still usable');
    },
  },
  {
    name: 'the builder methods return the operation itself and normalise like the Java Builder',
    fn: () => {
      const o = new TextOperation();
      assert(o.retain(1) === o && o.insert('a') === o && o.delete(1) === o, 'chaining');
      o.insert('b').delete(2).insert('c').retain(3).retain(1);
      assertEqual(o.toJSON(), [1, 'abc', -3, 4]);
      assertEqual([o.baseLength, o.targetLength], [8, 8]);
    },
  },
];

// ---------- TextOperation: apply ----------

const applying = [
  {
    name: 'apply keeps, inserts and deletes text in order',
    fn: () => assertEqual(op(7, 'big ', 5, -5, 'meeting').apply('Weekly sync notes'), 'Weekly big sync meeting'),
  },
  {
    name: 'apply fills an empty document',
    fn: () => {
      assertEqual(op('Minutes').apply(''), 'Minutes');
      assertEqual(op().apply(''), '');
    },
  },
  {
    name: 'apply can delete the whole document',
    fn: () => {
      assertEqual(op(-7).apply('Minutes'), '');
      assertEqual(op('Notes', -7).apply('Minutes'), 'Notes');
    },
  },
  {
    name: 'apply refuses a document of another length, which means another version of the text',
    fn: () => {
      assertThrows(() => op(3, 'x').apply('abcd'), 'document of 3 code units, this one has 4');
      assertThrows(() => op(3).apply(null), 'null');
    },
  },
  {
    name: 'apply counts a character outside the BMP as two code units',
    fn: () => {
      const document = `a${EMOJI}b`;
      assertEqual(document.length, 4);
      assertEqual(op(1, -2, 1).apply(document), 'ab');
      assertEqual(op(3, '!', 1).apply(document), `a${EMOJI}!b`);
      assertThrows(() => op(3).apply(document), 'code units');
    },
  },
  {
    name: 'apply may split a surrogate pair, exactly as the server could',
    fn: () => assertEqual(op(1, 'x', 2).apply(`${EMOJI}b`), '\uD83Dx\uDE00b'),
  },
];

// ---------- TextOperation: compose ----------

const composing = [
  {
    name: 'compose has the effect of both operations, one after the other',
    fn: () => {
      const first = op(3, ' sync', 4);
      const second = op(-3, 'Team', 9);
      const both = first.compose(second);
      assertEqual(both.apply('Day 1/2'), second.apply(first.apply('Day 1/2')));
      assertEqual(both.apply('Day 1/2'), 'Team sync 1/2');
      assertEqual(both.toJSON(), ['Team sync', -3, 4]);
    },
  },
  {
    name: 'compose cancels text that the second operation deletes right after the first inserted it',
    fn: () => {
      const both = op(2, 'abc', 2).compose(op(2, -3, 2));
      assertEqual(both.toJSON(), [4]);
      assert(both.isNoop(), 'no-op');
    },
  },
  {
    name: 'compose keeps the part of an insert that survives a partial delete',
    fn: () => assertEqual(op('hello').compose(op(1, -3, 1)).toJSON(), ['ho']),
  },
  {
    name: 'compose adds up deletes of the same region',
    fn: () => assertEqual(op(-2, 3).compose(op(-1, 2)).toJSON(), [-3, 2]),
  },
  {
    name: 'compose empties and refills a document',
    fn: () => {
      const both = op(-5).compose(op('new'));
      assertEqual(both.toJSON(), ['new', -5]);
      assertEqual(both.apply('hello'), 'new');
    },
  },
  {
    name: 'compose refuses an operation made for another length',
    fn: () => { assertThrows(() => op(3, 'x').compose(op(3)), 'produces 4 code units but the second applies to 3'); },
  },
];

// ---------- TextOperation: transform ----------

const transforming = [
  {
    name: 'transform puts the first operation\'s insert first when both insert at the same position',
    fn: () => {
      assertConverges('ab', op(1, 'S', 1), op(1, 'C', 1), 'aSCb');
      assertConverges('ab', op(1, 'C', 1), op(1, 'S', 1), 'aCSb');
    },
  },
  {
    name: 'transform orders concurrent inserts into an empty document by the same rule',
    fn: () => assertConverges('', op('server'), op('client'), 'serverclient'),
  },
  {
    name: 'transform keeps inserts at different positions where their authors put them',
    fn: () => assertConverges('abcd', op(1, 'X', 3), op(3, 'Y', 1), 'aXbcYd'),
  },
  {
    name: 'transform deletes text once when both delete overlapping ranges',
    fn: () => {
      assertConverges('0123456789', op(2, -4, 4), op(4, -4, 2), '0189');
      assertConverges('0123456789', op(2, -6, 2), op(4, -2, 4), '0189');
    },
  },
  {
    name: 'transform lets nothing remain when both delete the whole document',
    fn: () => {
      const [aPrime, bPrime] = TextOperation.transform(op(-5), op(-5));
      assert(aPrime.equals(op()) && bPrime.equals(op()), `got ${aPrime} and ${bPrime}`);
    },
  },
  {
    name: 'transform keeps an insert made inside text the other side deletes',
    fn: () => {
      assertConverges('abcdef', op(3, 'X', 3), op(1, -4, 1), 'aXf');
      assertConverges('abcdef', op(1, -4, 1), op(3, 'X', 3), 'aXf');
    },
  },
  {
    name: 'transform keeps an insert made at the start of text the other side deletes',
    fn: () => {
      assertConverges('abc', op(-3), op('X', 3), 'X');
      assertConverges('abc', op('X', 3), op(-3), 'X');
    },
  },
  {
    name: 'transform counts an emoji as two code units on both sides',
    fn: () => assertConverges(`a${EMOJI}b`, op(1, -2, 1), op(3, '!', 1), 'a!b'),
  },
  {
    name: 'transform leaves the other operation alone when one side is a no-op',
    fn: () => {
      const edit = op(2, 'x', -1, 3);
      const [aPrime, bPrime] = TextOperation.transform(op(6), edit);
      assert(bPrime.equals(edit), `b' ${bPrime}`);
      assert(aPrime.equals(op(6)), `a' ${aPrime}`);
    },
  },
  {
    name: 'transform can order tied inserts differently once composing has moved an insert across deleted text',
    fn: () => {
      const a1 = op(2, 'Z');
      const a2 = op(-2, 1);
      const b = op('Y', 2);
      const [firstA, firstB] = TextOperation.transform(a1, b);
      const [secondA, secondB] = TextOperation.transform(a2, firstB);
      const [, composedB] = TextOperation.transform(a1.compose(a2), b);
      assert(a1.compose(a2).equals(op('Z', -2)), 'composed form');
      assert(a1.compose(a2).equals(op('Z', 2).compose(op(1, -2))), 'same composed form from another history');
      assertEqual(secondB.apply(a2.apply(a1.apply('ab'))), 'YZ');
      assertEqual(firstA.compose(secondA).apply(b.apply('ab')), 'YZ');
      assertEqual(composedB.apply(a1.compose(a2).apply('ab')), 'ZY');
    },
  },
  {
    name: 'transform refuses operations made against documents of different lengths',
    fn: () => { assertThrows(() => TextOperation.transform(op(3), op(4)), '3 and 4 code units'); },
  },
];

// ---------- TextOperation: cursors ----------

const cursors = [
  {
    name: 'transformIndex shifts a cursor by text inserted before it, or exactly at it',
    fn: () => {
      const o = op(2, 'xyz', 3);
      assertEqual([1, 2, 4].map((i) => o.transformIndex(i)), [1, 5, 7]);
    },
  },
  {
    name: 'transformIndex pulls a cursor back by deleted text and collapses it onto a delete that spans it',
    fn: () => {
      const o = op(2, -3, 2);
      assertEqual([2, 3, 5, 6, 7].map((i) => o.transformIndex(i)), [2, 2, 2, 3, 4]);
    },
  },
  {
    name: 'transformIndex puts a cursor after a replacement that spans it',
    fn: () => assertEqual(op(1, 'new', -3, 1).transformIndex(2), 4),
  },
  {
    name: 'transformIndex follows the end of the document',
    fn: () => {
      assertEqual(op(3, 'tail').transformIndex(3), 7);
      assertEqual(op(-3).transformIndex(3), 0);
      assertEqual(op().transformIndex(0), 0);
    },
  },
  {
    name: 'transformIndex refuses a position outside the document',
    fn: () => {
      assertThrows(() => op(3).transformIndex(4), 'index 4');
      assertThrows(() => op(3).transformIndex(-1), 'index -1');
    },
  },
];

// ---------- TextOperation: the Java implementation's own results ----------

const fixtureTests = [
  {
    name: `transform gives exactly the Java implementation's a' and b' for ${fixtures.length} fixtures (ties included)`,
    fn: () => {
      fixtures.forEach((f, i) => {
        const a = TextOperation.fromJSON(f.a);
        const b = TextOperation.fromJSON(f.b);
        const [aPrime, bPrime] = TextOperation.transform(a, b);
        assertEqual(aPrime.toJSON(), f.aPrime, `fixture ${i} a'`);
        assertEqual(bPrime.toJSON(), f.bPrime, `fixture ${i} b'`);
        assertEqual(bPrime.apply(a.apply(f.doc)), f.converged, `fixture ${i} b' after a`);
        assertEqual(aPrime.apply(b.apply(f.doc)), f.converged, `fixture ${i} a' after b`);
      });
    },
  },
  {
    name: 'compose gives exactly the Java implementation\'s results for the fixtures',
    fn: () => {
      fixtures.forEach((f, i) => {
        const composed = TextOperation.fromJSON(f.a).compose(TextOperation.fromJSON(f.a2));
        assertEqual(composed.toJSON(), f.composed, `fixture ${i}`);
        assertEqual(composed.apply(f.doc), f.composedApplied, `fixture ${i} applied`);
      });
    },
  },
  {
    name: 'transforming step by step and against a composition give the Java implementation\'s results',
    fn: () => {
      fixtures.forEach((f, i) => {
        const a = TextOperation.fromJSON(f.a);
        const a2 = TextOperation.fromJSON(f.a2);
        const b = TextOperation.fromJSON(f.b);
        const [, firstB] = TextOperation.transform(a, b);
        const [, secondB] = TextOperation.transform(a2, firstB);
        assertEqual(secondB.toJSON(), f.stepwiseBPrime, `fixture ${i} stepwise b'`);
        assertEqual(secondB.apply(a2.apply(a.apply(f.doc))), f.stepwiseText, `fixture ${i} stepwise text`);
        const [wholeA, wholeB] = TextOperation.transform(a.compose(a2), b);
        assertEqual([wholeA.toJSON(), wholeB.toJSON()], [f.wholeAPrime, f.wholeBPrime], `fixture ${i} whole`);
      });
    },
  },
  {
    name: 'transformIndex, toString and the builder give the Java implementation\'s results for the fixtures',
    fn: () => {
      fixtures.forEach((f, i) => {
        const a = TextOperation.fromJSON(f.a);
        const indexes = [];
        for (let k = 0; k <= f.doc.length; k++) indexes.push(a.transformIndex(k));
        assertEqual(indexes, f.aIndexes, `fixture ${i} indexes`);
        assertEqual(a.toString(), f.aString, `fixture ${i} toString`);
        const built = new TextOperation();
        for (const [method, argument] of f.raw) built[method](argument);
        assertEqual(built.toJSON(), f.built, `fixture ${i} built from ${show(f.raw)}`);
        assertEqual([built.baseLength, built.targetLength], [f.builtBase, f.builtTarget], `fixture ${i} lengths`);
      });
    },
  },
];

// ---------- TextOperation: seeded random properties ----------

function property(name, cases, seed, check) {
  return {
    name: `${name} (${cases} seeded random cases)`,
    fn: () => {
      const r = prng(seed);
      for (let i = 0; i < cases; i++) {
        try {
          check(r, `seed ${seed}, case ${i}`);
        } catch (error) {
          throw new Error(`seed ${seed}, case ${i}: ${error.message}`);
        }
      }
    },
  };
}

const properties = [
  property('transformed operations converge whichever order a replica applies them in', 2000, 0x5eed01, (r, ctx) => {
    const document = randomDocument(r);
    const a = randomOperation(r, document.length);
    const b = randomOperation(r, document.length);
    const [aPrime, bPrime] = TextOperation.transform(a, b);
    assertEqual(bPrime.apply(a.apply(document)), aPrime.apply(b.apply(document)), `${show(document)}, a ${a}, b ${b}`);
    assertNormalForm(aPrime, ctx);
    assertNormalForm(bPrime, ctx);
  }),
  property('a composed operation does what its two parts do one after the other', 1500, 0x5eed02, (r, ctx) => {
    const document = randomDocument(r);
    const a = randomOperation(r, document.length);
    const middle = a.apply(document);
    const b = randomOperation(r, middle.length);
    const both = a.compose(b);
    assertEqual(both.apply(document), b.apply(middle), `${show(document)}, a ${a}, b ${b}`);
    assertEqual([both.baseLength, both.targetLength], [a.baseLength, b.targetLength]);
    assertNormalForm(both, ctx);
  }),
  property('an operation transformed through a sequence one step at a time converges with the sequence', 1000, 0x5eed03, (r) => {
    const document = randomDocument(r);
    const a1 = randomOperation(r, document.length);
    const a2 = randomOperation(r, a1.targetLength);
    const b = randomOperation(r, document.length);
    const [firstA, firstB] = TextOperation.transform(a1, b);
    const [secondA, secondB] = TextOperation.transform(a2, firstB);
    const serverText = secondB.apply(a2.apply(a1.apply(document)));
    assertEqual(firstA.compose(secondA).apply(b.apply(document)), serverText);
  }),
  property('transforming a composed operation equals transforming its parts when no tie can hide', 1000, 0x5eed04, (r) => {
    const document = randomDocument(r);
    const aDeletes = r.bool();
    const a1 = randomOperation(r, document.length, true, aDeletes);
    const a2 = randomOperation(r, a1.targetLength, true, aDeletes);
    const b = randomOperation(r, document.length, !aDeletes, true);
    const [wholeA, wholeB] = TextOperation.transform(a1.compose(a2), b);
    const [firstA, firstB] = TextOperation.transform(a1, b);
    const [secondA, secondB] = TextOperation.transform(a2, firstB);
    assert(wholeB.equals(secondB), `b': ${wholeB} vs ${secondB}`);
    assert(wholeA.equals(firstA.compose(secondA)), `a': ${wholeA} vs ${firstA.compose(secondA)}`);
  }),
  property('the compact wire form reads back to an equal operation', 1000, 0x5eed05, (r) => {
    const o = randomOperation(r, randomDocument(r).length);
    const read = TextOperation.fromJSON(JSON.parse(JSON.stringify(o)));
    assert(read.equals(o), `${read} vs ${o}`);
    assertEqual(read.toString(), o.toString());
  }),
  property('built operations are in normal form and do what their raw components say', 1000, 0x5eed06, (r, ctx) => {
    const document = randomDocument(r);
    const o = new TextOperation();
    let expected = '';
    let position = 0;
    while (position < document.length || r.int(4) === 0) {
      const left = document.length - position;
      const n = left === 0 ? 0 : r.int(Math.min(left, 4) + 1);
      const choice = r.int(3);
      if (choice === 0) {
        o.retain(n);
        expected += document.substring(position, position + n);
        position += n;
      } else if (choice === 1) {
        const text = r.int(5) === 0 ? '' : randomText(r);
        o.insert(text);
        expected += text;
      } else {
        o.delete(n);
        position += n;
      }
    }
    assertNormalForm(o, ctx);
    assertEqual(o.apply(document), expected);
    assertEqual(o.isNoop(), o.toJSON().every((c) => typeof c === 'number' && c > 0));
  }),
  property('a moved cursor stays in front of the character it was in front of', 1000, 0x5eed07, (r) => {
    const document = randomDocument(r);
    const o = randomOperation(r, document.length);
    const result = o.apply(document);
    const survives = new Array(document.length).fill(false);
    let position = 0;
    for (const c of o.toJSON()) {
      if (typeof c === 'number') {
        if (c > 0) survives.fill(true, position, position + c);
        position += Math.abs(c);
      }
    }
    let previous = 0;
    for (let index = 0; index <= document.length; index++) {
      const moved = o.transformIndex(index);
      assert(previous <= moved && moved <= result.length, `index ${index} of ${show(document)} through ${o}`);
      if (index < document.length && survives[index]) {
        assertEqual(result[moved], document[index], `index ${index} through ${o}`);
      }
      previous = moved;
    }
    assertEqual(o.transformIndex(document.length), result.length);
  }),
];

// ---------- cursor and diff helpers ----------

const helpers = [
  {
    name: 'transformCursor moves a position like transformIndex and clamps out-of-range positions',
    fn: () => {
      const o = op(2, 'xyz', 3);
      assertEqual(transformCursor(2, o), 5);
      assertEqual(transformCursor(2, [2, 'xyz', 3]), 5, 'compact form accepted');
      assertEqual(transformCursor(-4, o), 0);
      assertEqual(transformCursor(99, o), 8);
      assertEqual(transformSelection({ start: 1, end: 4, direction: 'forward' }, o), { start: 1, end: 7, direction: 'forward' });
    },
  },
  {
    name: 'a remote insert exactly at the local caret leaves the caret in front of it; other positions move as before',
    fn: () => {
      const o = op(2, 'xyz', 3);
      assertEqual(transformCursor(2, o, { local: true }), 2, 'insert at the caret');
      assertEqual(transformCursor(3, o, { local: true }), 6, 'insert before the caret');
      assertEqual(transformCursor(1, o, { local: true }), 1, 'insert after the caret');
      assertEqual(transformCursor(0, op('ab', 3), { local: true }), 0, 'insert at the start');
      assertEqual(transformCursor(2, op(1, 'new', -3, 1), { local: true }), 4, 'a replacement that spans the caret');
      assertEqual(transformSelection({ start: 2, end: 2 }, o, { local: true }), { start: 2, end: 2 });
      assertEqual(transformSelection({ start: 2, end: 5 }, op(5, 'q'), { local: true }), { start: 2, end: 5 }, 'selection not stretched');
    },
  },
  {
    name: 'two people typing one key at a time at the same spot keep their runs contiguous',
    fn: () => {
      // Each keystroke is applied on the server before the next one (the usual pace of typing); each page
      // moves its own caret over the other's edit as the minutes editor does.
      let text = 'AB';
      const carets = { en: 1, zh: 1 };
      const runs = { en: 'Marketing', zh: '技术部芯片' };
      for (let k = 0; k < 9; k++) {
        for (const who of ['en', 'zh']) {
          const ch = runs[who][k];
          if (!ch) continue;
          const edit = op(...[carets[who], ch, text.length - carets[who]].filter((c) => c !== 0));
          text = edit.apply(text);
          for (const other of Object.keys(carets)) {
            carets[other] = other === who ? carets[other] + ch.length : transformCursor(carets[other], edit, { local: true });
          }
        }
      }
      assert(text.includes('Marketing') && text.includes('技术部芯片'), `runs interleaved: ${text}`);
      assertEqual(text.length, 2 + 9 + 5);
    },
  },
  {
    name: 'diffOperation turns one text into another as a single replace',
    fn: () => {
      assertEqual(diffOperation('Weekly sync', 'Weekly team sync').toJSON(), [7, 'team ', 4]);
      assertEqual(diffOperation('abcdef', 'abXYef').toJSON(), [2, 'XY', -2, 2]);
      assertEqual(diffOperation('abc', 'abc').toJSON(), [3]);
      assertEqual(diffOperation('', 'new').toJSON(), ['new']);
      assertEqual(diffOperation('old', '').toJSON(), [-3]);
    },
  },
  {
    name: 'diffOperation uses the caret to place an ambiguous insert where it was typed',
    fn: () => {
      assertEqual(diffOperation('aa', 'aaa').toJSON(), [2, 'a'], 'without caret: at the end');
      assertEqual(diffOperation('aa', 'aaa', 1).toJSON(), ['a', 2], 'caret after the first a');
      assertEqual(diffOperation('aa', 'aaa', 2).toJSON(), [1, 'a', 1], 'caret after the second a');
    },
  },
  {
    name: 'diffOperation never splits a surrogate pair',
    fn: () => {
      const thumbs = '\uD83D\uDC4D';
      // Same high surrogate, different low surrogate: the change must cover the whole pair.
      assertEqual(diffOperation(`a${EMOJI}b`, `a${thumbs}b`).toJSON(), [1, thumbs, -2, 1]);
      // Same low surrogate, different high surrogate: the change must cover the whole pair too.
      const other = '\uD83C\uDE00';
      assertEqual(diffOperation(`a${EMOJI}b`, `a${other}b`).toJSON(), [1, other, -2, 1]);
      const r = prng(77);
      for (let i = 0; i < 300; i++) {
        const before = randomDocument(r);
        const after = randomOperation(r, before.length).apply(before);
        const d = diffOperation(before, after, r.int(after.length + 1));
        assertEqual(d.apply(before), after, `diff of ${show(before)} → ${show(after)}`);
      }
    },
  },
];

// ---------- MinutesClient ----------

const tick = async (n = 6) => {
  for (let i = 0; i < n; i++) await null;
};
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A send that records calls and lets the test answer each one. */
function recordingSend() {
  const calls = [];
  const send = (baseRevision, ops, meta) => new Promise((resolve, reject) => {
    calls.push({ baseRevision, ops, meta, resolve, reject });
  });
  return { calls, send };
}

const applied = (revision, ops, seq = 100 + revision) => ({ ok: true, seq, result: { revision, ops } });

const client = [
  {
    name: 'MinutesClient sends a local edit on the current revision when synchronized',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: '# Minutes\n', send });
      const states = [];
      c.onStateChange((s) => states.push(s));
      assertEqual(c.state, SYNCHRONIZED);
      c.applyLocal([10, 'Ben line\n']);
      assertEqual(c.text, '# Minutes\nBen line\n');
      assertEqual(c.state, AWAITING_CONFIRM);
      assertEqual(calls.map((x) => [x.baseRevision, x.ops, x.meta]), [[1, [10, 'Ben line\n'], { editId: 1, resend: false }]]);
      assertEqual(states, [AWAITING_CONFIRM]);
      assert(!c.canSendCursor, 'no cursors while awaiting');
    },
  },
  {
    name: 'MinutesClient buffers edits made while one is unacknowledged and sends them composed after the acknowledgement',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'ab', send });
      c.applyLocal([2, 'c']);
      c.applyLocal([3, 'd']);
      assertEqual(c.state, AWAITING_WITH_BUFFER);
      c.applyLocal([4, 'e']);
      assertEqual(c.buffer.toJSON(), [3, 'de']);
      assertEqual(calls.length, 1);
      assertEqual(c.applyServer(2, [2, 'c'], true), 'ack');
      assertEqual(c.revision, 2);
      assertEqual(c.state, AWAITING_CONFIRM);
      assertEqual(calls.length, 2);
      assertEqual([calls[1].baseRevision, calls[1].ops, calls[1].meta.editId], [2, [3, 'de'], 2]);
      assertEqual(c.applyServer(3, [3, 'de'], true), 'ack');
      assertEqual([c.state, c.revision, c.text, c.serverText], [SYNCHRONIZED, 3, 'abcde', 'abcde']);
    },
  },
  {
    name: 'MinutesClient transforms with the server\'s operation first, so the server\'s insert wins a tie',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'ab', send });
      const changes = [];
      c.onChange((text, o, origin) => changes.push([text, o.toJSON(), origin]));
      c.applyLocal([1, 'C', 1]);
      c.applyLocal([2, 'D', 1]);
      assertEqual(c.applyServer(2, [1, 'S', 1], false), 'applied');
      // The server applied S first; our C comes after it, like on the server: "aSCDb".
      assertEqual(c.text, 'aSCDb');
      assertEqual(c.outstanding.toJSON(), [2, 'C', 1]);
      assertEqual(c.buffer.toJSON(), [3, 'D', 1]);
      assertEqual(changes[changes.length - 1], ['aSCDb', [1, 'S', 3], 'remote']);
      assertEqual(calls.length, 1);
      // The server transforms C over S the same way and acknowledges it.
      assertEqual(c.applyServer(3, [2, 'C', 1], true), 'ack');
      assertEqual([calls[1].baseRevision, calls[1].ops], [3, [3, 'D', 1]]);
    },
  },
  {
    name: 'MinutesClient takes a reply as the acknowledgement when it comes first and ignores the envelope after it',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 4, text: 'abc', send });
      c.applyLocal([3, '!']);
      c.applyLocal([4, '?']);
      calls[0].resolve(applied(5, [3, '!']));
      await tick();
      assertEqual([c.revision, c.state], [5, AWAITING_CONFIRM]);
      assertEqual(calls.length, 2, 'the buffer is sent once');
      assertEqual(c.applyServer(5, [3, '!'], true), 'duplicate');
      assertEqual(calls.length, 2, 'the envelope does not acknowledge twice');
      assertEqual([c.text, c.outstanding.toJSON()], ['abc!?', [4, '?']]);
    },
  },
  {
    name: 'MinutesClient ignores a reply that comes after its envelope already acknowledged the edit',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 0, text: '', send });
      c.applyLocal(['a']);
      c.applyLocal([1, 'b']);
      assertEqual(c.applyServer(1, ['a'], true), 'ack');
      assertEqual(calls.length, 2);
      calls[0].resolve(applied(1, ['a']));
      await tick();
      assertEqual([c.revision, c.state, calls.length], [1, AWAITING_CONFIRM, 2]);
      calls[1].resolve(applied(2, [1, 'b']));
      await tick();
      assertEqual([c.revision, c.state, c.text], [2, SYNCHRONIZED, 'ab']);
    },
  },
  {
    name: 'MinutesClient waits with a reply\'s acknowledgement until every earlier revision is applied',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'xy', send });
      c.applyLocal([2, 'Z']);
      // The server had applied someone else's revision 2 first; our reply (revision 3) overtakes its envelope.
      calls[0].resolve(applied(3, [3, 'Z']));
      await tick();
      assertEqual([c.revision, c.state], [1, AWAITING_CONFIRM], 'not yet');
      assertEqual(c.applyServer(2, ['W', 2]), 'applied');
      assertEqual([c.revision, c.state, c.text], [3, SYNCHRONIZED, 'WxyZ']);
      assertEqual(c.applyServer(3, [3, 'Z'], true), 'duplicate');
    },
  },
  {
    name: 'MinutesClient acknowledges an edit that became a no-op once it has reached the reply\'s revision',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'abc', send });
      c.applyLocal([1, -1, 1]);
      // Someone else deleted the same "b" first: the server accepts ours without change, without seq.
      calls[0].resolve({ ok: true, result: { revision: 2, ops: [2] } });
      await tick();
      assertEqual(c.state, AWAITING_CONFIRM);
      assertEqual(c.applyServer(2, [1, -1, 1]), 'applied');
      assertEqual([c.state, c.revision, c.text, c.serverText], [SYNCHRONIZED, 2, 'ac', 'ac']);
    },
  },
  {
    name: 'MinutesClient resends the same edit with the same edit id after a lost reply or UNAVAILABLE',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'ab', send, retryDelayMs: () => 0 });
      c.applyLocal([2, 'c']);
      calls[0].reject(new Error('socket closed'));
      await tick();
      await macrotask();
      assertEqual(calls.length, 2);
      assertEqual(calls[1].meta, { editId: 1, resend: true });
      calls[1].resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'the room is busy; retry shortly' } });
      await tick();
      await macrotask();
      assertEqual(calls.length, 3);
      assertEqual([calls[2].baseRevision, calls[2].ops, calls[2].meta], [1, [2, 'c'], { editId: 1, resend: true }]);
      calls[2].resolve(applied(2, [2, 'c']));
      await tick();
      assertEqual([c.state, c.revision], [SYNCHRONIZED, 2]);
      assert(c.resend() === false, 'nothing to resend when synchronized');
    },
  },
  {
    name: 'MinutesClient holds an edit refused with STALE_VERSION and sends it as a new command after the missing events',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'ab', send });
      const resyncs = [];
      c.onNeedResync((info) => resyncs.push(info.reason));
      c.applyLocal([2, '!']);
      calls[0].resolve({ ok: false, error: { code: 'STALE_VERSION', message: 'too old' } });
      await tick();
      assertEqual(resyncs, ['STALE_VERSION']);
      assertEqual(c.heldBy, 'STALE_VERSION');
      c.applyLocal([3, '?']);
      assertEqual(c.applyServer(2, ['>', 2]), 'applied');
      assertEqual(c.text, '>ab!?');
      assertEqual(calls.length, 1);
      assert(c.resume(), 'resumed');
      assertEqual([calls[1].baseRevision, calls[1].ops, calls[1].meta], [2, [3, '!'], { editId: 2, resend: false }]);
      calls[1].resolve(applied(3, [3, '!']));
      await tick();
      assertEqual([calls[2].baseRevision, calls[2].ops], [3, [4, '?']]);
    },
  },
  {
    name: 'MinutesClient.resync re-does unsent local edits on a snapshot and sends them as a new edit',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'Hello world', send });
      c.applyLocal([5, ',', 6]);
      calls[0].resolve({ ok: false, error: { code: 'STALE_VERSION', message: 'too old' } });
      await tick();
      c.applyLocal([12, '!']);
      let changed = null;
      c.onChange((text, o, origin) => { changed = [text, o.toJSON(), origin]; });
      // The snapshot: others replaced "world" by "there" meanwhile.
      const change = c.resync(900, 'Hello there');
      assertEqual(c.text, 'Hello, there!');
      assertEqual(change.apply('Hello, world!'), 'Hello, there!');
      assertEqual(changed[0], 'Hello, there!');
      assertEqual(changed[2], 'resync');
      assertEqual([c.revision, c.serverText, c.state], [900, 'Hello there', AWAITING_CONFIRM]);
      assertEqual([calls[1].baseRevision, calls[1].ops, calls[1].meta.resend], [900, [5, ',', 6, '!'], false]);
    },
  },
  {
    name: 'MinutesClient.resync assumes the snapshot contains an edit the server did not refuse and re-does only the buffer',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 3, text: 'abc', send });
      c.applyLocal([3, 'X']);
      c.applyLocal([4, 'Y']);
      calls[0].resolve(applied(10, [3, 'X']));
      await tick();
      assertEqual(c.state, AWAITING_WITH_BUFFER, 'revisions 4 to 9 are missing');
      // Others appended "--" after X: as with any concurrent insert at the same place, theirs comes first.
      c.resync(12, 'abcX--');
      assertEqual(c.text, 'abcX--Y');
      assertEqual([calls[1].baseRevision, calls[1].ops], [12, [6, 'Y']]);
      // Synchronized: the snapshot simply replaces the text.
      const { send: send2 } = recordingSend();
      const d = new MinutesClient({ revision: 1, text: 'old', send: send2 });
      const change = d.resync(5, 'new text');
      assertEqual([d.text, d.revision, d.state, change.apply('old')], ['new text', 5, SYNCHRONIZED, 'new text']);
    },
  },
  {
    name: 'MinutesClient drops a refused edit, keeps the buffer on the server\'s text and tells rejected listeners',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 2, text: 'ab', send });
      const rejected = [];
      c.onRejected((error, dropped) => rejected.push([error.code, dropped && dropped.toJSON()]));
      c.applyLocal([2, 'huge']);
      c.applyLocal([6, '.']);
      calls[0].resolve({ ok: false, error: { code: 'TOO_LARGE', message: 'too large' } });
      await tick();
      assertEqual(rejected, [['TOO_LARGE', [2, 'huge']]]);
      assertEqual([c.text, c.revision, c.state], ['ab.', 2, AWAITING_CONFIRM]);
      assertEqual([calls[1].baseRevision, calls[1].ops], [2, [2, '.']]);
      calls[1].resolve({ ok: false, error: { code: 'MINUTES_FINALIZED', message: 'the minutes are final' } });
      await tick();
      assertEqual([c.text, c.state], ['ab', SYNCHRONIZED]);
      assertEqual(rejected[1], ['MINUTES_FINALIZED', [2, '.']]);
    },
  },
  {
    name: 'MinutesClient drops the buffer too when the minutes are final',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 2, text: 'ab', send });
      c.applyLocal([2, 'c']);
      c.applyLocal([3, 'd']);
      calls[0].resolve({ ok: false, error: { code: 'MINUTES_FINALIZED', message: 'the minutes are final' } });
      await tick();
      assertEqual([c.text, c.state, calls.length], ['ab', SYNCHRONIZED, 1]);
    },
  },
  {
    name: 'MinutesClient ignores old revisions and reports a gap in revisions instead of applying it',
    fn: async () => {
      const { send } = recordingSend();
      const c = new MinutesClient({ revision: 5, text: 'abc', send });
      const reasons = [];
      c.onNeedResync((info) => reasons.push(info));
      assertEqual(c.applyServer(5, [3, 'x']), 'duplicate');
      assertEqual(c.applyServer(7, [3, 'x']), 'gap');
      assertEqual(reasons, [{ reason: 'GAP', expected: 6, got: 7 }]);
      assertEqual(c.applyServer(6, [4, 'x']), 'diverged');
      assertEqual(reasons[1].reason, 'DIVERGED');
      assertEqual([c.text, c.revision], ['abc', 5]);
      assertThrows(() => c.applyLocal([4, 'x']), 'applies to a text of 4');
      assertEqual(c.applyLocal([3]), null, 'a no-op is not sent');
    },
  },
  {
    name: 'MinutesClient moves remote cursors of older revisions over later edits and its own pending ones',
    fn: async () => {
      const { send } = recordingSend();
      const c = new MinutesClient({ revision: 1, text: 'abcdef', send });
      c.applyServer(2, ['>>', 6]);
      c.applyLocal([8, '!']);
      c.applyLocal(['[', 9]);
      // A cursor before "d" at revision 1 is at 3; ">>" moves it to 5, "[" to 6.
      assertEqual(c.cursorToLocal(1, 3), 6);
      assertEqual(c.cursorToLocal(2, 5), 6);
      assertEqual(c.cursorToLocal(3, 0), null, 'newer than this client');
      assertEqual(c.text[c.cursorToLocal(1, 3)], 'd');
    },
  },
  {
    name: 'MinutesClient.applyLocalText diffs a textarea\'s new value against the local text',
    fn: async () => {
      const { calls, send } = recordingSend();
      const c = new MinutesClient({ revision: 0, text: 'aa', send });
      assertEqual(c.applyLocalText('aaa', 1).toJSON(), ['a', 2]);
      assertEqual(c.applyLocalText('aaa'), null);
      assertEqual(calls[0].ops, ['a', 2]);
    },
  },
];

// ---------- MinutesClient against a simulated server ----------

/** The server's side of §13.2, as in MinutesCommands.EditMinutes: transform over history, server op first. */
class FakeServer {
  constructor(text) {
    this.text = text;
    this.revision = 0;
    this.history = []; // history[k] produced revision k + 1
    this.seq = 0;
    this.remembered = new Map();
    this.subscribers = [];
  }

  receive(clientId, clientSeq, baseRevision, ops) {
    const key = `${clientId}/${clientSeq}`;
    if (this.remembered.has(key)) return this.remembered.get(key);
    if (!Number.isInteger(baseRevision) || baseRevision > this.revision) {
      return { ok: false, error: { code: 'INVALID_FIELD', message: 'baseRevision' } };
    }
    let operation = TextOperation.fromJSON(ops);
    for (let k = baseRevision; k < this.revision; k++) {
      operation = TextOperation.transform(this.history[k], operation)[1];
    }
    if (operation.baseLength !== this.text.length) {
      return { ok: false, error: { code: 'INVALID_FIELD', message: `the operation does not fit the minutes at revision ${this.revision}` } };
    }
    if (operation.isNoop()) return { ok: true, result: { revision: this.revision, ops: operation.toJSON() } };
    this.text = operation.apply(this.text);
    this.history.push(operation);
    this.revision++;
    this.seq++;
    const reply = { ok: true, seq: this.seq, result: { revision: this.revision, ops: operation.toJSON() } };
    this.remembered.set(key, reply);
    for (const deliver of this.subscribers) {
      deliver({ seq: this.seq, clientId, clientSeq, event: { type: 'MinutesEdited', revision: this.revision, ops: operation.toJSON() } });
    }
    return reply;
  }
}

/** Small, realistic edits: type or delete a few characters somewhere, sometimes replace a range. */
function randomEdit(r, text) {
  const at = r.int(text.length + 1);
  const choice = r.int(10);
  const o = new TextOperation().retain(at);
  if (choice < 5 || text.length === at) {
    o.insert(randomText(r));
    return o.retain(text.length - at);
  }
  const n = 1 + r.int(Math.min(4, text.length - at));
  if (choice < 8) o.delete(n);
  else o.insert(randomText(r)).delete(n);
  return o.retain(text.length - at - n);
}

async function simulate(seed, steps, { lossRate = 0 } = {}) {
  const r = prng(seed);
  const server = new FakeServer('');
  const peers = [];
  for (let p = 0; p < 3; p++) {
    const peer = { id: `tab-${p}`, inbox: [], outbox: [], replies: [], seqByEdit: new Map(), nextSeq: 1 };
    peer.client = new MinutesClient({
      revision: 0,
      text: '',
      retryDelayMs: () => 0,
      send: (baseRevision, ops, meta) => new Promise((resolve, reject) => {
        if (!peer.seqByEdit.has(meta.editId)) peer.seqByEdit.set(meta.editId, peer.nextSeq++);
        peer.outbox.push({ clientSeq: peer.seqByEdit.get(meta.editId), baseRevision, ops, resolve, reject });
      }),
    });
    peer.problems = [];
    peer.client.onNeedResync((info) => peer.problems.push(`${info.reason} ${info.error ? info.error.message : ''}`));
    server.subscribers.push((envelope) => peer.inbox.push(envelope));
    peers.push(peer);
  }
  const deliverEnvelope = (peer) => {
    const envelope = peer.inbox.shift();
    const outcome = peer.client.applyServer(envelope.event.revision, envelope.event.ops, envelope.clientId === peer.id);
    if (outcome === 'gap' || outcome === 'diverged') throw new Error(`${peer.id}: ${outcome}`);
  };
  const deliverCommand = (peer) => {
    const command = peer.outbox.shift();
    const reply = server.receive(peer.id, command.clientSeq, command.baseRevision, command.ops);
    if (r.next() < lossRate) command.reject(new Error('reply lost'));
    else peer.replies.push(() => command.resolve(reply));
  };
  let typed = 0;
  for (let step = 0; step < steps; step++) {
    const peer = peers[r.int(peers.length)];
    const action = r.int(10);
    if (action < 3) {
      peer.client.applyLocal(randomEdit(r, peer.client.text));
      typed++;
    } else if (action < 5 && peer.outbox.length) {
      deliverCommand(peer);
    } else if (action < 8 && peer.inbox.length) {
      // Sometimes several envelopes at once, as after a busy moment.
      const n = 1 + r.int(Math.min(3, peer.inbox.length));
      for (let i = 0; i < n; i++) deliverEnvelope(peer);
    } else if (peer.replies.length) {
      peer.replies.splice(r.int(peer.replies.length), 1)[0]();
      await tick();
    }
    if (lossRate && step % 25 === 0) await macrotask();
  }
  // Let everything arrive.
  for (let round = 0; round < 10000; round++) {
    let busy = false;
    for (const peer of peers) {
      while (peer.outbox.length) { deliverCommand(peer); busy = true; }
      while (peer.inbox.length) { deliverEnvelope(peer); busy = true; }
      while (peer.replies.length) { peer.replies.shift()(); busy = true; }
    }
    await tick();
    if (!busy) {
      await macrotask();
      if (peers.every((p) => !p.outbox.length && !p.inbox.length && !p.replies.length)) break;
    }
  }
  for (const peer of peers) {
    assertEqual(peer.problems, [], `seed ${seed}, ${peer.id} resync requests`);
    assertEqual(peer.client.state, SYNCHRONIZED, `seed ${seed}, ${peer.id} state`);
    assertEqual(peer.client.revision, server.revision, `seed ${seed}, ${peer.id} revision`);
    assertEqual(peer.client.text, server.text, `seed ${seed}, ${peer.id} text`);
  }
  return { typed, revisions: server.revision, text: server.text };
}

const simulation = [
  {
    name: 'three MinutesClients typing at random against a simulated server converge on the server\'s text (20 seeds)',
    fn: async () => {
      let typed = 0;
      let revisions = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const result = await simulate(seed * 7919, 300);
        typed += result.typed;
        revisions += result.revisions;
      }
      assert(typed > 1000, `enough typing (${typed})`);
      assert(revisions > 0 && revisions <= typed, `edits are composed while awaiting (${revisions} revisions for ${typed} edits)`);
    },
  },
  {
    name: 'three MinutesClients converge when replies get lost and edits are resent with the same clientSeq',
    fn: async () => {
      for (let seed = 1; seed <= 5; seed++) await simulate(seed * 104729, 300, { lossRate: 0.2 });
    },
  },
];

export default [
  ...parsing,
  ...value,
  ...applying,
  ...composing,
  ...transforming,
  ...cursors,
  ...fixtureTests,
  ...properties,
  ...helpers,
  ...client,
  ...simulation,
];
