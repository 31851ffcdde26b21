import { createContext } from '../js/app/context.js';
import { assert, describe, test } from './runner.js';

function fakeClient() {
  const listeners = new Set();
  return {
    participantId: 'p1',
    clock: { now: () => 0 },
    store: {
      state: { participants: {} },
      loaded: true,
      subscribe(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    },
    listeners,
    command: () => Promise.resolve({ ok: true }),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('context', () => {
  test('unmount removes every timer, document listener and subscription a view took through ctx', async () => {
    const client = fakeClient();
    const ctx = createContext({ client, roomId: 'room-ctx-test', token: 't', session: { participantId: 'p1', role: 'participant' } });
    const calls = { watch: 0, tick: 0, every: 0, timeout: 0, listen: 0, own: 0 };
    ctx.watch(() => calls.watch++);
    ctx.tick(() => calls.tick++);
    ctx.every(() => calls.every++, 5);
    ctx.timeout(() => calls.timeout++, 20);
    ctx.listen(document, 'roundtable-test', () => calls.listen++);
    ctx.own(() => calls.own++);
    assert.equal(ctx.ownedCount, 6);
    ctx.unmount();
    assert.equal(ctx.ownedCount, 0);
    assert.equal(calls.own, 1, 'an owned clean-up runs once on unmount');
    const before = { ...calls };
    document.dispatchEvent(new Event('roundtable-test'));
    for (const listener of client.listeners) listener(client.store.state, { type: 'envelope' });
    await sleep(300);
    assert.deepEqual(calls, before, 'nothing runs after unmount');
  });

  test('a timeout that fired or was cancelled is no longer owned', async () => {
    const ctx = createContext({ client: fakeClient(), roomId: 'room-ctx-test', token: 't', session: { participantId: 'p1', role: 'participant' } });
    let fired = 0;
    ctx.timeout(() => fired++, 1);
    const cancel = ctx.timeout(() => fired++, 1);
    cancel();
    await sleep(20);
    assert.equal(fired, 1);
    assert.equal(ctx.ownedCount, 0);
  });
});
