// Time and countdown arithmetic for the views (docs/PROTOCOL.md §7.4, §9.8), and how times, dates,
// durations and numbers are written in the UI language. Pure functions, no DOM.
//
// Clock times, dates and numbers follow the chosen UI locale (i18n's locale(), not the browser's): zh-CN
// writes 24-hour times ("14:27") and dates like "10月15日 周四"; English writes "2:27 PM" and "Thu, Oct 15".
// Countdowns ("04:59", "+01:30") are the same in every language.

import { itemById } from '../model/selectors.js';
import { locale as uiLocale, t } from '../i18n/i18n.js';

const pad = (n) => String(n).padStart(2, '0');

/**
 * A countdown as the room shows it: "mm:ss" while time is left (whole seconds rounded up, so a fresh
 * 10-minute box shows 10:00), "+mm:ss" once overrun. Minutes are not wrapped into hours.
 * @param {number} remainingMs
 * @returns {string}
 */
export function formatCountdown(remainingMs) {
  if (remainingMs >= 0) {
    const s = Math.ceil(remainingMs / 1000);
    return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
  }
  const s = Math.floor(-remainingMs / 1000);
  return `+${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}

/** A duration as m:ss (rounded up to the second), e.g. for speaking time and actual item time. */
export function formatDuration(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/**
 * The topic countdown of a room state at server time `now`.
 * @returns {{state: 'idle'|'running'|'paused'|'overrun', remainingMs: number, durationMs: number,
 *   item: object|null, warn: boolean, text: string, running: boolean}}
 *   state: 'overrun' while running past the deadline; a paused countdown stays 'paused' (its text still
 *   shows the overrun). warn: in the last 20 % of the time-box or the last minute.
 */
export function topicCountdown(state, now) {
  const c = state && state.countdown;
  if (!c) return { state: 'idle', remainingMs: 0, durationMs: 0, item: null, warn: false, text: '00:00', running: false };
  const item = itemById(state, c.itemId);
  const remainingMs = Math.round(c.running ? c.deadline - now : c.remainingMs);
  // The time-box plus every extension: what has run of this item plus what is left (never below the time-box).
  const durationMs = item ? Math.max(item.timeboxSeconds * 1000, itemActualMs(state, item, now) + remainingMs) : Math.max(remainingMs, 1);
  let status;
  if (!c.running) status = 'paused';
  else if (remainingMs < 0) status = 'overrun';
  else status = 'running';
  const warn = remainingMs >= 0 && (remainingMs <= durationMs * 0.2 || remainingMs <= 60000);
  return { state: status, remainingMs, durationMs, item, warn, text: formatCountdown(remainingMs), running: c.running };
}

/**
 * The current speaker's countdown at server time `now`, or null when nobody has the floor.
 * @returns {{speakerId: string, remainingMs: number, spokenMs: number, overrun: boolean, text: string}|null}
 */
export function speakerCountdown(state, now) {
  const f = state && state.floor;
  if (!f) return null;
  const remainingMs = Math.round(f.deadline - now);
  return {
    speakerId: f.speakerId, remainingMs, spokenMs: Math.max(0, now - f.since), overrun: remainingMs < 0,
    text: formatCountdown(remainingMs),
  };
}

/** The item's time so far (pauses excluded), counting the run under way. */
export function itemActualMs(state, item, now) {
  let ms = item.actualMs || 0;
  const c = state.countdown;
  if (c && c.itemId === item.id && c.running && c.runningSince) ms += Math.max(0, now - c.runningSince);
  return ms;
}

const formats = new Map();
/** One cached Intl.DateTimeFormat / NumberFormat per (kind, locale). */
function formatter(kind, loc) {
  const key = `${kind}|${loc}`;
  if (!formats.has(key)) {
    const h23 = loc.startsWith('zh');
    const options = {
      time: { hour: '2-digit', minute: '2-digit', ...(h23 ? { hourCycle: 'h23' } : {}) },
      monthDay: { month: loc.startsWith('zh') ? 'long' : 'short', day: 'numeric' },
      weekday: { weekday: 'short' },
    };
    formats.set(key, kind === 'number' ? new Intl.NumberFormat(loc) : new Intl.DateTimeFormat(loc, options[kind]));
  }
  return formats.get(key);
}

function validDate(epochMs) {
  const date = new Date(epochMs);
  return Number.isFinite(date.getTime()) ? date : null;
}

/**
 * A clock time of a server epoch ms in the UI language (or `loc`), in the browser's time zone:
 * "14:27" in zh-CN (24-hour), "02:27 PM" in English. An unreadable time gives "".
 */
export function formatTime(epochMs, loc = uiLocale()) {
  const date = validDate(epochMs);
  return date ? formatter('time', loc).format(date) : '';
}

/** A day of a server epoch ms: "10月15日 周四" in zh-CN, "Thu, Oct 15" in English. An unreadable one gives "". */
export function formatDate(epochMs, loc = uiLocale()) {
  const date = validDate(epochMs);
  if (!date) return '';
  const monthDay = formatter('monthDay', loc).format(date);
  const weekday = formatter('weekday', loc).format(date);
  return t('format.date', { date: monthDay, weekday }, { locale: loc });
}

/** Day and time: "10月15日 周四 14:27" / "Thu, Oct 15, 02:27 PM". */
export function formatDateTime(epochMs, loc = uiLocale()) {
  const date = validDate(epochMs);
  if (!date) return '';
  return t('format.dateTime', { date: formatDate(epochMs, loc), time: formatTime(epochMs, loc) }, { locale: loc });
}

/** A whole or decimal number with the locale's grouping: "1,440" / "1,440"; not a number gives "". */
export function formatNumber(n, loc = uiLocale()) {
  return typeof n === 'number' && Number.isFinite(n) ? formatter('number', loc).format(n) : '';
}

/** Minutes added to a time-box, for a button: "+1 min" / "+1 分钟". */
export function formatAddedMinutes(minutes, loc = uiLocale()) {
  return t('format.addMinutes', { n: minutes }, { locale: loc });
}

/** A length in minutes: "1 minute", "10 minutes" / "10 分钟". */
export function formatMinutes(minutes, loc = uiLocale()) {
  return t('ui.minutes', { n: minutes }, { locale: loc });
}

/** The 1-based line number of a position in a text. */
export function lineOf(text, position) {
  let line = 1;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
