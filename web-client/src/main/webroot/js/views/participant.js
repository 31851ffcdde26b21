// The participant view (phone first, also laptop): what is on now, raise / lower hand, vote, notes, the
// co-edited minutes, decisions, action items and the parking lot, and the agenda.

import { t } from '../i18n/i18n.js';
import { createAgendaList } from '../components/agenda.js';
import { createCountdown, createSpeaker } from '../components/countdown.js';
import { card, h, setText } from '../components/dom.js';
import { createMinutesEditor } from '../components/minutes-editor.js';
import { createVotePanel } from '../components/motions.js';
import { createActionItems, createDecisions, createParkingLot } from '../components/records.js';
import { createNoteForm, createNoteList } from '../components/wall.js';
import * as commands from '../model/commands.js';
import { currentItem, meetingEnded } from '../model/selectors.js';

/** Raise / lower hand, the queue position, and "end my turn" while speaking. */
function createHand(ctx) {
  const raise = h('button', { type: 'button', class: 'primary big-button', testid: 'raise-hand', on: { click: () => ctx.send(commands.raiseHand()) } });
  const lower = h('button', { type: 'button', class: 'secondary big-button', testid: 'lower-hand', on: { click: () => ctx.send(commands.lowerHand()) } });
  const endTurn = h('button', { type: 'button', class: 'secondary', testid: 'end-turn', on: { click: () => ctx.send(commands.endFloor()) } });
  const status = h('p', { class: 'hand-status', attrs: { 'aria-live': 'polite' } });
  const el = h('div', { class: 'hand' }, h('div', { class: 'button-row' }, raise, lower, endTurn), status);
  ctx.watch((state) => {
    const inQueue = state.queue.indexOf(ctx.me);
    const speaking = state.floor && state.floor.speakerId === ctx.me;
    const ended = meetingEnded(state);
    const locked = ended || !ctx.canAct();
    setText(raise, t('speaker.raiseHand'));
    setText(lower, t('speaker.lowerHand'));
    setText(endTurn, t('speaker.endTurn'));
    raise.disabled = locked || inQueue >= 0 || speaking;
    lower.disabled = locked || inQueue < 0;
    endTurn.hidden = !speaking;
    el.dataset.hand = speaking ? 'speaking' : inQueue >= 0 ? 'raised' : 'down';
    let text = '';
    if (speaking) text = t('ui.youHaveTheFloor');
    else if (inQueue >= 0) text = t('speaker.position', { n: inQueue + 1 });
    else if (ended) text = t('error.MEETING_ENDED');
    setText(status, text);
  });
  return el;
}

/** What is on now: the current item, its countdown and the speaker. */
function createNow(ctx) {
  const title = h('p', { class: 'now-title', testid: 'current-item-title' });
  const output = h('p', { class: 'now-output' });
  const el = h('div', { class: 'now' }, title, output,
    h('div', { class: 'now-timers' }, createCountdown(ctx, { size: 'small' }), createSpeaker(ctx)));
  ctx.watch((state) => {
    const item = currentItem(state);
    setText(title, item ? item.title : meetingEnded(state) ? t('ui.meetingOver') : t('ui.noCurrentItem'));
    setText(output, item && item.expectedOutput ? `${t('ui.labelled', { label: t('agenda.expectedOutput') })} ${item.expectedOutput}` : '');
    output.hidden = !(item && item.expectedOutput);
  });
  return el;
}

/** The notes card: the private-phase banner, the add form and the list. */
function createNotes(ctx) {
  const banner = h('p', { class: 'banner private-banner', attrs: { role: 'status' } });
  const el = h('div', {}, banner, createNoteForm(ctx), createNoteList(ctx));
  ctx.watch((state) => {
    banner.hidden = !state.board.writingPhase;
    setText(banner, `${t('ui.labelled', { label: t('board.privatePhase') })} ${t('ui.onlyYouUntilRevealed')}`);
  });
  return el;
}

export function mountParticipant(main, ctx) {
  const minutesBox = createMinutesEditor(ctx);
  const grid = h('div', { class: 'participant-grid' },
    h('div', { class: 'column' },
      card('agenda.currentItem', { class: 'now-card' }, createNow(ctx), createHand(ctx)),
      card('vote.motion', { class: 'vote-card' }, createVotePanel(ctx)),
      card('agenda.title', { class: 'agenda-card' }, createAgendaList(ctx))),
    h('div', { class: 'column' },
      card('board.title', { class: 'notes-card' }, createNotes(ctx)),
      card('minutes.decisions', {}, createDecisions(ctx)),
      card('minutes.parkingLot', {}, createParkingLot(ctx))),
    h('div', { class: 'column wide-column' },
      card('minutes.title', { class: 'minutes-card' }, minutesBox),
      card('minutes.actionItems', {}, createActionItems(ctx))));
  main.append(grid);
}
