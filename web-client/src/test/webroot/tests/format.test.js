// Tests of js/components/format.js: times, dates, durations and numbers in both UI languages, and the
// countdown text. Each entry: {name, fn}; fn throws on failure. Dates are built in the local time zone, so the
// expectations hold wherever the browser runs.

import {
  formatAddedMinutes, formatCountdown, formatDate, formatDateTime, formatDuration, formatMinutes, formatNumber,
  formatTime,
} from '../js/components/format.js';
import { fileSize } from '../js/components/series-format.js';
import { locale, setLocale } from '../js/i18n/i18n.js';

function assertEqual(actual, expected, message = '') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
}

/** Thursday 15 October 2026, 14:27 local time. */
const AFTERNOON = new Date(2026, 9, 15, 14, 27, 40).getTime();
/** The same day, five past midnight. */
const MIDNIGHT = new Date(2026, 9, 15, 0, 5).getTime();

/** Runs fn in the UI locale loc, then restores the locale and the stored choice. */
function inLocale(loc, fn) {
  const previous = locale();
  let stored = null;
  try {
    stored = globalThis.localStorage ? globalThis.localStorage.getItem('roundtable.locale') : null;
  } catch {
    stored = null;
  }
  try {
    setLocale(loc);
    fn();
  } finally {
    setLocale(previous);
    try {
      if (globalThis.localStorage) {
        if (stored === null) globalThis.localStorage.removeItem('roundtable.locale');
        else globalThis.localStorage.setItem('roundtable.locale', stored);
      }
    } catch {
      // storage unavailable
    }
  }
}

export default [
  {
    name: 'a file size reads as bytes, whole KB rounded up, or MB with one decimal, as the server counts (1024)',
    fn: () => {
      assertEqual([0, 37, 1023, 1024, 1025, 65536, 65537, 1048576, 10 * 1048576, 1572864].map(fileSize),
        ['0 B', '37 B', '1023 B', '1 KB', '2 KB', '64 KB', '65 KB', '1 MB', '10 MB', '1.5 MB']);
    },
  },
  {
    name: 'a time is 24-hour in Chinese and 12-hour in English, following the UI language, not the browser\'s',
    fn: () => {
      inLocale('zh-CN', () => {
        assertEqual(formatTime(AFTERNOON), '14:27');
        assertEqual(formatTime(MIDNIGHT), '00:05', 'midnight is 00, not 24');
      });
      inLocale('en', () => {
        assertEqual(formatTime(AFTERNOON), '02:27 PM');
        assertEqual(formatTime(MIDNIGHT), '12:05 AM');
      });
      assertEqual(formatTime(AFTERNOON, 'zh-CN'), '14:27', 'an explicit locale wins');
    },
  },
  {
    name: 'a date reads "10月15日 周四" in Chinese and "Thu, Oct 15" in English',
    fn: () => {
      inLocale('zh-CN', () => {
        assertEqual(formatDate(AFTERNOON), '10月15日 周四');
        assertEqual(formatDateTime(AFTERNOON), '10月15日 周四 14:27');
      });
      inLocale('en', () => {
        assertEqual(formatDate(AFTERNOON), 'Thu, Oct 15');
        assertEqual(formatDateTime(AFTERNOON), 'Thu, Oct 15, 02:27 PM');
      });
    },
  },
  {
    name: 'an unreadable time gives an empty text rather than "Invalid Date"',
    fn: () => {
      for (const loc of ['en', 'zh-CN']) {
        assertEqual([formatTime(NaN, loc), formatDate(undefined, loc), formatDateTime('x', loc)], ['', '', '']);
      }
    },
  },
  {
    name: 'added minutes and lengths in minutes are written in the UI language',
    fn: () => {
      inLocale('zh-CN', () => {
        assertEqual([formatAddedMinutes(1), formatAddedMinutes(5)], ['+1 分钟', '+5 分钟']);
        assertEqual([formatMinutes(1), formatMinutes(10)], ['1 分钟', '10 分钟']);
      });
      inLocale('en', () => {
        assertEqual([formatAddedMinutes(1), formatAddedMinutes(5)], ['+1 min', '+5 min']);
        assertEqual([formatMinutes(1), formatMinutes(10)], ['1 minute', '10 minutes']);
      });
    },
  },
  {
    name: 'numbers are grouped as the UI language groups them; what is not a number gives an empty text',
    fn: () => {
      assertEqual(formatNumber(12345.5, 'zh-CN'), '12,345.5');
      assertEqual(formatNumber(1440, 'en'), '1,440');
      assertEqual([formatNumber(NaN, 'en'), formatNumber('7', 'en')], ['', '']);
      inLocale('zh-CN', () => assertEqual(formatNumber(2000), '2,000'));
    },
  },
  {
    name: 'countdowns and durations are the same in every language: mm:ss, +mm:ss once overrun, m:ss',
    fn: () => {
      for (const loc of ['en', 'zh-CN']) {
        inLocale(loc, () => {
          assertEqual(formatCountdown(600000), '10:00');
          assertEqual(formatCountdown(299001), '05:00', 'rounded up to the second');
          assertEqual(formatCountdown(-90500), '+01:30');
          assertEqual(formatDuration(61000), '1:01');
          assertEqual(formatDuration(-5), '0:00');
        });
      }
    },
  },
];
