// RSVP status at a glance for the coordinator (PROTOCOL.md §14.3): counts, then every invited member with
// their answer — accepted, declined with the reason, sent a substitute (named), or no answer — and the late
// declines and key absentees highlighted.

import { t } from '../i18n/i18n.js';
import { h, markUserText } from './dom.js';

const userText = (tag, props, text) => markUserText(h(tag, props, text));

/** The status of each invited member for one occurrence: [{member, state, rsvp, late, key}]. */
export function rsvpRows(members, occurrence) {
  const byId = new Map((occurrence.rsvps || []).map((r) => [r.memberId, r]));
  const late = new Set(occurrence.lateDeclines || []);
  const key = new Set(occurrence.keyAbsentees || []);
  return members.filter((m) => m.part !== 'informed').map((member) => {
    const rsvp = byId.get(member.memberId) || null;
    const state = !rsvp ? 'none' : rsvp.substituteId ? 'substitute' : rsvp.response;
    return { member, state, rsvp, late: late.has(member.memberId), key: key.has(member.memberId) };
  });
}

/** The glance: four counts and the list. */
export function rsvpGlance(members, occurrence) {
  const rows = rsvpRows(members, occurrence);
  const names = new Map(members.map((m) => [m.memberId, m.name]));
  const count = (state) => rows.filter((r) => r.state === state).length;
  const order = { declined: 0, substitute: 1, none: 2, accepted: 3 };
  rows.sort((a, b) => (b.key - a.key) || (b.late - a.late) || (order[a.state] - order[b.state]));
  return h('div', { class: 'rsvp-glance', testid: 'rsvp-glance' },
    h('ul', { class: 'rsvp-counts' }, ['accepted', 'declined', 'substitute', 'none'].map((s) =>
      h('li', { class: `count count-${s}`, testid: `rsvp-count-${s}` },
        h('strong', {}, String(count(s))), ' ', t(`series.glance.${s}`)))),
    h('ul', { class: 'series-list rsvp-rows' }, rows.map((r) => h('li', {
      class: `rsvp-row rsvp-${r.state}${r.late ? ' flag-late' : ''}${r.key ? ' flag-key' : ''}`,
      testid: 'rsvp-row', data: { member: r.member.memberId, state: r.state } },
    h('div', { class: 'rsvp-who' },
      userText('strong', {}, r.member.name), ' ',
      h('span', { class: 'small' }, t(`series.part.${r.member.part}`))),
    h('div', { class: 'rsvp-what' },
      h('span', { class: 'state-chip' }, t(`series.glance.one.${r.state}`)),
      r.state === 'substitute' ? [' ', userText('span', {}, names.get(r.rsvp.substituteId) || '')] : null,
      r.key ? h('span', { class: 'flag', testid: 'flag-key' }, t('series.flag.keyAbsentee')) : null,
      r.late ? h('span', { class: 'flag', testid: 'flag-late' }, t('series.flag.lateDecline')) : null),
    r.rsvp && r.rsvp.reason ? userText('p', { class: 'small rsvp-reason' }, r.rsvp.reason) : null))));
}
