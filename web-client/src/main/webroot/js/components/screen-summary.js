// The shared screen once the meeting ended: what it decided, who does what by when, and where the time
// went (each item's actual time against its time-box, overruns marked). Long lists end in "+ n more"
// so the summary always fits the screen.

import { t } from '../i18n/i18n.js';
import { h, setText, syncList } from './dom.js';
import { formatDuration } from './format.js';
import { decisionText } from './motions.js';

const DECISIONS_SHOWN = 6;
const ACTIONS_SHOWN = 6;
const ITEMS_SHOWN = 8;

function section(testid, className) {
  const heading = h('h3', { class: 'summary-heading' });
  const list = h('ul', { class: `summary-list ${className}` });
  const empty = h('p', { class: 'empty' });
  const more = h('p', { class: 'screen-more' });
  const el = h('section', { class: 'summary-section', testid }, heading, list, empty, more);
  return { el, heading, list, empty, more };
}

/** Keeps `part` listing the first `limit` of `rows`, with the empty text and "+ n more". */
function fill(part, rows, limit, headingKey, emptyKey, render) {
  setText(part.heading, t(headingKey));
  const shown = rows.slice(0, limit);
  syncList(part.list, shown, (r) => r.id, () => h('li', {}, h('span', { class: 'summary-main' }), h('span', { class: 'summary-meta' })), render);
  part.empty.hidden = rows.length > 0;
  setText(part.empty, t(emptyKey));
  part.more.hidden = rows.length <= shown.length;
  setText(part.more, t('screen.more', { n: rows.length - shown.length }));
}

export function createScreenSummary(ctx) {
  const title = h('h2', { class: 'summary-title' });
  const decisions = section('summary-decisions', 'summary-decisions');
  const actions = section('summary-actions', 'summary-actions');
  const time = section('summary-time', 'summary-time');
  const total = h('p', { class: 'summary-total' });
  time.el.append(total);
  const el = h('section', { class: 'screen-card screen-summary', testid: 'meeting-summary' },
    title, h('div', { class: 'summary-columns' }, decisions.el, actions.el, time.el));

  ctx.watch((state) => {
    setText(title, `${t('screen.summary')}${state.meeting ? ` · ${state.meeting.title}` : ''}`);
    fill(decisions, state.decisions || [], DECISIONS_SHOWN, 'minutes.decisions', 'ui.noDecisions', (li, d) => {
      li.dataset.testid = 'summary-decision';
      setText(li.firstChild, decisionText(state, d));
      setText(li.lastChild, '');
      li.lastChild.hidden = true;
    });
    fill(actions, state.actionItems || [], ACTIONS_SHOWN, 'minutes.actionItems', 'ui.noActionItems', (li, a) => {
      li.dataset.testid = 'summary-action';
      setText(li.firstChild, a.task);
      setText(li.lastChild, `${a.owner} · ${t('screen.due', { date: a.deadline })}`);
      li.lastChild.hidden = false;
    });
    const items = state.agenda || [];
    fill(time, items, ITEMS_SHOWN, 'screen.time', 'ui.noCurrentItem', (li, i) => {
      li.dataset.testid = 'summary-item';
      const planned = i.timeboxSeconds * 1000;
      const actual = i.actualMs || 0;
      const over = actual - planned;
      li.classList.toggle('over', over > 0);
      setText(li.firstChild, i.title);
      let meta = actual > 0 || i.status === 'done'
        ? t('screen.itemTime', { actual: formatDuration(actual), planned: formatDuration(planned) })
        : t('screen.notReached');
      if (over > 0) meta += ` · ${t('screen.overBy', { time: formatDuration(over) })}`;
      setText(li.lastChild, meta);
      li.lastChild.hidden = false;
    });
    const planned = items.reduce((sum, i) => sum + i.timeboxSeconds * 1000, 0);
    const actual = items.reduce((sum, i) => sum + (i.actualMs || 0), 0);
    setText(total, t('screen.totalTime', { actual: formatDuration(actual), planned: formatDuration(planned) }));
    total.hidden = items.length === 0;
  });
  return el;
}
