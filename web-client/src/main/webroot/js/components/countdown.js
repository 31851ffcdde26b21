// Live countdowns: the topic countdown (big on the screen, smaller in the console) and the current speaker
// with their own countdown. Both are recomputed from server time on every tick.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText } from './dom.js';
import { speakerCountdown, topicCountdown } from './format.js';

/**
 * The topic countdown. Element data-testid="countdown" with text mm:ss / +mm:ss and attributes
 * data-remaining-ms and data-state (idle | running | paused | overrun).
 * @param {object} ctx
 * @param {{onTimeUp?: (itemId: string) => void, size?: string}} [options] onTimeUp: called once when a
 *   running countdown crosses zero while this page watches it
 * @returns {HTMLElement}
 */
export function createCountdown(ctx, { onTimeUp = null, size = 'big' } = {}) {
  const digits = h('div', { class: 'countdown-digits', testid: 'countdown', data: { state: 'idle', remainingMs: '0' } }, '00:00');
  const label = h('div', { class: 'countdown-label' });
  const bar = h('div', { class: 'countdown-bar' });
  const barTrack = h('div', { class: 'countdown-track', attrs: { 'aria-hidden': 'true' } }, bar);
  const el = h('div', { class: `countdown countdown-${size}`, attrs: { role: 'timer', 'aria-live': 'off' } }, digits, barTrack, label);
  let last = null; // {itemId, remainingMs, running}

  ctx.tick((now) => {
    const c = topicCountdown(ctx.state, now);
    setText(digits, c.text);
    setAttr(digits, 'data-remaining-ms', String(c.remainingMs));
    setAttr(digits, 'data-state', c.state);
    el.dataset.state = c.state;
    el.classList.toggle('warn', c.warn && c.state !== 'idle');
    el.classList.toggle('over', c.remainingMs < 0 && c.state !== 'idle');
    const fraction = c.state === 'idle' ? 0 : Math.max(0, Math.min(1, c.remainingMs / Math.max(1, c.durationMs)));
    bar.style.setProperty('width', `${(fraction * 100).toFixed(2)}%`);
    let text;
    if (c.state === 'idle') text = t('timer.notStarted');
    else if (c.state === 'paused') text = t('timer.paused');
    else if (c.state === 'overrun') text = t('timer.timeIsUp');
    else text = t('ui.remainingOf', { total: formatMinutes(c.durationMs) });
    setText(label, text);
    const itemId = ctx.state.countdown ? ctx.state.countdown.itemId : null;
    if (onTimeUp && last && last.itemId === itemId && c.running && last.running && last.remainingMs > 0 && c.remainingMs <= 0) {
      onTimeUp(itemId);
    }
    last = { itemId, remainingMs: c.remainingMs, running: c.running };
  });
  return el;
}

function formatMinutes(ms) {
  const minutes = Math.round(ms / 60000);
  return t('ui.minutes', { n: minutes });
}

/**
 * The current speaker: name (data-testid speaker-name) and their countdown (speaker-countdown).
 * @param {{size?: string}} [options] size: a class speaker-<size> for the view's styles (the screen's is big)
 * @returns {HTMLElement}
 */
export function createSpeaker(ctx, { size = 'normal' } = {}) {
  const name = h('div', { class: 'speaker-name', testid: 'speaker-name' });
  const countdown = h('div', { class: 'speaker-countdown', testid: 'speaker-countdown', data: { remainingMs: '0' } });
  const el = h('div', { class: `speaker speaker-${size}` }, name, countdown);
  ctx.tick((now) => {
    const s = speakerCountdown(ctx.state, now);
    if (!s) {
      setText(name, t('speaker.nobodySpeaking'));
      setText(countdown, '');
      el.dataset.state = 'idle';
      setAttr(countdown, 'data-remaining-ms', '0');
      setAttr(countdown, 'data-state', 'idle');
      return;
    }
    setText(name, ctx.nameOf(s.speakerId));
    setText(countdown, s.text);
    setAttr(countdown, 'data-remaining-ms', String(s.remainingMs));
    setAttr(countdown, 'data-state', s.overrun ? 'overrun' : 'running');
    el.dataset.state = s.overrun ? 'overrun' : 'running';
    el.classList.toggle('warn', !s.overrun && s.remainingMs <= 30000);
  });
  return el;
}
