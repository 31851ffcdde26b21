// Every command the client sends, built in one place (docs/PROTOCOL.md §9): each function returns the
// command object that ctx.send takes, named like its type. Optional fields left undefined are not sent, so
// the server applies its own defaults.

function command(type, fields = {}) {
  const out = { type };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

// Meeting
export const startMeeting = () => command('StartMeeting');
export const endMeeting = () => command('EndMeeting');
export const handOff = (toParticipantId) => command('HandOff', { toParticipantId });

// Agenda
/** @param {{title: string, kind: string, timeboxSeconds?: number, owner?: string, expectedOutput?: string}} f */
export const addItem = ({ title, kind, timeboxSeconds, owner, expectedOutput }) => command('AddItem', { title, kind, timeboxSeconds, owner, expectedOutput });
/** @param {{itemId: string, version: number, title?: string, owner?: string, expectedOutput?: string, timeboxSeconds?: number, kind?: string}} f */
export const editItem = ({ itemId, version, title, owner, expectedOutput, timeboxSeconds, kind }) => command('EditItem', { itemId, version, owner, expectedOutput, timeboxSeconds, kind, title });
export const removeItem = (itemId, version) => command('RemoveItem', { itemId, version });
export const reorderAgenda = (itemIds) => command('ReorderAgenda', { itemIds });
export const startItem = (itemId) => command('StartItem', { itemId });
/** Completes the given item, or the current one without an id. */
export const completeItem = (itemId) => command('CompleteItem', { itemId });
export const deferItem = (itemId) => command('DeferItem', { itemId });

// Timer
export const pauseTimer = () => command('PauseTimer');
export const resumeTimer = () => command('ResumeTimer');
export const extendTimer = (seconds) => command('ExtendTimer', { seconds });
export const resetTimer = () => command('ResetTimer');

// Speakers
export const raiseHand = () => command('RaiseHand');
/** Lowers my hand, or someone else's (facilitator) with an id. */
export const lowerHand = (participantId) => command('LowerHand', { participantId });
/** Gives the floor to a participant, or to the first in the queue without an id. */
export const giveFloor = (participantId) => command('GiveFloor', { participantId });
export const endFloor = () => command('EndFloor');
export const setSpeakerLimit = (seconds) => command('SetSpeakerLimit', { seconds });

// Board
export const setBoard = ({ template, anonymous, dotLimit }) => command('SetBoard', { template, anonymous, dotLimit });
export const startWritingPhase = () => command('StartWritingPhase');
export const revealNotes = () => command('RevealNotes');
export const addNote = ({ text, colour, x, y, lane }) => command('AddNote', { text, colour, x, y, lane });
/** Replaces a note's text; version is the note's version the edit was made against. */
export const editNote = ({ noteId, version, text }) => command('EditNote', { noteId, version, text });
export const moveNote = ({ noteId, x, y, lane }) => command('MoveNote', { noteId, x, y, lane });
export const recolourNote = (noteId, colour) => command('RecolourNote', { noteId, colour });
export const deleteNote = (noteId) => command('DeleteNote', { noteId });
export const addDot = (noteId) => command('AddDot', { noteId });
export const removeDot = (noteId) => command('RemoveDot', { noteId });
/** Groups notes into a new cluster called name, or into the existing clusterId. */
export const groupNotes = ({ noteIds, name, clusterId }) => command('GroupNotes', { noteIds, name, clusterId });
export const ungroup = (clusterId) => command('Ungroup', { clusterId });

// Votes
/** @param {{text: string, anonymous: boolean, hiddenResults: boolean, rule: string, quorum?: number, threshold?: number, itemId?: string}} f */
export const openMotion = ({ text, anonymous, hiddenResults, rule, quorum, threshold, itemId }) => command('OpenMotion', { text, anonymous, hiddenResults, rule, quorum, threshold, itemId });
export const castVote = (motionId, choice) => command('CastVote', { motionId, choice });
export const closeMotion = (motionId) => command('CloseMotion', { motionId });

// Records
export const recordDecision = ({ text, itemId }) => command('RecordDecision', { text, itemId });
export const addActionItem = ({ task, owner, deadline, standard, itemId }) => command('AddActionItem', { task, owner, deadline, standard, itemId });
export const editActionItem = ({ actionItemId, version, status }) => command('EditActionItem', { actionItemId, version, status });
export const removeActionItem = (actionItemId) => command('RemoveActionItem', { actionItemId });
export const parkPoint = (text) => command('ParkPoint', { text });
export const markForNextMeeting = (pointId, forNextMeeting) => command('MarkForNextMeeting', { pointId, forNextMeeting });

// Minutes
export const editMinutes = (baseRevision, ops) => command('EditMinutes', { baseRevision, ops });
export const finalizeMinutes = () => command('FinalizeMinutes');
