import { CLOSED, CONNECTING, EventBus, NODE_SHUTDOWN_CODE, OPEN, TransportError, backoffDelay, parseFrame } from '../js/core/eventbus.js';
import { FakeTimers, flush, makeFakeSockJS } from './fakes.js';
import { assert, describe, test } from './runner.js';

function setup(options = {}) {
  const timers = new FakeTimers();
  const SockJS = makeFakeSockJS();
  const bus = new EventBus('/eventbus', { SockJS, timers, random: () => 0.5, ...options });
  const states = [];
  bus.onState((s, info) => states.push([s, info && info.reconnectInMs]));
  const errors = [];
  bus.onError((e) => errors.push(e));
  const socket = () => SockJS.instances[SockJS.instances.length - 1];
  return { timers, SockJS, bus, states, errors, socket };
}

async function opened(options) {
  const t = setup(options);
  const connected = t.bus.connect();
  t.socket().open();
  await connected;
  return t;
}

describe('eventbus', () => {
  test('connect opens a SockJS socket on the url; states connecting → open', async () => {
    const { bus, SockJS, socket, states } = setup();
    assert.equal(bus.state, CLOSED);
    const connected = bus.connect();
    assert.equal(SockJS.instances.length, 1);
    assert.equal(socket().url, '/eventbus');
    assert.equal(bus.state, CONNECTING);
    bus.connect(); // no second socket
    assert.equal(SockJS.instances.length, 1);
    socket().open();
    await connected;
    assert.equal(bus.state, OPEN);
    assert.deepEqual(states.map((s) => s[0]), ['connecting', 'open']);
  });

  test('send writes a send frame with a UUID replyAddress and resolves with the reply body (string frames)', async () => {
    const { bus, socket } = await opened();
    const reply = bus.send('rt.room.abcdefgh.cmd', { command: { type: 'Sync' } }, { token: 'T' });
    const frame = socket().framesOf('send')[0];
    assert.equal(frame.address, 'rt.room.abcdefgh.cmd');
    assert.deepEqual(frame.headers, { token: 'T' });
    assert.deepEqual(frame.body, { command: { type: 'Sync' } });
    assert.ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(frame.replyAddress), frame.replyAddress);
    assert.ok(frame.replyAddress.length <= 36);
    socket().receive({ type: 'rec', address: frame.replyAddress, body: { ok: true, seq: 5, serverTime: 1795225578847, events: [] } });
    assert.deepEqual(await reply, { ok: true, seq: 5, serverTime: 1795225578847, events: [] });
  });

  test('replies are matched by replyAddress, whatever their order', async () => {
    const { bus, socket } = await opened();
    const a = bus.send('x.cmd', { n: 1 });
    const b = bus.send('x.cmd', { n: 2 });
    const [fa, fb] = socket().framesOf('send');
    assert.notEqual(fa.replyAddress, fb.replyAddress);
    socket().receive({ type: 'rec', address: fb.replyAddress, body: 'B' });
    socket().receive({ type: 'rec', address: fa.replyAddress, body: 'A' });
    assert.deepEqual([await a, await b], ['A', 'B']);
  });

  test('an err frame for the reply address rejects with a TransportError BRIDGE', async () => {
    const { bus, socket } = await opened();
    const reply = bus.send('x.cmd', {});
    const { replyAddress } = socket().framesOf('send')[0];
    socket().receive({ type: 'err', address: replyAddress, failureCode: -1, failureType: 'TIMEOUT', message: 'Timed out after waiting 30000(ms) for a reply' });
    const error = await assert.rejects(reply, (e) => e instanceof TransportError);
    assert.equal(error.code, 'BRIDGE');
    assert.equal(error.transport, true);
  });

  test('no reply within replyTimeoutMs rejects with a TransportError TIMEOUT; a late reply is ignored', async () => {
    const { bus, socket, timers } = await opened({ replyTimeoutMs: 1000 });
    const reply = bus.send('x.cmd', {});
    let error = null;
    reply.catch((e) => { error = e; });
    await timers.advance(999);
    assert.equal(error, null);
    await timers.advance(1);
    assert.ok(error instanceof TransportError);
    assert.equal(error.code, 'TIMEOUT');
    socket().receive({ type: 'rec', address: socket().framesOf('send')[0].replyAddress, body: 'late' });
  });

  test('send while not open rejects at once with NOT_OPEN', async () => {
    const { bus } = setup();
    const error = await assert.rejects(bus.send('x.cmd', {}), (e) => e instanceof TransportError);
    assert.equal(error.code, 'NOT_OPEN');
  });

  test('register sends the frame with headers, delivers rec frames to every handler; unregister', async () => {
    const { bus, socket } = await opened();
    const got = [];
    const off1 = bus.register('rt.room.abcdefgh.events', { token: 'T' }, (body) => got.push(['h1', body.seq]));
    bus.register('rt.room.abcdefgh.events', { token: 'T' }, (body, frame) => got.push(['h2', frame.address]));
    assert.deepEqual(socket().framesOf('register'), [{ type: 'register', address: 'rt.room.abcdefgh.events', headers: { token: 'T' } }]);
    socket().receive({ type: 'rec', address: 'rt.room.abcdefgh.events', body: { seq: 3, at: 1, events: [] } });
    socket().receive({ type: 'rec', address: 'other', body: { seq: 9 } });
    assert.deepEqual(got, [['h1', 3], ['h2', 'rt.room.abcdefgh.events']]);
    off1();
    assert.equal(socket().framesOf('unregister').length, 0, 'one handler left');
    bus.unregister('rt.room.abcdefgh.events');
    assert.deepEqual(socket().framesOf('unregister'), [{ type: 'unregister', address: 'rt.room.abcdefgh.events', headers: { token: 'T' } }]);
  });

  test('a handler that throws does not stop the others; reported to onError', async () => {
    const { bus, socket, errors } = await opened();
    const got = [];
    const original = console.error;
    console.error = () => {};
    try {
      bus.register('a', {}, () => { throw new Error('boom'); });
      bus.register('a', {}, (b) => got.push(b));
      socket().receive({ type: 'rec', address: 'a', body: 1 });
    } finally {
      console.error = original;
    }
    assert.deepEqual(got, [1]);
    assert.equal(errors[0].type, 'handler');
  });

  test('err frames without an address (and for a refused register) go to onError', async () => {
    const { bus, socket, errors } = await opened();
    bus.register('rt.room.abcdefgh.events', { token: 'bad' }, () => {});
    const refusal = { type: 'err', address: 'rt.room.abcdefgh.events', body: { ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or invalid token' } } };
    socket().receive(refusal);
    socket().receive({ type: 'err', body: 'rejected' });
    socket().receive({ type: 'err', body: 'invalid_json' });
    assert.deepEqual(errors, [refusal, { type: 'err', body: 'rejected' }, { type: 'err', body: 'invalid_json' }]);
  });

  test('frames may come as strings, UTF-8 bytes or objects; garbage is reported', async () => {
    const { bus, socket, errors } = await opened();
    const got = [];
    bus.register('a', {}, (b) => got.push(b));
    socket().receive(new TextEncoder().encode(JSON.stringify({ type: 'rec', address: 'a', body: 'bytes ü' })).buffer, true);
    socket().receive({ type: 'rec', address: 'a', body: 'object' }, true);
    socket().receive('not json', true);
    assert.deepEqual(got, ['bytes ü', 'object']);
    assert.equal(errors[0].type, 'parse');
    assert.deepEqual(parseFrame('{"type":"rec"}'), { type: 'rec' });
  });

  test('pings every pingMs while open, stops when closed', async () => {
    const { bus, socket, timers } = await opened({ pingMs: 5000 });
    await timers.advance(4999);
    assert.equal(socket().framesOf('ping').length, 0);
    await timers.advance(1);
    assert.deepEqual(socket().framesOf('ping'), [{ type: 'ping' }]);
    await timers.advance(10000);
    assert.equal(socket().framesOf('ping').length, 3);
    const s = socket();
    bus.close();
    await timers.advance(20000);
    assert.equal(s.sent.filter((f) => f.type === 'ping').length, 3);
  });

  test('a drop fails pending sends, reconnects with backoff and registers again', async () => {
    const { bus, socket, timers, SockJS, states } = await opened({ replyTimeoutMs: 60000 });
    bus.register('rt.room.abcdefgh.events', { token: 'T' }, () => {});
    const pending = bus.send('x.cmd', {});
    let error = null;
    pending.catch((e) => { error = e; });
    socket().drop();
    await flush();
    assert.ok(error instanceof TransportError);
    assert.equal(error.code, 'CLOSED');
    assert.equal(bus.state, CLOSED);
    assert.equal(states[states.length - 1][1], 250, 'first retry after 250 ms');
    await timers.advance(249);
    assert.equal(SockJS.instances.length, 1);
    await timers.advance(1);
    assert.equal(SockJS.instances.length, 2);
    assert.equal(bus.state, CONNECTING);
    socket().open();
    assert.equal(bus.state, OPEN);
    assert.deepEqual(socket().framesOf('register'), [{ type: 'register', address: 'rt.room.abcdefgh.events', headers: { token: 'T' } }]);
  });

  test('a node shutting down (close code 4001) is a hand-over: reconnect within 250 ms, no backoff growth', async () => {
    const { bus, socket, timers, SockJS, states } = await opened();
    for (let i = 0; i < 3; i++) socket().drop(1006), await timers.advance(10000);
    socket().open();
    socket().drop(NODE_SHUTDOWN_CODE);
    assert.equal(bus.state, CLOSED);
    assert.equal(states[states.length - 1][1], 125, 'half of the 250 ms spread with random() = 0.5');
    const before = SockJS.instances.length;
    await timers.advance(125);
    assert.equal(SockJS.instances.length, before + 1);
    socket().drop(NODE_SHUTDOWN_CODE);
    assert.equal(states[states.length - 1][1], 125, 'a second hand-over in a row does not back off either');
  });

  test('backoff doubles with jitter from 250 ms up to 10 s, and resets after an open', async () => {
    const { bus, socket, timers, states } = setup();
    bus.connect();
    const delays = [];
    for (let i = 0; i < 8; i++) {
      socket().drop();
      delays.push(states[states.length - 1][1]);
      await timers.advance(delays[i]);
    }
    assert.deepEqual(delays, [250, 375, 750, 1500, 3000, 6000, 7500, 7500]);
    socket().open();
    socket().drop();
    assert.equal(states[states.length - 1][1], 250);
    assert.equal(backoffDelay(0, { random: () => 0 }), 250);
    assert.equal(backoffDelay(3, { random: () => 0 }), 1000);
    assert.equal(backoffDelay(3, { random: () => 1 }), 2000);
    assert.equal(backoffDelay(50, { random: () => 1 }), 10000);
    assert.equal(backoffDelay(50, { random: () => 0 }), 5000);
  });

  test('close() stops for good: no reconnect, pending sends fail; connect() starts again', async () => {
    const { bus, socket, timers, SockJS } = await opened({ replyTimeoutMs: 60000 });
    const pending = bus.send('x.cmd', {});
    const s = socket();
    bus.close();
    const error = await assert.rejects(pending, (e) => e instanceof TransportError);
    assert.equal(error.code, 'CLOSED');
    assert.ok(s.closedByClient);
    await timers.advance(60000);
    assert.equal(SockJS.instances.length, 1);
    assert.equal(bus.state, CLOSED);
    bus.connect();
    assert.equal(SockJS.instances.length, 2);
  });

  test('connect() during a scheduled reconnect reconnects at once', async () => {
    const { bus, socket, SockJS } = await opened();
    socket().drop();
    assert.equal(SockJS.instances.length, 1);
    bus.connect();
    assert.equal(SockJS.instances.length, 2);
  });

  test('a SockJS constructor that throws counts as a failed attempt', async () => {
    const timers = new FakeTimers();
    let calls = 0;
    const Throwing = function () { calls++; throw new Error('bad url'); };
    const bus = new EventBus('::', { SockJS: Throwing, timers, random: () => 0 });
    const errors = [];
    bus.onError((e) => errors.push(e));
    bus.connect();
    assert.equal(calls, 1);
    assert.equal(bus.state, CLOSED);
    await timers.advance(250);
    assert.equal(calls, 2);
    assert.equal(errors[0].type, 'socket');
    bus.close();
  });
});
