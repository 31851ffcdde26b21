import { Outbox } from '../js/core/outbox.js';
import { FakeStorage } from './fakes.js';
import { assert, describe, test } from './runner.js';

const ROOM = 'qR4CavtBmK8w5bJT';
const KEY = `roundtable.client.${ROOM}.p2.`;

function make(storage, options = {}) {
  return new Outbox({ roomId: ROOM, participantId: 'p2', storage, now: options.now || (() => 1000), ...options });
}

describe('outbox', () => {
  test('gives out a clientId and increasing clientSeq; keeps entries in storage until removed', () => {
    const storage = new FakeStorage();
    const box = make(storage);
    assert.ok(/^web-[0-9a-f-]{36}$/.test(box.clientId), box.clientId);
    const a = box.add({ type: 'RaiseHand' });
    const b = box.add({ type: 'AddNote', text: 'x' });
    assert.deepEqual([a.clientSeq, b.clientSeq], [1, 2]);
    assert.equal(a.clientId, box.clientId);
    const stored = storage.json(KEY + box.clientId);
    assert.equal(stored.clientSeq, 2);
    assert.deepEqual(stored.outbox.map((e) => [e.clientId, e.clientSeq, e.command.type]), [[box.clientId, 1, 'RaiseHand'], [box.clientId, 2, 'AddNote']]);
    assert.ok(box.remove(a));
    assert.ok(!box.remove(a));
    assert.deepEqual(storage.json(KEY + box.clientId).outbox.map((e) => e.clientSeq), [2]);
    assert.deepEqual(box.entries.map((e) => e.clientSeq), [2]);
  });

  test('a later instance (after release) keeps the clientId, the counter and the queued commands', () => {
    const storage = new FakeStorage();
    const first = make(storage);
    first.add({ type: 'RaiseHand' });
    first.add({ type: 'ParkPoint', text: 'Office move' });
    first.remove(first.entries[0]);
    first.release();
    const second = make(storage);
    assert.equal(second.clientId, first.clientId);
    assert.deepEqual(second.entries.map((e) => [e.clientSeq, e.command.type]), [[2, 'ParkPoint']]);
    assert.equal(second.add({ type: 'RaiseHand' }).clientSeq, 3, 'never the same clientSeq twice');
  });

  test('two live instances never share a clientId (lease)', () => {
    const storage = new FakeStorage();
    const first = make(storage);
    const second = make(storage);
    assert.notEqual(second.clientId, first.clientId);
    assert.equal(storage.keys(KEY).length, 2);
  });

  test('a lease runs out without renewal; renew() keeps it', () => {
    const storage = new FakeStorage();
    let now = 1000;
    const first = make(storage, { now: () => now, leaseMs: 90000 });
    now += 60000;
    first.renew();
    now += 60000;
    assert.ok(storage.json(KEY + first.clientId).leaseUntil > now, 'renewed: still held');
    now += 100000;
    assert.equal(make(storage, { now: () => now }).clientId, first.clientId, 'expired: taken over');
  });

  test('an instance whose clientId was taken over moves to a new one and keeps its entries', () => {
    const storage = new FakeStorage();
    let now = 1000;
    const first = make(storage, { now: () => now });
    const queued = first.add({ type: 'RaiseHand' });
    now += 200000; // the tab was frozen: lease expired
    const thief = make(storage, { now: () => now });
    assert.equal(thief.clientId, first.clientId);
    const next = first.add({ type: 'LowerHand' });
    assert.notEqual(first.clientId, thief.clientId);
    assert.equal(next.clientId, first.clientId);
    assert.equal(next.clientSeq, 1);
    assert.deepEqual(first.entries.map((e) => [e.clientId, e.clientSeq]), [[queued.clientId, 1], [first.clientId, 1]],
      'the queued command keeps its own pair');
  });

  test('with tabStorage, only the clientId this tab used comes back; other free records are adopted', () => {
    const storage = new FakeStorage();
    const tabA = new FakeStorage();
    const tabB = new FakeStorage();
    const a = make(storage, { tabStorage: tabA });
    a.add({ type: 'RaiseHand' });
    a.release();
    const b = make(storage, { tabStorage: tabB });
    assert.notEqual(b.clientId, a.clientId, 'another tab does not take it over');
    assert.deepEqual(b.entries.map((e) => [e.clientId, e.clientSeq]), [[a.clientId, 1]], 'but resends its commands');
    assert.equal(storage.getItem(KEY + a.clientId), null, 'the abandoned record is gone');
    b.release();
    const again = make(storage, { tabStorage: tabB });
    assert.equal(again.clientId, b.clientId, 'a reload of tab B keeps its clientId');
  });

  test('commands restored from an earlier page are dropped when older than restoreMaxAgeMs', () => {
    const storage = new FakeStorage();
    let now = 1000;
    const first = make(storage, { now: () => now });
    first.add({ type: 'RaiseHand' });
    now += 10 * 60 * 1000;
    first.add({ type: 'ParkPoint', text: 'x' });
    first.release();
    now += 6 * 60 * 1000;
    const second = make(storage, { now: () => now, restoreMaxAgeMs: 15 * 60 * 1000 });
    assert.deepEqual(second.entries.map((e) => e.command.type), ['ParkPoint']);
  });

  test('records are per participant: another participant\'s commands are not resent with my token', () => {
    const storage = new FakeStorage();
    const ben = make(storage);
    ben.add({ type: 'RaiseHand' });
    ben.release();
    const cy = new Outbox({ roomId: ROOM, participantId: 'p3', storage, now: () => 1000 });
    assert.deepEqual(cy.entries, []);
    assert.notEqual(cy.clientId, ben.clientId);
  });

  test('works in memory without storage, or when storage throws', () => {
    const memory = make(null);
    assert.equal(memory.add({ type: 'RaiseHand' }).clientSeq, 1);
    const broken = {
      get length() { throw new Error('denied'); },
      key() { throw new Error('denied'); },
      getItem() { throw new Error('denied'); },
      setItem() { throw new Error('quota'); },
      removeItem() { throw new Error('denied'); },
    };
    const box = make(broken);
    assert.equal(box.add({ type: 'RaiseHand' }).clientSeq, 1);
    assert.equal(box.entries.length, 1);
  });

  test('add with a pair reuses it (a resend of an earlier command)', () => {
    const box = make(new FakeStorage());
    const first = box.add({ type: 'EditMinutes', baseRevision: 0, ops: ['a'] });
    box.remove(first);
    const again = box.add({ type: 'EditMinutes', baseRevision: 0, ops: ['a'] }, first);
    assert.deepEqual([again.clientId, again.clientSeq], [first.clientId, first.clientSeq]);
    assert.equal(box.add({ type: 'RaiseHand' }).clientSeq, 2);
  });

  test('onChange tells the entries after every change', () => {
    const box = make(new FakeStorage());
    const seen = [];
    box.onChange((entries) => seen.push(entries.length));
    const e = box.add({ type: 'RaiseHand' });
    box.remove(e);
    assert.deepEqual(seen, [1, 0]);
  });
});
