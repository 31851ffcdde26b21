// The shared screen (projector / TV, read-only), built from the screen-* components: what is on now, the
// topic and speaker countdowns, the motion, the note wall during an open discussion, the join code with
// its QR code, and the summary once the meeting ended. The page always fits the viewport: screen.css lays
// the cards out in fixed grid regions per mode (data-mode plain | wall | ended) and the view marks what is
// shown (data-floor, data-vote), so no state can push the join code off the screen.

import { t } from '../i18n/i18n.js';
import { h, setText } from '../components/dom.js';
import { createScreenItem } from '../components/screen-item.js';
import { createScreenJoin } from '../components/screen-join.js';
import { mountScreenSound } from '../components/screen-sound.js';
import { createScreenSummary } from '../components/screen-summary.js';
import { createScreenSpeaker, createScreenTopicTimer } from '../components/screen-timers.js';
import { createScreenVote } from '../components/screen-vote.js';
import { createWall } from '../components/wall.js';
import { currentItem, meetingEnded } from '../model/selectors.js';

/** The note wall in a region of its own: the wall lays itself out in it (wall.js, screen mode); the region never grows. */
function createScreenWall(ctx) {
  const heading = h('h2', { class: 'card-heading' });
  const wall = createWall(ctx, { mode: 'screen' });
  const region = h('div', { class: 'wall-region' }, wall.el);
  const el = h('section', { class: 'screen-card screen-wall' }, heading, region);
  ctx.watch((state) => {
    setText(heading, `${t('board.title')}${state.board.writingPhase ? ` · ${t('board.privatePhase')}` : ''}`);
  });
  return el;
}

/**
 * @param {HTMLElement} main
 * @param {object} ctx
 * @param {{extras: HTMLElement}} chrome
 */
export function mountScreen(main, ctx, chrome) {
  mountScreenSound(ctx, chrome.extras);
  const grid = h('div', { class: 'screen-grid' });
  const vote = createScreenVote(ctx, (shown) => { grid.dataset.vote = String(shown); });
  const wall = createScreenWall(ctx);
  const summary = createScreenSummary(ctx);
  const timers = [createScreenTopicTimer(ctx), createScreenSpeaker(ctx)];
  const item = createScreenItem(ctx);
  grid.append(
    h('div', { class: 'screen-main-column' }, item, vote, wall, summary),
    h('div', { class: 'screen-side-column' }, ...timers, createScreenJoin(ctx)));
  main.append(grid);

  ctx.watch((state) => {
    const current = currentItem(state);
    const ended = meetingEnded(state);
    const mode = ended ? 'ended' : current && current.kind === 'open_discussion' ? 'wall' : 'plain';
    grid.dataset.mode = mode;
    grid.dataset.floor = state.floor ? 'taken' : 'free';
    wall.hidden = mode !== 'wall';
    summary.hidden = mode !== 'ended';
    item.hidden = ended;
    for (const timer of timers) timer.hidden = ended;
  });
}
