// The facilitator's controls besides the agenda: the topic timer, the floor, motions, the board and the
// meeting itself (decision, finalize, hand-off, end).

import { t } from '../i18n/i18n.js';
import { createCountdown, createSpeaker } from './countdown.js';
import { field, h, select, setAttr, setOptions, setText, syncList } from './dom.js';
import { formatDuration } from './format.js';
import { createMotionResult, latestOpenMotion, motionList, votedText } from './motions.js';
import * as commands from '../model/commands.js';
import { currentItem, currentItemId, meetingEnded } from '../model/selectors.js';
import { BOARD_LANES, PASS_RULES } from '../model/vocabulary.js';

function button(testid, className, onClick) {
  return h('button', { type: 'button', class: className, testid, on: { click: onClick } });
}

function labelled(el, key) {
  return field('', el, { labelKey: key });
}

function whole(text) {
  const n = Number(String(text).trim());
  return Number.isInteger(n) ? n : null;
}

function invalid(ctx, input, message) {
  input.setAttribute('aria-invalid', 'true');
  input.focus();
  ctx.reportError({ code: 'INVALID_FIELD', message });
}

/** Current item, its countdown and the timer buttons. */
export function createTimerControls(ctx) {
  const title = h('p', { class: 'now-title', testid: 'current-item-title' });
  const buttons = [
    ['timer-pause', 'agenda.pause', commands.pauseTimer()],
    ['timer-resume', 'agenda.resume', commands.resumeTimer()],
    ['timer-extend-1', null, commands.extendTimer(60)],
    ['timer-extend-5', null, commands.extendTimer(300)],
    ['timer-reset', 'agenda.reset', commands.resetTimer()],
  ].map(([testid, key, command]) => {
    const b = button(testid, 'secondary', () => ctx.send(command));
    b._key = key;
    b._minutes = command.seconds ? command.seconds / 60 : null;
    return b;
  });
  const complete = button('timer-complete', 'primary', () => ctx.send(commands.completeItem()));
  const el = h('div', { class: 'timer-controls' }, title, createCountdown(ctx, { size: 'medium' }),
    h('div', { class: 'button-row' }, ...buttons, complete));
  ctx.watch((state) => {
    const item = currentItem(state);
    setText(title, item ? item.title : t('ui.noCurrentItem'));
    for (const b of buttons) setText(b, b._key ? t(b._key) : `+${b._minutes} min`);
    for (const b of buttons) setAttr(b, 'aria-label', b._key ? t(b._key) : t('agenda.extendBy', { n: b._minutes }));
    setText(complete, t('agenda.complete'));
    const pause = buttons[0];
    const resume = buttons[1];
    pause.hidden = Boolean(c && !c.running);
    resume.hidden = Boolean(c && c.running);
  });
  return el;
}

/** The speaker, the queue with give-floor / lower-hand per person, give floor to anyone, speaker limit. */
export function createFloorControls(ctx) {
  const next = button('floor-next', 'primary', () => ctx.send(commands.giveFloor()));
  const end = button('floor-end', 'secondary', () => ctx.send(commands.endFloor()));
  const queue = h('ol', { class: 'queue-list editable' });
  const queueEmpty = h('p', { class: 'empty' });
  const who = select([], '', { testid: 'floor-select' });
  const give = button('floor-give', 'secondary', () => {
    if (who.value) ctx.send(commands.giveFloor(who.value));
  });
  const limit = h('input', { type: 'number', min: '10', max: '3600', step: '1', testid: 'speaker-limit', inputMode: 'numeric' });
  const setLimit = h('button', { type: 'submit', class: 'secondary', testid: 'speaker-limit-set' });
  const limitForm = h('form', { class: 'inline-form one-line', noValidate: true }, labelled(limit, 'ui.speakerLimitSeconds'), setLimit);
  limitForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const seconds = whole(limit.value);
    if (seconds === null || seconds < 10 || seconds > 3600) return invalid(ctx, limit, t('form.range', { field: t('ui.speakerLimitSeconds'), min: 10, max: 3600 }));
    ctx.send(commands.setSpeakerLimit(seconds));
    return undefined;
  });
  const stats = h('ul', { class: 'stats' });
  const el = h('div', { class: 'floor-controls' },
    createSpeaker(ctx),
    h('div', { class: 'button-row' }, next, end),
    h('h3', { class: 'subheading', data: { i18n: 'speaker.queue' } }), queue, queueEmpty,
    h('div', { class: 'inline-form one-line' }, labelled(who, 'ui.giveFloorTo'), give),
    limitForm,
    h('h3', { class: 'subheading speaking-heading', data: { i18n: 'ui.speakingTime' } }), stats);
  let limitShown = null;
  ctx.watch((state, force) => {
    setText(next, t('ui.floorNext'));
    setText(end, t('speaker.endTurn'));
    setText(give, t('speaker.giveFloor'));
    setText(setLimit, t('common.save'));
    syncList(queue, state.queue, (id) => id, (id) => h('li', { testid: 'queue-entry', data: { participantId: id } },
      h('span', { class: 'queue-name' }),
      button('queue-give', 'small-button secondary', () => ctx.send(commands.giveFloor(id))),
      button('queue-lower', 'small-button secondary', () => ctx.send(commands.lowerHand(id)))), (li, id) => {
      setText(li.querySelector('.queue-name'), ctx.nameOf(id));
      setText(li.querySelector('[data-testid=queue-give]'), t('speaker.giveFloor'));
      setText(li.querySelector('[data-testid=queue-lower]'), t('speaker.lowerHand'));
    });
    queueEmpty.hidden = state.queue.length > 0;
    setText(queueEmpty, t('speaker.queueEmpty'));
    const people = Object.values(state.participants).filter((p) => p.role !== 'screen');
    setOptions(who, people.map((p) => ({ value: p.id, label: p.name + (p.id === ctx.me ? ` (${t('common.you')})` : '') })), people[0] ? people[0].id : '');
    if ((limitShown !== state.speakerLimitSeconds && document.activeElement !== limit) || force) {
      limit.value = String(state.speakerLimitSeconds);
      limitShown = state.speakerLimitSeconds;
    }
    const rows = Object.entries(state.speakingMs).sort((a, b) => b[1] - a[1]).map(([id, ms]) => ({ key: `p:${id}`, text: `${ctx.nameOf(id)}: ${formatDuration(ms)}` }));
    for (const [dept, ms] of Object.entries(state.departmentSpeakingMs).sort((a, b) => b[1] - a[1])) {
      rows.push({ key: `d:${dept}`, text: `${dept || t('ui.noDepartment')} (${t('people.department')}): ${formatDuration(ms)}` });
    }
    syncList(stats, rows, (r) => r.key, () => h('li', {}), (li, r) => setText(li, r.text));
    el.querySelector('.speaking-heading').hidden = rows.length === 0;
  });
  return el;
}

/** Open a motion with its settings; close the open one; the motions so far with their results. */
export function createMotionControls(ctx) {
  const text = h('textarea', { rows: 2, maxLength: 500, testid: 'motion-text' });
  const anonymous = h('input', { type: 'checkbox', testid: 'motion-anonymous' });
  const hidden = h('input', { type: 'checkbox', testid: 'motion-hidden' });
  const rule = select([], 'simple_majority', { testid: 'motion-rule' });
  const quorum = h('input', { type: 'number', min: '0', max: '2000', step: '1', value: '0', testid: 'motion-quorum', inputMode: 'numeric' });
  const threshold = h('input', { type: 'number', min: '1', max: '2000', step: '1', testid: 'motion-threshold', inputMode: 'numeric' });
  const open = h('button', { type: 'submit', class: 'primary', testid: 'motion-open' });
  const thresholdField = labelled(threshold, 'vote.threshold');
  const form = h('form', { class: 'motion-form', noValidate: true },
    labelled(text, 'vote.motionText'),
    h('div', { class: 'form-row' },
      h('label', { class: 'check' }, anonymous, h('span', { data: { i18n: 'vote.anonymous' } })),
      h('label', { class: 'check' }, hidden, h('span', { data: { i18n: 'vote.hiddenResults' } }))),
    h('div', { class: 'form-row' }, labelled(rule, 'vote.rule'), labelled(quorum, 'vote.quorum'), thresholdField),
    open);
  const close = button('motion-close', 'secondary', () => {
    const m = latestOpenMotion(ctx.state);
    if (m) ctx.send(commands.closeMotion(m.id));
    else ctx.reportError({ code: 'INVALID_STATE', message: t('ui.noOpenMotion') });
  });
  const current = createMotionResult({ testids: false });
  const list = h('ul', { class: 'motion-list' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const motionText = text.value.trim();
    if (!motionText) return invalid(ctx, text, t('form.required', { field: t('vote.motionText') }));
    const q = quorum.value.trim() === '' ? 0 : whole(quorum.value);
    if (q === null || q < 0 || q > 2000) return invalid(ctx, quorum, t('form.range', { field: t('vote.quorum'), min: 0, max: 2000 }));
    let n;
    if (rule.value === 'at_least_n') {
      n = whole(threshold.value);
      if (n === null || n < 1 || n > 2000) return invalid(ctx, threshold, t('form.range', { field: t('vote.threshold'), min: 1, max: 2000 }));
    }
    const reply = await ctx.send(commands.openMotion({
      text: motionText, anonymous: anonymous.checked, hiddenResults: hidden.checked, rule: rule.value, quorum: q,
      threshold: n, itemId: currentItemId(ctx.state) || undefined,
    }));
    if (reply.ok) text.value = '';
    return undefined;
  });
  rule.addEventListener('change', () => thresholdField.classList.toggle('muted-field', rule.value !== 'at_least_n'));
  const el = h('div', { class: 'motion-controls' }, form, h('div', { class: 'open-motion' }, current.el, close), list);
  ctx.watch((state, force) => {
    if (force) {
      setOptions(rule, PASS_RULES.map((r) => ({ value: r, label: t(`vote.rule.${r}`) })), 'simple_majority');
      setText(open, t('vote.openMotion'));
      thresholdField.classList.toggle('muted-field', rule.value !== 'at_least_n');
    }
    const m = latestOpenMotion(state);
    current.update(m, state);
    setText(close, t('vote.closeMotion'));
    close.hidden = !m;
    const others = motionList(state).filter((x) => x !== m).reverse();
    syncList(list, others, (x) => x.id, (x) => h('li', { data: { motionId: x.id } },
      h('span', { class: 'motion-line' }),
      button('motion-close-other', 'small-button secondary', () => ctx.send(commands.closeMotion(x.id)))), (li, x) => {
      const tally = x.tally || {};
      const parts = [x.text, x.open ? t('vote.open') : t(`vote.outcome.${x.outcome}`)];
      if (tally.agree !== undefined) parts.push(t('vote.tally', { agree: tally.agree, oppose: tally.oppose, neutral: tally.neutral }));
      else parts.push(votedText(x, state));
      setText(li.firstChild, parts.join(' · '));
      const b = li.lastChild;
      b.hidden = !x.open;
      setText(b, t('vote.closeMotion'));
    });
  });
  return el;
}

const TEMPLATES = Object.keys(BOARD_LANES);

/** Template, anonymity, dot limit (board-apply → SetBoard), the writing phase. */
export function createBoardControls(ctx) {
  const template = select([], 'free', { testid: 'board-template' });
  const anonymous = h('input', { type: 'checkbox', testid: 'board-anonymous' });
  const dotLimit = h('input', { type: 'number', min: '0', max: '20', step: '1', value: '0', testid: 'board-dot-limit', inputMode: 'numeric' });
  const apply = h('button', { type: 'submit', class: 'primary', testid: 'board-apply' });
  const form = h('form', { class: 'board-form', noValidate: true },
    h('div', { class: 'form-row' }, labelled(template, 'board.template'), labelled(dotLimit, 'board.dotVotes')),
    h('label', { class: 'check' }, anonymous, h('span', { data: { i18n: 'board.anonymous' } })),
    h('div', { class: 'button-row' }, apply));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const limit = dotLimit.value.trim() === '' ? 0 : whole(dotLimit.value);
    if (limit === null || limit < 0 || limit > 20) return invalid(ctx, dotLimit, t('form.range', { field: t('board.dotVotes'), min: 0, max: 20 }));
    ctx.send(commands.setBoard({ template: template.value, anonymous: anonymous.checked, dotLimit: limit }));
    return undefined;
  });
  const start = button('writing-start', 'secondary', () => ctx.send(commands.startWritingPhase()));
  const reveal = button('writing-reveal', 'primary', () => ctx.send(commands.revealNotes()));
  const phase = h('p', { class: 'phase-status', attrs: { 'aria-live': 'polite' } });
  const el = h('div', { class: 'board-controls' }, form, h('div', { class: 'button-row' }, start, reveal), phase);
  let shown = null;
  ctx.watch((state, force) => {
    const b = state.board;
    if (force) setOptions(template, TEMPLATES.map((x) => ({ value: x, label: t(`board.template.${x}`) })), b.template);
    if (shown !== b && !form.contains(document.activeElement)) {
      template.value = b.template;
      anonymous.checked = b.anonymous;
      dotLimit.value = String(b.dotLimit);
      shown = b;
    }
    setText(apply, t('ui.apply'));
    setText(start, t('board.startPrivatePhase'));
    setText(reveal, t('board.reveal'));
    const notes = Object.values(state.notes).length;
    setText(phase, `${b.writingPhase ? t('ui.writingRunning') : t('ui.writingOff')} · ${t('ui.noteCount', { n: notes })}`);
  });
  return el;
}

/** Record a decision (tied to the current item). */
export function createDecisionForm(ctx) {
  const text = h('textarea', { rows: 2, maxLength: 1000, testid: 'decision-text' });
  const record = h('button', { type: 'submit', class: 'primary', testid: 'decision-record' });
  const form = h('form', { class: 'decision-form', noValidate: true }, labelled(text, 'ui.decisionText'), record);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) return invalid(ctx, text, t('form.required', { field: t('ui.decisionText') }));
    const reply = await ctx.send(commands.recordDecision({ text: value, itemId: currentItemId(ctx.state) || undefined }));
    if (reply.ok) text.value = '';
    return undefined;
  });
  ctx.watch(() => setText(record, t('minutes.addDecision')));
  return form;
}

/** Start, end, finalize, hand-off. */
export function createMeetingControls(ctx) {
  const status = h('p', { class: 'meeting-status' });
  const start = button('meeting-start', 'primary', () => ctx.send(commands.startMeeting()));
  const end = button('meeting-end', 'danger-button', () => ctx.send(commands.endMeeting()));
  const finalize = button('minutes-finalize', 'danger-button', () => ctx.send(commands.finalizeMinutes()));
  const handoffSelect = select([], '', { testid: 'handoff-select' });
  const handoff = h('button', { type: 'submit', class: 'secondary', testid: 'handoff-submit' });
  const handoffForm = h('form', { class: 'inline-form one-line', noValidate: true }, labelled(handoffSelect, 'agenda.handOff'), handoff);
  handoffForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (handoffSelect.value) ctx.send(commands.handOff(handoffSelect.value));
    else ctx.reportError({ code: 'INVALID_FIELD', message: t('ui.nobodyToHandOff') });
  });
  const warning = h('p', { class: 'hint' });
  const el = h('div', { class: 'meeting-controls' }, status, h('div', { class: 'button-row' }, start), handoffForm,
    h('div', { class: 'button-row danger-zone' }, finalize, end), warning);
  ctx.watch((state) => {
    const m = state.meeting;
    setText(status, m ? `${t('ui.labelled', { label: t('meeting.status') })} ${t(`meetingStatus.${m.status}`)} · ${t('ui.labelled', { label: t('meeting.goal') })} ${m.goal}` : '');
    start.hidden = !m || m.status !== 'scheduled';
    setText(start, t('meeting.start'));
    setText(end, t('meeting.end'));
    end.disabled = !m || meetingEnded(state);
    setText(finalize, t('minutes.finalize'));
    finalize.disabled = state.minutes.finalized;
    setText(handoff, t('agenda.handOff'));
    const candidates = Object.values(state.participants).filter((p) => p.role === 'participant');
    setOptions(handoffSelect, candidates.map((p) => ({ value: p.id, label: p.name })), candidates[0] ? candidates[0].id : '');
    setText(warning, t('ui.finalWarning'));
  });
  return el;
}

/** Who is in the room: name, department, role, online. */
export function createPeople(ctx) {
  const list = h('ul', { class: 'people' });
  const summary = h('p', { class: 'hint' });
  const el = h('div', {}, summary, list);
  ctx.watch((state, force) => {
    if (!force && list._p === state.participants) return;
    list._p = state.participants;
    const people = Object.values(state.participants);
    syncList(list, people, (p) => p.id, () => h('li', { class: 'person' }, h('span', { class: 'presence', attrs: { 'aria-hidden': 'true' } }), h('span', {})), (li, p) => {
      const online = p.connections.length > 0;
      li.dataset.online = String(online);
      li.dataset.participantId = p.id;
      setText(li.lastChild, `${p.name}${p.department ? ` · ${p.department}` : ''} · ${t(`role.${p.role}`)} · ${online ? t('people.online') : t('ui.offline')}`);
    });
    const online = people.filter((p) => p.connections.length > 0).length;
    setText(summary, t('people.onlineCount', { n: online }));
  });
  return el;
}
