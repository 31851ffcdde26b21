// Tests of js/app/api.js's request building. Each entry: {name, fn}; fn throws on failure.

import { createMeetingBody } from '../js/app/api.js';

function assertEqual(actual, expected, message = '') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
}

const FORM = {
  title: ' 第三季度发布会 ', goal: '确定第三季度的发布日期', kind: 'decision', facilitatorName: '张伟', plannedMinutes: 45,
  department: '', language: 'zh-CN',
};

export default [
  {
    name: 'the create request carries the meeting\'s language, trimmed texts and no empty department',
    fn: () => {
      assertEqual(createMeetingBody(FORM), {
        title: '第三季度发布会', goal: '确定第三季度的发布日期', kind: 'decision', facilitatorName: '张伟', plannedMinutes: 45,
        language: 'zh-CN',
      });
      assertEqual(createMeetingBody({ ...FORM, department: ' 运营部 ', language: 'en' }).department, '运营部');
      assertEqual(createMeetingBody({ ...FORM, department: ' 运营部 ', language: 'en' }).language, 'en');
    },
  },
  {
    name: 'a form without a language leaves it to the server (English)',
    fn: () => {
      assertEqual('language' in createMeetingBody({ ...FORM, language: '' }), false);
    },
  },
];
