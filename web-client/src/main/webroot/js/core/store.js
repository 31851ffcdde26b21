// The client's copy of one room: the snapshot JSON of docs/PROTOCOL.md §9.8, changed only by applying the
// events of envelopes in seq order. Each event is applied by a JavaScript port of the server's `evolve`
// (server/src/main/java/dev/roundtable/domain/*Events.java), taking the viewer-cut shapes into account
// (§8.1, §9.12): a DotsChanged without participantId, a VoteCast without participantId/choice and with a
// tally of voters only, a MotionClosed with only the viewer's own vote, notes revealed that the client never
// had.
//
// The state is immutable: every change makes a new state object that shares what did not change, so a view
// can compare branches by identity (`prev.agenda !== next.agenda`). Treat it as read-only.

import { TextOperation } from './ot.js';

/** The server's default per-speaker limit, used only for a room built from its very first envelope. */
const DEFAULT_SPEAKER_LIMIT_SECONDS = 180;

/**
 * An event that cannot be applied to the state: an unknown event type, or one that names something the
 * state does not have. The copy has drifted from the server's; the remedy is a full resync (snapshot).
 */
export class StateError extends Error {
  constructor(message) {
    super(message);
    this.name = 'StateError';
  }
}

/**
 * The state of a room whose meeting does not exist yet (the server's RoomState.empty), in snapshot shape.
 * @param {string|null} [roomId]
 * @returns {object}
 */
export function emptyRoomState(roomId = null) {
  const state = {
    participants: {}, agenda: [], queue: [], speakerLimitSeconds: DEFAULT_SPEAKER_LIMIT_SECONDS,
    speakingMs: {}, departmentSpeakingMs: {},
    board: { template: 'free', writingPhase: false, anonymous: false, dotLimit: 0 },
    notes: {}, clusters: {}, motions: {},
    minutes: { text: '', revision: 0, history: [], finalized: false },
    decisions: [], actionItems: [], parkingLot: [], serial: 0,
  };
  return roomId == null ? state : { roomId, ...state };
}

// ---------- immutable helpers ----------

function need(value, what) {
  if (value === undefined || value === null) throw new StateError(`the state has no ${what}`);
  return value;
}

/** A copy of obj with key set to value, or without key when value is null/undefined (null is omitted). */
function put(obj, key, value) {
  const copy = { ...obj };
  if (value === undefined || value === null) delete copy[key];
  else copy[key] = value;
  return copy;
}

function without(obj, key) {
  if (!(key in obj)) return obj;
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

function raiseSerial(s, serial) {
  return typeof serial === 'number' && serial > s.serial ? serial : s.serial;
}

function updateParticipant(s, id, change) {
  const p = need(s.participants[id], `participant ${id}`);
  return { ...s, participants: { ...s.participants, [id]: change(p) } };
}

function withConnections(p, connections) {
  return { ...p, connections, attended: Boolean(p.attended) || connections.length > 0 };
}

function updateItem(s, id, change) {
  const item = need(s.agenda.find((i) => i.id === id), `agenda item ${id}`);
  const next = change(item);
  return { ...s, agenda: s.agenda.map((i) => (i.id === id ? next : i)) };
}

function startCountdown(itemId, at, durationMs) {
  return { itemId, running: true, deadline: at + durationMs, remainingMs: durationMs, runningSince: at, timeUpFired: false };
}

function updateNote(s, id, change) {
  const note = need(s.notes[id], `note ${id}`);
  return { ...s, notes: { ...s.notes, [id]: change(note) } };
}

function updateMotion(s, id, change) {
  const motion = need(s.motions[id], `motion ${id}`);
  return { ...s, motions: { ...s.motions, [id]: change(motion) } };
}

function replaceOrAppend(list, value) {
  return list.some((v) => v.id === value.id) ? list.map((v) => (v.id === value.id ? value : v)) : [...list, value];
}

/** Ids are a letter and the room's serial number: sorting by the number gives creation order. */
function idNumber(id) {
  const n = Number.parseInt(String(id).slice(1), 10);
  return Number.isNaN(n) ? Number.MAX_SAFE_INTEGER : n;
}

function add(map, key, ms) {
  return { ...map, [key]: (map[key] || 0) + ms };
}

// ---------- evolve, one function per event type ----------

/** @type {Record<string, (s: object, e: object) => object>} */
const EVOLVE = {
  // MeetingEvents
  MeetingCreated: (s, e) => ({
    ...s,
    meeting: {
      title: e.title, goal: e.goal, kind: e.kind, scheduledStart: e.scheduledStart,
      plannedMinutes: e.plannedMinutes, status: 'scheduled', version: 1,
    },
    speakerLimitSeconds: e.speakerLimitSeconds,
  }),
  MeetingEdited: (s, e) => ({
    ...s,
    meeting: {
      ...need(s.meeting, 'meeting'), title: e.title, goal: e.goal, kind: e.kind,
      scheduledStart: e.scheduledStart, plannedMinutes: e.plannedMinutes, version: e.version,
    },
  }),
  MeetingStarted: (s, e) => ({ ...s, meeting: { ...need(s.meeting, 'meeting'), status: 'live', startedAt: e.at } }),
  MeetingEnded: (s, e) => ({ ...s, meeting: { ...need(s.meeting, 'meeting'), status: 'ended', endedAt: e.at }, queue: [] }),
  ParticipantJoined: (s, e) => ({
    ...s,
    participants: {
      ...s.participants,
      [e.participantId]: {
        id: e.participantId, name: e.name, department: e.department, role: e.role,
        connections: [], attended: false, joinedAt: e.at,
      },
    },
    serial: raiseSerial(s, e.serial),
  }),
  Connected: (s, e) => updateParticipant(s, e.participantId,
    (p) => withConnections(p, [...p.connections, e.connectionId])),
  Disconnected: (s, e) => updateParticipant(s, e.participantId,
    (p) => withConnections(p, p.connections.filter((c) => c !== e.connectionId))),
  PresenceReset: (s) => {
    const participants = {};
    for (const [id, p] of Object.entries(s.participants)) participants[id] = withConnections(p, []);
    return { ...s, participants };
  },
  FacilitatorHandedOff: (s, e) => {
    let next = s;
    if (s.participants[e.fromId]) next = updateParticipant(next, e.fromId, (p) => ({ ...p, role: 'participant' }));
    return updateParticipant(next, e.toId, (p) => ({ ...p, role: 'facilitator' }));
  },

  // AgendaEvents
  ItemAdded: (s, e) => {
    const agenda = s.agenda.slice();
    agenda.splice(Math.min(e.index, agenda.length), 0, e.item);
    return { ...s, agenda, serial: raiseSerial(s, e.serial) };
  },
  ItemEdited: (s, e) => ({ ...s, agenda: s.agenda.map((i) => (i.id === e.item.id ? e.item : i)) }),
  ItemRemoved: (s, e) => ({ ...s, agenda: s.agenda.filter((i) => i.id !== e.itemId) }),
  AgendaReordered: (s, e) => {
    const byId = new Map(s.agenda.map((i) => [i.id, i]));
    return { ...s, agenda: e.itemIds.map((id) => need(byId.get(id), `agenda item ${id}`)) };
  },
  ItemStarted: (s, e) => ({
    ...updateItem(s, e.itemId, (i) => without({ ...i, status: 'active' }, 'completedAt')),
    countdown: startCountdown(e.itemId, e.at, e.durationMs),
  }),
  ItemCompleted: (s, e) => without(
    updateItem(s, e.itemId, (i) => ({ ...i, status: 'done', actualMs: e.actualMs, completedAt: e.at })), 'countdown'),
  ItemDeferred: (s, e) => {
    const next = updateItem(s, e.itemId, (i) => without({ ...i, status: 'deferred', actualMs: e.actualMs }, 'completedAt'));
    return s.countdown && s.countdown.itemId === e.itemId ? without(next, 'countdown') : next;
  },
  TimerPaused: (s, e) => {
    const c = need(s.countdown, 'countdown');
    return {
      ...updateItem(s, e.itemId, (i) => ({ ...i, actualMs: e.actualMs })),
      countdown: {
        itemId: e.itemId, running: false, deadline: c.deadline, remainingMs: e.remainingMs, runningSince: 0,
        timeUpFired: c.timeUpFired,
      },
    };
  },
  TimerResumed: (s, e) => {
    const c = need(s.countdown, 'countdown');
    return {
      ...s,
      countdown: {
        itemId: e.itemId, running: true, deadline: e.deadline, remainingMs: e.deadline - e.at, runningSince: e.at,
        timeUpFired: c.timeUpFired,
      },
    };
  },
  TimerExtended: (s, e) => {
    const c = need(s.countdown, 'countdown');
    return {
      ...s,
      countdown: {
        itemId: e.itemId, running: c.running, deadline: e.deadline, remainingMs: e.remainingMs,
        runningSince: c.runningSince, timeUpFired: e.timeUpFired,
      },
    };
  },
  TimerReset: (s, e) => ({
    ...updateItem(s, e.itemId, (i) => ({ ...i, actualMs: e.actualMs })),
    countdown: e.running ? startCountdown(e.itemId, e.at, e.durationMs)
      : {
        itemId: e.itemId, running: false, deadline: e.at + e.durationMs, remainingMs: e.durationMs, runningSince: 0,
        timeUpFired: false,
      },
  }),
  TopicTimeUp: (s) => ({ ...s, countdown: { ...need(s.countdown, 'countdown'), timeUpFired: true } }),

  // SpeakerEvents
  HandRaised: (s, e) => ({ ...s, queue: [...s.queue, e.participantId] }),
  HandLowered: (s, e) => ({ ...s, queue: s.queue.filter((id) => id !== e.participantId) }),
  FloorGiven: (s, e) => ({
    ...s,
    floor: { speakerId: e.participantId, since: e.at, deadline: e.deadline, timeUpFired: false },
    queue: s.queue.filter((id) => id !== e.participantId),
  }),
  FloorEnded: (s, e) => ({
    ...without(s, 'floor'),
    speakingMs: add(s.speakingMs, e.participantId, e.spokeMs),
    departmentSpeakingMs: add(s.departmentSpeakingMs, e.department ?? '', e.spokeMs),
  }),
  SpeakerLimitSet: (s, e) => ({ ...s, speakerLimitSeconds: e.seconds }),
  SpeakerTimeUp: (s) => ({ ...s, floor: { ...need(s.floor, 'floor'), timeUpFired: true } }),

  // BoardEvents (note events with privateTo reach only the author, who has the note)
  NoteAdded: (s, e) => ({ ...s, notes: { ...s.notes, [e.note.id]: e.note }, serial: raiseSerial(s, e.serial) }),
  NoteEdited: (s, e) => updateNote(s, e.noteId, (n) => ({ ...n, text: e.text, version: e.version })),
  NoteMoved: (s, e) => updateNote(s, e.noteId, (n) => put({ ...n, x: e.x, y: e.y }, 'lane', e.lane)),
  NoteRecoloured: (s, e) => updateNote(s, e.noteId, (n) => ({ ...n, colour: e.colour })),
  NoteDeleted: (s, e) => ({ ...s, notes: without(s.notes, e.noteId) }),
  NotesGrouped: (s, e) => {
    const notes = { ...s.notes };
    for (const id of e.noteIds) notes[id] = { ...need(notes[id], `note ${id}`), clusterId: e.cluster.id };
    return { ...s, clusters: { ...s.clusters, [e.cluster.id]: e.cluster }, notes, serial: raiseSerial(s, e.serial) };
  },
  ClusterRemoved: (s, e) => {
    const notes = {};
    for (const [id, n] of Object.entries(s.notes)) notes[id] = n.clusterId === e.clusterId ? without(n, 'clusterId') : n;
    return { ...s, clusters: without(s.clusters, e.clusterId), notes };
  },
  BoardChanged: (s, e) => ({
    ...s, board: { ...s.board, template: e.template, anonymous: e.anonymous, dotLimit: e.dotLimit },
  }),
  WritingPhaseStarted: (s) => ({ ...s, board: { ...s.board, writingPhase: true } }),
  NotesRevealed: (s, e) => {
    let notes = { ...s.notes };
    let added = false;
    for (const revealed of e.notes) {
      const own = notes[revealed.id];
      if (!own) added = true;
      notes[revealed.id] = { ...(own || revealed), hidden: false };
    }
    if (added) {
      // Notes this viewer never had go where the server has them: in creation order.
      notes = Object.fromEntries(Object.entries(notes).sort(([a], [b]) => idNumber(a) - idNumber(b)));
    }
    return { ...s, board: { ...s.board, writingPhase: false }, notes };
  },
  DotsChanged: (s, e) => updateNote(s, e.noteId, (n) => {
    let dots = n.dots || {};
    if (e.participantId != null) {
      dots = e.dotsOfParticipant ? { ...dots, [e.participantId]: e.dotsOfParticipant } : without(dots, e.participantId);
    }
    return { ...n, dots, totalDots: e.totalDots };
  }),

  // VoteEvents
  MotionOpened: (s, e) => ({ ...s, motions: { ...s.motions, [e.motion.id]: e.motion }, serial: raiseSerial(s, e.serial) }),
  VoteCast: (s, e) => updateMotion(s, e.motionId, (m) => ({
    ...m,
    votes: e.participantId != null ? { ...m.votes, [e.participantId]: e.choice } : m.votes,
    tally: e.tally,
  })),
  MotionClosed: (s, e) => updateMotion(s, e.motionId, (m) => ({
    ...m, open: false, closedAt: e.at, present: e.present, outcome: e.outcome, tally: e.tally, votes: e.votes || {},
  })),

  // MinutesEvents
  MinutesEdited: (s, e) => {
    let text;
    try {
      text = TextOperation.fromJSON(e.ops).apply(s.minutes.text);
    } catch (error) {
      throw new StateError(`minutes revision ${e.revision} does not apply: ${error.message}`);
    }
    return { ...s, minutes: without({ ...s.minutes, text, revision: e.revision, finalized: false }, 'finalizedAt') };
  },
  MinutesFinalized: (s, e) => ({ ...s, minutes: { ...s.minutes, finalized: true, finalizedAt: e.at } }),
  DecisionRecorded: (s, e) => ({ ...s, decisions: [...s.decisions, e.decision], serial: raiseSerial(s, e.serial) }),
  ActionItemAdded: (s, e) => ({ ...s, actionItems: replaceOrAppend(s.actionItems, e.item), serial: raiseSerial(s, e.serial) }),
  ActionItemEdited: (s, e) => ({ ...s, actionItems: replaceOrAppend(s.actionItems, e.item) }),
  ActionItemRemoved: (s, e) => ({ ...s, actionItems: s.actionItems.filter((a) => a.id !== e.actionItemId) }),
  PointParked: (s, e) => ({ ...s, parkingLot: replaceOrAppend(s.parkingLot, e.point), serial: raiseSerial(s, e.serial) }),
  PointUpdated: (s, e) => ({ ...s, parkingLot: replaceOrAppend(s.parkingLot, e.point) }),
};

/** Every event type the store can apply. */
export const EVENT_TYPES = Object.freeze(Object.keys(EVOLVE));

/**
 * Applies one event to a state, as the server's `evolve` does, and returns the new state (the old one is
 * not changed).
 * @param {object} state snapshot-shaped state
 * @param {{type: string}} event
 * @returns {object}
 * @throws {StateError} for an unknown event type or an event naming something the state lacks
 */
export function evolve(state, event) {
  const apply = event && Object.hasOwn(EVOLVE, event.type) ? EVOLVE[event.type] : null;
  if (!apply) throw new StateError(`unknown event type ${event && event.type}`);
  return apply(state, event);
}

/**
 * The room state store. Holds the state and the seq it is at; applies envelopes strictly in seq order.
 */
export class RoomStore {
  /**
   * @param {object} [options]
   * @param {string} [options.roomId] used for the initial empty state
   */
  constructor({ roomId = null } = {}) {
    this._state = emptyRoomState(roomId);
    this._seq = 0;
    this._loaded = false;
    this._listeners = new Set();
    this._ephemeralListeners = new Set();
  }

  /** @returns {object} the current state (snapshot shape; read-only) */
  get state() {
    return this._state;
  }

  /** @returns {number} seq of the last envelope applied (or of the snapshot loaded); 0 at first */
  get seq() {
    return this._seq;
  }

  /** @returns {boolean} whether a snapshot was loaded or envelopes applied from seq 1 */
  get loaded() {
    return this._loaded;
  }

  /**
   * Replaces the state by a snapshot (a Sync reply's `snapshot`) as of `seq` (the reply's `seq`).
   * The store keeps the object; do not change it afterwards.
   * @param {object} snapshot
   * @param {number} seq
   */
  load(snapshot, seq) {
    if (!snapshot || typeof snapshot !== 'object') throw new TypeError('load needs a snapshot object');
    if (!Number.isInteger(seq) || seq < 0) throw new TypeError(`load needs a seq, got ${seq}`);
    this._state = snapshot;
    this._seq = seq;
    this._loaded = true;
    this._emit({ type: 'snapshot', seq });
  }

  /**
   * Applies an envelope {seq, at, events, clientId?, clientSeq?} if it is the next one.
   * An ephemeral message ({ephemeral:'cursor', …}) is not applied but handed to the onEphemeral listeners.
   * The events are applied all or none: if one fails the state stays as it was and a StateError is thrown.
   * @param {object} envelope
   * @returns {'applied'|'stale'|'gap'|'ephemeral'} 'stale': seq ≤ the store's seq, ignored; 'gap':
   *   seq > the store's seq + 1, not applied (resync with sinceSeq = store.seq)
   * @throws {StateError} when an event cannot be applied (resync with a snapshot)
   */
  apply(envelope) {
    if (envelope && envelope.ephemeral !== undefined) {
      for (const listener of [...this._ephemeralListeners]) {
        try {
          listener(envelope);
        } catch (error) {
          console.error('ephemeral listener failed', error);
        }
      }
      return 'ephemeral';
    }
    const seq = envelope && envelope.seq;
    if (!Number.isInteger(seq)) throw new TypeError(`an envelope needs an integer seq, got ${seq}`);
    if (seq <= this._seq) return 'stale';
    if (seq > this._seq + 1) return 'gap';
    let state = this._state;
    for (const event of envelope.events || []) state = evolve(state, event);
    this._state = state;
    this._seq = seq;
    this._loaded = true;
    this._emit({ type: 'envelope', seq, envelope });
    return 'applied';
  }

  /**
   * Listens to changes: after every snapshot loaded and every envelope applied (also one with no events).
   * @param {(state: object, change: {type: 'snapshot'|'envelope', seq: number, envelope?: object}) => void} listener
   * @returns {() => void} removes the listener
   */
  subscribe(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /**
   * Listens to ephemeral messages (minutes cursors, §8.2): {ephemeral:'cursor', participantId, revision,
   * anchor, head}.
   * @param {(message: object) => void} listener
   * @returns {() => void} removes the listener
   */
  onEphemeral(listener) {
    this._ephemeralListeners.add(listener);
    return () => this._ephemeralListeners.delete(listener);
  }

  _emit(change) {
    for (const listener of [...this._listeners]) {
      try {
        listener(this._state, change);
      } catch (error) {
        console.error('store listener failed', error);
      }
    }
  }
}
