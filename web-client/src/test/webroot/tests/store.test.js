import { EVENT_TYPES, RoomStore, StateError, emptyRoomState, evolve } from '../js/core/store.js';
import { ENDED_SNAPSHOT, RETRO_SNAPSHOT_P2 } from './fixtures.js';
import { assert, describe, test } from './runner.js';

const clone = (v) => JSON.parse(JSON.stringify(v));

/** Envelope helper: {seq, at, events}. */
const env = (seq, events, extra = {}) => ({ seq, at: 1795225480000 + seq, events, ...extra });

/** The beginning of the Q3 launch room (§2.1, §4.3, §9.7): created, Ben joined, Ana connected, an item. */
function q3Launch() {
  return [
    env(1, [
      { type: 'MeetingCreated', title: 'Q3 launch', goal: 'Decide the launch date', kind: 'decision', scheduledStart: 1795226400000, plannedMinutes: 45, speakerLimitSeconds: 120 },
      { type: 'ParticipantJoined', participantId: 'p1', name: 'Ana', department: 'Operations', role: 'facilitator', at: 1795225468000, serial: 1 },
    ]),
    env(2, [{ type: 'ParticipantJoined', participantId: 'p2', name: 'Ben', department: 'Sales', role: 'participant', at: 1795225470000, serial: 2 }]),
    { seq: 3, at: 1795225487224, events: [{ type: 'Connected', participantId: 'p1', connectionId: '0852ad04-64a6-49c9-aeed-3620d595de36' }] },
    { seq: 4, at: 1795225487712, events: [{ type: 'ItemAdded', item: { id: 'i3', title: 'Budget', owner: 'Ana', timeboxSeconds: 600, expectedOutput: 'Approved budget', kind: 'decide', status: 'pending', version: 1, actualMs: 0 }, index: 0, serial: 3 }], clientId: 'web-3f9c', clientSeq: 1 },
  ];
}

function storeWith(envelopes, roomId = 'qR4CavtBmK8w5bJT') {
  const store = new RoomStore({ roomId });
  for (const e of envelopes) assert.equal(store.apply(e), 'applied', `envelope ${e.seq}`);
  return store;
}

function loaded(snapshot, seq = 20) {
  const store = new RoomStore();
  store.load(clone(snapshot), seq);
  return store;
}

describe('store', () => {
  test('covers every event type of the server', () => {
    const server = [
      'MeetingCreated', 'MeetingEdited', 'MeetingStarted', 'MeetingEnded', 'ParticipantJoined', 'Connected',
      'Disconnected', 'PresenceReset', 'FacilitatorHandedOff',
      'ItemAdded', 'ItemEdited', 'ItemRemoved', 'AgendaReordered', 'ItemStarted', 'ItemCompleted', 'ItemDeferred',
      'TimerPaused', 'TimerResumed', 'TimerExtended', 'TimerReset', 'TopicTimeUp',
      'HandRaised', 'HandLowered', 'FloorGiven', 'FloorEnded', 'SpeakerLimitSet', 'SpeakerTimeUp',
      'NoteAdded', 'NoteEdited', 'NoteMoved', 'NoteRecoloured', 'NoteDeleted', 'NotesGrouped', 'ClusterRemoved',
      'BoardChanged', 'WritingPhaseStarted', 'NotesRevealed', 'DotsChanged',
      'MotionOpened', 'VoteCast', 'MotionClosed',
      'MinutesEdited', 'MinutesFinalized', 'DecisionRecorded', 'ActionItemAdded', 'ActionItemEdited',
      'ActionItemRemoved', 'PointParked', 'PointUpdated',
    ];
    assert.deepEqual([...EVENT_TYPES].sort(), [...server].sort());
  });

  test('builds a room from its first envelopes (§4.3)', () => {
    const store = storeWith(q3Launch());
    assert.equal(store.seq, 4);
    assert.ok(store.loaded);
    const s = store.state;
    assert.deepEqual(s.meeting, { title: 'Q3 launch', goal: 'Decide the launch date', kind: 'decision', scheduledStart: 1795226400000, plannedMinutes: 45, status: 'scheduled', version: 1 });
    assert.equal(s.speakerLimitSeconds, 120);
    assert.deepEqual(s.participants.p1, { id: 'p1', name: 'Ana', department: 'Operations', role: 'facilitator', connections: ['0852ad04-64a6-49c9-aeed-3620d595de36'], attended: true, joinedAt: 1795225468000 });
    assert.deepEqual(s.participants.p2, { id: 'p2', name: 'Ben', department: 'Sales', role: 'participant', connections: [], attended: false, joinedAt: 1795225470000 });
    assert.deepEqual(s.agenda.map((i) => i.id), ['i3']);
    assert.equal(s.serial, 3);
    assert.equal(s.roomId, 'qR4CavtBmK8w5bJT');
  });

  test('seq: stale envelopes are ignored, a jump is a gap, nothing changes', () => {
    const store = storeWith(q3Launch());
    const before = store.state;
    assert.equal(store.apply(q3Launch()[3]), 'stale');
    assert.equal(store.apply(env(2, [{ type: 'HandRaised', participantId: 'p2' }])), 'stale');
    assert.equal(store.apply(env(6, [{ type: 'HandRaised', participantId: 'p2' }])), 'gap');
    assert.equal(store.seq, 4);
    assert.equal(store.state, before);
    assert.equal(store.apply(env(5, [{ type: 'HandRaised', participantId: 'p2' }])), 'applied');
    assert.equal(store.apply(env(6, [{ type: 'HandRaised', participantId: 'p1' }])), 'applied');
    assert.deepEqual(store.state.queue, ['p2', 'p1']);
  });

  test('a store that has nothing sees envelope 2 as a gap', () => {
    const store = new RoomStore();
    assert.equal(store.apply(q3Launch()[1]), 'gap');
    assert.equal(store.loaded, false);
  });

  test('an envelope whose events are all private to others only advances seq (§8.1)', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 12);
    const before = store.state;
    assert.equal(store.apply({ seq: 13, at: 1795227898439, events: [] }), 'applied');
    assert.equal(store.seq, 13);
    assert.equal(store.state, before);
  });

  test('load replaces the state and seq; later envelopes continue from there', () => {
    const store = storeWith(q3Launch());
    const snapshot = clone(ENDED_SNAPSHOT);
    store.load(snapshot, 40);
    assert.equal(store.state, snapshot);
    assert.equal(store.seq, 40);
    assert.equal(store.apply(env(40, [])), 'stale');
    assert.equal(store.apply(env(41, [{ type: 'PointParked', point: { id: 'k8', text: 'Office move', authorId: 'p3', forNextMeeting: false, at: 1795227950942 }, serial: 8 }])), 'applied');
    assert.equal(store.state.serial, 8);
  });

  test('subscribe: told about loads and envelopes; unsubscribe stops it', () => {
    const store = new RoomStore();
    const seen = [];
    const off = store.subscribe((state, change) => seen.push([change.type, change.seq, change.envelope && change.envelope.clientSeq, state.serial]));
    for (const e of q3Launch()) store.apply(e);
    store.apply(q3Launch()[0]); // stale: no notification
    store.load(clone(ENDED_SNAPSHOT), 9);
    off();
    store.apply(env(10, []));
    assert.deepEqual(seen, [['envelope', 1, undefined, 1], ['envelope', 2, undefined, 2], ['envelope', 3, undefined, 2], ['envelope', 4, 1, 3], ['snapshot', 9, undefined, 6]]);
  });

  test('ephemeral cursors go to onEphemeral listeners, not into the state (§8.2)', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 12);
    const cursors = [];
    const changes = [];
    store.onEphemeral((m) => cursors.push(m));
    store.subscribe(() => changes.push(1));
    const cursor = { ephemeral: 'cursor', participantId: 'p2', revision: 5, anchor: 2, head: 7 };
    assert.equal(store.apply(cursor), 'ephemeral');
    assert.deepEqual(cursors, [cursor]);
    assert.equal(changes.length, 0);
    assert.equal(store.seq, 12);
  });

  test('the state is immutable: applying makes a new state and keeps unchanged branches', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 12);
    const before = store.state;
    const frozen = JSON.stringify(before);
    store.apply(env(13, [{ type: 'HandRaised', participantId: 'p2' }]));
    assert.notEqual(store.state, before);
    assert.equal(JSON.stringify(before), frozen);
    assert.equal(store.state.notes, before.notes);
    assert.equal(store.state.agenda, before.agenda);
    assert.deepEqual(store.state.queue, ['p2']);
  });

  test('events of an envelope apply all or none: a failing one leaves the state as it was', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 12);
    const before = store.state;
    const error = assert.throws(() => store.apply(env(13, [
      { type: 'HandRaised', participantId: 'p2' },
      { type: 'NoteEdited', noteId: 'n99', text: 'x', version: 2 },
    ])), (e) => e instanceof StateError);
    assert.ok(/n99/.test(error.message), error.message);
    assert.equal(store.state, before);
    assert.equal(store.seq, 12);
  });

  test('an unknown event type is a StateError', () => {
    assert.throws(() => evolve(emptyRoomState(), { type: 'Teleported' }), (e) => e instanceof StateError);
    assert.throws(() => evolve(emptyRoomState(), { type: 'toString' }), (e) => e instanceof StateError);
  });
});

describe('store meeting events', () => {
  test('MeetingEdited replaces the details and keeps the status (§9.7)', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'MeetingStarted', at: 1795225517726 }]));
    store.apply(env(6, [{ type: 'MeetingEdited', title: 'Weekly ops', goal: 'Agree the Q4 staffing plan', kind: 'discussion', scheduledStart: 1795230000000, plannedMinutes: 40, version: 2 }]));
    assert.deepEqual(store.state.meeting, { title: 'Weekly ops', goal: 'Agree the Q4 staffing plan', kind: 'discussion', scheduledStart: 1795230000000, plannedMinutes: 40, status: 'live', startedAt: 1795225517726, version: 2 });
  });

  test('MeetingEnded ends the meeting and empties the queue; EndMeeting envelope (§9.2)', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'HandRaised', participantId: 'p2' }]));
    store.apply({ seq: 6, at: 1795225488386, events: [{ type: 'MeetingStarted', at: 1795225488386 }, { type: 'ItemStarted', itemId: 'i3', at: 1795225488386, durationMs: 600000 }] });
    store.apply({ seq: 7, at: 1795225534394, events: [{ type: 'ItemCompleted', itemId: 'i3', at: 1795225534394, actualMs: 14207 }, { type: 'MeetingEnded', at: 1795225534394 }] });
    const s = store.state;
    assert.equal(s.meeting.status, 'ended');
    assert.equal(s.meeting.startedAt, 1795225488386);
    assert.equal(s.meeting.endedAt, 1795225534394);
    assert.deepEqual(s.queue, []);
    assert.ok(!('countdown' in s), 'countdown removed');
    assert.deepEqual(s.agenda[0], { id: 'i3', title: 'Budget', owner: 'Ana', timeboxSeconds: 600, expectedOutput: 'Approved budget', kind: 'decide', status: 'done', version: 1, actualMs: 14207, completedAt: 1795225534394 });
  });

  test('presence: Connected, Disconnected, PresenceReset; attended stays true', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'Connected', participantId: 'p1', connectionId: 'aa84efbd-8dbf-4dbd-b0e3-1d87410014a6' }]));
    assert.equal(store.state.participants.p1.connections.length, 2);
    store.apply(env(6, [{ type: 'Disconnected', participantId: 'p1', connectionId: 'aa84efbd-8dbf-4dbd-b0e3-1d87410014a6' }]));
    assert.deepEqual(store.state.participants.p1.connections, ['0852ad04-64a6-49c9-aeed-3620d595de36']);
    store.apply(env(7, [{ type: 'PresenceReset' }]));
    assert.deepEqual(store.state.participants.p1.connections, []);
    assert.equal(store.state.participants.p1.attended, true);
    assert.equal(store.state.participants.p2.attended, false);
    store.apply(env(8, [{ type: 'Connected', participantId: 'p1', connectionId: '0852ad04-64a6-49c9-aeed-3620d595de36' }]));
    assert.deepEqual(store.state.participants.p1.connections, ['0852ad04-64a6-49c9-aeed-3620d595de36']);
  });

  test('FacilitatorHandedOff swaps the roles (§9.7)', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'FacilitatorHandedOff', fromId: 'p1', toId: 'p2' }]));
    assert.equal(store.state.participants.p1.role, 'participant');
    assert.equal(store.state.participants.p2.role, 'facilitator');
  });
});

describe('store agenda events', () => {
  function withItems() {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'ItemAdded', item: { id: 'i4', title: 'Risks', owner: '', timeboxSeconds: 600, expectedOutput: '', kind: 'discuss', status: 'pending', version: 1, actualMs: 0 }, index: 0, serial: 4 }]));
    store.apply(env(6, [{ type: 'ItemAdded', item: { id: 'i5', title: 'Open', owner: '', timeboxSeconds: 600, expectedOutput: '', kind: 'open_discussion', status: 'pending', version: 1, actualMs: 0 }, index: 7, serial: 5 }]));
    return store;
  }

  test('ItemAdded inserts at index (capped at the end), ItemEdited replaces, ItemRemoved, AgendaReordered', () => {
    const store = withItems();
    assert.deepEqual(store.state.agenda.map((i) => i.id), ['i4', 'i3', 'i5']);
    assert.equal(store.state.serial, 5);
    store.apply(env(7, [{ type: 'ItemEdited', item: { id: 'i5', title: 'Open floor', owner: '', timeboxSeconds: 300, expectedOutput: '', kind: 'open_discussion', status: 'pending', version: 2, actualMs: 0 } }]));
    assert.equal(store.state.agenda[2].title, 'Open floor');
    assert.equal(store.state.agenda[2].version, 2);
    store.apply(env(8, [{ type: 'AgendaReordered', itemIds: ['i5', 'i4', 'i3'] }]));
    assert.deepEqual(store.state.agenda.map((i) => i.id), ['i5', 'i4', 'i3']);
    store.apply(env(9, [{ type: 'ItemRemoved', itemId: 'i4' }]));
    assert.deepEqual(store.state.agenda.map((i) => i.id), ['i5', 'i3']);
  });

  test('countdown: start, pause, resume, extend, time up, reset, defer (§9.4 values)', () => {
    const store = withItems();
    store.apply(env(7, [{ type: 'ItemStarted', itemId: 'i4', at: 1795225518217, durationMs: 10000 }]));
    assert.deepEqual(store.state.countdown, { itemId: 'i4', running: true, deadline: 1795225528217, remainingMs: 10000, runningSince: 1795225518217, timeUpFired: false });
    assert.equal(store.state.agenda[0].status, 'active');
    store.apply(env(8, [{ type: 'TopicTimeUp', itemId: 'i4', at: 1795225528226 }]));
    assert.equal(store.state.countdown.timeUpFired, true);
    store.apply({ seq: 9, at: 1795225530686, events: [{ type: 'TimerExtended', itemId: 'i4', addedMs: 30000, deadline: 1795225558217, remainingMs: 27531, timeUpFired: false }], clientId: 'fac-1', clientSeq: 23 });
    assert.deepEqual(store.state.countdown, { itemId: 'i4', running: true, deadline: 1795225558217, remainingMs: 27531, runningSince: 1795225518217, timeUpFired: false });
    store.apply(env(10, [{ type: 'TimerPaused', itemId: 'i4', at: 1795225531007, remainingMs: 27210, actualMs: 12790 }]));
    assert.deepEqual(store.state.countdown, { itemId: 'i4', running: false, deadline: 1795225558217, remainingMs: 27210, runningSince: 0, timeUpFired: false });
    assert.equal(store.state.agenda[0].actualMs, 12790);
    store.apply(env(11, [{ type: 'TimerReset', itemId: 'i4', at: 1795225531344, durationMs: 10000, running: false, actualMs: 12790 }]));
    assert.deepEqual(store.state.countdown, { itemId: 'i4', running: false, deadline: 1795225541344, remainingMs: 10000, runningSince: 0, timeUpFired: false });
    store.apply(env(12, [{ type: 'TimerResumed', itemId: 'i4', at: 1795225531512, deadline: 1795225541512 }]));
    assert.deepEqual(store.state.countdown, { itemId: 'i4', running: true, deadline: 1795225541512, remainingMs: 10000, runningSince: 1795225531512, timeUpFired: false });
    store.apply(env(13, [{ type: 'TimerReset', itemId: 'i4', at: 1795225532000, durationMs: 10000, running: true, actualMs: 13278 }]));
    assert.deepEqual(store.state.countdown, { itemId: 'i4', running: true, deadline: 1795225542000, remainingMs: 10000, runningSince: 1795225532000, timeUpFired: false });
    store.apply(env(14, [{ type: 'ItemDeferred', itemId: 'i4', at: 1795225532760, actualMs: 14038 }]));
    assert.ok(!('countdown' in store.state));
    assert.deepEqual(store.state.agenda[0], { id: 'i4', title: 'Risks', owner: '', timeboxSeconds: 600, expectedOutput: '', kind: 'discuss', status: 'deferred', version: 1, actualMs: 14038 });
  });

  test('deferring a pending item keeps the active item\'s countdown', () => {
    const store = withItems();
    store.apply(env(7, [{ type: 'ItemStarted', itemId: 'i4', at: 1795225518217, durationMs: 10000 }]));
    store.apply(env(8, [{ type: 'ItemDeferred', itemId: 'i5', at: 1795225519000, actualMs: 0 }]));
    assert.equal(store.state.countdown.itemId, 'i4');
    assert.equal(store.state.agenda[2].status, 'deferred');
  });
});

describe('store speaker events', () => {
  test('queue and floor: raise, give (leaves the queue), time up, end (adds speaking time)', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'HandRaised', participantId: 'p2' }]));
    store.apply(env(6, [{ type: 'HandRaised', participantId: 'p1' }]));
    store.apply(env(7, [{ type: 'HandLowered', participantId: 'p1' }]));
    assert.deepEqual(store.state.queue, ['p2']);
    store.apply(env(8, [{ type: 'FloorGiven', participantId: 'p2', at: 1795225519194, deadline: 1795225529194 }]));
    assert.deepEqual(store.state.floor, { speakerId: 'p2', since: 1795225519194, deadline: 1795225529194, timeUpFired: false });
    assert.deepEqual(store.state.queue, []);
    store.apply(env(9, [{ type: 'SpeakerTimeUp', participantId: 'p2', at: 1795225529195 }]));
    assert.equal(store.state.floor.timeUpFired, true);
    store.apply(env(10, [{ type: 'FloorEnded', participantId: 'p2', department: 'Sales', at: 1795225531690, spokeMs: 12496 }]));
    store.apply({ seq: 11, at: 1795225532390, events: [
      { type: 'FloorGiven', participantId: 'p2', at: 1795225532390, deadline: 1795225592390 },
    ] });
    store.apply(env(12, [{ type: 'FloorEnded', participantId: 'p2', department: 'Sales', at: 1795225533390, spokeMs: 1000 }]));
    store.apply(env(13, [{ type: 'FloorGiven', participantId: 'p1', at: 1795225533400, deadline: 1795225593400 }]));
    store.apply(env(14, [{ type: 'FloorEnded', participantId: 'p1', department: '', at: 1795225533500, spokeMs: 100 }]));
    assert.ok(!('floor' in store.state));
    assert.deepEqual(store.state.speakingMs, { p2: 13496, p1: 100 });
    assert.deepEqual(store.state.departmentSpeakingMs, { Sales: 13496, '': 100 });
    store.apply(env(15, [{ type: 'SpeakerLimitSet', seconds: 60 }]));
    assert.equal(store.state.speakerLimitSeconds, 60);
  });
});

describe('store board events', () => {
  test('NoteAdded in the public and the author\'s shapes (§9.12)', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'NoteAdded', note: { id: 'n5', text: 'Deploys are slow', colour: 'pink', x: 120, y: 80, authorId: 'p1', hidden: false, anonymous: false, version: 1, dots: {}, totalDots: 0, createdAt: 1795227895306 }, serial: 5 }]));
    store.apply(env(6, [{ type: 'NoteAdded', note: { id: 'n6', text: 'Flaky tests', colour: 'yellow', x: 300, y: 40, lane: 'cause', hidden: false, anonymous: true, version: 1, dots: {}, totalDots: 0, createdAt: 1795227897396 }, serial: 6 }]));
    assert.deepEqual(Object.keys(store.state.notes), ['n5', 'n6']);
    assert.ok(!('authorId' in store.state.notes.n6));
    assert.equal(store.state.serial, 6);
  });

  test('edit, move (no lane = out of its lane), recolour, delete', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 20);
    store.apply(env(21, [{ type: 'NoteEdited', noteId: 'n7', text: 'Nobody owns the CI pipeline', version: 2, privateTo: 'p2' }]));
    assert.equal(store.state.notes.n7.text, 'Nobody owns the CI pipeline');
    assert.equal(store.state.notes.n7.version, 2);
    store.apply(env(22, [{ type: 'NoteMoved', noteId: 'n7', x: 500, y: 500, lane: 'cause', privateTo: 'p2' }]));
    assert.deepEqual([store.state.notes.n7.x, store.state.notes.n7.y, store.state.notes.n7.lane], [500, 500, 'cause']);
    store.apply(env(23, [{ type: 'NoteMoved', noteId: 'n4', x: 10, y: 20 }]));
    assert.ok(!('lane' in store.state.notes.n4), 'lane removed');
    store.apply(env(24, [{ type: 'NoteRecoloured', noteId: 'n7', colour: 'blue' }]));
    assert.equal(store.state.notes.n7.colour, 'blue');
    store.apply(env(25, [{ type: 'NoteDeleted', noteId: 'n5' }]));
    assert.deepEqual(Object.keys(store.state.notes), ['n4', 'n7']);
    assert.deepEqual(store.state.clusters, { g6: { id: 'g6', name: 'Pipeline' } }, 'the cluster stays');
  });

  test('NotesGrouped (new and renamed cluster) and ClusterRemoved', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 20);
    store.apply(env(21, [{ type: 'NotesGrouped', cluster: { id: 'g15', name: 'Deploys' }, noteIds: ['n4'], serial: 15 }]));
    assert.equal(store.state.notes.n4.clusterId, 'g15');
    assert.equal(store.state.notes.n5.clusterId, 'g6');
    assert.equal(store.state.serial, 15);
    store.apply(env(22, [{ type: 'NotesGrouped', cluster: { id: 'g6', name: 'CI pipeline' }, noteIds: ['n4'], serial: 6 }]));
    assert.deepEqual(Object.keys(store.state.clusters), ['g6', 'g15'], 'a renamed cluster keeps its place');
    assert.equal(store.state.clusters.g6.name, 'CI pipeline');
    assert.equal(store.state.serial, 15, 'serial never goes down');
    store.apply(env(23, [{ type: 'ClusterRemoved', clusterId: 'g6' }]));
    assert.ok(!('clusterId' in store.state.notes.n4));
    assert.ok(!('clusterId' in store.state.notes.n5));
    assert.deepEqual(Object.keys(store.state.clusters), ['g15']);
  });

  test('BoardChanged keeps the writing phase; WritingPhaseStarted', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'WritingPhaseStarted', at: 1795227897917 }]));
    store.apply(env(6, [{ type: 'BoardChanged', template: 'problem_cause_solution_risk', anonymous: true, dotLimit: 3 }]));
    assert.deepEqual(store.state.board, { template: 'problem_cause_solution_risk', writingPhase: true, anonymous: true, dotLimit: 3 });
  });

  test('NotesRevealed: own private note turns visible, others\' arrive, in creation order', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 20);
    // p3 wrote n8 after Ben's n7, and n3 before everything Ben can see
    const revealed = [
      { id: 'n3', text: 'Early private idea', colour: 'yellow', x: 1, y: 2, hidden: false, anonymous: true, version: 1, dots: {}, totalDots: 0, createdAt: 1795228134500 },
      { id: 'n7', text: 'Nobody owns the pipeline', colour: 'green', x: 40, y: 200, lane: 'problem', hidden: false, anonymous: true, version: 1, dots: {}, totalDots: 0, createdAt: 1795228134631 },
      { id: 'n8', text: 'Release notes are late', colour: 'blue', x: 60, y: 300, lane: 'problem', hidden: false, anonymous: true, version: 1, dots: {}, totalDots: 0, createdAt: 1795228134640 },
    ];
    store.apply(env(21, [{ type: 'NotesRevealed', notes: revealed, at: 1795227899755 }]));
    const s = store.state;
    assert.equal(s.board.writingPhase, false);
    assert.deepEqual(Object.keys(s.notes), ['n3', 'n4', 'n5', 'n7', 'n8']);
    assert.equal(s.notes.n7.hidden, false);
    assert.equal(s.notes.n8.text, 'Release notes are late');
    assert.equal(s.notes.n3.hidden, false);
  });

  test('DotsChanged: the public shape only sets the total; the voter\'s sets its own entry (§9.12)', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 20);
    store.apply(env(21, [{ type: 'DotsChanged', noteId: 'n5', totalDots: 4 }]));
    assert.deepEqual(store.state.notes.n5.dots, { p2: 2 });
    assert.equal(store.state.notes.n5.totalDots, 4);
    store.apply(env(22, [{ type: 'DotsChanged', noteId: 'n5', participantId: 'p2', dotsOfParticipant: 3, totalDots: 5 }]));
    assert.deepEqual(store.state.notes.n5.dots, { p2: 3 });
    assert.equal(store.state.notes.n5.totalDots, 5);
    store.apply(env(23, [{ type: 'DotsChanged', noteId: 'n4', participantId: 'p2', dotsOfParticipant: 1, totalDots: 1 }]));
    store.apply(env(24, [{ type: 'DotsChanged', noteId: 'n4', participantId: 'p2', dotsOfParticipant: 0, totalDots: 0 }]));
    assert.deepEqual(store.state.notes.n4.dots, {});
    assert.equal(store.state.notes.n4.totalDots, 0);
    store.apply(env(25, [{ type: 'DotsChanged', noteId: 'n5', participantId: null, dotsOfParticipant: null, totalDots: 2 }]));
    assert.deepEqual(store.state.notes.n5.dots, { p2: 3 }, 'explicit nulls are the public shape too');
    assert.equal(store.state.notes.n5.totalDots, 2);
  });
});

describe('store vote events', () => {
  test('MotionOpened, named VoteCast and the CloseMotion envelope (§9.10)', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'MotionOpened', motion: { id: 'm6', text: 'Ship on 1 July', itemId: 'i5', anonymous: false, hiddenResults: false, quorum: 2, rule: 'simple_majority', open: true, votes: {}, tally: { agree: 0, oppose: 0, neutral: 0, voters: 0 }, openedAt: 1795227922682 }, serial: 6 }]));
    store.apply(env(6, [{ type: 'VoteCast', motionId: 'm6', participantId: 'p2', choice: 'agree', anonymous: false, hiddenResults: false, tally: { agree: 1, oppose: 0, neutral: 0, voters: 1 } }]));
    store.apply(env(7, [{ type: 'VoteCast', motionId: 'm6', participantId: 'p3', choice: 'neutral', anonymous: false, hiddenResults: false, tally: { agree: 1, oppose: 0, neutral: 1, voters: 2 } }]));
    assert.deepEqual(store.state.motions.m6.votes, { p2: 'agree', p3: 'neutral' });
    store.apply({ seq: 8, at: 1795227924275, events: [
      { type: 'MotionClosed', motionId: 'm6', at: 1795227924275, present: 3, outcome: 'failed', tally: { agree: 1, oppose: 0, neutral: 1, voters: 2 }, anonymous: false, votes: { p3: 'neutral', p2: 'agree' } },
      { type: 'DecisionRecorded', decision: { id: 'd7', text: 'Motion "Ship on 1 July": failed (1 agree, 0 oppose, 1 neutral)', itemId: 'i5', decidedBy: 'motion', motionId: 'm6', at: 1795227924275 }, serial: 7 },
    ] });
    const m = store.state.motions.m6;
    assert.deepEqual(m, { id: 'm6', text: 'Ship on 1 July', itemId: 'i5', anonymous: false, hiddenResults: false, quorum: 2, rule: 'simple_majority', open: false, votes: { p3: 'neutral', p2: 'agree' }, tally: { agree: 1, oppose: 0, neutral: 1, voters: 2 }, openedAt: 1795227922682, closedAt: 1795227924275, present: 3, outcome: 'failed' });
    assert.equal(store.state.decisions.length, 1);
    assert.equal(store.state.serial, 7);
  });

  test('hidden anonymous motion: public VoteCast has no voter and a voters-only tally; own vote kept (§9.12)', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 20);
    store.apply(env(21, [{ type: 'VoteCast', motionId: 'm11', anonymous: true, hiddenResults: true, tally: { voters: 3 } }]));
    assert.deepEqual(store.state.motions.m11.votes, { p2: 'agree' });
    assert.deepEqual(store.state.motions.m11.tally, { voters: 3 });
    store.apply(env(22, [{ type: 'VoteCast', motionId: 'm11', participantId: 'p2', choice: 'oppose', anonymous: true, hiddenResults: true, tally: { voters: 3 } }]));
    assert.deepEqual(store.state.motions.m11.votes, { p2: 'oppose' });
    store.apply(env(23, [{ type: 'MotionClosed', motionId: 'm11', at: 1795228140000, present: 3, outcome: 'failed', tally: { agree: 1, oppose: 2, neutral: 0, voters: 3 }, anonymous: true, votes: { p2: 'oppose' } }]));
    const m = store.state.motions.m11;
    assert.equal(m.open, false);
    assert.deepEqual(m.tally, { agree: 1, oppose: 2, neutral: 0, voters: 3 });
    assert.deepEqual(m.votes, { p2: 'oppose' });
    assert.equal(m.outcome, 'failed');
    assert.equal(m.present, 3);
  });

  test('anonymous motion closed for someone who did not vote: votes {}', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 20);
    store.apply(env(21, [{ type: 'MotionClosed', motionId: 'm11', at: 1795227925888, present: 3, outcome: 'passed', tally: { agree: 2, oppose: 0, neutral: 0, voters: 2 }, anonymous: true, votes: {} }]));
    assert.deepEqual(store.state.motions.m11.votes, {});
  });

  test('open anonymous motion without hidden results: public VoteCast updates the live count', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'MotionOpened', motion: { id: 'm12', text: 'x', anonymous: true, hiddenResults: false, quorum: 0, rule: 'simple_majority', open: true, votes: {}, tally: { agree: 0, oppose: 0, neutral: 0, voters: 0 }, openedAt: 1 }, serial: 12 }]));
    store.apply(env(6, [{ type: 'VoteCast', motionId: 'm12', anonymous: true, hiddenResults: false, tally: { agree: 1, oppose: 0, neutral: 0, voters: 1 } }]));
    assert.deepEqual(store.state.motions.m12.votes, {});
    assert.deepEqual(store.state.motions.m12.tally, { agree: 1, oppose: 0, neutral: 0, voters: 1 });
  });
});

describe('store minutes events', () => {
  test('MinutesEdited applies the operations of §13.2 in order', () => {
    const store = storeWith(q3Launch());
    store.apply({ seq: 5, at: 1795227942292, events: [{ type: 'MinutesEdited', revision: 1, authorId: 'p1', ops: ['# Minutes\n'] }] });
    store.apply({ seq: 6, at: 1795227942562, events: [{ type: 'MinutesEdited', revision: 2, authorId: 'p2', ops: [10, 'Ben line\n'] }] });
    store.apply({ seq: 7, at: 1795227942564, events: [{ type: 'MinutesEdited', revision: 3, authorId: 'p3', ops: [19, 'Cy line\n'] }], clientId: 'cy-tab', clientSeq: 200 });
    assert.equal(store.state.minutes.text, '# Minutes\nBen line\nCy line\n');
    store.apply(env(8, [{ type: 'MinutesEdited', revision: 4, authorId: 'p1', ops: [10, -9, 8] }]));
    store.apply(env(9, [{ type: 'MinutesEdited', revision: 5, authorId: 'p2', ops: [10, '!', 8] }]));
    assert.deepEqual(store.state.minutes, { text: '# Minutes\n!Cy line\n', revision: 5, history: [], finalized: false });
  });

  test('an operation that does not fit the text is a StateError and changes nothing', () => {
    const store = loaded(RETRO_SNAPSHOT_P2, 20);
    const before = store.state;
    assert.throws(() => store.apply(env(21, [{ type: 'MinutesEdited', revision: 3, authorId: 'p1', ops: [5, 'x'] }])), (e) => e instanceof StateError);
    assert.equal(store.state, before);
    assert.equal(store.seq, 20);
  });

  test('MinutesFinalized, decisions, action items and the parking lot (§9.12)', () => {
    const store = storeWith(q3Launch());
    store.apply(env(5, [{ type: 'DecisionRecorded', decision: { id: 'd5', text: 'Release on 8 July', decidedBy: 'facilitator', at: 1795227947789 }, serial: 5 }]));
    store.apply(env(6, [{ type: 'ActionItemAdded', item: { id: 'a6', task: 'Draft the release notes', owner: 'Ben', standard: 'Reviewed by QA', deadline: '2026-07-01', status: 'open', version: 1, createdAt: 1795227948327 }, serial: 6 }]));
    store.apply(env(7, [{ type: 'ActionItemAdded', item: { id: 'a7', task: 'Book the room', owner: 'Ana', standard: '', deadline: '2026-07-02', status: 'open', version: 1, createdAt: 1795227948400 }, serial: 7 }]));
    store.apply(env(8, [{ type: 'ActionItemEdited', item: { id: 'a6', task: 'Draft the release notes', owner: 'Ben', standard: 'Reviewed by QA', deadline: '2026-07-03', status: 'in_progress', version: 2, createdAt: 1795227948327 } }]));
    store.apply(env(9, [{ type: 'ActionItemRemoved', actionItemId: 'a7' }]));
    store.apply(env(10, [{ type: 'PointParked', point: { id: 'k8', text: 'Office move', authorId: 'p3', forNextMeeting: false, at: 1795227950942 }, serial: 8 }]));
    store.apply(env(11, [{ type: 'PointUpdated', point: { id: 'k8', text: 'Office move', authorId: 'p3', forNextMeeting: true, at: 1795227950942 } }]));
    store.apply(env(12, [{ type: 'MinutesFinalized', at: 1795227954057 }]));
    const s = store.state;
    assert.deepEqual(s.decisions.map((d) => d.id), ['d5']);
    assert.deepEqual(s.actionItems, [{ id: 'a6', task: 'Draft the release notes', owner: 'Ben', standard: 'Reviewed by QA', deadline: '2026-07-03', status: 'in_progress', version: 2, createdAt: 1795227948327 }]);
    assert.deepEqual(s.parkingLot, [{ id: 'k8', text: 'Office move', authorId: 'p3', forNextMeeting: true, at: 1795227950942 }]);
    assert.deepEqual(s.minutes, { text: '', revision: 0, history: [], finalized: true, finalizedAt: 1795227954057 });
    assert.equal(s.serial, 8);
  });
});
