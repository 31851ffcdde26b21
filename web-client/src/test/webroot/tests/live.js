// Live check against a running server (live.html): creates a room over REST, connects a facilitator, a
// participant and a screen with EventBus + RoomClient over SockJS, drives a meeting through every kind of
// event, drops a socket, and finally compares each client's store with a fresh snapshot of its own view.
// Needs the server and /webjars/sockjs-client/1.5.1/sockjs.min.js. Results as in unit.html.

import { EventBus } from '../js/core/eventbus.js';
import { RoomClient } from '../js/core/room-client.js';
import { FakeStorage } from './fakes.js';
import { assert, difference, run, test } from './runner.js';

const people = {};
let roomId = null;

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function connect(credentials) {
  const bus = new EventBus('/eventbus');
  const storage = new FakeStorage();
  const client = new RoomClient({ eventBus: bus, roomId: credentials.roomId, token: credentials.token, storage, tabStorage: null });
  const person = { credentials, bus, client, storage, states: [], envelopes: [], cursors: [], errors: [] };
  client.onConnection((s) => person.states.push(s));
  client.onError((e) => person.errors.push(e));
  client.store.subscribe((state, change) => {
    if (change.type === 'envelope') person.envelopes.push(change.envelope);
  });
  client.store.onEphemeral((m) => person.cursors.push(m));
  return person;
}

/** Sends a command and expects it to be accepted. */
async function ok(person, command) {
  const reply = await person.client.command(command);
  if (!reply.ok) throw new Error(`${command.type} refused: ${reply.error.code} ${reply.error.message}`);
  return reply;
}

/** Waits until predicate(state) holds for the person's store. */
function until(person, predicate, what, timeoutMs = 8000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      try {
        return predicate(person.client.store.state, person.client.store);
      } catch {
        return false;
      }
    };
    if (check()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const off = person.client.store.subscribe(() => {
      if (check()) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

const all = () => [people.ana, people.ben, people.screen];
const atSeq = (seq) => Promise.all(all().map((p) => until(p, (s, store) => store.seq >= seq, `seq ${seq}`)));
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('create a room and join a participant and a screen over REST', async () => {
  const ana = await post('/api/rooms', { title: 'Live check', goal: 'Verify the web client', kind: 'decision', plannedMinutes: 30, speakerLimitSeconds: 120, facilitatorName: 'Ana', department: 'Operations' });
  roomId = ana.roomId;
  const ben = await post('/api/join', { code: ana.joinCode, name: 'Ben', department: 'Sales' });
  const screen = await post('/api/join', { code: ana.joinCode, name: 'Wall', role: 'screen' });
  assert.deepEqual([ana.participantId, ben.participantId, screen.participantId], ['p1', 'p2', 'p3']);
  people.ana = connect(ana);
  people.ben = connect(ben);
  people.screen = connect(screen);
});

test('three clients go live from a snapshot and see each other connect', async () => {
  await Promise.all(all().map((p) => p.client.start()));
  for (const p of all()) {
    assert.equal(p.client.connection, 'live');
    assert.equal(p.client.state.meeting.title, 'Live check');
    assert.ok(p.client.clock.synced, 'clock sampled');
  }
  await Promise.all(all().map((p) => until(p, (s) => ['p1', 'p2', 'p3'].every((id) => s.participants[id].connections.length === 1), 'everyone online')));
});

const ids = {};

test('meeting, agenda and countdown', async () => {
  const { ana, ben } = people;
  await ok(ana, { type: 'EditMeeting', version: 1, goal: 'Verify the web client live', plannedMinutes: 40 });
  ids.a = (await ok(ana, { type: 'AddItem', title: 'Budget', owner: 'Ana', timeboxSeconds: 600, expectedOutput: 'Approved budget', kind: 'decide' })).result.itemId;
  ids.b = (await ok(ana, { type: 'AddItem', title: 'Risks', kind: 'discuss' })).result.itemId;
  ids.c = (await ok(ana, { type: 'AddItem', title: 'Quick one', timeboxSeconds: 10, kind: 'inform', position: 0 })).result.itemId;
  ids.d = (await ok(ana, { type: 'AddItem', title: 'Gone soon', kind: 'inform' })).result.itemId;
  await ok(ana, { type: 'EditItem', itemId: ids.b, version: 1, title: 'Risks and issues', owner: 'Ben' });
  await ok(ana, { type: 'ReorderAgenda', itemIds: [ids.a, ids.b, ids.c, ids.d] });
  await ok(ana, { type: 'RemoveItem', itemId: ids.d, version: 1 });
  await ok(ana, { type: 'StartItem', itemId: ids.a });
  await ok(ana, { type: 'PauseTimer' });
  await ok(ana, { type: 'ResumeTimer' });
  await ok(ana, { type: 'ExtendTimer', seconds: 30 });
  const reset = await ok(ana, { type: 'ResetTimer' });
  await until(ben, (s, store) => store.seq >= reset.seq, 'the reset');
  assert.equal(ben.client.state.meeting.status, 'live');
  assert.equal(ben.client.state.countdown.itemId, ids.a);
  assert.equal(ben.client.state.countdown.running, true);
  assert.deepEqual(ben.client.state.agenda.map((i) => i.id), [ids.a, ids.b, ids.c]);
  await ok(ana, { type: 'CompleteItem' });
  await ok(ana, { type: 'DeferItem', itemId: ids.b });
  const last = await ok(ana, { type: 'StartItem', itemId: ids.c });
  await atSeq(last.seq);
  assert.equal(ben.client.state.agenda[0].status, 'done');
  assert.equal(ben.client.state.agenda[1].status, 'deferred');
});

test('speaker queue and floor', async () => {
  const { ana, ben } = people;
  await ok(ben, { type: 'RaiseHand' });
  await ok(ana, { type: 'RaiseHand' });
  await ok(ana, { type: 'LowerHand' });
  await ok(ana, { type: 'GiveFloor' });
  await ok(ben, { type: 'EndFloor' });
  await ok(ana, { type: 'SetSpeakerLimit', seconds: 10 });
  const given = await ok(ana, { type: 'GiveFloor', participantId: 'p1' });
  await atSeq(given.seq);
  const s = people.screen.client.state;
  assert.equal(s.floor.speakerId, 'p1');
  assert.ok(s.speakingMs.p2 >= 0);
  assert.ok('Sales' in s.departmentSpeakingMs);
});

test('board: notes, clusters, dots, a private writing phase', async () => {
  const { ana, ben, screen } = people;
  await ok(ana, { type: 'SetBoard', template: 'problem_cause_solution_risk', anonymous: false, dotLimit: 3 });
  ids.n1 = (await ok(ben, { type: 'AddNote', text: 'Deploys are slow', colour: 'pink', x: 120, y: 80, lane: 'problem' })).result.noteId;
  ids.n2 = (await ok(ana, { type: 'AddNote', text: 'Flaky tests', lane: 'cause' })).result.noteId;
  await ok(ben, { type: 'EditNote', noteId: ids.n1, version: 1, text: 'Deploys take 40 minutes' });
  await ok(ben, { type: 'MoveNote', noteId: ids.n1, x: 300, y: 90 });
  await ok(ana, { type: 'RecolourNote', noteId: ids.n2, colour: 'blue' });
  ids.g = (await ok(ben, { type: 'GroupNotes', noteIds: [ids.n1, ids.n2], name: 'Pipeline' })).result.clusterId;
  await ok(ana, { type: 'GroupNotes', noteIds: [ids.n2], clusterId: ids.g, name: 'CI pipeline' });
  await ok(ben, { type: 'AddDot', noteId: ids.n2 });
  await ok(ben, { type: 'AddDot', noteId: ids.n2 });
  await ok(ben, { type: 'RemoveDot', noteId: ids.n2 });
  await ok(ana, { type: 'AddDot', noteId: ids.n2 });
  await ok(ana, { type: 'Ungroup', clusterId: ids.g });
  await ok(ana, { type: 'SetBoard', anonymous: true });
  ids.n3 = (await ok(ben, { type: 'AddNote', text: 'Nobody owns it', lane: 'risk' })).result.noteId;
  await ok(ana, { type: 'StartWritingPhase' });
  const hidden = await ok(ben, { type: 'AddNote', text: 'Secret idea', colour: 'green', lane: 'solution' });
  ids.n4 = hidden.result.noteId;
  await ok(ben, { type: 'EditNote', noteId: ids.n4, version: 1, text: 'Secret idea, refined' });
  const moved = await ok(ben, { type: 'MoveNote', noteId: ids.n4, x: 10, y: 10, lane: 'solution' });
  await atSeq(moved.seq);
  assert.equal(ben.client.state.notes[ids.n4].hidden, true);
  assert.ok(!(ids.n4 in ana.client.state.notes), 'Ana does not have the private note');
  assert.deepEqual(ana.envelopes.find((e) => e.seq === hidden.seq).events, [], 'Ana\'s copy is empty');
  assert.deepEqual(ben.client.state.notes[ids.n2].dots, { p2: 1 });
  assert.deepEqual(ana.client.state.notes[ids.n2].dots, { p1: 1 });
  assert.deepEqual(screen.client.state.notes[ids.n2].dots, {});
  assert.equal(screen.client.state.notes[ids.n2].totalDots, 2);
  assert.ok(!('authorId' in screen.client.state.notes[ids.n3]), 'anonymous note');
  const revealed = await ok(ana, { type: 'RevealNotes' });
  await atSeq(revealed.seq);
  assert.equal(ana.client.state.notes[ids.n4].text, 'Secret idea, refined');
  assert.equal(ana.client.state.notes[ids.n4].hidden, false);
  assert.deepEqual(Object.keys(ana.client.state.notes), [ids.n1, ids.n2, ids.n3, ids.n4]);
  await ok(ana, { type: 'DeleteNote', noteId: ids.n1 });
});

test('motions: a named one and an anonymous one with hidden results', async () => {
  const { ana, ben, screen } = people;
  ids.m1 = (await ok(ana, { type: 'OpenMotion', text: 'Ship on 1 July', itemId: ids.c, quorum: 2 })).result.motionId;
  await ok(ben, { type: 'CastVote', motionId: ids.m1, choice: 'agree' });
  await ok(ana, { type: 'CastVote', motionId: ids.m1, choice: 'oppose' });
  await ok(ana, { type: 'CastVote', motionId: ids.m1, choice: 'agree' }); // changes her vote
  await ok(ana, { type: 'CloseMotion', motionId: ids.m1 });
  ids.m2 = (await ok(ana, { type: 'OpenMotion', text: 'Freeze merges', anonymous: true, hiddenResults: true })).result.motionId;
  const vote = await ok(ben, { type: 'CastVote', motionId: ids.m2, choice: 'agree' });
  await atSeq(vote.seq);
  assert.deepEqual(screen.client.state.motions[ids.m2].tally, { voters: 1 });
  assert.deepEqual(screen.client.state.motions[ids.m2].votes, {});
  assert.deepEqual(ben.client.state.motions[ids.m2].votes, { p2: 'agree' });
  const closed = await ok(ana, { type: 'CloseMotion', motionId: ids.m2 });
  await atSeq(closed.seq);
  assert.deepEqual(ana.client.state.motions[ids.m2].votes, {});
  assert.deepEqual(ben.client.state.motions[ids.m2].votes, { p2: 'agree' });
  assert.equal(screen.client.state.motions[ids.m1].outcome, 'passed');
  assert.equal(screen.client.state.decisions.length, 2);
});

test('minutes: concurrent edits, decisions, action items, parking lot', async () => {
  const { ana, ben } = people;
  await ok(ana, { type: 'EditMinutes', baseRevision: 0, ops: ['# Minutes\n'] });
  const [fromBen, fromAna] = await Promise.all([
    ok(ben, { type: 'EditMinutes', baseRevision: 1, ops: [10, 'Ben line\n'] }),
    ok(ana, { type: 'EditMinutes', baseRevision: 1, ops: [10, 'Ana line\n'] }),
  ]);
  await atSeq(Math.max(fromBen.seq, fromAna.seq));
  for (const p of all()) {
    assert.equal(p.client.state.minutes.revision, 3);
    assert.equal(p.client.state.minutes.text.length, '# Minutes\nBen line\nAna line\n'.length);
  }
  await ok(ana, { type: 'RecordDecision', text: 'Release on 8 July', itemId: ids.c });
  ids.a1 = (await ok(ben, { type: 'AddActionItem', task: 'Draft the release notes', owner: 'Ben', standard: 'Reviewed by QA', deadline: '2026-07-01' })).result.actionItemId;
  ids.a2 = (await ok(ben, { type: 'AddActionItem', task: 'Book a room', owner: 'Ana', deadline: '2026-07-02' })).result.actionItemId;
  await ok(ana, { type: 'EditActionItem', actionItemId: ids.a1, version: 1, status: 'in_progress', deadline: '2026-07-03' });
  await ok(ana, { type: 'RemoveActionItem', actionItemId: ids.a2 });
  ids.k = (await ok(ben, { type: 'ParkPoint', text: 'Office move' })).result.pointId;
  const marked = await ok(ana, { type: 'MarkForNextMeeting', pointId: ids.k, forNextMeeting: true });
  await atSeq(marked.seq);
  assert.deepEqual(ben.client.state.actionItems.map((a) => [a.id, a.status, a.version]), [[ids.a1, 'in_progress', 2]]);
  assert.equal(ben.client.state.parkingLot[0].forNextMeeting, true);
});

test('a cursor is relayed to the others as an ephemeral message', async () => {
  const { ana, ben } = people;
  const reply = await ben.client.sendCursor({ revision: 3, anchor: 2, head: 7 });
  assert.deepEqual(reply, { ok: true });
  await delay(300);
  assert.deepEqual(ana.cursors.at(-1), { ephemeral: 'cursor', participantId: 'p2', revision: 3, anchor: 2, head: 7 });
});

test('a resend with the same clientId/clientSeq is answered from memory, not applied twice', async () => {
  const { ben } = people;
  const body = { clientId: 'live-dup', clientSeq: 1, command: { type: 'ParkPoint', text: 'Parking' } };
  const address = `rt.room.${roomId}.cmd`;
  const first = await ben.bus.send(address, body, { token: ben.credentials.token });
  const second = await ben.bus.send(address, body, { token: ben.credentials.token });
  assert.deepEqual(second, first);
  await atSeq(first.seq);
  assert.equal(ben.client.state.parkingLot.filter((p) => p.text === 'Parking').length, 1);
  assert.equal(ben.envelopes.find((e) => e.seq === first.seq).clientId, 'live-dup', 'the sender\'s copy carries the pair');
  assert.equal(people.ana.envelopes.find((e) => e.seq === first.seq).clientId, undefined);
});

test('the server announces the run-outs (TopicTimeUp, SpeakerTimeUp)', async () => {
  await Promise.all(all().map((p) => until(p, (s) => s.countdown.timeUpFired && s.floor.timeUpFired, 'time up', 15000)));
  const offset = people.screen.client.clock.offset;
  assert.ok(Math.abs(offset) < 1000, `same machine: offset ${offset}`);
  const { countdown } = people.screen.client.state;
  assert.ok(countdown.deadline - people.screen.client.clock.now() <= 0, 'overrun by the server clock');
}, { timeoutMs: 20000 });

test('a dropped socket: commands queue, the client reconnects, resends and catches up', async () => {
  const { ana, ben } = people;
  const seen = ben.states.length;
  const offline = new Promise((resolve) => {
    const off = ben.client.onConnection((state) => {
      if (state === 'offline') {
        off();
        resolve();
      }
    });
  });
  ben.bus._socket.close(); // the socket goes away under the EventBus, as when the network drops it
  await offline;
  const raised = ben.client.command({ type: 'RaiseHand' });
  assert.equal(ben.client.outbox.entries.length, 1, 'queued');
  await ok(ana, { type: 'AddItem', title: 'Added while Ben was away' });
  const parked = await ok(ana, { type: 'ParkPoint', text: 'While away' });
  const reply = await raised;
  assert.equal(reply.ok, true);
  await until(ben, (s, store) => store.seq >= Math.max(reply.seq, parked.seq), 'Ben caught up');
  assert.ok(ben.client.state.queue.includes('p2'));
  assert.ok(ben.client.state.agenda.some((i) => i.title === 'Added while Ben was away'));
  assert.deepEqual(ben.states.slice(seen), ['offline', 'connecting', 'syncing', 'live']);
  assert.equal(ben.client.outbox.entries.length, 0);
  await until(ana, (s) => s.participants.p2.connections.length === 1, 'Ben online again');
});

test('hand-off, end of the meeting, final minutes', async () => {
  const { ana, ben } = people;
  await ok(ana, { type: 'HandOff', toParticipantId: 'p2' });
  await ok(ben, { type: 'HandOff', toParticipantId: 'p1' });
  await ok(ana, { type: 'EndMeeting' });
  const final = await ok(ana, { type: 'FinalizeMinutes' });
  await atSeq(final.seq);
  const s = people.screen.client.state;
  assert.equal(s.meeting.status, 'ended');
  assert.equal(s.minutes.finalized, true);
  assert.ok(!('floor' in s) && !('countdown' in s));
  assert.equal(s.participants.p1.role, 'facilitator');
});

test('every store equals a fresh snapshot of its own view', async () => {
  for (const p of all()) {
    const address = `rt.room.${roomId}.cmd`;
    const reply = await p.bus.send(address, { command: { type: 'Sync' } }, { token: p.credentials.token });
    await until(p, (s, store) => store.seq >= reply.seq, 'the last envelope');
    assert.equal(p.client.store.seq, reply.seq, `${p.credentials.participantId} seq`);
    const d = difference(p.client.state, reply.snapshot);
    assert.ok(d === null, `${p.credentials.participantId}: ${d}`);
    for (const key of ['participants', 'notes', 'clusters', 'motions']) {
      assert.deepEqual(Object.keys(p.client.state[key]), Object.keys(reply.snapshot[key]), `${key} order`);
    }
    assert.deepEqual(p.errors, [], `${p.credentials.participantId}: no event failed to apply, no refusal`);
  }
});

test('stop: the participant goes offline', async () => {
  const { ana, ben, screen } = people;
  ben.client.stop();
  await until(ana, (s) => s.participants.p2.connections.length === 0, 'Ben offline');
  ana.client.stop();
  screen.client.stop();
  for (const p of all()) p.bus.close();
});

run();
