// The form that adds a note: note-input, a colour and (on a board with lanes) the lane, note-add. The note
// lands in the lane its author picked (placeNewNote): the lane select keeps the author's choice across
// renders, and the board sets it when its author taps an empty spot of a lane (form.chooseLane).

import { t } from '../i18n/i18n.js';
import { h, select, setAttr, setOptions, setText } from './dom.js';
import * as commands from '../model/commands.js';
import { placeNewNote } from '../model/board-layout.js';
import { lanesOf, meetingEnded } from '../model/selectors.js';
import { NOTE_COLOURS } from '../model/vocabulary.js';

/**
 * @returns {HTMLFormElement & {chooseLane: (lane: string) => void}}
 */
export function createNoteForm(ctx, { compact = false } = {}) {
  const input = h('textarea', { class: 'note-input', testid: 'note-input', maxLength: 500, rows: compact ? 1 : 2 });
  const inputLabel = h('label', { htmlFor: '', data: { i18n: 'board.addNote' } });
  input.id = `note-input-${Math.random().toString(36).slice(2, 8)}`;
  inputLabel.htmlFor = input.id;
  const colour = select([], 'yellow', { class: 'note-colour-new', testid: 'note-colour-new' });
  colour.id = `${input.id}-colour`;
  const lane = select([], '', { class: 'note-lane-new', testid: 'note-lane' });
  lane.id = `${input.id}-lane`;
  const laneField = h('div', { class: 'field small-field' }, h('label', { htmlFor: lane.id, data: { i18n: 'board.lane' } }), lane);
  const add = h('button', { type: 'submit', testid: 'note-add' });
  const privacy = h('p', { class: 'privacy-hint', attrs: { 'aria-live': 'polite' } });
  const form = h('form', { class: `note-form${compact ? ' compact' : ''}`, noValidate: true },
    h('div', { class: 'field grow' }, inputLabel, input),
    h('div', { class: 'field small-field' }, h('label', { htmlFor: colour.id, data: { i18n: 'board.colour' } }), colour),
    laneField, add, privacy);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    const state = ctx.state;
    const chosenLane = lanesOf(state).includes(lane.value) ? lane.value : undefined;
    const { x, y } = placeNewNote(state, chosenLane);
    const command = commands.addNote({ text, colour: colour.value, x, y, lane: chosenLane });
    // Clear at once: the command is in the outbox now (sent later if offline), so a second tap must not
    // queue the same note again. A refusal gives the text back to be fixed.
    input.value = '';
    const reply = await ctx.send(command);
    if (!reply.ok && !input.value) {
      input.value = text;
    }
    input.focus();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.chooseLane = (l) => {
    if (![...lane.options].some((o) => o.value === l)) return;
    lane.value = l;
    lane._touched = true;
  };
  ctx.watch((state, force) => {
    const lanes = lanesOf(state);
    laneField.hidden = lanes.length === 0;
    setOptions(lane, [...lanes.map((l) => ({ value: l, label: t(`board.lane.${l}`) })), { value: '', label: t('board.lane.none') }], lanes[0] || '');
    if (force) {
      setOptions(colour, NOTE_COLOURS.map((c) => ({ value: c, label: t(`colour.${c}`) })), 'yellow');
      setText(add, t('board.addNote'));
      setAttr(input, 'placeholder', t('board.notePlaceholder'));
    }
    const ended = meetingEnded(state);
    const locked = ended || !ctx.canAct();
    for (const control of [input, colour, lane, add]) control.disabled = locked;
    const parts = [];
    if (state.board.writingPhase) parts.push(t('ui.privatePhaseHint'));
    if (state.board.anonymous) parts.push(t('ui.anonymousHint'));
    setText(privacy, parts.join(' '));
    privacy.hidden = parts.length === 0;
    form.classList.toggle('private', state.board.writingPhase);
  });
  return form;
}
