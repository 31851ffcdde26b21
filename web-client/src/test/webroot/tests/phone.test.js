import { meetingFocus, startsSomething, tabFor } from '../js/components/meeting-focus.js';
import { assert, describe, test } from './runner.js';

const room = ({ kind = 'decide', motion = null, ended = false } = {}) => ({
  meeting: { status: ended ? 'ended' : 'live' },
  agenda: [{ id: 'i1', title: 'Launch date', kind, status: 'active' }, { id: 'i2', title: 'Ideas', kind: 'open_discussion', status: 'pending' }],
  countdown: { itemId: 'i1' },
  motions: motion ? { [motion.id]: motion } : {},
});

describe('phone tabs follow the meeting', () => {
  test('the tab the meeting asks for: its end → minutes, an open motion → vote, an open discussion → board, else now', () => {
    assert.equal(tabFor(meetingFocus(room())), 'now');
    assert.equal(tabFor(meetingFocus(room({ kind: 'open_discussion' }))), 'board');
    assert.equal(tabFor(meetingFocus(room({ kind: 'open_discussion', motion: { id: 'm1', open: true } }))), 'vote');
    assert.equal(tabFor(meetingFocus(room({ motion: { id: 'm1', open: false } }))), 'now');
    assert.equal(tabFor(meetingFocus(room({ ended: true, motion: { id: 'm1', open: true } }))), 'minutes');
    assert.equal(tabFor(meetingFocus({ meeting: null, agenda: [], countdown: null, motions: {} })), 'now');
  });

  test('only a start is followed: a new item, a motion opened, the end; not a motion closing or an item completing', () => {
    const item = meetingFocus(room());
    const voting = meetingFocus(room({ motion: { id: 'm1', open: true } }));
    const closed = meetingFocus(room({ motion: { id: 'm1', open: false } }));
    const next = { ...item, item: 'i2', kind: 'open_discussion' };
    assert.equal(startsSomething(null, item), true);
    assert.equal(startsSomething(item, item), false);
    assert.equal(startsSomething(item, voting), true);
    assert.equal(startsSomething(voting, closed), false);
    assert.equal(startsSomething(closed, next), true);
    assert.equal(startsSomething(next, { ...next, item: null, kind: null }), false);
    assert.equal(startsSomething(next, { ...next, ended: true }), true);
  });
});
