// The server's vocabulary as it is spelled on the wire. GENERATED from the server's enums by
// server/src/test/java/dev/roundtable/webclient/ClientVocabulary.java: do not edit; regenerate with
//   ./mvnw -B -o test -pl server -am -Dtest=ClientVocabularyTest -Dsurefire.failIfNoSpecifiedTests=false -Dvocabulary.write=true
// Orders are the server's declaration orders.

/** Lanes of each board template (a free board has none). */
export const BOARD_LANES = Object.freeze({
  free: Object.freeze([]),
  five_w_one_h: Object.freeze(['what', 'who', 'when', 'where', 'why', 'how']),
  problem_cause_solution_risk: Object.freeze(['problem', 'cause', 'solution', 'risk']),
});

/** Kinds of agenda item. */
export const ITEM_KINDS = Object.freeze(['inform', 'discuss', 'decide', 'open_discussion']);

/** The timebox an item of each kind gets when none is given, in seconds. */
export const DEFAULT_TIMEBOX_SECONDS = Object.freeze({
  inform: 300,
  discuss: 600,
  decide: 600,
  open_discussion: 600,
});

/** Statuses of an agenda item. */
export const ITEM_STATUSES = Object.freeze(['pending', 'active', 'done', 'deferred']);

/** Statuses of the meeting. */
export const MEETING_STATUSES = Object.freeze(['scheduled', 'live', 'ended']);

/** Roles of a participant (a screen is read-only). */
export const ROLES = Object.freeze(['facilitator', 'participant', 'screen']);

/** Choices of a vote. */
export const CHOICES = Object.freeze(['agree', 'oppose', 'neutral']);

/** Rules a motion passes by. */
export const PASS_RULES = Object.freeze(['simple_majority', 'majority_of_present', 'at_least_n']);

/** Statuses of an action item. */
export const ACTION_STATUSES = Object.freeze(['open', 'in_progress', 'done', 'blocked']);

/** Colours of a note. */
export const NOTE_COLOURS = Object.freeze(['yellow', 'pink', 'green', 'blue', 'orange', 'purple']);

/** Every command type the server reads (Tick, Connect and a few more only the server itself sends). */
export const COMMAND_TYPES = Object.freeze(['AddActionItem', 'AddDot', 'AddItem', 'AddNote', 'CastVote', 'CloseMotion', 'CompleteItem', 'Connect', 'CreateMeeting', 'CreatePreparedMeeting', 'DeferItem', 'DeleteNote', 'Disconnect', 'EditActionItem', 'EditItem', 'EditMeeting', 'EditMinutes', 'EditNote', 'EndFloor', 'EndMeeting', 'ExtendTimer', 'FinalizeMinutes', 'GiveFloor', 'GroupNotes', 'HandOff', 'Join', 'LowerHand', 'MarkForNextMeeting', 'MoveNote', 'OpenMotion', 'ParkPoint', 'PauseTimer', 'RaiseHand', 'RecolourNote', 'RecordDecision', 'RemoveActionItem', 'RemoveDot', 'RemoveItem', 'ReorderAgenda', 'ResetPresence', 'ResetTimer', 'ResumeTimer', 'RevealNotes', 'SetBoard', 'SetSpeakerLimit', 'StartItem', 'StartMeeting', 'StartWritingPhase', 'Tick', 'Ungroup']);

/** Every error code the server answers with (the code of {code, message}); each has a text in every catalogue. */
export const ERROR_CODES = Object.freeze(['BAD_JSON', 'UNKNOWN_COMMAND', 'INVALID_FIELD', 'TOO_LARGE', 'UNAUTHORIZED', 'FORBIDDEN', 'WRONG_ROOM', 'ROOM_NOT_FOUND', 'ROOM_EXISTS', 'NOT_FOUND', 'ITEM_NOT_FOUND', 'NOTE_NOT_FOUND', 'CLUSTER_NOT_FOUND', 'MOTION_NOT_FOUND', 'ACTION_ITEM_NOT_FOUND', 'POINT_NOT_FOUND', 'MINUTES_FINALIZED', 'PARTICIPANT_NOT_FOUND', 'STALE_VERSION', 'INVALID_STATE', 'MEETING_ENDED', 'LIMIT_REACHED', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL']);

