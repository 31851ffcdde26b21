// The participant view, an app held in one hand: five tabs at the bottom (Now · Board · Vote · Minutes ·
// Actions), each a panel that fills the screen and scrolls inside itself, so the page never does. The view
// opens on what the meeting is doing and follows it (meeting-focus.js); a motion waiting for my vote badges
// the Vote tab, the floor given to me badges Now. A note typed and not sent is kept across reloads, and a
// note sent while offline shows, marked, where it will appear until the room has it. After the end, the
// Minutes tab opens with the rating card.

import { t } from '../i18n/i18n.js';
import { createAgendaList } from '../components/agenda.js';
import { createCountdown, createSpeaker } from '../components/countdown.js';
import { card, h, setText } from '../components/dom.js';
import { keepDraft } from '../components/draft.js';
import { followMeeting } from '../components/meeting-focus.js';
import { createMinutesEditor } from '../components/minutes-editor.js';
import { createVotePanel, latestOpenMotion } from '../components/motions.js';
import { createPendingNotes } from '../components/pending-notes.js';
import { createRatingCard } from '../components/rating-card.js';
import { createActionItems, createDecisions, createParkingLot } from '../components/records.js';
import { createTabs } from '../components/tab-bar.js';
import { createNoteForm, createNoteList } from '../components/wall.js';
import { ownRoomRating, rateRoom } from '../app/api.js';
import * as commands from '../model/commands.js';
import { currentItem, meetingEnded } from '../model/selectors.js';

const TABS = [
  { id: 'now', labelKey: 'phone.tab.now' },
  { id: 'board', labelKey: 'phone.tab.board' },
  { id: 'vote', labelKey: 'phone.tab.vote' },
  { id: 'minutes', labelKey: 'phone.tab.minutes' },
  { id: 'actions', labelKey: 'phone.tab.actions' },
];

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

/**
 * The notes: the private-phase banner, the add form (its text kept across reloads), the list, and after it
 * the notes not yet in the room, where they will appear.
 */
function createNotes(ctx) {
  const banner = h('p', { class: 'banner private-banner', attrs: { role: 'status' } });
  const form = createNoteForm(ctx);
  keepDraft(ctx, form.querySelector('[data-testid=note-input]'), `roundtable.noteDraft.${ctx.roomId}.${ctx.me}`);
  const pending = createPendingNotes(ctx);
  const el = h('div', { class: 'phone-notes' }, banner, form, createNoteList(ctx), pending.el);
  pending.onChange((count) => el.classList.toggle('has-pending', count > 0));
  ctx.watch((state) => {
    banner.hidden = !state.board.writingPhase;
    setText(banner, `${t('ui.labelled', { label: t('board.privatePhase') })} ${t('ui.onlyYouUntilRevealed')}`);
  });
  return el;
}

/** Badges for what waits for me: a motion I have not voted on (Vote), the floor given to me (Now). */
function watchBadges(ctx, tabs) {
  ctx.watch((state) => {
    const motion = latestOpenMotion(state);
    const unvoted = motion && ctx.canAct() && !meetingEnded(state) && !(motion.votes || {})[ctx.me];
    tabs.setBadge('vote', unvoted ? 'phone.badge.vote' : null);
    const speaking = Boolean(state.floor && state.floor.speakerId === ctx.me);
    tabs.setBadge('now', speaking ? 'phone.badge.floor' : null);
  });
}

/**
 * After the end, the card asking for a rating (first in the Minutes tab, where the phone goes at the end);
 * hidden while the meeting runs. Screens never rate.
 */
function createRating(ctx) {
  const rating = createRatingCard({
    submit: (score, suggestion) => rateRoom(ctx.roomId, ctx.token, score, suggestion),
    loadOwn: () => ownRoomRating(ctx.roomId, ctx.token).then((r) => r.score),
  });
  rating.el.hidden = true;
  ctx.watch((state) => {
    const ended = meetingEnded(state);
    rating.el.hidden = !ended;
    if (ended) rating.load();
    rating.render();
  });
  return rating.el;
}

export function mountParticipant(main, ctx) {
  let follow = null;
  const tabs = createTabs(ctx, TABS, {
    labelKey: 'phone.tabs',
    onSelect: (id, byUser) => {
      if (byUser && follow) follow.chosen(id);
    },
  });
  tabs.panel('now').append(
    card('agenda.currentItem', { class: 'now-card' }, createNow(ctx), createHand(ctx)),
    card('agenda.title', { class: 'agenda-card' }, createAgendaList(ctx)));
  tabs.panel('board').append(card('board.title', { class: 'notes-card' }, createNotes(ctx)));
  tabs.panel('vote').append(
    card('vote.motion', { class: 'vote-card' }, createVotePanel(ctx)),
    card('minutes.decisions', {}, createDecisions(ctx)));
  tabs.panel('minutes').append(createRating(ctx),
    card('minutes.title', { class: 'minutes-card' }, createMinutesEditor(ctx)));
  tabs.panel('actions').append(
    card('minutes.actionItems', { class: 'actions-card' }, createActionItems(ctx)),
    card('minutes.parkingLot', {}, createParkingLot(ctx)));
  main.classList.add('phone-app');
  main.append(h('div', { class: 'tab-panels' }, ...TABS.map((tab) => tabs.panel(tab.id))), tabs.bar);
  follow = followMeeting(ctx, tabs);
  watchBadges(ctx, tabs);
}
