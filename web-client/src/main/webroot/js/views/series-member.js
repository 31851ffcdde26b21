// A member's series page, opened from their personal link (PROTOCOL.md §14.3 member view): the series'
// title and goal, their next meetings (time in the series' zone, place, agenda, pre-reads), their answer
// with one-tap Accept / Decline (reason) / Send a substitute (someone of their department, or a new person),
// the input asked of them with a box to answer, the calendar feed, and their action items after the meetings
// (components/series-actions.js). Phone first: one column, ≥ 44 px
// targets. The page re-renders from the server's view after every answer; typed text is kept in `drafts`.
// After a meeting they were invited to, its rating card comes first (the same card as in the room: one rating
// per person, whichever way it is given).

import { t } from '../i18n/i18n.js';
import { h, markUserText } from '../components/dom.js';
import { agendaList, occurrenceHead, preReadDownloader, preReadList, subheading } from '../components/series-occurrence.js';
import { liveCard, roomOpensNote } from '../components/series-live.js';
import { actionsState, myActionsCard } from '../components/series-actions.js';
import { occurrenceTime } from '../components/series-format.js';
import { createRatingCard } from '../components/rating-card.js';

const userText = (tag, props, text) => markUserText(h(tag, props, text));

/**
 * Mounts the member's page into `root`.
 * @param {HTMLElement} root
 * @param {{client: object, view: object, act: (work: () => Promise<any>) => Promise<boolean>}} ctx
 *   `act` runs a call, shows its error by code, reloads the view and re-renders; resolves true when it worked.
 */
export function mountMemberPage(root, ctx) {
  const ui = { open: new Map(), drafts: new Map(), actions: actionsState(), ratings: new Map() };
  const draft = (key, value) => (value === undefined ? ui.drafts.get(key) || '' : ui.drafts.set(key, value));

  function render() {
    const view = ctx.view();
    const upcoming = view.upcoming || [];
    const live = view.live
      ? [liveCard(view.live, view.series, { coordinator: false, enter: () => ctx.enter(view.live.occurrenceId) })] : [];
    root.replaceChildren(...live, ...(view.toRate ? [ratingCard(view, view.toRate)] : []), seriesCard(view),
      myActionsCard(ctx, ui.actions),
      ...(upcoming.length ? upcoming.map((o, i) => occurrenceCard(view, o, i === 0))
        : [h('p', { class: 'notice' }, t('series.noUpcoming'))]));
  }

  /** The card for the last meeting held: kept across re-renders, so a chosen score and typed text stay. */
  function ratingCard(view, o) {
    let rating = ui.ratings.get(o.occurrenceId);
    if (!rating) {
      rating = createRatingCard({
        submit: (score, suggestion) => ctx.client.rate(o.occurrenceId, score, suggestion),
        loadOwn: () => ctx.client.ownRating(o.occurrenceId).then((r) => r.score),
        testid: 'series-rating',
      });
      rating.when = h('p', { class: 'eyebrow', testid: 'rating-when' });
      rating.el.insertBefore(rating.when, rating.el.firstChild);
      ui.ratings.set(o.occurrenceId, rating);
      rating.load();
    }
    rating.when.textContent = `${t('rating.lastMeeting')} · ${occurrenceTime(o.start, o.end, view.series.schedule?.timeZone)}`;
    rating.render();
    return rating.el;
  }

  function seriesCard(view) {
    const s = view.series;
    return h('section', { class: 'card series-card', testid: 'series-card' },
      userText('h2', { testid: 'series-title' }, s.title),
      h('p', { class: 'series-goal' }, h('span', { class: 'label' }, t('field.goal')), ' ',
        userText('span', { testid: 'series-goal' }, s.goal)),
      h('p', { class: 'small' }, t('series.you'), ' ', userText('strong', {}, view.me.name), ' · ',
        t(`series.part.${view.me.part}`), ' · ', userText('span', {}, view.me.department)),
      h('p', { class: 'small' }, t('series.coordinator'), ' ', userText('span', {}, s.coordinator?.name || '')),
      view.feedUrl ? h('p', { class: 'feed' },
        h('a', { class: 'button-link secondary', href: view.feedUrl, testid: 'feed-link',
          attrs: { rel: 'noopener' } }, t('series.subscribe')),
        h('span', { class: 'small' }, ' ', t('series.subscribeHint'))) : null);
  }

  /** The next meeting shows everything; a later one only what is prepared for it already. */
  function occurrenceCard(view, o, next) {
    const canAnswer = view.me.part !== 'informed';
    return h('section', { class: 'card occ-card', testid: 'occurrence', data: { occurrence: o.occurrenceId } },
      next ? h('p', { class: 'eyebrow' }, t('series.nextMeeting')) : null,
      occurrenceHead(o, view.series),
      next && canAnswer && !o.roomOpen ? roomOpensNote(o, view.series) : null,
      canAnswer ? rsvpBlock(view, o) : h('p', { class: 'small' }, t('series.informedOnly')),
      next || (o.agenda || []).length ? [subheading('series.agenda'), agendaList(o)] : null,
      next || (o.preReads || []).length ? [subheading('series.preReads'), preReadList(o, { download: preReadDownloader(ctx) })] : null,
      (o.inputs || []).length ? [subheading('series.inputsAsked'), ...o.inputs.map((r) => inputBlock(view, o, r))] : null);
  }

  function rsvpBlock(view, o) {
    const mine = o.myRsvp;
    const open = ui.open.get(o.occurrenceId) || null;
    const toggle = (what) => { ui.open.set(o.occurrenceId, open === what ? null : what); render(); };
    const status = !mine ? t('series.rsvp.none')
      : mine.substituteId ? t('series.rsvp.substituted')
        : t(`series.rsvp.${mine.response}`);
    return h('div', { class: 'rsvp' },
      h('p', { class: `rsvp-status rsvp-${mine ? mine.response : 'none'}`, testid: 'rsvp-status', role: 'status' },
        status, mine && mine.reason ? [' — ', userText('span', {}, mine.reason)] : null),
      h('div', { class: 'rsvp-buttons' },
        h('button', { type: 'button', class: mine?.response === 'accepted' ? 'primary pressed' : 'primary',
          testid: 'rsvp-accept', attrs: { 'aria-pressed': mine?.response === 'accepted' ? 'true' : 'false' },
          on: { click: () => ctx.act(() => ctx.client.rsvp(o.occurrenceId, 'accepted')) } }, t('series.accept')),
        h('button', { type: 'button', class: 'secondary', testid: 'rsvp-decline',
          attrs: { 'aria-expanded': open === 'decline' ? 'true' : 'false' }, on: { click: () => toggle('decline') } },
        t('series.decline')),
        h('button', { type: 'button', class: 'secondary', testid: 'rsvp-substitute',
          attrs: { 'aria-expanded': open === 'substitute' ? 'true' : 'false' }, on: { click: () => toggle('substitute') } },
        t('series.sendSubstitute'))),
      open === 'decline' ? declineForm(o) : null,
      open === 'substitute' ? substituteForm(view, o) : null);
  }

  function textBox(key, labelKey, { multiline = false, required = false, type = 'text', testid } = {}) {
    const id = `f-${key.replace(/[^a-z0-9]/gi, '-')}`;
    const input = h(multiline ? 'textarea' : 'input', {
      id, value: draft(key), testid, required, maxLength: multiline ? 2000 : 200,
      ...(multiline ? { rows: 3 } : { type }),
      on: { input: (e) => draft(key, e.target.value) },
    });
    return h('div', { class: 'field' }, h('label', { htmlFor: id }, t(labelKey)), input);
  }

  function declineForm(o) {
    const key = `decline:${o.occurrenceId}`;
    const submit = async (e) => {
      e.preventDefault();
      const reason = draft(key).trim();
      if (!reason) { ctx.fail(t('series.reasonRequired')); return; }
      if (await ctx.act(() => ctx.client.rsvp(o.occurrenceId, 'declined', reason))) { ui.open.set(o.occurrenceId, null); render(); }
    };
    return h('form', { class: 'inline-form', testid: 'decline-form', noValidate: true, on: { submit } },
      textBox(key, 'series.declineReason', { multiline: true, required: true, testid: 'decline-reason' }),
      h('button', { type: 'submit', class: 'primary', testid: 'decline-submit' }, t('series.declineConfirm')));
  }

  function substituteForm(view, o) {
    const key = `sub:${o.occurrenceId}`;
    const colleagues = (view.attendees || []).filter((a) => a.department === view.me.department
      && a.memberId !== view.me.memberId);
    const choice = draft(`${key}:who`) || (colleagues[0] ? colleagues[0].memberId : 'new');
    const pick = h('select', { id: `f-${o.occurrenceId}-who`, testid: 'substitute-who',
      on: { change: (e) => { draft(`${key}:who`, e.target.value); render(); } } },
    colleagues.map((c) => markUserText(h('option', { value: c.memberId, selected: c.memberId === choice }, c.name))),
    h('option', { value: 'new', selected: choice === 'new' }, t('series.substituteNew')));
    const submit = async (e) => {
      e.preventDefault();
      const reason = draft(`${key}:reason`).trim();
      let body;
      if (choice === 'new') {
        const name = draft(`${key}:name`).trim();
        const email = draft(`${key}:email`).trim();
        if (!name || !email) { ctx.fail(t('series.substituteNeedsNameEmail')); return; }
        body = { newPerson: { name, email } };
      } else {
        body = { substituteId: choice };
      }
      if (reason) body.reason = reason;
      if (await ctx.act(() => ctx.client.substitute(o.occurrenceId, body))) { ui.open.set(o.occurrenceId, null); render(); }
    };
    return h('form', { class: 'inline-form', testid: 'substitute-form', noValidate: true, on: { submit } },
      h('p', { class: 'small' }, t('series.substituteHint'), ' ', userText('strong', {}, view.me.department)),
      h('div', { class: 'field' }, h('label', { htmlFor: pick.id }, t('series.substituteWho')), pick),
      choice === 'new' ? [
        textBox(`${key}:name`, 'field.name', { testid: 'substitute-name' }),
        textBox(`${key}:email`, 'series.email', { type: 'email', testid: 'substitute-email' }),
      ] : null,
      textBox(`${key}:reason`, 'series.substituteReason', { multiline: true, testid: 'substitute-reason' }),
      h('button', { type: 'submit', class: 'primary', testid: 'substitute-submit' }, t('series.substituteConfirm')));
  }

  function inputBlock(view, o, request) {
    const key = `answer:${o.occurrenceId}:${request.id}`;
    const mine = (request.answers || []).find((a) => a.memberId === view.me.memberId);
    if (!ui.drafts.has(key) && mine) draft(key, mine.text);
    const submit = async (e) => {
      e.preventDefault();
      const text = draft(key).trim();
      if (!text) { ctx.fail(t('series.answerRequired')); return; }
      await ctx.act(() => ctx.client.answer(o.occurrenceId, request.id, text));
    };
    const id = `f-${o.occurrenceId}-${request.id}`;
    return h('form', { class: 'input-request', testid: 'input-request', noValidate: true, on: { submit } },
      markUserText(h('label', { htmlFor: id, class: 'question' }, request.question)),
      h('textarea', { id, rows: 3, maxLength: 2000, value: draft(key), testid: 'input-answer',
        on: { input: (e) => draft(key, e.target.value) } }),
      h('div', { class: 'input-actions' },
        mine ? h('span', { class: 'small', testid: 'answer-sent' }, t('series.answerSent')) : null,
        h('button', { type: 'submit', class: 'primary', testid: 'input-submit' },
          mine ? t('series.answerReplace') : t('series.answerSend'))));
  }

  return { render };
}
