// The motion on the shared screen: the open one (bars, or "5 of 8 have voted" while hidden), else a closed
// one's result with why it passed or failed, for a while after the close (motionForScreen decides, on
// server time so every screen agrees), then the card gives way.

import { t } from '../i18n/i18n.js';
import { h, setText } from './dom.js';
import { createMotionResult, motionForScreen } from './motions.js';

/** How often the card checks whether a closed result has had its time, when nothing else changes. */
const RECHECK_MS = 1000;

/** @param {(shown: boolean) => void} onShown told whenever the card appears or goes */
export function createScreenVote(ctx, onShown) {
  const heading = h('h2', { class: 'card-heading' });
  const result = createMotionResult({ testids: true });
  const el = h('section', { class: 'screen-card screen-vote' }, heading, result.el);
  let shown = null;

  function render() {
    const motion = motionForScreen(ctx.state, ctx.clock.now());
    setText(heading, t('vote.motion'));
    result.update(motion, ctx.state);
    el.hidden = !motion;
    if (shown !== Boolean(motion)) {
      shown = Boolean(motion);
      onShown(shown);
    }
  }
  ctx.watch(render);
  ctx.every(render, RECHECK_MS);
  return el;
}
