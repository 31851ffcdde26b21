// Tests of js/i18n.js. Each entry: {name, fn}; fn throws on failure.

import {
  t, setLocale, locale, onLocaleChange, detectLocale, normalizeLocale, errorMessage, addStrings, hasKey,
  messageKeys, localize, LOCALES, errorDetail, errorField,
} from '../js/i18n/i18n.js';
// The server's ErrorCode enum, generated from it (ClientVocabulary): a new server code fails the first test
// below until both catalogues have a text for it.
import { ERROR_CODES } from '../js/model/vocabulary.js';
import EN from '../js/i18n/en.js';
import ZH from '../js/i18n/zh-CN.js';

function assertEqual(actual, expected, message = '') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Labels every view needs, including one per wire value of the protocol's enums. */
const REQUIRED_KEYS = [
  'conn.connecting', 'conn.online', 'conn.offline',
  'role.facilitator', 'role.participant', 'role.screen',
  'meetingKind.decision', 'meetingKind.discussion', 'meetingKind.information',
  'meetingStatus.scheduled', 'meetingStatus.live', 'meetingStatus.ended',
  'itemKind.inform', 'itemKind.discuss', 'itemKind.decide', 'itemKind.open_discussion',
  'itemStatus.pending', 'itemStatus.active', 'itemStatus.done', 'itemStatus.deferred',
  'timer.timeLeft', 'timer.overrunBy', 'timer.paused', 'timer.timeIsUp',
  'speaker.raiseHand', 'speaker.lowerHand', 'speaker.giveFloor', 'speaker.endTurn', 'speaker.speaking',
  'speaker.queueEmpty',
  'vote.agree', 'vote.oppose', 'vote.neutral', 'vote.votedCount', 'vote.outcome.passed', 'vote.outcome.failed',
  'vote.outcome.no_quorum', 'vote.openMotion', 'vote.closeMotion', 'vote.anonymous', 'vote.hiddenResults',
  'vote.quorum', 'vote.rules', 'vote.rule.simple_majority', 'vote.rule.majority_of_present', 'vote.rule.at_least_n',
  'decision.decidedBy.motion', 'decision.decidedBy.facilitator',
  'board.addNote', 'board.privatePhase', 'board.reveal', 'board.anonymous', 'board.dotVotes',
  'board.template.free', 'board.template.five_w_one_h', 'board.template.problem_cause_solution_risk',
  'board.lane.what', 'board.lane.who', 'board.lane.when', 'board.lane.where', 'board.lane.why', 'board.lane.how',
  'board.lane.problem', 'board.lane.cause', 'board.lane.solution', 'board.lane.risk',
  'board.cluster', 'board.ungroup',
  'colour.yellow', 'colour.pink', 'colour.green', 'colour.blue', 'colour.orange', 'colour.purple',
  'minutes.title', 'minutes.decisions', 'minutes.actionItems', 'action.task', 'action.owner',
  'action.deliveryStandard', 'action.deadline', 'action.status', 'action.status.open', 'action.status.in_progress',
  'action.status.done', 'action.status.blocked', 'minutes.parkingLot', 'minutes.finalize', 'minutes.final',
  'export.downloadMarkdown', 'export.openHtml',
  'agenda.title', 'agenda.addItem', 'agenda.itemTitle', 'agenda.owner', 'agenda.timebox', 'agenda.expectedOutput',
  'agenda.start', 'agenda.pause', 'agenda.resume', 'agenda.extend', 'agenda.complete', 'agenda.defer',
  'agenda.reset', 'agenda.handOff',
  'start.heading', 'start.title', 'start.goal', 'start.kind', 'start.plannedMinutes', 'start.yourName',
  'start.department', 'start.submit', 'join.heading', 'join.code', 'join.yourName', 'join.as', 'join.submit',
];

/** Strings that are rightly the same in both languages. */
const SAME_IN_BOTH = new Set(['app.name', 'locale.en', 'locale.zh-CN', 'board.template.five_w_one_h']);

const placeholders = (value) => {
  const texts = typeof value === 'object' ? Object.values(value) : [value];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1])))].sort();
};

/** Runs fn with the locale set to loc, then restores both the locale and the stored choice. */
async function withLocale(loc, fn) {
  const previous = locale();
  let stored = null;
  try {
    stored = globalThis.localStorage ? globalThis.localStorage.getItem('roundtable.locale') : null;
  } catch {
    stored = null;
  }
  try {
    setLocale(loc);
    await fn();
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
    name: 'every server error code has its own friendly message in English and in Chinese',
    fn: () => {
      for (const loc of LOCALES) {
        for (const code of ERROR_CODES) {
          assert(hasKey(`error.${code}`, loc), `${loc} has no message for ${code}`);
          const message = t(`error.${code}`, undefined, { locale: loc });
          assert(message && !message.includes(code), `${loc} message for ${code} is "${message}"`);
        }
      }
      const english = new Set(ERROR_CODES.map((code) => t(`error.${code}`, undefined, { locale: 'en' })));
      assert(english.size === ERROR_CODES.length, 'English error messages are all different');
    },
  },
  {
    name: 'no catalogue has an empty value, nor a plural value without its "other" form',
    fn: () => {
      for (const [loc, catalog] of [['en', EN], ['zh-CN', ZH]]) {
        for (const [key, value] of Object.entries(catalog)) {
          const texts = typeof value === 'object' && value !== null ? Object.values(value) : [value];
          assert(texts.length > 0 && texts.every((text) => typeof text === 'string' && text.trim() !== ''),
            `${loc} ${key} is empty`);
          if (typeof value === 'object') assert(typeof value.other === 'string', `${loc} ${key} has no "other" form`);
        }
      }
    },
  },
  {
    name: 'the server\'s error codes are the generated ones, more than twenty of them',
    fn: () => {
      assert(ERROR_CODES.length > 20 && ERROR_CODES.includes('INVALID_FIELD') && ERROR_CODES.includes('STALE_VERSION'),
        `ERROR_CODES: ${ERROR_CODES}`);
    },
  },
  {
    name: 'errorMessage prefers the reason, then the named field, then the code, and never includes the server\'s words',
    fn: () => withLocale('zh-CN', () => {
      const vague = { code: 'INVALID_FIELD', message: 'goal is too vague: say what ...', reason: 'GOAL_VAGUE' };
      assertEqual(errorMessage(vague), t('error.reason.GOAL_VAGUE'));
      assert(/[\u4e00-\u9fff]/.test(errorMessage(vague)) && !/vague/.test(errorMessage(vague)), errorMessage(vague));
      const long = { code: 'TOO_LARGE', message: 'title is longer than 200 characters' };
      assertEqual(errorMessage(long), '标题过长。');
      assertEqual(errorMessage(long, { fieldLabel: '会议标题' }), '会议标题过长。');
      assertEqual(errorMessage({ code: 'INVALID_FIELD', message: 'unknown field foo' }), t('error.INVALID_FIELD'),
        'a field without a label: the code\'s text');
      assertEqual(errorMessage({ code: 'INVALID_FIELD', message: 'x', reason: 'SOMETHING_NEW' }), t('error.INVALID_FIELD'),
        'an unknown reason: the code\'s text');
      assertEqual(errorMessage({ code: 'MEETING_ENDED', message: 'the meeting has ended' }), '会议已结束。');
      setLocale('en');
      assertEqual(errorMessage(long), 'Title is too long.');
      assertEqual(errorMessage(vague), t('error.reason.GOAL_VAGUE'));
    }),
  },
  {
    name: 'errorField reads the field from the error, a goal reason, or the field name a refusal starts with',
    fn: () => {
      assertEqual(errorField({ code: 'INVALID_FIELD', field: 'department', message: 'whatever' }), 'department');
      assertEqual(errorField({ code: 'INVALID_FIELD', reason: 'GOAL_TOO_SHORT', message: 'goal must ...' }), 'goal');
      assertEqual(errorField({ code: 'INVALID_FIELD', message: 'plannedMinutes must be between 1 and 1440' }), 'plannedMinutes');
      assertEqual(errorField({ code: 'TOO_LARGE', message: 'title is longer than 200 characters' }), 'title');
      assertEqual(errorField({ code: 'INVALID_FIELD', message: 'kind has the wrong type or value' }), 'kind');
      assertEqual(errorField({ code: 'INVALID_FIELD', message: 'unknown field language' }), 'language');
      assertEqual(errorField({ code: 'TOO_LARGE', message: 'the request is too large' }), null);
      assertEqual(errorField({ code: 'INVALID_STATE', message: 'another item is active; complete or defer it first' }), null);
      assertEqual(errorField('INVALID_FIELD'), null);
    },
  },
  {
    name: 'errorDetail gives the server\'s English message in the English UI only',
    fn: () => withLocale('en', () => {
      const error = { code: 'INVALID_STATE', message: 'the countdown is already paused' };
      assertEqual(errorDetail(error), 'the countdown is already paused');
      assertEqual(errorDetail({ code: 'INVALID_STATE' }), '');
      setLocale('zh-CN');
      assertEqual(errorDetail(error), '');
    }),
  },
  {
    name: 'English and Chinese have exactly the same keys with the same placeholders',
    fn: () => {
      const en = messageKeys('en').filter((k) => !k.startsWith('test.')).sort();
      const zh = messageKeys('zh-CN').filter((k) => !k.startsWith('test.')).sort();
      assertEqual(en.filter((k) => !zh.includes(k)), [], 'keys missing in Chinese');
      assertEqual(zh.filter((k) => !en.includes(k)), [], 'keys missing in English');
      for (const key of en) {
        // Without parameters a string keeps its placeholders (a plural one shows its "other" form); with n = 1 the
        // "one" form is chosen and {n} filled in, so the remaining placeholders must match as well.
        for (const params of [undefined, { n: 1 }]) {
          assertEqual(placeholders(t(key, params, { locale: 'zh-CN' })), placeholders(t(key, params, { locale: 'en' })),
            `placeholders of ${key}${params ? ' with n = 1' : ''}`);
        }
      }
    },
  },
  {
    name: 'every label a view needs exists in both languages, and the Chinese one is translated',
    fn: () => {
      for (const key of REQUIRED_KEYS) {
        for (const loc of LOCALES) assert(hasKey(key, loc), `${loc} lacks ${key}`);
      }
      const untranslated = messageKeys('en').filter((key) => !key.startsWith('test.') && !SAME_IN_BOTH.has(key)
        && t(key, { n: 2 }, { locale: 'en' }) === t(key, { n: 2 }, { locale: 'zh-CN' }));
      assertEqual(untranslated, [], 'Chinese strings identical to English');
    },
  },
  {
    name: 't replaces {name} placeholders and leaves unknown ones as they are',
    fn: () => withLocale('en', () => {
      assertEqual(t('timer.timeLeft', { time: '04:59' }), '04:59 left');
      assertEqual(t('vote.tally', { agree: 3, oppose: 1, neutral: 0 }), '3 agree · 1 oppose · 0 neutral');
      assertEqual(t('timer.overrunBy'), 'Overrun by {time}');
      assertEqual(t('timer.overrunBy', { other: 1 }), 'Overrun by {time}');
      assertEqual(t('agenda.extendBy', { n: 0 }), 'Extend by 0 min', 'zero is a value');
    }),
  },
  {
    name: 't picks the plural form by {n} with the locale\'s plural rules',
    fn: () => {
      assertEqual(t('vote.votedCount', { n: 1 }, { locale: 'en' }), '1 has voted');
      assertEqual(t('vote.votedCount', { n: 4 }, { locale: 'en' }), '4 have voted');
      assertEqual(t('vote.votedCount', { n: 0 }, { locale: 'en' }), '0 have voted');
      assertEqual(t('vote.votedCount', { n: 1 }, { locale: 'zh-CN' }), '已有 1 人投票');
      assertEqual(t('board.dotsLeft', { n: 1 }, { locale: 'en' }), 'You have 1 dot left');
      assertEqual(t('vote.votedCount', undefined, { locale: 'en' }), '{n} have voted', 'without n: the other form');
    },
  },
  {
    name: 't falls back to English for a key Chinese lacks, and to the key itself for an unknown key',
    fn: () => withLocale('zh-CN', () => {
      addStrings('en', { 'test.onlyEnglish': 'Only in English, {n}' });
      assertEqual(t('test.onlyEnglish', { n: 2 }), 'Only in English, 2');
      assertEqual(t('no.such.key'), 'no.such.key');
      assertEqual(t('no.such.key', { n: 1 }), 'no.such.key');
      assertEqual(t('speaker.raiseHand'), '举手');
    }),
  },
  {
    name: 'setLocale switches the language, remembers the choice and tells listeners once per change',
    fn: () => withLocale('en', () => {
      const seen = [];
      const stop = onLocaleChange((loc) => seen.push(loc));
      try {
        assertEqual(setLocale('zh'), 'zh-CN');
        assertEqual(locale(), 'zh-CN');
        assertEqual(t('conn.online'), '在线');
        setLocale('zh-CN');
        assertEqual(seen, ['zh-CN'], 'no event without a change');
        if (globalThis.localStorage) assertEqual(globalThis.localStorage.getItem('roundtable.locale'), 'zh-CN');
        if (globalThis.document) assertEqual(globalThis.document.documentElement.lang, 'zh-CN');
        setLocale('en-GB');
        assertEqual([locale(), t('conn.online')], ['en', 'Online']);
        assertEqual(seen, ['zh-CN', 'en']);
      } finally {
        stop();
      }
      setLocale('zh-CN');
      assertEqual(seen, ['zh-CN', 'en'], 'no event after unsubscribing');
      let refused = false;
      try {
        setLocale('fr');
      } catch (error) {
        refused = error instanceof RangeError;
      }
      assert(refused, 'an unsupported locale is refused');
      assertEqual(locale(), 'zh-CN', 'and changes nothing');
    }),
  },
  {
    name: 'the first locale is the stored choice, else the first Chinese or English browser language, else English',
    fn: () => {
      assertEqual(detectLocale({ stored: 'zh-CN', languages: ['en-US'] }), 'zh-CN');
      assertEqual(detectLocale({ stored: 'en', languages: ['zh-CN'] }), 'en');
      assertEqual(detectLocale({ stored: 'klingon', languages: ['zh-TW', 'en'] }), 'zh-CN');
      assertEqual(detectLocale({ languages: ['zh-Hans-CN'] }), 'zh-CN');
      assertEqual(detectLocale({ languages: ['fr-FR', 'zh', 'en'] }), 'zh-CN');
      assertEqual(detectLocale({ languages: ['en-GB', 'zh-CN'] }), 'en');
      assertEqual(detectLocale({ languages: ['fr-FR', 'de'] }), 'en');
      assertEqual(detectLocale({ languages: [] }), 'en');
      assertEqual(detectLocale(), 'en');
      assert(LOCALES.includes(locale()), `the module starts with a supported locale, not ${locale()}`);
    },
  },
  {
    name: 'normalizeLocale maps every Chinese tag to zh-CN and every English tag to en',
    fn: () => {
      assertEqual(['zh', 'ZH-cn', 'zh_TW', 'zh-Hant-HK', 'en', 'en-US', 'EN_gb', 'enx', 'fr', '', null, 7].map(normalizeLocale),
        ['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'en', 'en', 'en', null, null, null, null, null]);
    },
  },
  {
    name: 'errorMessage turns an error code or error object into a message in the current language',
    fn: () => withLocale('zh-CN', () => {
      assertEqual(errorMessage('MINUTES_FINALIZED'), '会议纪要已定稿，无法再修改。');
      assertEqual(errorMessage({ code: 'ROOM_NOT_FOUND', message: 'no room with code X' }), t('error.ROOM_NOT_FOUND'));
      assertEqual(errorMessage('SOMETHING_NEW'), t('error.UNKNOWN'));
      assertEqual(errorMessage(undefined), t('error.UNKNOWN'));
      setLocale('en');
      assertEqual(errorMessage('RATE_LIMITED'), 'Too many actions at once. Wait a moment and try again.');
    }),
  },
  {
    name: 'localize fills elements marked with data-i18n and their translated attributes',
    fn: () => withLocale('zh-CN', () => {
      if (!globalThis.document) return; // only meaningful in a browser
      const root = document.createElement('div');
      root.innerHTML = '<h2 data-i18n="agenda.title">Agenda</h2>'
        + '<input data-i18n-placeholder="board.notePlaceholder" data-i18n-aria-label="board.addNote">'
        + '<button data-i18n-title="speaker.raiseHand" data-i18n="speaker.raiseHand"></button>';
      localize(root);
      assertEqual(root.querySelector('h2').textContent, '议程');
      assertEqual(root.querySelector('input').getAttribute('placeholder'), '写下一个想法…');
      assertEqual(root.querySelector('input').getAttribute('aria-label'), '添加便签');
      assertEqual([root.querySelector('button').textContent, root.querySelector('button').title], ['举手', '举手']);
    }),
  },
];
