// The i18n engine of the Roundtable web client: looks keys up in one catalogue per language (en.js, zh-CN.js
// next to this file; a new language is one more catalogue here and in LOCALES).
//
//   t('timer.timeLeft', {time: '04:59'})   → "04:59 left" / "剩余 04:59"
//   t('vote.votedCount', {n: 1})           → "1 has voted" (plural forms chosen with Intl.PluralRules)
//   errorMessage('STALE_VERSION')          → a friendly message for a protocol error code (or error object)
//   errorDetail(error)                     → the server's English message, in the English UI only
//
// Keys are flat dotted names. Enum values of the protocol (lower-case wire form) are used as the last part of
// the key where there is one: role.facilitator, itemKind.open_discussion, action.status.in_progress, …
// A value is a string with {name} placeholders, or {one, other} (and other CLDR plural categories) chosen
// by params.n. Missing keys fall back to English, then to the key itself; a placeholder without a parameter
// is left as it is.
//
// The locale is the one the user chose (kept in localStorage under 'roundtable.locale'), else the first of
// navigator.languages that is Chinese (zh*, shown as zh-CN) or English, else English.

import EN from './en.js';
import ZH from './zh-CN.js';

export const LOCALES = Object.freeze(['en', 'zh-CN']);
export const DEFAULT_LOCALE = 'en';
const STORAGE_KEY = 'roundtable.locale';

const catalogs = { en: { ...EN }, 'zh-CN': { ...ZH } };
const listeners = new Set();
let current = DEFAULT_LOCALE;

/** 'zh', 'zh-Hans', 'zh-TW', 'ZH_cn' … → 'zh-CN'; 'en', 'en-GB' … → 'en'; anything else → null. */
export function normalizeLocale(tag) {
  if (typeof tag !== 'string') return null;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return null;
}

/**
 * The locale to start with: the stored choice if it is supported, else the first of `languages` that is
 * Chinese or English, else English. Pure, for tests; the module calls it with localStorage and navigator.
 */
export function detectLocale({ stored = null, languages = [] } = {}) {
  const chosen = normalizeLocale(stored);
  if (chosen) return chosen;
  for (const language of languages || []) {
    const supported = normalizeLocale(language);
    if (supported) return supported;
  }
  return DEFAULT_LOCALE;
}

function readStored() {
  try {
    return globalThis.localStorage ? globalThis.localStorage.getItem(STORAGE_KEY) : null;
  } catch {
    return null; // storage disabled
  }
}

function browserLanguages() {
  const nav = globalThis.navigator;
  if (!nav) return [];
  if (Array.isArray(nav.languages) && nav.languages.length) return nav.languages;
  return nav.language ? [nav.language] : [];
}

function markDocument() {
  const root = globalThis.document && globalThis.document.documentElement;
  if (root) root.lang = current;
}

current = detectLocale({ stored: readStored(), languages: browserLanguages() });
markDocument();

/** The current locale: 'en' or 'zh-CN'. */
export function locale() {
  return current;
}

/**
 * Switches the UI language and remembers the choice in localStorage. Accepts any tag normalizeLocale
 * understands; throws a RangeError for an unsupported one. Listeners are told only on an actual change.
 * Returns the locale now in effect.
 */
export function setLocale(tag) {
  const next = normalizeLocale(tag);
  if (!next) throw new RangeError(`unsupported locale ${String(tag)}; use one of ${LOCALES.join(', ')}`);
  try {
    if (globalThis.localStorage) globalThis.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  if (next !== current) {
    current = next;
    markDocument();
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
  return current;
}

/** listener(locale) after every change of locale; returns a function that unsubscribes. */
export function onLocaleChange(listener) {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function lookup(loc, key) {
  const catalog = catalogs[loc];
  return catalog && Object.prototype.hasOwnProperty.call(catalog, key) ? catalog[key] : undefined;
}

const pluralRules = new Map();
function pluralCategory(loc, n) {
  if (!pluralRules.has(loc)) pluralRules.set(loc, new Intl.PluralRules(loc));
  return pluralRules.get(loc).select(n);
}

/**
 * The string for key in the current locale (or in `options.locale`), with {name} placeholders replaced by
 * params[name]. Missing in the locale → English → the key itself.
 */
export function t(key, params, options) {
  const loc = (options && normalizeLocale(options.locale)) || current;
  let value = lookup(loc, key);
  let valueLocale = loc;
  if (value === undefined && loc !== DEFAULT_LOCALE) {
    value = lookup(DEFAULT_LOCALE, key);
    valueLocale = DEFAULT_LOCALE;
  }
  if (value === undefined) return String(key);
  if (typeof value === 'object' && value !== null) {
    const n = params && typeof params.n === 'number' ? params.n : NaN;
    const category = Number.isFinite(n) ? pluralCategory(valueLocale, n) : 'other';
    value = value[category] ?? value.other ?? Object.values(value)[0];
  }
  return interpolate(String(value), params);
}

function interpolate(text, params) {
  if (!params) return text;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (match, name) =>
    Object.prototype.hasOwnProperty.call(params, name) && params[name] !== undefined && params[name] !== null
      ? String(params[name]) : match);
}

/** Whether key has a string of its own in loc (default: the current locale), without fallback. */
export function hasKey(key, loc = current) {
  return lookup(normalizeLocale(loc) || loc, key) !== undefined;
}

/** All keys of one locale's catalogue (default English). */
export function messageKeys(loc = DEFAULT_LOCALE) {
  return Object.keys(catalogs[normalizeLocale(loc) || loc] || {});
}

/** Adds or overrides strings of one locale (e.g. for a view's own strings). */
export function addStrings(loc, strings) {
  const target = normalizeLocale(loc);
  if (!target) throw new RangeError(`unsupported locale ${String(loc)}`);
  Object.assign(catalogs[target], strings);
}

/**
 * A friendly message for a protocol error (docs/PROTOCOL.md §10, §10.1) in the current locale: an error
 * object {code, message, reason?, field?} or just a code. Looked up by `reason` first (e.g. GOAL_VAGUE:
 * key error.reason.GOAL_VAGUE), then, when the error names a field (see errorField) and a label for it is
 * known, by code and field (error.field.TOO_LARGE with {field}: "标题过长。"), then by code; an unknown code
 * gets a generic message. The server's `message` is English for developers and is never part of this text.
 * @param {string|object} codeOrError
 * @param {{fieldLabel?: string}} [options] the label of the named field as the page shows it (else field.<name>)
 */
export function errorMessage(codeOrError, { fieldLabel = null } = {}) {
  const error = codeOrError && typeof codeOrError === 'object' ? codeOrError : { code: codeOrError };
  const known = (key) => lookup(current, key) !== undefined || lookup(DEFAULT_LOCALE, key) !== undefined;
  if (typeof error.reason === 'string' && known(`error.reason.${error.reason}`)) return t(`error.reason.${error.reason}`);
  const field = errorField(error);
  const label = fieldLabel || (field && known(`field.${field}`) ? t(`field.${field}`) : null);
  if (label && known(`error.field.${error.code}`)) return t(`error.field.${error.code}`, { field: label });
  return known(`error.${error.code}`) ? t(`error.${error.code}`) : t('error.UNKNOWN');
}

/**
 * The wire name of the field an error is about, or null: its `field` when the server sends one, `goal` for a
 * GOAL_* reason, else the field name a refusal's message starts with ("title is longer than 200
 * characters", "plannedMinutes must be between 1 and 1440": PROTOCOL.md's refusals name the field first).
 * Only identifiers are taken from the message, never its words.
 */
export function errorField(error) {
  if (!error || typeof error !== 'object') return null;
  if (typeof error.field === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(error.field)) return error.field;
  if (typeof error.reason === 'string' && error.reason.startsWith('GOAL_')) return 'goal';
  const m = typeof error.message === 'string' ? /^([a-z][A-Za-z0-9]*) (?:is|must|has|contains)\b/.exec(error.message) : null;
  if (m) return m[1];
  const unknown = typeof error.message === 'string' ? /^unknown field ([A-Za-z][A-Za-z0-9]*)$/.exec(error.message) : null;
  return unknown ? unknown[1] : null;
}

/**
 * The server's own words about an error, for the English UI only (shown as a detail in brackets); '' in
 * every other locale, whose users must never see English text, and when there is no message.
 */
export function errorDetail(error) {
  if (current !== DEFAULT_LOCALE || !error || typeof error !== 'object') return '';
  return typeof error.message === 'string' ? error.message : '';
}

/**
 * Fills in the static text of a page: every element under root with data-i18n="key" gets t(key) as its text,
 * and data-i18n-placeholder / -title / -aria-label set those attributes. Call again after setLocale.
 */
export function localize(root = globalThis.document) {
  if (!root || typeof root.querySelectorAll !== 'function') return;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const [data, attribute] of [['i18nPlaceholder', 'placeholder'], ['i18nTitle', 'title'], ['i18nAriaLabel', 'aria-label']]) {
    const selector = `[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const el of root.querySelectorAll(selector)) el.setAttribute(attribute, t(el.dataset[data]));
  }
}
