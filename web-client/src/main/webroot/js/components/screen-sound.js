// The shared screen's sound switch in the bar: mute / unmute the time-up beep, and the hint that a click
// is needed before the browser lets the page play sound.

import { t } from '../i18n/i18n.js';
import { canPlay, isMuted, setMuted, unlock, unlockOnFirstGesture } from './beep.js';
import { h, setAttr, setText } from './dom.js';

/** Appends the switch and the hint to `slot` and keeps them up to date. */
export function mountScreenSound(ctx, slot) {
  unlockOnFirstGesture();
  const mute = h('button', {
    type: 'button', class: 'secondary small-button mute-toggle', testid: 'mute-toggle',
    on: {
      click: () => {
        setMuted(!isMuted());
        unlock();
        render();
      },
    },
  });
  const hint = h('span', { class: 'sound-hint' });
  slot.append(mute, hint);
  function render() {
    const muted = isMuted();
    setAttr(mute, 'aria-pressed', String(muted));
    setText(mute, muted ? t('ui.muted') : t('ui.soundOn'));
    setAttr(mute, 'title', muted ? t('ui.unmute') : t('ui.mute'));
    mute.dataset.muted = String(muted);
    hint.hidden = muted || canPlay();
    setText(hint, t('ui.clickForSound'));
  }
  ctx.watch((state, force) => {
    if (force) render();
  });
  ctx.every(render, 2000);
  render();
}
