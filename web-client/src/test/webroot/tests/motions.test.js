// The words a motion's result is told in (components/motions.js): "N of M have voted", why a closed motion
// passed or failed under each pass rule and quorum (the server's VoteCommands.outcome()), in both
// languages, the decision text of a motion, and how long a closed result stays on the shared screen.
import { setLocale, locale } from '../js/i18n/i18n.js';
import {
  agreeNeeded, closedResultShowing, decisionText, eligibleVoters, motionForScreen, outcomeExplanation, SHOW_CLOSED_MS, votedText,
} from '../js/components/motions.js';
import { assert, describe, test } from './runner.js';

function closed(fields) {
  return {
    id: 'm1', text: 'Ship', open: false, quorum: 0, rule: 'simple_majority', closedAt: 1000, present: 5,
    tally: { agree: 2, oppose: 1, neutral: 1, voters: 4 }, outcome: 'failed', ...fields,
  };
}

function inLocale(loc, fn) {
  const previous = locale();
  setLocale(loc);
  try {
    fn();
  } finally {
    setLocale(previous);
  }
}

const ROOM = {
  meeting: { status: 'live' },
  participants: {
    p1: { role: 'facilitator', connections: ['a'] },
    p2: { role: 'participant', connections: ['b'] },
    p3: { role: 'participant', connections: [] },
    p4: { role: 'screen', connections: ['c'] },
  },
  agenda: [{ id: 'i1', status: 'active' }],
  countdown: { itemId: 'i1' },
  motions: {},
};

describe('motions', () => {
  test('who may vote are those online who are not screens, the facilitator included', () => {
    assert.equal(eligibleVoters(ROOM), 2);
  });

  test('hidden results say how many of those who may vote have voted', () => {
    inLocale('en', () => {
      assert.equal(votedText({ open: true, tally: { voters: 1 } }, ROOM), '1 of 2 has voted');
      assert.equal(votedText(closed({}), ROOM), '4 of 5 have voted');
      assert.equal(votedText({ open: true, tally: { voters: 3 } }), '3 have voted');
    });
    inLocale('zh-CN', () => assert.equal(votedText({ open: true, tally: { voters: 1 } }, ROOM), '2 人中已有 1 人投票'));
  });

  test('the agree votes needed follow the server rule for each pass rule', () => {
    assert.equal(agreeNeeded(closed({})), 3); // 2 × agree > 4 cast
    assert.equal(agreeNeeded(closed({ tally: { agree: 0, oppose: 0, neutral: 0, voters: 0 } })), 1);
    assert.equal(agreeNeeded(closed({ rule: 'majority_of_present', present: 6 })), 4);
    assert.equal(agreeNeeded(closed({ rule: 'at_least_n', threshold: 3 })), 3);
  });

  test('a closed motion says why it passed or failed, in English', () => {
    inLocale('en', () => {
      assert.equal(outcomeExplanation(closed({})), '2 agree of 4 votes cast: a simple majority needs 3; neutral votes count as cast');
      assert.equal(outcomeExplanation(closed({ rule: 'majority_of_present', outcome: 'failed' })), '2 agree of 5 present: a majority of those present needs 3');
      assert.equal(outcomeExplanation(closed({ rule: 'at_least_n', threshold: 2, outcome: 'passed' })), '2 agree: this motion needs at least 2 in favour');
      assert.equal(outcomeExplanation(closed({ quorum: 5, outcome: 'no_quorum' })), 'only 4 votes cast: the quorum is 5');
      assert.equal(outcomeExplanation(closed({ quorum: 3 })), '2 agree of 4 votes cast: a simple majority needs 3; neutral votes count as cast; the quorum of 3 was met');
      assert.equal(outcomeExplanation({ ...closed({}), open: true }), '');
    });
  });

  test('a closed motion says why it passed or failed, in Chinese', () => {
    inLocale('zh-CN', () => {
      assert.equal(outcomeExplanation(closed({})), '已投 4 票，赞成 2 票：简单多数需要 3 票赞成；中立票计入已投票数');
      assert.equal(outcomeExplanation(closed({ quorum: 5, outcome: 'no_quorum' })), '只投出 4 票，未达到法定人数 5 票');
      assert.equal(outcomeExplanation(closed({ rule: 'majority_of_present' })), '出席 5 人，赞成 2 票：出席者过半数需要 3 票赞成');
    });
  });

  test('a decision recorded by a motion is told in the viewer\'s language; others as written', () => {
    const state = { motions: { m1: closed({}) } };
    const d = { decidedBy: 'motion', motionId: 'm1', text: 'Motion "Ship": failed (2 agree, 1 oppose, 1 neutral)' };
    inLocale('zh-CN', () => assert.equal(decisionText(state, d),
      '动议“Ship”：未通过（赞成 2，反对 1，中立 1）；已投 4 票，赞成 2 票：简单多数需要 3 票赞成；中立票计入已投票数'));
    assert.equal(decisionText(state, { decidedBy: 'facilitator', text: 'Release on 8 July' }), 'Release on 8 July');
    assert.equal(decisionText({ motions: {} }, d), d.text);
  });

  test('a closed result shows for a while on server time, then gives way', () => {
    const m = closed({ itemId: 'i1' });
    const state = { ...ROOM, motions: { m1: m } };
    assert.equal(motionForScreen(state, 1000 + SHOW_CLOSED_MS - 1), m);
    assert.equal(motionForScreen(state, 1000 + SHOW_CLOSED_MS), null);
  });

  test('a closed result gives way to a later item and to the end of the meeting', () => {
    const m = closed({ itemId: 'i1' });
    const done = { ...ROOM, agenda: [{ id: 'i1', status: 'done', completedAt: 1500 }], countdown: undefined };
    assert.equal(closedResultShowing(done, m, 2000), false);
    const next = { ...ROOM, agenda: [{ id: 'i1', status: 'done' }, { id: 'i2', status: 'active' }], countdown: { itemId: 'i2' } };
    assert.equal(closedResultShowing(next, m, 2000), false);
    const ended = { ...ROOM, meeting: { status: 'ended' } };
    assert.equal(closedResultShowing(ended, m, 2000), false);
    assert.equal(closedResultShowing(ROOM, m, 2000), true);
  });

  test('the screen shows an open motion before any closed one, and the last closed one after', () => {
    const a = closed({ id: 'a', closedAt: 1200 });
    const b = closed({ id: 'b', closedAt: 1100 });
    assert.equal(motionForScreen({ ...ROOM, motions: { a, b } }, 1300), a);
    const o = { id: 'o', open: true, tally: { voters: 0 } };
    assert.equal(motionForScreen({ ...ROOM, motions: { a, o } }, 1300), o);
    assert.equal(motionForScreen({ ...ROOM, meeting: { status: 'ended' }, motions: { o } }, 1300), null);
  });
});
