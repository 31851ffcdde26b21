// The facilitator's controls besides the agenda: the topic timer, the floor, motions, the board and the
// meeting itself (decision, finalize, hand-off, end).

import { t } from '../i18n/i18n.js';
import { createCountdown, createSpeaker } from './countdown.js';
import { field, h, select, setAttr, setOptions, setText, syncList, uid } from './dom.js';
import { nextPendingItem } from './agenda.js';
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

/**
 * "Next item": completes the running item (if any) and starts the next pending one, as two commands in
 * order (the server has no single one). A refused complete stops there; each refusal is reported.
 */
export async function nextItem(ctx) {
  const state = ctx.state;
  const next = nextPendingItem(state);
  if (currentItem(state)) {
    const done = await ctx.send(commands.completeItem());
    if (!done.ok) return done;
  }
  if (!next) {
    ctx.reportError({ code: 'INVALID_STATE', message: t('console.noNextItem') });
    return { ok: false };
  }
  return ctx.send(commands.startItem(next.id));
}

/** Current item, its countdown, "Next item" and the timer buttons (disabled while nothing runs). */
export function createTimerControls(ctx) {
  const title = h('p', { class: 'now-title', testid: 'current-item-title' });
  const next = button('next-item', 'primary', () => nextItem(ctx));
  setAttr(next, 'aria-keyshortcuts', 'N');
  const buttons = [
    ['timer-pause', 'agenda.pause', commands.pauseTimer(), 'P'],
    ['timer-resume', 'agenda.resume', commands.resumeTimer(), 'P'],
    ['timer-extend-1', null, commands.extendTimer(60), '+'],
    ['timer-extend-5', null, commands.extendTimer(300), null],
    ['timer-reset', 'agenda.reset', commands.resetTimer(), null],
  ].map(([testid, key, command, shortcut]) => {
    const b = button(testid, 'secondary', () => ctx.send(command));
    b._key = key;
    b._minutes = command.seconds ? command.seconds / 60 : null;
    if (shortcut) setAttr(b, 'aria-keyshortcuts', shortcut);
    return b;
  });
  const complete = button('timer-complete', 'secondary', () => ctx.send(commands.completeItem()));
  const idle = h('p', { class: 'hint timer-idle', testid: 'timer-idle' });
  const el = h('div', { class: 'timer-controls' }, title, createCountdown(ctx, { size: 'medium' }),
    h('div', { class: 'button-row' }, next, complete), h('div', { class: 'button-row timer-buttons' }, ...buttons), idle);
  ctx.watch((state) => {
    const item = currentItem(state);
    const c = state.countdown;
    setText(title, item ? item.title : t('ui.noCurrentItem'));
    // The visible label is the accessible name (label-content-name-mismatch); the longer text is a tooltip.
    for (const b of buttons) {
      setText(b, b._key ? t(b._key) : t('console.extend', { n: b._minutes }));
      setAttr(b, 'title', b._key ? null : t('console.extendHint', { n: b._minutes }));
      b.disabled = !c;
    }
    setText(next, t('console.nextItem'));
    setAttr(next, 'title', t('console.nextItemHint'));
    next.disabled = meetingEnded(state) || (!item && !nextPendingItem(state));
    setText(complete, t('agenda.complete'));
    complete.disabled = !c;
    buttons[0].hidden = Boolean(c && !c.running);
    buttons[1].hidden = !buttons[0].hidden;
    idle.hidden = Boolean(c);
    setText(idle, t('console.timerIdle'));
  });
  return el;
}

const SHORTCUTS = [
  ['N', 'console.shortcut.next'],
  ['P', 'console.shortcut.pause'],
  ['+', 'console.shortcut.extend'],
  ['F', 'console.shortcut.floor'],
];

/** Whether a key press belongs to what the user is typing (then it is no shortcut). */
function typing(event) {
  const target = event.target;
  if (!(target instanceof Element)) return false;
  return target.isContentEditable || Boolean(target.closest('input, textarea, select, [contenteditable]'));
}

/**
 * Keyboard shortcuts of the console (N next item, P pause/resume, + one more minute, F floor to the first in
 * the queue), and the list that shows them. They never fire while typing in a field, with a modifier held,
 * or while a dialog is open.
 */
export function createShortcuts(ctx) {
  const list = h('dl', { class: 'shortcut-list', testid: 'shortcuts' });
  const hint = h('p', { class: 'hint' });
  const heading = h('h3', { class: 'subheading' });
  const el = h('div', { class: 'shortcuts' }, heading, list, hint);
  ctx.listen(document, 'keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    if (document.querySelector('dialog[open]') || !ctx.isFacilitator()) return;
    const state = ctx.state;
    const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
    let command = null;
    if (key === 'N') {
      event.preventDefault();
      nextItem(ctx);
      return;
    }
    if (key === 'P' && state.countdown) command = state.countdown.running ? commands.pauseTimer() : commands.resumeTimer();
    else if ((key === '+' || key === '=') && state.countdown) command = commands.extendTimer(60);
    else if (key === 'F' && state.queue.length > 0) command = commands.giveFloor();
    if (command) {
      event.preventDefault();
      ctx.send(command);
    }
  });
  ctx.watch((state, force) => {
    if (!force) return;
    setText(heading, t('console.shortcuts'));
    list.replaceChildren(...SHORTCUTS.flatMap(([key, label]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, t(label))]));
    setText(hint, t('console.shortcutsHint'));
  });
  return el;
}

/**
 * Asks before an irreversible action in a modal <dialog> (focus moves into it and returns afterwards;
 * Escape cancels; the safe choice has the focus). Resolves true when confirmed.
 */
export function confirmDialog(ctx, { testid, titleKey, bodyKey, confirmKey }) {
  const titleId = uid('confirm-title');
  const bodyId = uid('confirm-body');
  const ok = h('button', { type: 'button', class: 'danger-button', testid: `${testid}-confirm` }, t(confirmKey));
  const cancel = h('button', { type: 'button', class: 'secondary', testid: `${testid}-cancel`, autofocus: true }, t('common.cancel'));
  const dialog = h('dialog', { class: 'confirm-dialog', testid, attrs: { 'aria-labelledby': titleId, 'aria-describedby': bodyId } },
    h('h2', { id: titleId }, t(titleKey)), h('p', { id: bodyId }, t(bodyKey)),
    h('div', { class: 'button-row' }, cancel, ok));
  document.body.append(dialog);
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const finish = (confirmed) => {
      if (dialog.open) dialog.close();
      dialog.remove();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      resolve(confirmed);
    };
    ok.addEventListener('click', () => finish(true));
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    ctx.own(() => dialog.remove());
    dialog.showModal();
    cancel.focus();
  });
}

/** The speaker, the queue with give-floor / lower-hand per person, give floor to anyone, speaker limit. */
export function createFloorControls(ctx) {
  const next = button('floor-next', 'primary', () => ctx.send(commands.giveFloor()));
  setAttr(next, 'aria-keyshortcuts', 'F');
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
  const end = button('meeting-end', 'danger-button', async () => {
    const sure = await confirmDialog(ctx, { testid: 'confirm-end', titleKey: 'console.endConfirmTitle', bodyKey: 'console.endConfirmBody', confirmKey: 'meeting.end' });
    if (sure) ctx.send(commands.endMeeting());
  });
  const finalize = button('minutes-finalize', 'danger-button', async () => {
    const sure = await confirmDialog(ctx, { testid: 'confirm-finalize', titleKey: 'console.finalizeConfirmTitle', bodyKey: 'console.finalizeConfirmBody', confirmKey: 'minutes.finalize' });
    if (sure) ctx.send(commands.finalizeMinutes());
  });
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
