import { ServerClock } from '../js/core/clock.js';
import { assert, describe, test } from './runner.js';

describe('clock', () => {
  test('offset = serverTime − midpoint of the round trip', () => {
    let local = 1000;
    const clock = new ServerClock({ now: () => local });
    assert.equal(clock.synced, false);
    assert.equal(clock.now(), 1000);
    clock.sample(5100, 1000, 1200); // midpoint 1100
    assert.equal(clock.offset, 4000);
    assert.equal(clock.roundTripMs, 200);
    local = 2000;
    assert.equal(clock.now(), 6000);
  });

  test('keeps the sample with the shortest round trip', () => {
    const clock = new ServerClock({ now: () => 0 });
    clock.sample(10_100, 0, 200); // rtt 200, offset 10 000
    clock.sample(20_520, 10_000, 10_040); // rtt 40, offset 10 500
    clock.sample(30_900, 20_000, 20_400); // rtt 400, offset 10 700
    assert.equal(clock.offset, 10_500);
    assert.equal(clock.roundTripMs, 40);
  });

  test('old samples age out of the window, so drift is followed', () => {
    const clock = new ServerClock({ now: () => 0, window: 3 });
    clock.sample(1_010, 0, 20); // rtt 20, offset 1000
    for (let i = 1; i <= 3; i++) clock.sample(i * 10_000 + 2_050, i * 10_000, i * 10_000 + 100); // rtt 100, offset 2000
    assert.equal(clock.offset, 2000);
  });

  test('ignores a negative round trip and non-numbers', () => {
    const clock = new ServerClock({ now: () => 0 });
    clock.sample(5000, 100, 200);
    clock.sample(99999, 300, 100);
    clock.sample(undefined, 0, 1);
    assert.equal(clock.offset, 4850);
  });
});
