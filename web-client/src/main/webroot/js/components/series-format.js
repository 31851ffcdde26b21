// Times of a series in the series' own time zone (PROTOCOL.md §14: occurrence times are ISO instants, the
// series names its IANA zone), written in the UI language: "12月10日 周四 10:00" / "Thu, Dec 10, 10:00".

import { locale, t } from '../i18n/i18n.js';

const cache = new Map();

function formatter(loc, zone, kind) {
  const key = `${loc}|${zone}|${kind}`;
  if (!cache.has(key)) {
    const options = kind === 'date'
      ? { month: 'short', day: 'numeric', weekday: 'short', timeZone: zone }
      : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone };
    try {
      cache.set(key, new Intl.DateTimeFormat(loc, options));
    } catch {
      cache.set(key, new Intl.DateTimeFormat(loc, { ...options, timeZone: undefined }));
    }
  }
  return cache.get(key);
}

/** "12月10日周四 10:00–11:00" of an occurrence's ISO start and end in `zone`. */
export function occurrenceTime(startIso, endIso, zone, loc = locale()) {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (!Number.isFinite(start.getTime())) return '';
  const date = formatter(loc, zone, 'date').format(start);
  const from = formatter(loc, zone, 'time').format(start);
  const to = Number.isFinite(end.getTime()) ? formatter(loc, zone, 'time').format(end) : '';
  return t('series.when', { date, from, to });
}

/** Day and time of an ISO instant in `zone`. */
export function instantTime(iso, zone, loc = locale()) {
  const at = new Date(iso);
  if (!Number.isFinite(at.getTime())) return '';
  return `${formatter(loc, zone, 'date').format(at)} ${formatter(loc, zone, 'time').format(at)}`;
}

/** A file's size for people: "512 B", "12 KB", "3.4 MB" (units of 1024, as the server's limit). */
export function fileSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
