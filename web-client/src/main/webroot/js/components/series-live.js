// The meeting that can be entered now, on both series pages: whether it starts soon, is under way or just
// ended, and one button into its live room. The server opens the room at the first tap and knows from the
// page's link who is coming, so nobody types a name or a department (PROTOCOL.md §14.7).

import { t } from '../i18n/i18n.js';
import { h } from './dom.js';
import { occurrenceHead } from './series-occurrence.js';
import { instantTime } from './series-format.js';

/** The live meeting's card; `enter()` goes into its room. The coordinator enters as the facilitator. */
export function liveCard(occurrence, series, { coordinator, enter, now = Date.now() }) {
  const state = Date.parse(occurrence.end) < now ? 'ended' : Date.parse(occurrence.start) <= now ? 'running' : 'soon';
  return h('section', { class: `card live-card live-${state}`, testid: 'live-meeting' },
    h('p', { class: 'eyebrow live-state' }, t(`series.live.${state}`)),
    occurrenceHead(occurrence, series),
    h('button', { type: 'button', class: 'primary enter-room', testid: 'enter-room', on: { click: enter } },
      t(coordinator ? 'series.live.open' : 'series.live.join')),
    h('p', { class: 'small' }, t(coordinator ? 'series.live.openHint' : 'series.live.joinHint')));
}

/** When the next meeting's room opens, for an occurrence that cannot be entered yet. */
export function roomOpensNote(occurrence, series) {
  if (!occurrence.roomOpensAt) return null;
  const zone = series.schedule?.timeZone || 'Asia/Shanghai';
  return h('p', { class: 'small room-opens', testid: 'room-opens' },
    t('series.live.opensAt', { time: instantTime(occurrence.roomOpensAt, zone) }));
}

/**
 * Milliseconds until the page should look again because a room opens (the next occurrence's `roomOpensAt`),
 * or null when nothing opens within a day (a page left open longer reloads on its next action).
 */
export function msUntilRoomOpens(view, now = Date.now()) {
  if (view.live) return null;
  const next = (view.upcoming || [])[0];
  const at = next ? Date.parse(next.roomOpensAt) : NaN;
  if (!Number.isFinite(at)) return null;
  const wait = Math.max(0, at - now) + 1000;
  return wait <= 24 * 3600 * 1000 ? wait : null;
}
