// The series' review figures (PROTOCOL.md §14.10) on the coordinator's page: a period (default the last 90
// days), then three charts, each followed by a table of its numbers (readable without the chart, and what the
// tests read): speaking time by department (pie, with each department's share of the attendees in the table),
// action items by status (pie; completion rate = done on time / due) and the average rating per meeting (line,
// with the time planned and taken). Apache ECharts comes from its WebJar under /webjars/ (same origin, so the
// page's Content-Security-Policy allows it), loaded the first time the card has figures, in its built-in
// Chinese locale when the page is in zh-CN. The card's chart elements are kept across renders, so a re-render
// of the page only sets new options on the same charts. Department and owner names go in as textContent.

import { locale, t } from '../i18n/i18n.js';
import { h, markUserText } from './dom.js';

const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
const STATUSES = ['doneOnTime', 'doneLate', 'openOverdue', 'openNotDue'];
const userText = (tag, props, text) => markUserText(h(tag, props, text));

let loading = null;
function echarts() {
  if (!loading) loading = import(ECHARTS);
  return loading;
}

/** The card's memory across renders: its element, figures, period and charts. */
export function reviewState() {
  return { host: null, figures: null, pending: false, error: false, period: {}, charts: new Map(),
    rerender: () => {} };
}

function load(ctx, state) {
  state.pending = true;
  ctx.client.review({ ...state.period }).then((f) => { state.figures = f; state.error = false; })
    .catch((e) => { state.error = e?.message || true; })
    .finally(() => { state.pending = false; state.rerender(); });
}

const percent = (v) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
const dept = (d) => d ?? t('metrics.noDepartment');

/** The coordinator's review figures. */
export function metricsCard(ctx, state) {
  if (!state.figures && !state.pending && !state.error) load(ctx, state);
  if (!state.host) state.host = h('section', { class: 'card metrics-card at-metrics', testid: 'metrics' });
  state.rerender = () => {
    state.host.replaceChildren(...fill(ctx, state).flat(Infinity).filter((x) => x !== null && x !== undefined));
    if (state.figures) draw(state);
  };
  state.rerender();
  return state.host;
}

function chartHost(state, name) {
  if (!state.charts.has(name)) {
    state.charts.set(name, { el: h('div', { class: 'chart', testid: `chart-${name}`, attrs: { 'aria-hidden': 'true' } }),
      chart: null });
  }
  return state.charts.get(name).el;
}

function fill(ctx, state) {
  const f = state.figures;
  const dateField = (key) => h('div', { class: 'field' }, h('label', { htmlFor: `metrics-${key}` }, t(`metrics.${key}`)),
    h('input', { id: `metrics-${key}`, type: 'date', testid: `metrics-${key}`, value: state.period[key] || f?.[key] || '',
      on: { change: (e) => { state.period[key] = e.target.value; } } }));
  const a = f?.actions;
  return [h('h2', {}, t('metrics.heading')),
    h('div', { class: 'form-grid metrics-period' }, dateField('from'), dateField('to'),
      h('button', { type: 'button', class: 'secondary', testid: 'metrics-apply', on: { click: () => load(ctx, state) } },
        t('metrics.apply'))),
    f ? h('p', { class: 'small', testid: 'metrics-period' }, t('metrics.period', { from: f.from, to: f.to, zone: f.timeZone })) : null,
    state.error ? h('p', { class: 'small warn', testid: 'metrics-error' },
      typeof state.error === 'string' ? state.error : t('metrics.loadFailed')) : null,
    f ? [
      h('h3', {}, t('metrics.speaking')),
      chartHost(state, 'speaking'),
      f.speaking.length === 0 ? h('p', { class: 'small' }, t('metrics.noMeetings')) : table('speaking',
        [t('metrics.department'), t('metrics.speakingMinutes'), t('metrics.speakingShare'), t('metrics.attendees'),
          t('metrics.attendeeShare')],
        f.speaking.map((s) => [userText('td', {}, dept(s.department)), String(Math.round(s.speakingSeconds / 6) / 10),
          percent(s.speakingShare), String(s.attendees), percent(s.attendeeShare)])),
      h('h3', {}, t('metrics.actions')),
      chartHost(state, 'actions'),
      table('actions', [t('metrics.status'), t('metrics.count')],
        [...STATUSES.map((s) => [t(`metrics.status.${s}`), String(a[s])]),
          [t('metrics.completionRate'), percent(a.rate)]]),
      f.actionsByDepartment.length ? table('actions-by-department',
        [t('metrics.department'), ...STATUSES.map((s) => t(`metrics.status.${s}`)), t('metrics.completionRate')],
        f.actionsByDepartment.map((d) => [userText('td', {}, dept(d.department)), ...STATUSES.map((s) => String(d[s])),
          percent(d.rate)])) : null,
      h('h3', {}, t('metrics.ratings')),
      chartHost(state, 'ratings'),
      table('ratings', [t('metrics.date'), t('metrics.ratingsCount'), t('metrics.average'), t('metrics.planned'),
        t('metrics.actual'), t('metrics.overran')],
      [...f.meetings.map((m) => [m.date, String(m.ratings), m.average === null ? '—' : m.average.toFixed(1),
        String(m.plannedMinutes), String(m.actualMinutes), `${m.overran} / ${m.timeboxed}`]),
      [t('metrics.overall'), String(f.ratings.count), f.ratings.average === null ? '—' : f.ratings.average.toFixed(1),
        String(f.time.plannedMinutes), String(f.time.actualMinutes),
        `${f.time.overran} / ${f.time.timeboxed} (${percent(f.time.overrunRate)})`]]),
    ] : null];
}

function table(name, heads, rows) {
  return h('table', { class: 'metrics-table', testid: `table-${name}` },
    h('thead', {}, h('tr', {}, heads.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => (c instanceof Node ? c : h('td', {}, c)))))));
}

async function draw(state) {
  const lib = await echarts();
  const f = state.figures;
  const a = f.actions;
  const options = {
    speaking: { tooltip: { trigger: 'item' }, legend: { bottom: 0 },
      series: [{ type: 'pie', radius: '60%', data: f.speaking.map((s) => ({ name: dept(s.department), value: s.speakingSeconds })) }] },
    actions: { tooltip: { trigger: 'item' }, legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '60%'],
        data: STATUSES.map((s) => ({ name: t(`metrics.status.${s}`), value: a[s] })).filter((d) => d.value > 0) }] },
    ratings: { tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: f.meetings.map((m) => m.date) },
      yAxis: { type: 'value', min: 0, max: 5 },
      series: [{ type: 'line', name: t('metrics.average'), data: f.meetings.map((m) => m.average) }] },
  };
  for (const [name, c] of state.charts) {
    if (!c.el.isConnected) continue;
    const lang = locale() === 'zh-CN' ? 'ZH' : 'EN';
    if (c.chart && c.lang !== lang) c.chart.dispose();
    if (!c.chart || c.chart.isDisposed()) {
      c.chart = lib.init(c.el, null, { renderer: 'canvas', locale: lang });
      c.lang = lang;
      // The chart follows its element's width (a phone turned, a window resized).
      if (!c.watch && typeof ResizeObserver === 'function') {
        c.watch = new ResizeObserver(() => { if (c.chart && !c.chart.isDisposed()) c.chart.resize(); });
        c.watch.observe(c.el);
      }
    }
    c.chart.setOption(options[name], true);
  }
}
