// Motions: the live result as a bar chart (or "N have voted" while the results are hidden), and the voting
// buttons of a participant.

import { t } from '../i18n/i18n.js';
import { h, setAttr, setText } from './dom.js';
import * as commands from '../model/commands.js';
import { meetingEnded } from '../model/selectors.js';
import { CHOICES } from '../model/vocabulary.js';

/** How long a closed motion stays on the screen when no other one is open. */
const SHOW_CLOSED_MS = 10 * 60 * 1000;

/** The motions of a state, in opening order. */
export function motionList(state) {
  return Object.values(state.motions || {});
}

/** The most recently opened motion that is still open, or null. */
export function latestOpenMotion(state) {
  const open = motionList(state).filter((m) => m.open);
  return open.length ? open[open.length - 1] : null;
}

/** What the shared screen shows: the latest open motion, else one closed in the last minutes. */
export function motionForScreen(state, now) {
  const open = latestOpenMotion(state);
  if (open) return open;
  const closed = motionList(state).filter((m) => !m.open && m.closedAt && now - m.closedAt < SHOW_CLOSED_MS);
  return closed.length ? closed[closed.length - 1] : null;
}

/** Whether only the number of voters of a motion is known (hidden results while open). */
export function resultsHidden(motion) {
  return motion.open && (motion.hiddenResults || motion.tally.agree === undefined);
}

function ruleText(m) {
  const rule = t(`vote.rule.${m.rule}`);
  const parts = [m.rule === 'at_least_n' ? `${rule} (${m.threshold})` : rule];
  if (m.quorum) parts.push(`${t('ui.labelled', { label: t('vote.quorum') })} ${m.quorum}`);
  if (m.anonymous) parts.push(t('vote.anonymous'));
  if (m.hiddenResults) parts.push(t('vote.hiddenResults'));
  return parts.join(' · ');
}

/**
 * A motion's result: bars for agree / oppose / neutral with counts, or the number of voters while hidden.
 * The element is rebuilt by update(motion); with testids (the screen) it carries data-testid="vote-result"
 * and data-motion-id, data-agree, data-oppose, data-neutral, data-voters, data-outcome (when closed), or
 * data-testid="vote-hidden" while the results are hidden.
 */
export function createMotionResult({ testids = true } = {}) {
  const el = h('div', { class: 'motion-result' });
  const text = h('p', { class: 'motion-text' });
  const meta = h('p', { class: 'motion-meta' });
  const bars = h('div', { class: 'bars' });
  const rows = {};
  for (const choice of CHOICES) {
    const label = h('span', { class: 'bar-label' });
    const fillEl = h('span', { class: `bar-fill bar-${choice}` });
    const count = h('span', { class: 'bar-count' });
    rows[choice] = { label, fillEl, count };
    bars.append(h('div', { class: 'bar-row' }, label, h('span', { class: 'bar-track', attrs: { 'aria-hidden': 'true' } }, fillEl), count));
  }
  const hiddenLine = h('p', { class: 'motion-hidden' });
  const footer = h('p', { class: 'motion-footer' });
  el.append(text, meta, bars, hiddenLine, footer);

  function update(m) {
    el.hidden = !m;
    if (!m) return;
    setText(text, m.text);
    setText(meta, ruleText(m));
    const hidden = resultsHidden(m);
    const tally = m.tally || {};
    const voters = tally.voters || 0;
    el.dataset.motionId = m.id;
    el.classList.toggle('is-hidden', hidden);
    el.classList.toggle('is-open', m.open);
    if (testids) {
      el.dataset.testid = hidden ? 'vote-hidden' : 'vote-result';
      for (const choice of CHOICES) {
        setAttr(el, `data-${choice}`, hidden ? null : String(tally[choice] || 0));
      }
      setAttr(el, 'data-voters', String(voters));
      setAttr(el, 'data-outcome', m.open ? null : m.outcome || null);
    }
    bars.hidden = hidden;
    hiddenLine.hidden = !hidden;
    if (hidden) {
      setText(hiddenLine, t('vote.votedCount', { n: voters }));
    } else {
      const max = Math.max(1, ...CHOICES.map((c) => tally[c] || 0));
      for (const choice of CHOICES) {
        const n = tally[choice] || 0;
        setText(rows[choice].label, t(`vote.${choice}`));
        setText(rows[choice].count, String(n));
        rows[choice].fillEl.style.setProperty('width', `${((n / max) * 100).toFixed(1)}%`);
      }
    }
    let status;
    if (m.open) status = `${t('vote.open')} · ${t('vote.votedCount', { n: voters })}`;
    else status = `${t(`vote.outcome.${m.outcome}`)} · ${t('vote.votedCount', { n: voters })}${m.present !== undefined ? ` · ${t('ui.present', { n: m.present })}` : ''}`;
    setText(footer, status);
    footer.dataset.outcome = m.open ? 'open' : m.outcome || '';
  }

  return { el, update };
}

/**
 * The voting buttons for the most recent open motion: data-testid vote-agree / vote-oppose / vote-neutral,
 * the own choice marked with aria-pressed and a highlight.
 */
export function createVotePanel(ctx) {
  const text = h('p', { class: 'motion-text' });
  const meta = h('p', { class: 'motion-meta' });
  const buttons = {};
  const row = h('div', { class: 'vote-buttons', attrs: { role: 'group' } });
  for (const choice of CHOICES) {
    buttons[choice] = h('button', {
      type: 'button', class: `vote-button vote-${choice}`, testid: `vote-${choice}`,
      attrs: { 'aria-pressed': 'false' },
      on: { click: () => vote(choice) },
    });
    row.append(buttons[choice]);
  }
  const mine = h('p', { class: 'vote-mine', attrs: { 'aria-live': 'polite' } });
  const result = createMotionResult({ testids: false });
  const none = h('p', { class: 'empty' });
  const el = h('div', { class: 'vote-panel' }, none, text, meta, row, mine, result.el);
  let current = null;

  function vote(choice) {
    if (!current) return;
    ctx.send(commands.castVote(current.id, choice));
  }

  ctx.watch((state) => {
    const m = latestOpenMotion(state);
    current = m;
    none.hidden = Boolean(m);
    setText(none, t('ui.noOpenMotion'));
    for (const node of [text, meta, row, mine]) node.hidden = !m;
    if (!m) {
      // the last closed motion's result stays visible under the buttons
      const list = motionList(state);
      const last = list.length ? list[list.length - 1] : null;
      result.update(last && !last.open ? last : null);
      return;
    }
    setText(text, m.text);
    setText(meta, ruleText(m));
    const own = (m.votes || {})[ctx.me] || null;
    row.dataset.motionId = m.id;
    for (const choice of CHOICES) {
      setText(buttons[choice], t(`vote.${choice}`));
      setAttr(buttons[choice], 'aria-pressed', String(own === choice));
      buttons[choice].classList.toggle('chosen', own === choice);
      buttons[choice].disabled = !ctx.canAct() || meetingEnded(state);
    }
    setText(mine, own ? t('vote.yourVote', { choice: t(`vote.${own}`) }) : t('ui.notVotedYet'));
    result.update(m);
  });
  return el;
}
