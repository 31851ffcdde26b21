// The form that creates a series (POST /api/series), shown on series.html without a link. The reply's
// coordinator link is shown once, with a copy button and a way to open the coordinator's page: the
// server keeps no way to hand it out again (a rotation replaces it).

import { t } from '../i18n/i18n.js';
import { h } from '../components/dom.js';
import { createSeries, seriesPageUrl } from '../app/series-api.js';
import { linkBox } from './series-coordinator.js';

const RULES = { none: null, weekly: 'FREQ=WEEKLY', biweekly: 'FREQ=WEEKLY;INTERVAL=2', monthly: 'FREQ=MONTHLY' };
const TEMPLATES = ['none', 'project_coordination', 'problem_solving', 'strategy_rollout', 'process_rules'];

export function mountCreateSeries(root, ctx) {
  const values = new Map([['kind', 'decision'], ['language', 'zh-CN'], ['repeat', 'weekly'],
    ['timeZone', 'Asia/Shanghai'], ['durationMinutes', '60'], ['template', 'none']]);
  let created = null;

  const v = (name) => (values.get(name) || '').trim();
  const set = (name) => (e) => values.set(name, e.target.value);

  function input(name, labelKey, { type = 'text', max = 200, optional = false } = {}) {
    const id = `cs-${name}`;
    return h('div', { class: 'field' },
      h('label', { htmlFor: id }, t(labelKey), optional ? [' ', h('span', { class: 'optional' }, t('common.optional'))] : null),
      h('input', { id, type, maxLength: max, value: values.get(name) || '', testid: `create-series-${name}`,
        on: { input: set(name) } }));
  }

  function choice(name, labelKey, options, label) {
    const id = `cs-${name}`;
    return h('div', { class: 'field' }, h('label', { htmlFor: id }, t(labelKey)),
      h('select', { id, testid: `create-series-${name}`, on: { change: set(name) } },
        options.map((o) => h('option', { value: o, selected: o === values.get(name) }, label(o)))));
  }

  async function submit(e) {
    e.preventDefault();
    ctx.clear();
    const required = ['title', 'goal', 'department', 'coordinatorName', 'firstStart'];
    if (required.some((n) => !v(n))) { ctx.fail(t('series.create.missing')); return; }
    const body = {
      title: v('title'), goal: v('goal'), kind: v('kind'), department: v('department'), language: v('language'),
      coordinator: v('coordinatorEmail') ? { name: v('coordinatorName'), email: v('coordinatorEmail') } : { name: v('coordinatorName') },
      schedule: { firstStart: v('firstStart'), timeZone: v('timeZone') || 'Asia/Shanghai',
        durationMinutes: Number(v('durationMinutes')) || 60 },
      template: v('template'),
    };
    if (RULES[v('repeat')]) body.schedule.rrule = RULES[v('repeat')];
    if (v('place')) body.place = v('place');
    if (v('onlineLink')) body.onlineLink = v('onlineLink');
    try {
      const reply = await createSeries(body);
      created = { url: seriesPageUrl(reply.coordinatorToken), title: reply.series?.title || body.title };
      render();
    } catch (error) {
      ctx.showFailure(error);
    }
  }

  function render() {
    if (created) {
      root.replaceChildren(h('section', { class: 'card', testid: 'series-created' },
        h('h2', {}, t('series.create.done')),
        h('p', {}, t('series.create.keepLink')),
        linkBox('series.coordinatorLink', created.url, 'coordinator-link'),
        h('p', {}, h('a', { class: 'button-link primary', href: created.url, testid: 'open-coordinator' },
          t('series.create.open')))));
      return;
    }
    root.replaceChildren(h('section', { class: 'card', testid: 'create-series' },
      h('h2', {}, t('series.create.heading')),
      h('p', { class: 'small' }, t('series.create.hint')),
      h('form', { noValidate: true, on: { submit } },
        h('div', { class: 'form-grid' },
          input('title', 'field.title'), input('goal', 'field.goal', { max: 500 }),
          choice('kind', 'series.kind', ['decision', 'discussion', 'information'], (k) => t(`meetingKind.${k}`)),
          input('department', 'series.department', { max: 100 }),
          input('coordinatorName', 'series.create.yourName', { max: 100 }),
          input('coordinatorEmail', 'series.email', { type: 'email', optional: true }),
          input('firstStart', 'series.firstStart', { type: 'datetime-local' }),
          choice('repeat', 'series.recurrence', Object.keys(RULES), (r) => t(`series.repeat.${r}`)),
          input('timeZone', 'series.zoneLabel', { max: 64 }),
          input('durationMinutes', 'series.duration', { type: 'number', max: 4 }),
          input('place', 'series.place', { optional: true }),
          input('onlineLink', 'series.onlineLink', { type: 'url', max: 2000, optional: true }),
          choice('language', 'series.language', ['zh-CN', 'en'], (l) => t(`locale.${l}`)),
          choice('template', 'series.template', TEMPLATES, (x) => t(`series.templateName.${x}`))),
        h('button', { type: 'submit', class: 'primary', testid: 'create-series-submit' }, t('series.create.submit')))));
  }

  render();
  return { render };
}
