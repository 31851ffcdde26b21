import { ServerClock } from '../js/core/clock.js';
import { EventBus } from '../js/core/eventbus.js';
import { RoomClient, busyDelay } from '../js/core/room-client.js';
import { tokenClaims } from '../js/core/token.js';
import { FakeEventBus, FakeStorage, FakeTimers, flush, makeFakeSockJS } from './fakes.js';
import { RETRO_SNAPSHOT_P2 } from './fixtures.js';
import { assert, describe, test } from './runner.js';

const ROOM = 'KnTpnRf-p7C91d19';
const EVENTS = `rt.room.${ROOM}.events`;
const CMD = `rt.room.${ROOM}.cmd`;

function base64url(text) {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A token shaped like the server's (§3); the signature is not checked by the client. */
const TOKEN = `${base64url('{"typ":"JWT","alg":"HS256"}')}.${base64url(JSON.stringify({ sub: 'p2', room: ROOM, role: 'participant', iat: 1795225468, exp: 1795830268 }))}.c2ln`;

const clone = (v) => JSON.parse(JSON.stringify(v));
const env = (seq, events = [], extra = {}) => ({ seq, at: 1795228140000 + seq, events, ...extra });
const hand = (seq, participantId = 'p2') => env(seq, [{ type: 'HandRaised', participantId }]);

function setup({ storage = new FakeStorage(), bus = new FakeEventBus(), timers = new FakeTimers(), ...options } = {}) {
  const clock = new ServerClock({ now: timers.now });
  const client = new RoomClient({
    eventBus: bus, roomId: ROOM, token: TOKEN, storage, tabStorage: null, clock, now: timers.now, timers,
    random: () => 0.5, ...options,
  });
  const states = [];
  client.onConnection((s) => states.push(s));
  const errors = [];
  client.onError((e) => errors.push(e));
  return { client, bus, timers, storage, clock, states, errors };
}

/** Started and live at seq 20 with the retro snapshot. */
async function live(options) {
  const t = setup(options);
  const started = t.client.start();
  t.bus.open();
  t.bus.pending('Sync')[0].reply({ ok: true, seq: 20, serverTime: t.timers.now(), snapshot: clone(RETRO_SNAPSHOT_P2) });
  await started;
  return t;
}

function storedOutbox(storage) {
  const key = storage.keys(`roundtable.client.${ROOM}.p2.`)[0];
  return storage.json(key).outbox;
}

describe('room-client sync', () => {
  test('reads the participant from the token', () => {
    assert.deepEqual(tokenClaims(TOKEN), { sub: 'p2', room: ROOM, role: 'participant', iat: 1795225468, exp: 1795830268 });
    assert.equal(tokenClaims('nope'), null);
    assert.equal(setup().client.participantId, 'p2');
  });

  test('start: registers with the token, then Syncs for a snapshot; buffered envelopes are merged (§7.3)', async () => {
    const { client, bus, timers, states, clock } = setup();
    const started = client.start();
    assert.equal(bus.connectCalls, 1);
    assert.deepEqual(bus.frames, [{ type: 'register', address: EVENTS, headers: { token: TOKEN } }]);
    bus.open();
    const sync = bus.pending('Sync')[0];
    assert.equal(sync.address, CMD);
    assert.deepEqual(sync.body, { command: { type: 'Sync' } });
    assert.deepEqual(sync.headers, { token: TOKEN });
    assert.equal(bus.frames[1].type, 'send', 'Sync after register');
    // envelopes arriving before the reply, out of order, some already in the snapshot
    bus.deliver(EVENTS, hand(22, 'p1'));
    bus.deliver(EVENTS, env(19));
    bus.deliver(EVENTS, hand(21, 'p2'));
    bus.deliver(EVENTS, env(20));
    assert.equal(client.store.seq, 0);
    await timers.advance(40);
    sync.reply({ ok: true, seq: 20, serverTime: timers.now() + 4980, snapshot: clone(RETRO_SNAPSHOT_P2) });
    await started;
    assert.equal(client.store.seq, 22);
    assert.deepEqual(client.state.queue, ['p2', 'p1']);
    assert.deepEqual(states, ['connecting', 'syncing', 'live']);
    assert.equal(clock.offset, 5000, 'server time − midpoint of the 40 ms round trip');
    bus.deliver(EVENTS, hand(23, 'p3'));
    assert.deepEqual(client.state.queue, ['p2', 'p1', 'p3']);
  });

  test('a Sync reply with events is applied, then the buffer', async () => {
    const { client, bus } = await live();
    bus.drop();
    bus.open();
    const sync = bus.pending('Sync')[0];
    assert.deepEqual(sync.body, { command: { type: 'Sync', sinceSeq: 20 } });
    bus.deliver(EVENTS, hand(23, 'p3'));
    sync.reply({ ok: true, seq: 22, serverTime: 1, events: [hand(21, 'p2'), hand(22, 'p1')] });
    await flush();
    assert.equal(client.store.seq, 23);
    assert.deepEqual(client.state.queue, ['p2', 'p1', 'p3']);
    assert.equal(client.connection, 'live');
  });

  test('a gap while live: Sync with sinceSeq = store.seq, the envelope waits in the buffer', async () => {
    const { client, bus, states } = await live();
    bus.deliver(EVENTS, hand(21, 'p1'));
    bus.deliver(EVENTS, hand(23, 'p3'));
    assert.equal(client.store.seq, 21);
    assert.equal(client.connection, 'syncing');
    const sync = bus.pending('Sync')[0];
    assert.deepEqual(sync.body, { command: { type: 'Sync', sinceSeq: 21 } });
    bus.deliver(EVENTS, env(24, [{ type: 'HandLowered', participantId: 'p1' }]));
    sync.reply({ ok: true, seq: 23, serverTime: 1, events: [hand(22, 'p2'), hand(23, 'p3')] });
    await flush();
    assert.equal(client.store.seq, 24);
    assert.deepEqual(client.state.queue, ['p2', 'p3']);
    assert.deepEqual(states.slice(-2), ['syncing', 'live']);
  });

  test('a gap inside the buffer after the reply: Sync again from where the store is', async () => {
    const { client, bus } = await live();
    bus.drop();
    bus.open();
    bus.deliver(EVENTS, hand(25, 'p3'));
    bus.pending('Sync')[0].reply({ ok: true, seq: 22, serverTime: 1, events: [hand(21), hand(22, 'p1')] });
    await flush();
    const again = bus.pending('Sync')[0];
    assert.deepEqual(again.body, { command: { type: 'Sync', sinceSeq: 22 } });
    again.reply({ ok: true, seq: 25, serverTime: 1, events: [env(23), env(24), hand(25, 'p3')] });
    await flush();
    assert.equal(client.store.seq, 25);
    assert.equal(client.connection, 'live');
  });

  test('an event that does not apply: full resync (snapshot)', async () => {
    const { client, bus, errors } = await live();
    bus.deliver(EVENTS, env(21, [{ type: 'NoteEdited', noteId: 'n404', text: 'x', version: 2 }]));
    const sync = bus.pending('Sync')[0];
    assert.deepEqual(sync.body, { command: { type: 'Sync' } });
    assert.equal(errors[0].source, 'state');
    const snapshot = clone(RETRO_SNAPSHOT_P2);
    snapshot.queue = ['p3'];
    sync.reply({ ok: true, seq: 21, serverTime: 1, snapshot });
    await flush();
    assert.equal(client.store.seq, 21);
    assert.deepEqual(client.state.queue, ['p3']);
    assert.equal(client.connection, 'live');
  });

  test('ephemeral cursors are passed on at once, also while syncing', async () => {
    const { client, bus } = setup();
    const cursors = [];
    client.store.onEphemeral((m) => cursors.push(m.head));
    client.start();
    bus.open();
    bus.deliver(EVENTS, { ephemeral: 'cursor', participantId: 'p3', revision: 2, anchor: 1, head: 4 });
    assert.deepEqual(cursors, [4]);
  });

  test('a refused Sync (UNAUTHORIZED) fails the client; start() rejects', async () => {
    const { client, bus, errors, states } = setup();
    const started = client.start();
    bus.open();
    bus.pending('Sync')[0].reply({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or invalid token' } });
    const error = await assert.rejects(started);
    assert.equal(error.code, 'UNAUTHORIZED');
    assert.equal(client.connection, 'failed');
    assert.equal(states[states.length - 1], 'failed');
    assert.deepEqual(errors, [{ code: 'UNAUTHORIZED', message: 'missing or invalid token', source: 'sync' }]);
  });

  test('a failed client still sends its queued commands, which get their refusals', async () => {
    const { client, bus } = setup();
    const started = client.start();
    started.catch(() => {});
    const reply = client.command({ type: 'RaiseHand' });
    bus.open();
    bus.pending('RaiseHand')[0].reply({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or invalid token' } });
    await flush();
    bus.pending('Sync')[0].reply({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or invalid token' } });
    assert.equal((await reply).error.code, 'UNAUTHORIZED');
    await assert.rejects(started);
    const later = client.command({ type: 'LowerHand' });
    bus.pending('LowerHand')[0].reply({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or invalid token' } });
    assert.equal((await later).error.code, 'UNAUTHORIZED');
    assert.equal(client.connection, 'failed');
  });

  test('a rate-limited register is sent again after a backoff', async () => {
    const { client, bus, timers } = setup();
    client.start();
    bus.open();
    bus.error({ type: 'err', address: EVENTS, body: { ok: false, error: { code: 'RATE_LIMITED', message: 'too many messages; slow down' } } });
    assert.deepEqual(bus.frames.map((f) => f.type), ['register', 'send', 'unregister']);
    await timers.advance(500);
    assert.deepEqual(bus.frames.map((f) => f.type), ['register', 'send', 'unregister', 'register']);
    assert.equal(client.connection, 'syncing');
  });

  test('a refused register (WRONG_ROOM) fails the client', async () => {
    const { client, bus } = setup();
    const started = client.start();
    bus.open();
    bus.error({ type: 'err', address: EVENTS, body: { ok: false, error: { code: 'WRONG_ROOM', message: 'the token is for another room' } } });
    await assert.rejects(started);
    assert.equal(client.connection, 'failed');
  });

  test('a rate-limited Sync is retried after a backoff', async () => {
    const { client, bus, timers } = setup();
    const started = client.start();
    bus.open();
    bus.pending('Sync')[0].reply({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many messages; slow down' } });
    await flush();
    assert.equal(bus.pending('Sync').length, 0);
    await timers.advance(250);
    bus.pending('Sync')[0].reply({ ok: true, seq: 20, serverTime: 1, snapshot: clone(RETRO_SNAPSHOT_P2) });
    await started;
    assert.equal(client.store.seq, 20);
  });
});

describe('room-client commands', () => {
  test('a command carries clientId, the next clientSeq and the token; the reply resolves it', async () => {
    const { client, bus, storage } = await live();
    const reply = client.command({ type: 'ParkPoint', text: 'Office move' });
    assert.equal(reply.clientId, client.clientId);
    assert.equal(reply.clientSeq, 1);
    const send = bus.pending('ParkPoint')[0];
    assert.equal(send.address, CMD);
    assert.deepEqual(send.headers, { token: TOKEN });
    assert.deepEqual(send.body, { clientId: client.clientId, clientSeq: 1, command: { type: 'ParkPoint', text: 'Office move' } });
    assert.deepEqual(storedOutbox(storage).map((e) => e.clientSeq), [1], 'persisted until the reply');
    send.reply({ ok: true, seq: 21, result: { pointId: 'k15' } });
    assert.deepEqual(await reply, { ok: true, seq: 21, result: { pointId: 'k15' } });
    assert.deepEqual(storedOutbox(storage), []);
    assert.equal(client.command({ type: 'RaiseHand' }).clientSeq, 2);
  });

  test('a rejection resolves the promise and is not resent', async () => {
    const { client, bus, timers, storage } = await live();
    const reply = client.command({ type: 'StartItem', itemId: 'i14' });
    bus.pending('StartItem')[0].reply({ ok: false, error: { code: 'FORBIDDEN', message: 'only the facilitator may do this' } });
    assert.deepEqual(await reply, { ok: false, error: { code: 'FORBIDDEN', message: 'only the facilitator may do this' } });
    await timers.advance(60000);
    assert.equal(bus.sent('StartItem').length, 1);
    assert.deepEqual(storedOutbox(storage), []);
  });

  test('while all is well commands go out at once, without waiting for replies', async () => {
    const { client, bus } = await live();
    client.command({ type: 'RaiseHand' });
    client.command({ type: 'AddNote', text: 'a' });
    client.command({ type: 'AddNote', text: 'b' });
    assert.deepEqual(bus.pending().map((s) => s.body.clientSeq), [1, 2, 3]);
  });

  test('offline: commands wait in the outbox, go out in order after reconnect, one by one, then Sync', async () => {
    const { client, bus, storage, states } = await live();
    bus.drop();
    assert.equal(client.connection, 'offline');
    const a = client.command({ type: 'RaiseHand' });
    const b = client.command({ type: 'ParkPoint', text: 'Office move' });
    assert.equal(bus.pending().length, 0);
    assert.deepEqual(storedOutbox(storage).map((e) => e.command.type), ['RaiseHand', 'ParkPoint']);
    bus.open();
    assert.deepEqual(bus.pending().map((s) => s.body.command.type), ['RaiseHand'], 'one at a time, Sync waits');
    bus.pending()[0].reply({ ok: true, seq: 21, result: {} });
    await flush();
    assert.deepEqual(bus.pending().map((s) => s.body.command.type), ['ParkPoint']);
    bus.pending()[0].reply({ ok: true, seq: 22, result: { pointId: 'k23' } });
    await flush();
    assert.deepEqual(bus.pending().map((s) => s.body.command), [{ type: 'Sync', sinceSeq: 20 }]);
    assert.equal((await a).seq, 21);
    assert.equal((await b).seq, 22);
    bus.pending()[0].reply({ ok: true, seq: 22, serverTime: 1, events: [hand(21), env(22, [{ type: 'PointParked', point: { id: 'k23', text: 'Office move', authorId: 'p2', forNextMeeting: false, at: 1 }, serial: 23 }])] });
    await flush();
    assert.equal(client.connection, 'live');
    assert.deepEqual(client.state.parkingLot.map((p) => p.id), ['k13', 'k23']);
    assert.deepEqual(states.slice(-3), ['offline', 'syncing', 'live']);
  });

  test('a send cut by a dropped socket is resent after reconnect with the same clientId/clientSeq', async () => {
    const { client, bus } = await live();
    const reply = client.command({ type: 'AddNote', text: 'Deploys are slow' });
    const first = bus.pending('AddNote')[0];
    bus.drop();
    await flush();
    bus.open();
    const second = bus.pending('AddNote')[0];
    assert.notEqual(second, first);
    assert.deepEqual(second.body, first.body);
    second.reply({ ok: true, seq: 21, result: { noteId: 'n15' } });
    assert.deepEqual(await reply, { ok: true, seq: 21, result: { noteId: 'n15' } });
    assert.equal(bus.sent('AddNote').length, 2);
  });

  test('no reply in time on a live socket: resent after a backoff with the same pair; later commands wait', async () => {
    const { client, bus, timers } = await live();
    const reply = client.command({ type: 'RaiseHand' });
    bus.pending('RaiseHand')[0].fail('TIMEOUT');
    await flush();
    const later = client.command({ type: 'ParkPoint', text: 'x' });
    assert.equal(bus.pending().length, 0, 'the later command does not overtake');
    await timers.advance(250);
    const resend = bus.pending('RaiseHand')[0];
    assert.deepEqual([resend.body.clientId, resend.body.clientSeq], [reply.clientId, 1]);
    assert.equal(bus.pending('ParkPoint').length, 0);
    resend.reply({ ok: true, seq: 21, result: {} });
    await flush();
    bus.pending('ParkPoint')[0].reply({ ok: true, seq: 22, result: { pointId: 'k22' } });
    assert.equal((await reply).seq, 21);
    assert.equal((await later).seq, 22);
  });

  test('UNAVAILABLE / RATE_LIMITED are resent (same pair) with backoff, then the answer is given', async () => {
    const { client, bus, timers } = await live({ maxRetries: 2 });
    const a = client.command({ type: 'RaiseHand' });
    bus.pending('RaiseHand')[0].reply({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many messages; slow down' } });
    await timers.advance(250);
    bus.pending('RaiseHand')[0].reply({ ok: true, seq: 21, result: {} });
    assert.deepEqual(await a, { ok: true, seq: 21, result: {} });
    const b = client.command({ type: 'LowerHand' });
    for (let i = 0; i < 3; i++) {
      bus.pending('LowerHand')[0].reply({ ok: false, error: { code: 'UNAVAILABLE', message: 'the room is busy; retry shortly' } });
      await timers.advance(10000);
    }
    assert.equal((await b).error.code, 'UNAVAILABLE');
    assert.equal(bus.sent('LowerHand').length, 3);
    assert.ok(bus.sent('LowerHand').every((s) => s.body.clientSeq === b.clientSeq));
  });

  test('busyDelay: at least the hint, doubled per refusal in a row, capped, jittered only upwards', () => {
    const none = { random: () => 0 };
    assert.equal(busyDelay(1000, 1, none), 1000);
    assert.equal(busyDelay(1000, 2, none), 2000);
    assert.equal(busyDelay(1000, 3, none), 4000);
    assert.equal(busyDelay(1000, 1, { random: () => 1 }), 1250);
    assert.equal(busyDelay(1000, 12, none), 30000, 'capped');
    assert.equal(busyDelay(1000, 12, { random: () => 1 }), 30000, 'the jitter stays under the cap');
    assert.equal(busyDelay(45000, 1, none), 45000, 'a hint above the cap is still waited for');
    assert.equal(busyDelay(undefined, 1, none), 1000, 'no hint: one second');
    assert.equal(busyDelay(250, 2, { maxMs: 400, random: () => 0 }), 400);
  });

  test('UNAVAILABLE with retryAfterMs holds every command for the hint, growing while refused, then resends in order with the same pairs', async () => {
    const { client, bus, timers } = await live({ random: () => 0 });
    const busy = [];
    client.onBusy((b) => busy.push(b && { ...b }));
    const refusal = { ok: false, error: { code: 'UNAVAILABLE', message: 'the server is busy; retry after retryAfterMs', retryAfterMs: 1000 } };
    const a = client.command({ type: 'RaiseHand' });
    const b = client.command({ type: 'ParkPoint', text: 'x' });
    assert.equal(bus.pending().length, 2, 'sent at once while all is well');
    bus.pending('RaiseHand')[0].reply(refusal);
    await flush();
    const start = timers.now();
    assert.deepEqual(client.busy, { refusals: 1, retryAt: start + 1000 });
    bus.pending('ParkPoint')[0].reply(refusal);
    await flush();
    assert.deepEqual(client.busy, { refusals: 1, retryAt: start + 1000 }, 'refused in the same burst: the wait is not lengthened');
    const c = client.command({ type: 'LowerHand' });
    assert.equal(bus.pending().length, 0, 'nothing is sent while held, not even a new command');
    await timers.advance(999);
    assert.equal(bus.pending().length, 0);
    await timers.advance(1);
    assert.deepEqual(client.busy, { refusals: 1, retryAt: null });
    assert.deepEqual(bus.pending().map((s) => s.body.command.type), ['RaiseHand'], 'the refused one first, alone');
    assert.equal(bus.pending('RaiseHand')[0].body.clientSeq, a.clientSeq);
    bus.pending('RaiseHand')[0].reply(refusal);
    await flush();
    assert.deepEqual(client.busy, { refusals: 2, retryAt: timers.now() + 2000 }, 'refused again: twice as long');
    await timers.advance(1999);
    assert.equal(bus.pending().length, 0);
    await timers.advance(1);
    bus.pending('RaiseHand')[0].reply({ ok: true, seq: 21, result: {} });
    await flush();
    assert.equal(client.busy, null, 'an answer to a resent command ends it');
    bus.pending('ParkPoint')[0].reply({ ok: true, seq: 22, result: { pointId: 'k22' } });
    await flush();
    bus.pending('LowerHand')[0].reply({ ok: true, seq: 23, result: {} });
    assert.deepEqual([(await a).seq, (await b).seq, (await c).seq], [21, 22, 23]);
    assert.deepEqual(bus.sent().filter((s) => s.body.command.type !== 'Sync').map((s) => [s.body.command.type, s.body.clientSeq]),
      [['RaiseHand', 1], ['ParkPoint', 2], ['RaiseHand', 1], ['RaiseHand', 1], ['ParkPoint', 2], ['LowerHand', 3]]);
    assert.deepEqual(busy, [
      { refusals: 1, retryAt: start + 1000 }, { refusals: 1, retryAt: null },
      { refusals: 2, retryAt: start + 3000 }, { refusals: 2, retryAt: null }, null,
    ]);
  });

  test('while commands are held for overload, a reconnect Syncs at once and the hold still counts', async () => {
    const { client, bus, timers } = await live({ random: () => 0 });
    const a = client.command({ type: 'RaiseHand' });
    bus.pending('RaiseHand')[0].reply({ ok: false, error: { code: 'UNAVAILABLE', message: 'the server is busy; retry after retryAfterMs', retryAfterMs: 1500 } });
    await flush();
    bus.drop();
    bus.open();
    assert.equal(bus.pending('Sync').length, 1, 'a Sync is never refused: it does not wait for the hold');
    assert.equal(bus.pending('RaiseHand').length, 0);
    bus.pending('Sync')[0].reply({ ok: true, seq: 20, serverTime: timers.now(), events: [] });
    await flush();
    assert.equal(client.connection, 'live');
    await timers.advance(1500);
    bus.pending('RaiseHand')[0].reply({ ok: true, seq: 21, result: {} });
    assert.equal((await a).seq, 21);
    assert.equal(client.busy, null);
  });

  test('commands queued before a reload are resent by the next client with their own pair', async () => {
    const storage = new FakeStorage();
    const first = await live({ storage });
    first.bus.drop();
    const lost = first.client.command({ type: 'AddActionItem', task: 'Post the job ads', owner: 'Ben', deadline: '2026-07-10' });
    lost.catch(() => {});
    first.client.stop(); // the page goes away
    const second = setup({ storage });
    const replies = [];
    second.client.onReply((reply, entry) => replies.push([reply.seq, entry.clientId, entry.clientSeq]));
    second.client.start();
    second.bus.open();
    const resend = second.bus.pending('AddActionItem')[0];
    assert.deepEqual(resend.body, { clientId: lost.clientId, clientSeq: lost.clientSeq, command: { type: 'AddActionItem', task: 'Post the job ads', owner: 'Ben', deadline: '2026-07-10' } });
    assert.equal(second.bus.pending('Sync').length, 0, 'Sync after the resend');
    resend.reply({ ok: true, seq: 21, result: { actionItemId: 'a21' } });
    await flush();
    assert.deepEqual(replies, [[21, lost.clientId, lost.clientSeq]]);
    assert.equal(second.bus.pending('Sync').length, 1);
    assert.equal(second.client.clientId, first.client.clientId, 'the clientId is stable across the reload');
    assert.equal(second.client.command({ type: 'RaiseHand' }).clientSeq, 2);
  });

  test('command(…, {reuse}) of a command still queued gives the same promise', async () => {
    const { client, bus } = await live();
    const first = client.command({ type: 'EditMinutes', baseRevision: 2, ops: [27, 'x'] });
    bus.pending('EditMinutes')[0].reply({ ok: false, error: { code: 'UNAVAILABLE', message: 'the room is busy; retry shortly' } });
    await flush();
    assert.equal(client.command({ type: 'EditMinutes', baseRevision: 2, ops: [27, 'x'] }, { reuse: first }), first);
  });

  test('command(…, {reuse}) after the reply sends again under the earlier pair', async () => {
    const { client, bus } = await live();
    const first = client.command({ type: 'RaiseHand' });
    bus.pending('RaiseHand')[0].reply({ ok: true, seq: 21, result: {} });
    await first;
    const again = client.command({ type: 'RaiseHand' }, { reuse: first });
    assert.deepEqual([again.clientId, again.clientSeq], [first.clientId, first.clientSeq]);
    assert.equal(bus.pending('RaiseHand')[0].body.clientSeq, first.clientSeq);
    assert.equal(client.command({ type: 'LowerHand' }).clientSeq, 2, 'the counter is not moved back');
  });

  test('a Cursor goes out directly, without outbox or clientSeq', async () => {
    const { client, bus, storage } = await live();
    const reply = client.command({ type: 'Cursor', revision: 2, anchor: 3, head: 3 });
    const send = bus.pending('Cursor')[0];
    assert.deepEqual(send.body, { command: { type: 'Cursor', revision: 2, anchor: 3, head: 3 } });
    assert.deepEqual(storedOutbox(storage), []);
    send.reply({ ok: true });
    assert.deepEqual(await reply, { ok: true });
  });

  test('stop: unregisters, rejects waiting commands, keeps them stored', async () => {
    const { client, bus, storage, states } = await live();
    const reply = client.command({ type: 'RaiseHand' });
    client.stop();
    await assert.rejects(reply);
    assert.deepEqual(bus.frames[bus.frames.length - 1], { type: 'unregister', address: EVENTS });
    assert.deepEqual(storedOutbox(storage).map((e) => e.command.type), ['RaiseHand']);
    assert.equal(states[states.length - 1], 'stopped');
    assert.throws(() => client.command({ type: 'Sync' }));
  });
});

describe('room-client over the real EventBus', () => {
  test('frames on the socket: register, Sync, replies and envelopes as SockJS text', async () => {
    const timers = new FakeTimers();
    const SockJS = makeFakeSockJS();
    const bus = new EventBus('/eventbus', { SockJS, timers, random: () => 0.5 });
    const { client } = setup({ bus, timers });
    const started = client.start();
    const socket = SockJS.instances[0];
    socket.open();
    assert.deepEqual(socket.sent.map((f) => f.type), ['register', 'send']);
    assert.deepEqual(socket.sent[0], { type: 'register', address: EVENTS, headers: { token: TOKEN } });
    const sync = socket.sent[1];
    socket.receive({ type: 'rec', address: EVENTS, body: { seq: 3, at: 1, events: [{ type: 'Connected', participantId: 'p2', connectionId: 'c-new' }] } });
    socket.receive({ type: 'rec', address: sync.replyAddress, body: { ok: true, seq: 2, serverTime: 1, snapshot: clone(RETRO_SNAPSHOT_P2) } });
    await started;
    assert.equal(client.store.seq, 3);
    assert.deepEqual(client.state.participants.p2.connections, ['9ba74a97-1316-45cd-8df7-554dfe5a7cb1', 'c-new']);
    const reply = client.command({ type: 'RaiseHand' });
    const frame = socket.sent[2];
    assert.deepEqual(frame.body, { clientId: client.clientId, clientSeq: 1, command: { type: 'RaiseHand' } });
    socket.drop();
    await timers.advance(250);
    const socket2 = SockJS.instances[1];
    socket2.open();
    assert.deepEqual(socket2.sent.map((f) => f.type), ['register', 'send']);
    assert.deepEqual(socket2.sent[1].body, frame.body, 'resent with the same pair');
    socket2.receive({ type: 'rec', address: socket2.sent[1].replyAddress, body: { ok: true, seq: 4, result: {} } });
    assert.equal((await reply).seq, 4);
    await flush();
    assert.deepEqual(socket2.sent[2].body, { command: { type: 'Sync', sinceSeq: 3 } });
    client.stop();
    bus.close();
  });
});
