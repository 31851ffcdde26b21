import * as commands from '../js/model/commands.js';
import { currentItem, currentItemId, itemById, lanesOf, meetingEnded, minutesFinalized } from '../js/model/selectors.js';
import { BOARD_LANES, COMMAND_TYPES, ITEM_KINDS, NOTE_COLOURS } from '../js/model/vocabulary.js';
import { ENDED_SNAPSHOT, RETRO_SNAPSHOT_P2 } from './fixtures.js';
import { assert, describe, test } from './runner.js';

describe('selectors', () => {
  test('meetingEnded is true only for an ended meeting, also before the first snapshot', () => {
    assert.equal(meetingEnded(ENDED_SNAPSHOT), true);
    assert.equal(meetingEnded(RETRO_SNAPSHOT_P2), false);
    assert.equal(meetingEnded({ meeting: null }), false);
  });

  test('the current item is the one the countdown belongs to', () => {
    assert.equal(currentItemId(RETRO_SNAPSHOT_P2), 'i14');
    assert.equal(currentItem(RETRO_SNAPSHOT_P2).title, 'Retro');
    assert.equal(currentItemId(ENDED_SNAPSHOT), undefined);
    assert.equal(currentItem(ENDED_SNAPSHOT), null);
    assert.equal(currentItem({ agenda: [], countdown: { itemId: 'gone' } }), null);
  });

  test('itemById finds an item, and gives null for an unknown or missing id', () => {
    assert.equal(itemById(ENDED_SNAPSHOT, 'i4').title, 'Staffing');
    assert.equal(itemById(ENDED_SNAPSHOT, 'i99'), null);
    assert.equal(itemById(ENDED_SNAPSHOT, undefined), null);
  });

  test('lanesOf gives the template\'s lanes, none on a free board or before the snapshot', () => {
    assert.deepEqual([...lanesOf(RETRO_SNAPSHOT_P2)], ['problem', 'cause', 'solution', 'risk']);
    assert.deepEqual([...lanesOf(ENDED_SNAPSHOT)], []);
    assert.deepEqual([...lanesOf({ board: null })], []);
  });

  test('minutesFinalized follows the minutes', () => {
    assert.equal(minutesFinalized(ENDED_SNAPSHOT), true);
    assert.equal(minutesFinalized(RETRO_SNAPSHOT_P2), false);
  });
});

describe('commands', () => {
  test('every builder makes a command type the server reads', () => {
    for (const [name, build] of Object.entries(commands)) {
      const type = build({}).type;
      assert.ok(COMMAND_TYPES.includes(type), `${name} builds ${type}`);
      assert.equal(type[0].toLowerCase() + type.slice(1), name, 'a builder is named like its type');
    }
  });

  test('builders keep the fields given, empty strings included, and leave out undefined ones', () => {
    assert.deepEqual(commands.addNote({ text: 'Slow deploys', colour: 'pink', x: 10, y: 20 }),
      { type: 'AddNote', text: 'Slow deploys', colour: 'pink', x: 10, y: 20 });
    assert.deepEqual(commands.moveNote({ noteId: 'n4', x: 1, y: 2, lane: 'cause' }),
      { type: 'MoveNote', noteId: 'n4', x: 1, y: 2, lane: 'cause' });
    assert.deepEqual(commands.groupNotes({ noteIds: ['n4'], name: '' }), { type: 'GroupNotes', noteIds: ['n4'], name: '' });
    assert.deepEqual(commands.giveFloor(), { type: 'GiveFloor' });
    assert.deepEqual(commands.giveFloor('p2'), { type: 'GiveFloor', participantId: 'p2' });
    assert.deepEqual(commands.castVote('m11', 'agree'), { type: 'CastVote', motionId: 'm11', choice: 'agree' });
    assert.deepEqual(commands.removeItem('i4', 3), { type: 'RemoveItem', itemId: 'i4', version: 3 });
    assert.deepEqual(commands.editMinutes(2, [5, 'x']), { type: 'EditMinutes', baseRevision: 2, ops: [5, 'x'] });
    assert.deepEqual(commands.markForNextMeeting('k13', false), { type: 'MarkForNextMeeting', pointId: 'k13', forNextMeeting: false });
  });
});

describe('vocabulary', () => {
  test('is frozen, and spelled as the server puts it on the wire (lower case)', () => {
    assert.ok(Object.isFrozen(BOARD_LANES) && Object.isFrozen(BOARD_LANES.five_w_one_h) && Object.isFrozen(ITEM_KINDS));
    assert.ok(NOTE_COLOURS.includes('yellow') && ITEM_KINDS.includes('open_discussion'));
  });
});
