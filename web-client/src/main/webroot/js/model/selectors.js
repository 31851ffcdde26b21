// Questions the views ask of the room state, answered in one place: is the meeting over, which item is
// current, which lanes does the board have. Pure functions of the state the store keeps (docs/PROTOCOL.md
// §9.8); they never change it.

import { BOARD_LANES } from './vocabulary.js';

/** Whether the meeting has ended. */
export function meetingEnded(state) {
  return Boolean(state.meeting && state.meeting.status === 'ended');
}

/** The id of the current item (the one the countdown belongs to), or undefined when there is none. */
export function currentItemId(state) {
  return state.countdown ? state.countdown.itemId : undefined;
}

/** The agenda item with this id, or null. */
export function itemById(state, itemId) {
  return (itemId && (state.agenda || []).find((i) => i.id === itemId)) || null;
}

/** The current item, or null. */
export function currentItem(state) {
  return itemById(state, currentItemId(state));
}

/** Whether the minutes are finalized (then nobody edits them any more). */
export function minutesFinalized(state) {
  return Boolean(state.minutes && state.minutes.finalized);
}

/** The lanes of the board's template (none on a free board). */
export function lanesOf(state) {
  return BOARD_LANES[state.board && state.board.template] || [];
}
