// The coordinator's series page, opened from the coordinator link (PROTOCOL.md §14.3 coordinator view):
// the series' details and recurrence, the warnings (more than 15 invited, agenda order), the members (add,
// change part or department, rotate a link, remove), and the upcoming occurrences, each with the RSVP
// status at a glance; the next one also with the agenda draft editor, pre-reads (a link, or a file uploaded up
// to the node's size limit, checked here first and by the server), input requests and the
// notice preview and send (a notice later than 24 h before asks to confirm); the chat groups and the
// notifications' states (components/series-channels.js); after the meetings, their ratings, anonymous
// suggestions and the improvement plan a meeting rated below 3 asks for, and the action tracker with filters
// and counts (components/series-actions.js), and the period's review figures with their charts
// (components/series-review.js). Wide screens get two columns.

import { t } from '../i18n/i18n.js';
import { h, markUserText } from '../components/dom.js';
import { agendaList, externalLink, occurrenceHead, preReadDownloader, preReadList, subheading } from '../components/series-occurrence.js';
import { rsvpGlance } from '../components/series-rsvp.js';
import { agendaDraftEditor } from '../components/series-agenda-draft.js';
import { fileSize, instantTime, occurrenceTime } from '../components/series-format.js';
import { chatGroupsCard } from '../components/series-channels.js';
import { liveCard } from '../components/series-live.js';
import { actionsState, trackerCard } from '../components/series-actions.js';
import { metricsCard, reviewState } from '../components/series-review.js';

const userText = (tag, props, text) => markUserText(h(tag, props, text));
const PARTS = ['decision_maker', 'executor', 'support', 'informed'];

/** A link shown once with a copy button (a new member's or a rotated link). */
export function linkBox(labelKey, url, testid) {
  const input = h('input', { type: 'text', readOnly: true, value: url, class: 'mono', testid,
    attrs: { 'aria-label': t(labelKey) } });
  const button = h('button', { type: 'button', class: 'secondary', on: { click: async () => {
    input.select();
    try { await navigator.clipboard.writeText(url); } catch { document.execCommand?.('copy'); }
    button.textContent = t('common.copied');
  } } }, t('common.copy'));
  return h('div', { class: 'link-box' }, h('p', { class: 'small' }, t(labelKey)), h('div', { class: 'link-row' }, input, button));
}

export function mountCoordinatorPage(root, ctx) {
  const ui = { shownLink: null, occurrences: null, editor: null, editorFor: null, preview: null, lateConfirm: null,
    file: null, uploading: false,
    drafts: new Map(), channels: { tests: new Map(), notifications: null, rerender: () => render() },
    actions: actionsState(), metrics: reviewState() };
  const draft = (key, value) => (value === undefined ? ui.drafts.get(key) || '' : ui.drafts.set(key, value));

  function render() {
    const view = ctx.view();
    const upcoming = view.upcoming || [];
    const next = upcoming[0] || null;
    // A plan due puts the results first in their column; otherwise they follow the meetings to come.
    const planDue = (view.reviews || []).some((r) => r.planDue);
    root.replaceChildren(h('div', { class: 'coord-grid' },
      h('div', { class: 'coord-col' }, detailsCard(view), warningsCard(view), membersCard(view),
        chatGroupsCard(view, ctx, ui.channels)),
      h('div', { class: 'coord-col' },
        view.live ? liveCard(view.live, view.series, { coordinator: true, enter: () => ctx.enter(view.live.occurrenceId) })
          : null,
        planDue ? reviewsCard(view) : null,
        next ? nextCard(view, next) : h('p', { class: 'notice' }, t('series.noUpcoming')),
        upcoming.length > 1 ? laterCard(view, upcoming.slice(1)) : null,
        planDue ? null : reviewsCard(view),
        trackerCard(ctx, ui.actions),
        metricsCard(ctx, ui.metrics))));
  }

  /** Per meeting held in its room: ratings, average, suggestions (texts only), and the improvement plan. */
  function reviewsCard(view) {
    const reviews = view.reviews || [];
    if (reviews.length === 0) return null;
    return h('section', { class: 'card reviews-card', testid: 'reviews' },
      h('h2', {}, t('series.reviews')),
      reviews.map((r) => reviewBlock(view, r)));
  }

  function reviewBlock(view, r) {
    const zone = view.series.schedule?.timeZone;
    const key = `plan:${r.occurrenceId}`;
    if (!ui.drafts.has(key) && r.improvementPlan) draft(key, r.improvementPlan.text);
    const id = `f-plan-${r.occurrenceId}`;
    const save = async (e) => {
      e.preventDefault();
      const text = draft(key).trim();
      if (!text) { ctx.fail(t('series.review.planRequired')); return; }
      await ctx.act(() => ctx.client.writePlan(r.occurrenceId, text));
    };
    const figures = r.ratings
      ? [h('strong', { class: 'review-average', testid: 'review-average' }, t('series.review.average', { avg: formatAverage(r.average) })),
        ' · ', h('span', { testid: 'review-count' }, t('series.review.count', { n: r.ratings }))]
      : [h('span', { testid: 'review-count' }, t('series.review.none'))];
    const showPlan = r.planDue || r.improvementPlan;
    return h('div', { class: `review${r.planDue ? ' plan-due' : ''}`, testid: 'review', data: { occurrence: r.occurrenceId } },
      h('h3', {}, occurrenceTime(r.start, r.end, zone)),
      h('p', { class: 'review-figures' }, ...figures),
      r.planDue ? h('p', { class: 'flag flag-warn', testid: 'plan-due', role: 'status' },
        h('strong', {}, t('series.review.planDue')), ' ', t('series.review.planDueHint')) : null,
      r.suggestions.length ? [subheading('series.review.suggestions'),
        h('ul', { class: 'series-list suggestions', testid: 'suggestions' },
          r.suggestions.map((text) => userText('li', {}, text)))]
        : (r.ratings ? h('p', { class: 'small' }, t('series.review.noSuggestions')) : null),
      showPlan ? h('form', { class: 'inline-form plan-form', testid: 'plan-form', noValidate: true, on: { submit: save } },
        h('div', { class: 'field' }, h('label', { htmlFor: id }, t('series.review.plan')),
          h('textarea', { id, rows: 3, maxLength: 2000, value: draft(key), testid: 'plan-text',
            on: { input: (e) => draft(key, e.target.value) } })),
        h('div', { class: 'input-actions' },
          r.improvementPlan ? h('span', { class: 'small', testid: 'plan-written' },
            t('series.review.planWritten', { time: instantTime(r.improvementPlan.writtenAt, zone) })) : null,
          h('button', { type: 'submit', class: 'primary', testid: 'plan-save' }, t('series.review.planSave')))) : null);
  }

  /** The average to one decimal ("2.5"; both languages write it so). */
  function formatAverage(avg) {
    return typeof avg === 'number' ? avg.toFixed(1) : '';
  }

  function detailsCard(view) {
    const s = view.series;
    const sched = s.schedule || {};
    const row = (key, value, user = true) => (value ? h('div', { class: 'dl-row' }, h('dt', {}, t(key)),
      user ? userText('dd', {}, value) : h('dd', {}, value)) : null);
    return h('section', { class: 'card series-card', testid: 'series-details' },
      userText('h2', { testid: 'series-title' }, s.title),
      h('p', { class: 'series-goal' }, h('span', { class: 'label' }, t('field.goal')), ' ', userText('span', {}, s.goal)),
      h('dl', { class: 'series-dl' },
        row('series.kind', t(`meetingKind.${s.kind}`), false),
        row('series.department', s.department),
        row('series.coordinator', s.coordinator?.name),
        row('series.recurrence', sched.rrule ? recurrenceText(sched.rrule) : t('series.oneOff'), false),
        row('series.firstStart', String(sched.firstStart || '').replace('T', ' ')),
        row('series.zoneLabel', sched.timeZone),
        row('series.duration', t('series.minutesShort', { n: sched.durationMinutes }), false),
        row('series.place', s.place),
        s.onlineLink ? h('div', { class: 'dl-row' }, h('dt', {}, t('series.onlineLink')),
          h('dd', {}, externalLink(s.onlineLink, s.onlineLink))) : null,
        row('series.language', t(`locale.${s.language}`), false)));
  }

  function recurrenceText(rrule) {
    const parts = Object.fromEntries(String(rrule).split(';').map((p) => p.split('=')));
    const freq = (parts.FREQ || '').toLowerCase();
    const interval = Number(parts.INTERVAL || 1);
    const base = t(interval === 1 ? `series.freq.${freq}` : `series.freq.${freq}.n`, { n: interval });
    return parts.COUNT ? t('series.freqCount', { rule: base, n: Number(parts.COUNT) }) : base;
  }

  function warningsCard(view) {
    const warnings = view.warnings || [];
    if (warnings.length === 0) return null;
    return h('section', { class: 'card warn-card at-warnings', testid: 'series-warnings', role: 'status' },
      h('ul', { class: 'series-list' }, warnings.map((w) => h('li', { testid: `warning-${w.code}` },
        t(`series.warning.${w.code}`, { n: view.invited, when: occurrenceLabel(view, w.occurrenceId) })))));
  }

  /** An occurrence id (`20261210T1000`, its local start) as the page writes that occurrence's time. */
  function occurrenceLabel(view, id) {
    if (!id) return '';
    const o = (view.upcoming || []).find((x) => x.occurrenceId === id);
    if (o) return instantTime(o.start, view.series.schedule?.timeZone);
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})$/.exec(id);
    return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` : id;
  }

  function membersCard(view) {
    const members = view.members || [];
    return h('section', { class: 'card at-members', testid: 'members' },
      h('h2', {}, t('series.members'), ' ', h('span', { class: 'small' }, t('series.invitedCount', { n: view.invited }))),
      h('ul', { class: 'series-list member-list' }, members.map((m) => memberRow(m))),
      ui.shownLink ? linkBox(ui.shownLink.labelKey, ui.shownLink.url, 'shown-link') : null,
      addMemberForm());
  }

  function memberRow(m) {
    const partSelect = h('select', { testid: 'member-part', attrs: { 'aria-label': t('series.part') },
      on: { change: (e) => ctx.act(() => ctx.client.editMember(m.memberId, { part: e.target.value })) } },
    PARTS.map((p) => h('option', { value: p, selected: p === m.part }, t(`series.part.${p}`))));
    const rotate = async () => {
      const result = await ctx.act(() => ctx.client.rotateMember(m.memberId));
      if (result && result.link) { ui.shownLink = { labelKey: 'series.newLinkFor', url: result.link }; render(); }
    };
    const remove = () => {
      if (window.confirm(t('series.removeConfirm', { name: m.name }))) ctx.act(() => ctx.client.removeMember(m.memberId));
    };
    const dept = async () => {
      const next = window.prompt(t('series.department'), m.department);
      if (next !== null && next.trim() && next.trim() !== m.department) {
        await ctx.act(() => ctx.client.editMember(m.memberId, { department: next.trim() }));
      }
    };
    return h('li', { class: 'member-row', testid: 'member-row', data: { member: m.memberId } },
      h('div', { class: 'member-who' }, userText('strong', {}, m.name), ' ',
        userText('span', { class: 'small' }, m.department), ' ', userText('span', { class: 'small muted' }, m.email),
        m.substituteFor ? h('span', { class: 'small' }, ' · ', t('series.isSubstitute')) : null),
      h('div', { class: 'member-actions' }, partSelect,
        h('button', { type: 'button', class: 'secondary', on: { click: dept } }, t('series.changeDepartment')),
        h('button', { type: 'button', class: 'secondary', testid: 'member-rotate', on: { click: rotate } }, t('series.rotateLink')),
        h('button', { type: 'button', class: 'secondary danger', testid: 'member-remove', on: { click: remove } }, t('common.remove'))));
  }

  function addMemberForm() {
    const input = (name, labelKey, type = 'text') => {
      const id = `am-${name}`;
      return h('div', { class: 'field' }, h('label', { htmlFor: id }, t(labelKey)),
        h('input', { id, type, maxLength: 100, value: draft(`am:${name}`), testid: `add-member-${name}`,
          on: { input: (e) => draft(`am:${name}`, e.target.value) } }));
    };
    const part = h('select', { id: 'am-part', testid: 'add-member-part', on: { change: (e) => draft('am:part', e.target.value) } },
      PARTS.map((p) => h('option', { value: p, selected: p === (draft('am:part') || 'executor') }, t(`series.part.${p}`))));
    const submit = async (e) => {
      e.preventDefault();
      const body = { name: draft('am:name').trim(), department: draft('am:department').trim(),
        email: draft('am:email').trim(), part: draft('am:part') || 'executor' };
      if (!body.name || !body.department || !body.email) { ctx.fail(t('series.memberNeedsFields')); return; }
      const result = await ctx.act(() => ctx.client.addMember(body));
      if (result && result.link) {
        ['name', 'email'].forEach((k) => ui.drafts.delete(`am:${k}`));
        ui.shownLink = { labelKey: 'series.newLinkFor', url: result.link };
        render();
      }
    };
    return h('form', { class: 'inline-form', testid: 'add-member', noValidate: true, on: { submit } },
      h('h3', {}, t('series.addMember')),
      h('div', { class: 'form-grid' }, input('name', 'field.name'), input('department', 'series.department'),
        input('email', 'series.email', 'email'),
        h('div', { class: 'field' }, h('label', { htmlFor: 'am-part' }, t('series.part')), part)),
      h('button', { type: 'submit', class: 'primary', testid: 'add-member-submit' }, t('series.addMember')));
  }

  function nextCard(view, o) {
    const members = view.members || [];
    if (!ui.editor || ui.editorFor !== o.occurrenceId) {
      ui.editorFor = o.occurrenceId;
      ui.editor = agendaDraftEditor({ occurrence: o, members,
        save: (items) => ctx.act(() => ctx.client.putAgenda(o.occurrenceId, items)) });
    } else {
      ui.editor.refresh(o, members);
    }
    return h('section', { class: 'card occ-card at-next', testid: 'next-occurrence', data: { occurrence: o.occurrenceId } },
      h('p', { class: 'eyebrow' }, t('series.nextMeeting')),
      occurrenceHead(o, view.series),
      subheading('series.rsvpStatus'), rsvpGlance(members, o),
      subheading('series.agendaDraft'), ui.editor.el,
      subheading('series.preReads'), preReadList(o, { download: preReadDownloader(ctx),
        remove: (p) => ctx.act(() => ctx.client.removePreRead(o.occurrenceId, p.id)) }),
      preReadForm(o), preReadFileForm(view, o),
      subheading('series.inputsAsked'), inputsList(o), inputForm(o),
      subheading('series.notice'), noticeBlock(view, o));
  }

  function preReadForm(o) {
    const submit = async (e) => {
      e.preventDefault();
      const title = draft('pr:title').trim();
      const url = draft('pr:url').trim();
      if (!title || !url) { ctx.fail(t('series.preReadNeedsFields')); return; }
      if (await ctx.act(() => ctx.client.addPreRead(o.occurrenceId, title, url))) {
        ui.drafts.delete('pr:title'); ui.drafts.delete('pr:url'); render();
      }
    };
    return h('form', { class: 'inline-form compact', testid: 'pre-read-form', noValidate: true, on: { submit } },
      h('div', { class: 'form-grid' },
        h('div', { class: 'field' }, h('label', { htmlFor: 'pr-title' }, t('field.title')),
          h('input', { id: 'pr-title', type: 'text', maxLength: 200, value: draft('pr:title'), on: { input: (e) => draft('pr:title', e.target.value) } })),
        h('div', { class: 'field' }, h('label', { htmlFor: 'pr-url' }, t('series.url')),
          h('input', { id: 'pr-url', type: 'url', maxLength: 2000, value: draft('pr:url'), on: { input: (e) => draft('pr:url', e.target.value) } }))),
      h('button', { type: 'submit', class: 'secondary' }, t('series.addPreRead')));
  }

  /** A file pre-read: chosen (kept across renders, as a file input cannot be refilled), checked, uploaded. */
  function preReadFileForm(view, o) {
    const max = view.preReadMaxBytes || 0;
    const choose = (e) => {
      ui.file = e.target.files && e.target.files[0] ? e.target.files[0] : null;
      ctx.fail('');
      if (ui.file && max && ui.file.size > max) {
        ctx.fail(t('series.fileTooLarge', { size: fileSize(ui.file.size), max: fileSize(max) }));
      }
      render();
    };
    const submit = async (e) => {
      e.preventDefault();
      const file = ui.file;
      if (!file) { ctx.fail(t('series.fileNeeded')); return; }
      if (file.size === 0) { ctx.fail(t('series.fileEmpty')); return; }
      if (max && file.size > max) {
        ctx.fail(t('series.fileTooLarge', { size: fileSize(file.size), max: fileSize(max) }));
        return;
      }
      ui.uploading = true;
      render();
      const done = await ctx.act(() => ctx.client.uploadPreRead(o.occurrenceId, file, draft('pf:title').trim()));
      ui.uploading = false;
      if (done) { ui.file = null; ui.drafts.delete('pf:title'); }
      render();
    };
    return h('form', { class: 'inline-form compact', testid: 'pre-read-file-form', noValidate: true, on: { submit } },
      h('div', { class: 'form-grid' },
        h('div', { class: 'field' }, h('span', { class: 'field-label', id: 'pf-file-label' }, t('series.file')),
          // The browser's own file button speaks the browser's language: ours lies on top of it, see-through.
          h('div', { class: 'file-pick' },
            h('span', { class: 'button-link secondary', attrs: { 'aria-hidden': 'true' } }, t('series.chooseFile')),
            h('input', { id: 'pf-file', type: 'file', testid: 'pre-read-file-input', on: { change: choose },
              attrs: { 'aria-label': t('series.chooseFile'), 'aria-describedby': 'pf-file-chosen' } })),
          h('p', { class: 'small', id: 'pf-file-chosen', testid: 'pre-read-file-chosen' }, ui.file
            ? [t('series.fileChosen'), ' ', markUserText(h('span', {}, ui.file.name)), ` · ${fileSize(ui.file.size)}`]
            : t('series.noFileChosen')),
          max ? h('p', { class: 'small' }, t('series.fileHint', { max: fileSize(max) })) : null),
        h('div', { class: 'field' }, h('label', { htmlFor: 'pf-title' }, t('series.fileTitle')),
          h('input', { id: 'pf-title', type: 'text', maxLength: 200, value: draft('pf:title'),
            on: { input: (e) => draft('pf:title', e.target.value) } }))),
      h('button', { type: 'submit', class: 'secondary', testid: 'pre-read-file-submit', disabled: ui.uploading },
        ui.uploading ? t('series.uploading') : t('series.uploadFile')));
  }

  function inputsList(o) {
    const inputs = o.inputs || [];
    if (inputs.length === 0) return h('p', { class: 'small' }, t('series.inputsEmpty'));
    return h('ul', { class: 'series-list' }, inputs.map((r) => h('li', {},
      userText('strong', {}, r.question),
      (r.answers || []).length === 0 ? h('p', { class: 'small' }, t('series.noAnswers'))
        : h('ul', { class: 'answers' }, r.answers.map((a) => h('li', {}, userText('strong', {}, a.name || ''), ': ',
          userText('span', {}, a.text)))))));
  }

  function inputForm(o) {
    const submit = async (e) => {
      e.preventDefault();
      const question = draft('in:q').trim();
      if (!question) { ctx.fail(t('series.questionRequired')); return; }
      if (await ctx.act(() => ctx.client.askInput(o.occurrenceId, question))) { ui.drafts.delete('in:q'); render(); }
    };
    return h('form', { class: 'inline-form compact', noValidate: true, on: { submit } },
      h('div', { class: 'field' }, h('label', { htmlFor: 'in-q' }, t('series.question')),
        h('textarea', { id: 'in-q', rows: 2, maxLength: 2000, value: draft('in:q'), on: { input: (e) => draft('in:q', e.target.value) } })),
      h('button', { type: 'submit', class: 'secondary' }, t('series.askInput')));
  }

  function noticeBlock(view, o) {
    const zone = view.series.schedule?.timeZone;
    if (o.noticed) {
      return h('p', { class: 'small', testid: 'notice-sent' }, t('series.noticeSent', { time: instantTime(o.noticedAt, zone) }));
    }
    const preview = ui.preview && ui.preview.occurrenceId === o.occurrenceId ? ui.preview : null;
    const doPreview = async () => {
      try {
        ui.preview = await ctx.client.previewNotice(o.occurrenceId);
        ctx.fail('');
      } catch (error) { ctx.showFailure(error); }
      render();
    };
    const send = async (confirmLate) => {
      try {
        await ctx.client.sendNotice(o.occurrenceId, confirmLate);
        ui.lateConfirm = null; ui.preview = null;
        await ctx.act(async () => true);
      } catch (error) {
        if (error.reason === 'NOTICE_LATE' && !confirmLate) { ui.lateConfirm = o.occurrenceId; render(); return; }
        ctx.showFailure(error);
      }
    };
    return h('div', { class: 'notice-block', testid: 'notice-block' },
      noticeTimeRow(o, zone),
      h('div', { class: 'form-actions' },
        h('button', { type: 'button', class: 'secondary', testid: 'notice-preview', on: { click: doPreview } }, t('series.previewNotice')),
        h('button', { type: 'button', class: 'primary', testid: 'notice-send', on: { click: () => send(false) } }, t('series.sendNotice'))),
      ui.lateConfirm === o.occurrenceId ? h('div', { class: 'warn-card late-confirm', role: 'alert', testid: 'late-confirm' },
        h('p', {}, t('series.lateConfirm')),
        h('div', { class: 'form-actions' },
          h('button', { type: 'button', class: 'primary', testid: 'late-confirm-send', on: { click: () => send(true) } }, t('series.sendAnyway')),
          h('button', { type: 'button', class: 'secondary', on: { click: () => { ui.lateConfirm = null; render(); } } }, t('common.cancel')))) : null,
      preview ? h('div', { class: 'notice-preview', testid: 'notice-preview-text' },
        preview.late ? h('p', { class: 'warn-text' }, t('series.previewLate', { n: Math.round(preview.hoursAhead) })) : null,
        userText('p', { class: 'preview-subject' }, preview.subject),
        userText('pre', { class: 'preview-body' }, preview.body)) : null);
  }

  /** The notice sent by itself at a chosen time (24, 48 or 72 h before the start), or the time already set. */
  function noticeTimeRow(o, zone) {
    if (o.noticeAt) {
      return h('p', { class: 'small notice-time', testid: 'notice-time' },
        t('series.noticeScheduled', { time: instantTime(o.noticeAt, zone) }), ' ',
        h('button', { type: 'button', class: 'secondary', testid: 'notice-time-cancel',
          on: { click: () => ctx.act(() => ctx.client.scheduleNotice(o.occurrenceId, null)) } }, t('common.cancel')));
    }
    const start = Date.parse(o.start);
    const choices = [72, 48, 24].filter((hours) => start - hours * 3600e3 > Date.now() + 60e3);
    if (choices.length === 0) return null;
    const pick = h('select', { id: `notice-at-${o.occurrenceId}`, testid: 'notice-time-choice' },
      choices.map((hours) => h('option', { value: String(hours) }, t('series.noticeHoursBefore', { n: hours }))));
    const schedule = () => ctx.act(() => ctx.client.scheduleNotice(o.occurrenceId,
      new Date(start - Number(pick.value) * 3600e3).toISOString()));
    return h('div', { class: 'notice-time-row' },
      h('label', { htmlFor: pick.id }, t('series.noticeAuto')), pick,
      h('button', { type: 'button', class: 'secondary', testid: 'notice-time-set', on: { click: schedule } },
        t('series.noticeSchedule')));
  }

  function laterCard(view, later) {
    return h('section', { class: 'card at-later', testid: 'later-occurrences' },
      h('h2', {}, t('series.later')),
      later.map((o) => h('details', { class: 'occ-later', testid: 'later-occurrence' },
        h('summary', {}, occurrenceHead(o, view.series).querySelector('.occ-when').textContent,
          ' · ', t('series.answeredCount', { n: (o.rsvps || []).length, total: view.invited })),
        rsvpGlance(view.members || [], o), subheading('series.agenda'), agendaList(o))));
  }

  return { render };
}
